"""`make bench` reads what Wegwijzer stored under load (benchmarks/load/stored.py): a turn
stored twice, a lost turn, a message of another conversation or a second plan is found."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from benchmarks.load.stored import check
from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import db, plans

SCRIPT = ["hallo", "wat is een persoonsvolgend budget", "ik wil mijn ondersteuningsplan maken"]
T0 = datetime(2026, 12, 7, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    db.migrate(url)
    yield url
    db.dispose(url)


def store(db_url: str, conversations: dict[str, list[str]]) -> None:
    """Save each conversation's user messages through Rasa's own SQL tracker store."""
    tracker_store = SQLTrackerStore(
        Domain.empty(), dialect="sqlite", db=db_url[len("sqlite:///") :]
    )
    for sender, messages in conversations.items():
        tracker = DialogueStateTracker(sender, slots=[])
        for message in messages:
            tracker.update(UserUttered(message, {"name": "greet"}))
            tracker.update(ActionExecuted("action_listen"))
        asyncio.run(tracker_store.save(tracker))


def test_conversations_that_went_as_typed_have_no_problems(db_url):
    store(db_url, {"a": SCRIPT, "b": SCRIPT[:2], "c": SCRIPT[:1]})
    with db.session(db_url) as session:
        plans.create_plan(session, "a", CONSENT_TEXT_VERSION, now=T0)
    found = check(db_url, SCRIPT)
    assert (found.conversations, found.user_messages, found.plans) == (3, 6, 1)
    assert found.problems == 0


def test_a_turn_stored_twice_a_lost_turn_and_a_second_plan_are_each_found(db_url):
    store(
        db_url,
        {
            "twice": [SCRIPT[0], SCRIPT[0], SCRIPT[1]],
            "lost": [SCRIPT[0], SCRIPT[2]],
            "crossed": [SCRIPT[0], "een bericht van iemand anders"],
            "two plans": SCRIPT,
        },
    )
    with db.session(db_url) as session:
        first = plans.create_plan(session, "two plans", CONSENT_TEXT_VERSION, now=T0).id
        second = plans.create_plan(session, "another", CONSENT_TEXT_VERSION, now=T0).id
        assert first != second
        plans.link_conversation(session, second, "two plans", now=T0)
    found = check(db_url, SCRIPT)
    assert (found.repeated, found.out_of_order, found.two_plans) == (1, 3, 1)
