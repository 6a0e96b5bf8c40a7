"""Shared fixtures: real Rasa and action servers on free ports, talking over HTTP."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import yaml
from sqlalchemy import select

from bot import processes
from bot.config import PROJECT_ROOT, Settings
from knowledge import db
from knowledge.models import FaqAnswer
from tests.chat import rest_headers

# The production-kind services, required (never skipped). Another database on the same
# server can be chosen so that two suites can run side by side.
POSTGRES_URL = os.environ.get(
    "WEGWIJZER_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_HOST = "127.0.0.1"


@dataclass
class Assistant:
    """A running Rasa server + action server, reached as a channel would reach them."""

    settings: Settings
    servers: dict[str, processes.Server]
    log_dir: Path

    def send(self, sender: str, message: str) -> requests.Response:
        return requests.post(
            f"{self.settings.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            headers=rest_headers(self.settings),
            timeout=60,
        )

    def replies(self, sender: str, message: str) -> list[dict]:
        response = self.send(sender, message)
        assert response.status_code == 200, response.text
        return response.json()

    def parse(self, text: str) -> dict:
        response = requests.post(
            f"{self.settings.rasa_url}/model/parse",
            params={"token": self.settings.rasa_token},
            json={"text": text},
            timeout=60,
        )
        assert response.status_code == 200, response.text
        return response.json()

    def tracker(self, sender: str) -> dict:
        response = requests.get(
            f"{self.settings.rasa_url}/conversations/{sender}/tracker",
            params={"token": self.settings.rasa_token},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return response.json()

    def restart_rasa(self) -> None:
        self.servers["rasa"].stop()
        self.servers["rasa"] = processes.start("rasa", self.settings, self.log_dir)

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()


def start_assistant(settings: Settings, log_dir: Path, timeout: float = 300) -> Assistant:
    if not Path(settings.model_path).exists():
        pytest.fail("No trained model: run the tests with `make test`, which trains one first.")
    servers = {"actions": processes.start("actions", settings, log_dir, timeout)}
    try:
        servers["rasa"] = processes.start("rasa", settings, log_dir, timeout)
    except Exception:
        servers["actions"].stop()
        raise
    return Assistant(settings, servers, log_dir)


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """One assistant for the whole session, on a private SQLite tracker store."""
    tmp = tmp_path_factory.mktemp("assistant")
    settings = processes.settings_on_free_ports(f"sqlite:///{tmp / 'tracker.db'}")
    running = start_assistant(settings, tmp / "logs")
    yield running
    running.stop()


class KnownTexts:
    """Everything Wegwijzer can say: domain.yml's responses (with their {placeholders}
    filled in by anything) and the knowledge base's FAQ answers."""

    def __init__(self, texts: set[str]) -> None:
        self.exact = {t for t in texts if "{" not in t}
        self.patterns = [
            re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(t)), re.DOTALL)
            for t in texts
            if "{" in t
        ]

    def match(self, text: str) -> bool:
        return text in self.exact or any(p.fullmatch(text) for p in self.patterns)


@pytest.fixture(scope="session")
def domain_texts() -> KnownTexts:
    """Every text Wegwijzer can say (all Dutch)."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    texts = {
        variation["text"] for variations in domain["responses"].values() for variation in variations
    }
    with db.session() as session:
        texts |= set(session.execute(select(FaqAnswer.text)).scalars())
    return KnownTexts(texts)
