"""Conversations survive a restart of the Rasa server, on SQLite and on PostgreSQL.

The PostgreSQL run is the production configuration: PostgreSQL tracker store and Redis
lock store, both the real servers on 127.0.0.1. They are required, never skipped.
"""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy import create_engine, text

from bot import processes
from tests.conftest import POSTGRES_URL, REDIS_HOST, start_assistant

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


def test_sqlite_conversation_continues_after_a_restart(tmp_path):
    settings = processes.settings_on_free_ports(f"sqlite:///{tmp_path / 'tracker.db'}")
    assistant = start_assistant(settings, tmp_path / "logs")
    try:
        converse_across_a_restart(assistant)
    finally:
        assistant.stop()
    assert (tmp_path / "tracker.db").stat().st_size > 0


@pytest.mark.postgres
def test_postgresql_conversation_continues_after_a_restart(tmp_path):
    settings = processes.settings_on_free_ports(POSTGRES_URL, WEGWIJZER_REDIS_HOST=REDIS_HOST)
    assert settings.lock_store_type == "redis"
    assistant = start_assistant(settings, tmp_path / "logs")
    try:
        converse_across_a_restart(assistant)
    finally:
        assistant.stop()
    engine = create_engine(POSTGRES_URL, future=True)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM events")).scalar_one()
    engine.dispose()
    assert stored > 0
