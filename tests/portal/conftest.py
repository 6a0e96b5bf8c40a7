"""Fixtures of the portal tests: a web app on a fresh SQLite app database per test, worker
accounts, and logging in through the login form like a browser."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pytest

from bot import processes
from bot.config import Settings
from bot.handoff import cases
from bot.handoff.teams import DEFAULT_TEAMS_FILE, load_teams
from bot.storage import db, workers
from bot.storage.models import utcnow
from bot.web.app import create_app
from bot.web.portal.auth import COOKIE
from bot.web.portal.common import CLOCK

PASSWORD = "paard-batterij-nietje"
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
TEAMS = load_teams(DEFAULT_TEAMS_FILE)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


class Clock:
    """The portal's clock: the real time plus an offset a test can move forward."""

    def __init__(self) -> None:
        self.offset = timedelta(0)
        self.fixed: datetime | None = None

    def __call__(self) -> datetime:
        return (self.fixed or utcnow()) + self.offset


@dataclass
class Portal:
    """A portal under test: its settings, its clock and a factory of logged-out clients."""

    settings: Settings
    clock: Clock
    new_client: Callable

    @property
    def db_url(self) -> str:
        return self.settings.db_url

    def add_worker(self, username: str, teams=("oost-vlaanderen",), role="worker") -> int:
        with db.session(self.db_url) as session:
            return workers.add_worker(session, username, username.title(), PASSWORD, role, teams).id

    def add_case(self, conversation: str = "gesprek-1", **changes) -> str:
        arguments = {
            "reason": cases.REQUEST_HUMAN,
            "conversation_id": conversation,
            "channel": "rest",
            "facts": {"place": "Gent"},
            "teams": TEAMS,
        } | changes
        with db.session(self.db_url) as session:
            return cases.create_case(session, **arguments).case.id

    def case(self, case_id: str):
        with db.session(self.db_url) as session:
            return cases.case_by_id(session, case_id)

    async def client(self):
        return await self.new_client()

    async def logged_in(self, username: str, teams=("oost-vlaanderen",), role="worker"):
        """A client logged in as a new worker; returns (client, csrf token of its session)."""
        self.add_worker(username, teams, role)
        client = await self.new_client()
        response = await login(client, username, PASSWORD)
        assert response.status == 303, await response.text()
        page = await client.get("/portal")
        return client, csrf_of(await page.text())


async def login(client, username: str, password: str, next_path: str | None = None):
    """Fill in the login form (with its CSRF token) and send it; redirects not followed."""
    form_page = await client.get("/portal/login")
    token = csrf_of(await form_page.text())
    data = {"username": username, "password": password, "csrf_token": token}
    if next_path is not None:
        data["next"] = next_path
    return await client.post("/portal/login", data=data, allow_redirects=False)


def session_cookie(client) -> str | None:
    for cookie in client.session.cookie_jar:
        if cookie.key == COOKIE:
            return cookie.value
    return None


def portal_settings(tmp_path, base: Settings | None = None) -> Settings:
    """A fresh, migrated SQLite app database; Rasa of `base` (default: nothing listens)."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    settings = base or processes.settings_on_free_ports(url)
    settings = replace(settings, db_url=url, portal_secure_cookie=False)
    db.migrate(url)
    return settings


def make_portal(aiohttp_client, settings: Settings) -> Portal:
    clock = Clock()

    async def new_client():
        app = create_app(settings)
        app[CLOCK] = clock
        return await aiohttp_client(app)

    return Portal(settings, clock, new_client)


@pytest.fixture
def portal(aiohttp_client, tmp_path):
    """The portal with Rasa unreachable (its transcript shows as not available)."""
    settings = portal_settings(tmp_path)
    yield make_portal(aiohttp_client, settings)
    db.dispose(settings.db_url)
