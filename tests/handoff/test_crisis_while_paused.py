"""A crisis message while a worker has the conversation (the bot is paused) is flagged on
the open case at once: bot.handoff.cases.flag_crisis, called by the tracker store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ConversationPaused,
    ConversationResumed,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.handoff import cases
from bot.handoff.teams import DEFAULT_TEAMS_FILE, load_teams
from bot.storage import audit_log, db
from bot.tracker_store import ForgettingSQLTrackerStore, crisis_in
from tests.storage import db_url_fixture  # noqa: F401

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
TEAMS = load_teams(DEFAULT_TEAMS_FILE)


def open_case(session, conversation_id: str = "gesprek-1"):
    return cases.create_case(
        session,
        reason=cases.REQUEST_HUMAN,
        conversation_id=conversation_id,
        channel="rest",
        facts={"place": "Gent"},
        teams=TEAMS,
        now=T0,
    ).case


def test_flag_crisis_makes_the_open_case_urgent_with_a_flag(db_url):
    with db.session(db_url) as session:
        case_id = open_case(session).id
        later = T0 + timedelta(minutes=3)
        flagged = cases.flag_crisis(session, "gesprek-1", now=later)
        assert flagged is not None and flagged.id == case_id
    with db.session(db_url) as session:
        case = cases.case_by_id(session, case_id)
        assert case is not None
        assert case.urgency == "dringend"
        assert case.summary_data["crisis"] is True
        assert case.summary_data["crisis_flagged_at"] == later.isoformat()
        assert case.summary_data["municipality"] == "Gent"  # the rest stays
        actions = [e.action for e in audit_log.entries(session, case_id=case_id)]
        assert "crisis_flag" in actions and "case_escalated" in actions
        # The queue puts it first.
        other = cases.create_case(
            session,
            reason=cases.REQUEST_HUMAN,
            conversation_id="gesprek-0",
            channel="rest",
            facts={"place": "Gent"},
            teams=TEAMS,
            now=T0 - timedelta(hours=1),
        ).case
        assert [c.id for c in cases.queue(session, ["oost-vlaanderen"])] == [case_id, other.id]


def test_flag_crisis_without_an_open_case_does_nothing(db_url):
    with db.session(db_url) as session:
        assert cases.flag_crisis(session, "nobody") is None


def said(text: str, intent: str) -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": 0.9})


def test_a_crisis_is_seen_by_intent_or_by_a_signal_in_the_text():
    assert crisis_in([said("het gaat echt niet meer", "crisis")])
    assert crisis_in([said("ik wil er niet meer zijn", "nlu_fallback")])
    assert not crisis_in([said("dank je wel", "thank"), ActionExecuted("action_listen")])


@pytest.fixture(name="store")
def store_fixture(tmp_path, db_url, monkeypatch):
    monkeypatch.setenv("WEGWIJZER_DB_URL", db_url)  # the application database
    return ForgettingSQLTrackerStore(
        domain=Domain.empty(), dialect="sqlite", db=str(tmp_path / "rasa.db")
    )


def tracker(*events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        "gesprek-1",
        [ActionExecuted("action_listen"), said("ik wil een mens", "request_human"), *events],
    )


async def test_the_store_flags_a_crisis_while_paused(store, db_url):
    with db.session(db_url) as session:
        case_id = open_case(session).id
    await store.save(tracker(ConversationPaused()))  # the worker claims: nothing flagged yet
    with db.session(db_url) as session:
        assert cases.case_by_id(session, case_id).urgency == "gewoon"

    await store.save(tracker(ConversationPaused(), said("ik kan niet meer", "crisis")))

    with db.session(db_url) as session:
        case = cases.case_by_id(session, case_id)
        assert case.urgency == "dringend" and case.summary_data["crisis"] is True
    saved = await store.retrieve("gesprek-1")
    assert saved is not None and saved.is_paused()  # the events are stored as always


async def test_the_store_flags_nothing_when_not_paused_or_for_old_messages(store, db_url):
    with db.session(db_url) as session:
        case_id = open_case(session).id
    # Not paused: the bot answers the crisis itself (action_crisis).
    await store.save(tracker(said("ik kan niet meer", "crisis")))
    # Paused later: the old crisis message is not flagged again.
    await store.save(
        tracker(
            said("ik kan niet meer", "crisis"),
            ConversationResumed(),
            ConversationPaused(),
        )
    )
    with db.session(db_url) as session:
        assert cases.case_by_id(session, case_id).urgency == "gewoon"
