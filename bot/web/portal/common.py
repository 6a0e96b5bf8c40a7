"""What every part of the support-worker portal shares: app keys, the logged-in worker,
database calls in a thread, Dutch times and the pages for problems.

The storage layer is synchronous SQLAlchemy; every database call of a request runs in the
default executor, in one session that commits at the end (bot.storage.db.session).
"""

from __future__ import annotations

import asyncio
import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import aiohttp
import aiohttp_jinja2
from aiohttp import web

from bot.config import Settings
from bot.handoff.teams import TeamDirectory
from bot.plan_document import dutch_date
from bot.storage.workers import ADMIN

SETTINGS = web.AppKey("portal_settings", Settings)
TEAMS = web.AppKey("portal_teams", TeamDirectory)
HTTP = web.AppKey("portal_http", aiohttp.ClientSession)
# The portal's clock; tests move it forward to let a session expire.
CLOCK: web.AppKey[Callable[[], datetime]] = web.AppKey("portal_clock")

VISITOR = "portal_visitor"  # request key of the logged-in worker
PREFIX = "/portal"
LOGIN_PATH = "/portal/login"
BELGIAN_TIME = ZoneInfo("Europe/Brussels")

_T = TypeVar("_T")


@dataclass(frozen=True)
class Visitor:
    """The worker of this request's session."""

    worker_id: int
    username: str
    display_name: str
    role: str
    team_ids: tuple[str, ...]
    csrf_token: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


async def in_thread(function: Callable[..., _T], *args: Any) -> _T:
    return await asyncio.get_running_loop().run_in_executor(
        None, functools.partial(function, *args)
    )


def settings(request: web.Request) -> Settings:
    return request.app[SETTINGS]


def now(request: web.Request) -> datetime:
    return request.app[CLOCK]()


def visitor(request: web.Request) -> Visitor:
    return request[VISITOR]


def team_name(request: web.Request, team_id: str) -> str:
    team = request.app[TEAMS].get(team_id)
    return team.name if team else team_id


def visible_team_ids(request: web.Request) -> tuple[str, ...]:
    """The teams whose cases the worker sees: their own; an admin sees every team."""
    who = visitor(request)
    return request.app[TEAMS].ids if who.is_admin else who.team_ids


def local_time(moment: datetime) -> str:
    """ "30 november 2026 om 07:40" in Belgian time."""
    local = moment.astimezone(BELGIAN_TIME)
    return f"{dutch_date(local)} om {local:%H:%M}"


def crisis_flagged_at(summary_data: Mapping[str, Any]) -> datetime | None:
    """When a crisis signal came in while a worker had the conversation (or None)."""
    raw = summary_data.get("crisis_flagged_at")
    if not isinstance(raw, str):
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return None


def time_ago(moment: datetime, current: datetime) -> str:
    """How long ago, in plain Dutch: "12 minuten geleden", "3 uur geleden"."""
    seconds = max(0, (current - moment).total_seconds())
    minutes = math.floor(seconds / 60)
    if minutes < 1:
        return "minder dan een minuut geleden"
    if minutes < 60:
        return "1 minuut geleden" if minutes == 1 else f"{minutes} minuten geleden"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} uur geleden"
    days = hours // 24
    return "1 dag geleden" if days == 1 else f"{days} dagen geleden"


def render(
    request: web.Request, template: str, context: Mapping[str, Any], status: int = 200
) -> web.Response:
    """A portal page: the template gets the worker (if logged in) besides `context`."""
    full = {"visitor": request.get(VISITOR), **context}
    return aiohttp_jinja2.render_template(f"portal/{template}", request, full, status=status)


# Problems a worker can meet, in plain Dutch: a title and what to do.
PROBLEMS = {
    "csrf": (
        403,
        "Dit formulier is verlopen",
        "Om veiligheidsredenen kunnen we dit formulier niet verwerken. Ga terug, "
        "laad de pagina opnieuw en probeer het nog eens.",
    ),
    "forbidden": (
        403,
        "Deze vraag is niet voor jouw team",
        "Je kan alleen de vragen van je eigen team openen.",
    ),
    "admin_only": (
        403,
        "Alleen voor beheerders",
        "Deze pagina is alleen voor beheerders van het portaal.",
    ),
    "not_found": (
        404,
        "Deze pagina bestaat niet",
        "Misschien is de link niet juist, of bestaat de vraag niet meer.",
    ),
    "unavailable": (
        503,
        "Het portaal werkt nu niet",
        "Er ging iets mis bij het ophalen van de gegevens. Probeer het over een paar "
        "minuten opnieuw.",
    ),
}


def see_other(location: str) -> web.Response:
    """A 303 redirect (after a POST, or to the login page)."""
    return web.Response(status=303, headers={"Location": location})


def problem(request: web.Request, key: str) -> web.Response:
    status, title, text = PROBLEMS[key]
    return render(request, "problem.html", {"title": title, "text": text}, status=status)


class Refused(Exception):
    """A request that ends on a problem page (`PROBLEMS` key)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key
