"""Conversations survive a restart of the Rasa server, on SQLite and on PostgreSQL.

The PostgreSQL run is the production configuration: PostgreSQL tracker store and Redis
lock store, both the real servers on 127.0.0.1. They are required, never skipped.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from bot import processes
from tests.chat import rest_headers
from tests.conftest import POSTGRES_URL, REDIS_HOST, Assistant, start_assistant

pytestmark = pytest.mark.rasa


def user_messages(tracker: dict) -> list[str]:
    return [event["text"] for event in tracker["events"] if event["event"] == "user"]


def converse_across_a_restart(assistant) -> None:
    sender = secrets.token_hex(12)
    welcome = assistant.replies(sender, "hallo")
    assert "Wegwijzer" in welcome[0]["text"]
    first_miss = assistant.replies(sender, "qzxv plmokn wrtz")
    assert "niet goed begrepen" in first_miss[0]["text"]

    assistant.restart_rasa()

    # The tracker was reloaded from the database: the earlier turns are still there ...
    assert user_messages(assistant.tracker(sender)) == ["hallo", "qzxv plmokn wrtz"]
    # ... and the conversation goes on from where it was: this is the second miss in a
    # row, so Wegwijzer now offers a human.
    second_miss = assistant.replies(sender, "jkdf sdlkfj oiuz")
    assert "Wil je met een mens praten?" in second_miss[0]["text"]
    assert user_messages(assistant.tracker(sender)) == [
        "hallo",
        "qzxv plmokn wrtz",
        "jkdf sdlkfj oiuz",
    ]


def test_sqlite_conversation_continues_after_a_restart(assistant):
    # The session's assistant runs on its own SQLite tracker store.
    assert assistant.settings.db_url.startswith("sqlite:///")
    converse_across_a_restart(assistant)
    database = Path(assistant.settings.db_url.removeprefix("sqlite:///"))
    assert database.stat().st_size > 0


@pytest.fixture(scope="module")
def production_assistant(tmp_path_factory) -> Iterator[Assistant]:
    """The production configuration: PostgreSQL tracker store and Redis lock store."""
    settings = processes.settings_on_free_ports(POSTGRES_URL, WEGWIJZER_REDIS_HOST=REDIS_HOST)
    assert settings.lock_store_type == "redis"
    running = start_assistant(settings, tmp_path_factory.mktemp("production") / "logs")
    yield running
    running.stop()


@pytest.mark.postgres
def test_postgresql_conversation_continues_after_a_restart(production_assistant):
    converse_across_a_restart(production_assistant)
    engine = create_engine(POSTGRES_URL, future=True)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM events")).scalar_one()
    engine.dispose()
    assert stored > 0


@pytest.mark.postgres
def test_two_rasa_servers_share_one_conversation(production_assistant):
    """Rasa's documented way to scale: turns of one conversation go to either server.

    Both servers use the PostgreSQL tracker store and the Redis lock store; each turn
    sees what the other server stored.
    """
    settings = production_assistant.settings
    second_settings = replace(settings, rasa_port=processes.free_port())
    second = processes.start("rasa", second_settings, production_assistant.log_dir)
    try:
        sender = secrets.token_hex(12)
        urls = [settings.rasa_url, second_settings.rasa_url]
        messages = ["hallo", "qzxv plmokn wrtz", "jkdf sdlkfj oiuz"]
        replies = []
        for turn, message in enumerate(messages):
            response = requests.post(
                f"{urls[turn % 2]}/webhooks/rest/webhook",
                json={"sender": sender, "message": message},
                headers=rest_headers(settings),
                timeout=60,
            )
            assert response.status_code == 200
            replies.append(response.json())
    finally:
        second.stop()

    assert "Wegwijzer" in replies[0][0]["text"]
    assert "niet goed begrepen" in replies[1][0]["text"]
    # The second miss in a row, although the first one was handled by the other server.
    assert "Wil je met een mens praten?" in replies[2][0]["text"]
