"""The tracker store forgets: after "vergeet mij" (also a turn still running in another
conversation cannot write its events back) and after consent is refused. After "vergeet
mij" no table of the tracker store or the application database holds the sender id, an
answer, a name or the plan token."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.handoff import cases
from bot.handoff.teams import DEFAULT_TEAMS_FILE, load_teams
from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import db, plans, privacy, resume_codes
from bot.tracker_store import ForgettingSQLTrackerStore
from tests.storage import database_text, empty_db_url_fixture  # noqa: F401

DOMAIN = Domain.from_dict(
    {
        "slots": {
            name: {"type": "text", "mappings": [{"type": "custom"}]}
            for name in ("consent", "plan_id", "requested_slot")
        }
    }
)


@pytest.fixture(name="db_url")
def one_database_fixture(empty_db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """One fresh database for the tracker store and the application (as in production)."""
    db.migrate(empty_db_url)
    monkeypatch.setenv("WEGWIJZER_DB_URL", empty_db_url)
    yield empty_db_url


@pytest.fixture(name="store")
def store_fixture(db_url: str) -> Iterator[ForgettingSQLTrackerStore]:
    store = ForgettingSQLTrackerStore(domain=DOMAIN, host=db_url)
    yield store
    store.engine.dispose()


def conversation_id() -> str:
    return secrets.token_urlsafe(18)


def said(text: str, intent: str = "inform", at: float | None = None) -> UserUttered:
    return UserUttered(
        text, {"name": intent, "confidence": 0.9}, timestamp=time.time() if at is None else at
    )


def tracker(sender_id: str, *events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender_id, [ActionExecuted("action_listen"), *events], slots=DOMAIN.slots
    )


async def stored_events(store: ForgettingSQLTrackerStore, sender_id: str) -> int:
    found = await store.retrieve_full_tracker(sender_id)
    return 0 if found is None else len(found.events)


async def test_a_forgotten_conversation_cannot_write_its_events_back(store, db_url):
    talker = conversation_id()
    running_turn = tracker(talker, said("ik heet Wendelien"), BotUttered("Dag Wendelien"))
    with db.session(db_url) as session:
        privacy.delete_everything(session, talker)

    await store.save(running_turn)  # the turn that was running ends after the deletion

    assert await stored_events(store, talker) == 0
    assert "Wendelien" not in str(database_text(db_url))


async def test_a_forgotten_conversation_may_start_afresh(store, db_url):
    talker = conversation_id()
    with db.session(db_url) as session:
        privacy.delete_everything(session, talker)
    time.sleep(0.01)

    await store.save(tracker(talker, said("hallo")))

    assert await stored_events(store, talker) == 2


async def test_forget_me_deletes_the_conversation_after_the_turn(store, db_url):
    talker = conversation_id()
    await store.save(tracker(talker, said("hallo")))
    forgetting = tracker(
        talker,
        said("hallo"),
        said("ja, wis alles", "affirm"),
        ActionExecuted("action_delete_my_data"),
        BotUttered("Alles is gewist."),
    )

    await store.save(forgetting)

    assert await stored_events(store, talker) == 0


def refusal(sender_id: str, *before) -> DialogueStateTracker:
    return tracker(
        sender_id,
        said("wat is een PVB?", "faq"),
        *before,
        said("ik wil mijn plan maken", "start_intake"),
        ActionExecuted("intake_form"),
        said("nee", "deny"),
        SlotSet("consent", "nee"),
        ActionExecuted("action_finish_intake"),
        BotUttered("Dat is goed. Ik bewaar niets over jou en ik wis dit gesprek."),
        SlotSet("consent", None),
    )


async def test_a_refused_consent_deletes_the_conversation_at_once(store):
    talker = conversation_id()
    await store.save(tracker(talker, said("wat is een PVB?", "faq")))
    assert await stored_events(store, talker) == 2

    await store.save(refusal(talker))

    assert await stored_events(store, talker) == 0
    # Later messages are kept as any conversation without consent (until the purge).
    await store.save(tracker(talker, said("wat is een budget?", "faq")))
    assert await stored_events(store, talker) == 2


async def test_a_refusal_in_a_conversation_with_a_plan_deletes_nothing(store):
    talker = conversation_id()
    await store.save(refusal(talker, SlotSet("plan_id", "a" * 32)))
    assert await stored_events(store, talker) > 0


async def test_a_refusal_keeps_the_conversation_while_its_hand_off_case_is_open(store, db_url):
    talker = conversation_id()
    with db.session(db_url) as session:
        case = cases.create_case(
            session,
            reason=cases.CRISIS,
            conversation_id=talker,
            channel="rest",
            teams=load_teams(DEFAULT_TEAMS_FILE),
        ).case
    await store.save(refusal(talker))
    assert await stored_events(store, talker) > 0
    with db.session(db_url) as session:
        cases.close(session, case.id, None, "geholpen")
    await store.save(refusal(talker))
    assert await stored_events(store, talker) == 0


async def test_after_forget_me_no_table_holds_anything_of_the_person(store, db_url):
    """Scans every column of every table (tracker store and application database, one
    database as in production) for the sender ids, answers, names, code and plan token."""
    current, earlier_tab, bystander = conversation_id(), conversation_id(), conversation_id()
    name, answer = f"Wendelien{secrets.token_hex(4)}", f"Paardrijden {secrets.token_hex(4)}"
    with db.session(db_url) as session:
        plan = plans.create_plan(session, earlier_tab, CONSENT_TEXT_VERSION)
        plan_id, token = plan.id, plan.document_token
        plans.save_answer(session, plan_id, "network.1.name", name)
        plans.save_answer(session, plan_id, "good_day", answer)
        plans.save_version(session, plan_id)
        code = resume_codes.issue_code(session, plan_id)
        plans.link_conversation(session, plan_id, current)
        privacy.record_consent(session, plan_id, current)
    await store.save(
        tracker(
            earlier_tab,
            said(f"mijn zus {name} helpt mij"),
            said(answer),
            BotUttered(f"Je plan: https://wegwijzer.example.org/plan/{token}"),
            SlotSet("plan_id", plan_id),
        )
    )
    await store.save(tracker(current, said(f"verder met {code}")))
    await store.save(tracker(bystander, said("hallo")))
    running_in_earlier_tab = tracker(earlier_tab, said(f"{name} komt morgen"), said(answer))

    with db.session(db_url) as session:
        privacy.delete_everything(session, current, browser_conversations=[earlier_tab])
    await store.save(running_in_earlier_tab)
    await store.save(
        tracker(current, said("ja, wis alles", "affirm"), ActionExecuted("action_delete_my_data"))
    )

    found = database_text(db_url)
    for needle in (current, earlier_tab, name, answer, token, plan_id, code):
        hits = [(table, column) for table, column, value in found if needle in value]
        assert hits == [], f"{needle!r} still in {hits}"
    assert await stored_events(store, bystander) == 2


async def test_without_application_tables_the_store_still_saves(tmp_path, monkeypatch):
    monkeypatch.setenv("WEGWIJZER_DB_URL", f"sqlite:///{tmp_path / 'leeg.db'}")
    store = ForgettingSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'rasa.db'}")
    talker = conversation_id()
    try:
        await store.save(tracker(talker, said("hallo")))
        assert await stored_events(store, talker) == 2
    finally:
        store.engine.dispose()
        db.dispose(f"sqlite:///{tmp_path / 'leeg.db'}")


async def one_turn(store: ForgettingSQLTrackerStore, talker: str, text: str) -> None:
    """A turn as the Rasa server runs it: load the conversation, add the turn, save it."""
    loaded = await store.get_or_create_tracker(talker)
    for event in (said(text), BotUttered(f"antwoord op {text}"), ActionExecuted("action_listen")):
        loaded.update(event)
    await store.save(loaded)


async def test_every_turn_is_stored_once_in_order(store):
    talker = conversation_id()
    for number in range(6):
        await one_turn(store, talker, f"vraag {number}")

    found = await store.retrieve_full_tracker(talker)
    texts = [event.text for event in found.events if isinstance(event, UserUttered)]
    assert texts == [f"vraag {number}" for number in range(6)]


async def test_saving_the_same_tracker_twice_stores_nothing_twice(store):
    talker = conversation_id()
    await one_turn(store, talker, "hallo")
    loaded = await store.retrieve(talker)
    loaded.update(said("ik zoek een dagcentrum"))

    await store.save(loaded)
    await store.save(loaded)
    loaded.update(said("in Gent"))
    await store.save(loaded)

    found = await store.retrieve_full_tracker(talker)
    texts = [event.text for event in found.events if isinstance(event, UserUttered)]
    assert texts == ["hallo", "ik zoek een dagcentrum", "in Gent"]


async def test_a_new_session_in_a_turn_keeps_the_earlier_one(store):
    talker = conversation_id()
    await one_turn(store, talker, "hallo")
    loaded = await store.retrieve(talker)
    for event in (
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        said("ik ben terug"),
    ):
        loaded.update(event)
    await store.save(loaded)
    await one_turn(store, talker, "verder met mijn plan")

    latest = await store.retrieve(talker)
    everything = await store.retrieve_full_tracker(talker)
    assert [e.text for e in latest.events if isinstance(e, UserUttered)] == [
        "ik ben terug",
        "verder met mijn plan",
    ]
    assert [e.text for e in everything.events if isinstance(e, UserUttered)] == [
        "hallo",
        "ik ben terug",
        "verder met mijn plan",
    ]
