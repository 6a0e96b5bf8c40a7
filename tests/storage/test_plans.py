"""Plans, answers, versions and conversation links."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, select

from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import db, plans
from bot.storage.models import Consent, Plan, PlanAnswer, PlanConversation, PlanVersion
from tests.storage import db_url_fixture  # noqa: F401

T0 = datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc)


def new_plan(db_url: str, conversation_id: str = "gesprek-1") -> str:
    with db.session(db_url) as session:
        return plans.create_plan(session, conversation_id, CONSENT_TEXT_VERSION, now=T0).id


def test_create_plan_with_consent_and_link(db_url):
    with db.session(db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0)
        plan_id, token = plan.id, plan.document_token
    assert re.fullmatch(r"[0-9a-f]{32}", plan_id)
    assert len(token) >= 43

    with db.session(db_url) as session:
        assert plans.plan_by_id(session, plan_id).document_token == token
        assert plans.plan_by_token(session, token).id == plan_id
        assert plans.plan_for_conversation(session, "gesprek-1").id == plan_id
        assert plans.plan_by_id(session, "0" * 32) is None
        assert plans.plan_by_token(session, "niet-bestaand") is None
        assert plans.plan_by_token(session, "") is None
        assert plans.plan_for_conversation(session, "ander-gesprek") is None
        consent = session.execute(select(Consent)).scalar_one()
        assert (consent.plan_id, consent.conversation_id) == (plan_id, "gesprek-1")
        assert consent.text_version == CONSENT_TEXT_VERSION
        assert consent.given_at == T0
        stored = plans.plan_by_id(session, plan_id)
        assert stored.created_at == T0 and stored.created_at.tzinfo is not None


def test_tokens_and_ids_differ_per_plan(db_url):
    with db.session(db_url) as session:
        created = [plans.create_plan(session, f"g{n}", CONSENT_TEXT_VERSION) for n in range(5)]
    assert len({plan.id for plan in created}) == 5
    assert len({plan.document_token for plan in created}) == 5


def test_answers_upsert_delete_and_cut_off(db_url):
    plan_id = new_plan(db_url)
    later = T0 + timedelta(minutes=5)
    with db.session(db_url) as session:
        plans.save_answer(session, plan_id, "good_day", "Wandelen met de hond", now=T0)
        plans.save_answer(session, plan_id, "good_day", "Fietsen naar de markt", now=later)
        plans.save_answer(session, plan_id, "strengths", "x" * 5000, now=later)
        plans.save_answer(session, plan_id, "hard_now", "Koken", now=later)
        plans.save_answer(session, plan_id, "hard_now", None, now=later)
        plans.save_answer(session, plan_id, "never_given", None, now=later)
    with db.session(db_url) as session:
        stored = plans.answers(session, plan_id)
        assert stored == {"good_day": "Fietsen naar de markt", "strengths": "x" * 4000}
        assert plans.plan_by_id(session, plan_id).updated_at == later
        assert session.execute(select(func.count()).select_from(PlanAnswer)).scalar() == 2


def test_delete_answers_by_prefix(db_url):
    plan_id = new_plan(db_url)
    with db.session(db_url) as session:
        for number in (1, 2, 12):
            plans.save_answer(session, plan_id, f"network.{number}.name", f"Persoon {number}")
        plans.save_answer(session, plan_id, "good_day", "Zon")
        plans.delete_answers(session, plan_id, "network.1.")
    with db.session(db_url) as session:
        assert plans.answers(session, plan_id) == {
            "good_day": "Zon",
            "network.12.name": "Persoon 12",
            "network.2.name": "Persoon 2",
        }


def test_link_conversation_is_idempotent_and_latest_link_wins(db_url):
    first = new_plan(db_url, "gesprek-1")
    second = new_plan(db_url, "gesprek-2")
    with db.session(db_url) as session:
        plans.link_conversation(session, first, "gesprek-3", now=T0 + timedelta(minutes=1))
        plans.link_conversation(session, first, "gesprek-3", now=T0 + timedelta(minutes=1))
        plans.link_conversation(session, second, "gesprek-3", now=T0 + timedelta(minutes=2))
    with db.session(db_url) as session:
        assert plans.plan_for_conversation(session, "gesprek-3").id == second
        plans.link_conversation(session, first, "gesprek-3", now=T0 + timedelta(minutes=3))
    with db.session(db_url) as session:
        assert plans.plan_for_conversation(session, "gesprek-3").id == first
        links = session.execute(
            select(func.count())
            .select_from(PlanConversation)
            .where(PlanConversation.conversation_id == "gesprek-3")
        ).scalar()
        assert links == 2


def test_plan_survives_a_restart(db_url):
    with db.session(db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION)
        plans.save_answer(session, plan.id, "what_matters", "Mijn zus en mijn kat")
        plans.save_version(session, plan.id)
        plan_id, token = plan.id, plan.document_token

    db.dispose(db_url)  # as if the server process stopped

    with db.session(db_url) as session:
        assert plans.plan_for_conversation(session, "gesprek-1").id == plan_id
        assert plans.plan_by_token(session, token).id == plan_id
        assert plans.answers(session, plan_id) == {"what_matters": "Mijn zus en mijn kat"}
        assert [version.number for version in plans.versions(session, plan_id)] == [1]


def test_session_rolls_back_on_error(db_url):
    with pytest.raises(RuntimeError), db.session(db_url) as session:
        plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION)
        raise RuntimeError("stop")
    with db.session(db_url) as session:
        assert plans.plan_for_conversation(session, "gesprek-1") is None
        assert session.execute(select(func.count()).select_from(Plan)).scalar() == 0


def test_versions_count_up_and_keep_old_content(db_url):
    plan_id = new_plan(db_url)
    with db.session(db_url) as session:
        plans.save_answer(session, plan_id, "good_day", "Zwemmen")
        assert plans.save_version(session, plan_id, now=T0) == 1
    with db.session(db_url) as session:
        plans.save_answer(session, plan_id, "good_day", "Schilderen")
        plans.save_answer(session, plan_id, "network.1.name", "Ana")
        assert plans.save_version(session, plan_id, now=T0 + timedelta(days=1)) == 2
        assert plans.save_version(session, plan_id, now=T0 + timedelta(days=2)) == 3
    other = new_plan(db_url, "gesprek-2")
    with db.session(db_url) as session:
        assert plans.save_version(session, other) == 1
        stored = plans.versions(session, plan_id)
    assert [version.number for version in stored] == [1, 2, 3]
    assert stored[0].answers == {"good_day": "Zwemmen"}
    assert stored[1].answers == {"good_day": "Schilderen", "network.1.name": "Ana"}
    assert stored[0].created_at == T0
    assert stored[2].created_at == T0 + timedelta(days=2)


def test_parallel_writers(db_url):
    """Two writers at once (like the Rasa server and the action server) both succeed."""
    plan_id = new_plan(db_url)

    def write(worker: int) -> None:
        for number in range(25):
            with db.session(db_url) as session:
                plans.save_answer(session, plan_id, f"network.{worker}.name", f"Naam {number}")
                plans.save_answer(session, plan_id, f"w{worker}.{number}", "ja")
                plans.answers(session, plan_id)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(write, (1, 2)))
    with db.session(db_url) as session:
        stored = plans.answers(session, plan_id)
    assert len(stored) == 52
    assert stored["network.1.name"] == stored["network.2.name"] == "Naam 24"


def test_deleting_a_plan_cascades(db_url):
    plan_id = new_plan(db_url)
    with db.session(db_url) as session:
        plans.save_answer(session, plan_id, "good_day", "Zwemmen")
        plans.save_version(session, plan_id)
    with db.session(db_url) as session:
        session.execute(delete(Plan).where(Plan.id == plan_id))
    with db.session(db_url) as session:
        for model in (PlanAnswer, PlanVersion, PlanConversation, Consent):
            assert session.execute(select(func.count()).select_from(model)).scalar() == 0


def test_network_members():
    answers = {
        "good_day": "Zwemmen",
        "network.2.name": "Bram",
        "network.2.relation": "buurman",
        "network.10.name": "Ceyda",
        "network.1.name": "Ana",
        "network.1.relation": "zus",
        "network.1.does_now": "Boodschappen",
        "network.1.could_do": "Samen koken",
        "network.x.name": "ongeldig",
    }
    assert plans.network_members(answers) == [
        {"name": "Ana", "relation": "zus", "does_now": "Boodschappen", "could_do": "Samen koken"},
        {"name": "Bram", "relation": "buurman"},
        {"name": "Ceyda"},
    ]
    assert plans.network_members({}) == []
    assert plans.next_member_number(answers) == 11
    assert plans.next_member_number({"good_day": "Zwemmen"}) == 1
    assert plans.next_member_number({"network.1.name": "Ana"}) == 2


# --- plan links -------------------------------------------------------------------------------


def test_a_plan_link_works_for_the_link_days_then_expires(db_url):
    with db.session(db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0, link_days=30)
        plan_id, token = plan.id, plan.document_token
    end = T0 + timedelta(days=30)
    with db.session(db_url) as session:
        assert plans.plan_by_id(session, plan_id).document_token_expires_at == end
        found = plans.plan_by_link(session, token, now=end - timedelta(seconds=1))
        assert (found.status, found.plan.id) == ("ok", plan_id)
        assert plans.plan_by_link(session, token, now=end) == plans.LinkLookup("expired")
        assert plans.plan_by_link(session, "niet-bestaand", now=T0) == plans.LinkLookup("not_found")


def test_a_plan_from_before_the_expiry_column_expires_after_its_creation(db_url):
    plan_id = new_plan(db_url)
    with db.session(db_url) as session:
        plan = plans.plan_by_id(session, plan_id)
        plan.document_token_expires_at = None
        token = plan.document_token
    with db.session(db_url) as session:
        assert plans.plan_by_link(session, token, T0 + timedelta(days=9), link_days=10).plan
        assert plans.plan_by_link(session, token, T0 + timedelta(days=10), link_days=10) == (
            plans.LinkLookup("expired")
        )


def test_a_new_link_kills_the_old_one_at_once(db_url):
    with db.session(db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0, link_days=30)
        plan_id, old = plan.id, plan.document_token
    later = T0 + timedelta(days=40)  # also after the old link expired
    with db.session(db_url) as session:
        new = plans.new_plan_link(session, plan_id, now=later, link_days=30).document_token
    assert new != old and len(new) >= 43
    with db.session(db_url) as session:
        assert plans.plan_by_link(session, old, now=later) == plans.LinkLookup("not_found")
        assert plans.plan_by_link(session, new, now=later).plan.id == plan_id
        expired = later + timedelta(days=30)
        assert plans.plan_by_link(session, new, now=expired) == plans.LinkLookup("expired")
        assert plans.new_plan_link(session, "0" * 32) is None


def test_extending_a_link_lets_it_work_the_link_days_from_now(db_url):
    with db.session(db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0, link_days=30)
        plan_id, token = plan.id, plan.document_token
    at = T0 + timedelta(days=35)  # already expired: extending revives it
    with db.session(db_url) as session:
        assert plans.plan_by_link(session, token, now=at).status == "expired"
        plans.extend_plan_link(session, plan_id, now=at, link_days=30)
    with db.session(db_url) as session:
        assert plans.plan_by_id(session, plan_id).document_token == token  # the same link
        assert plans.plan_by_link(session, token, now=at + timedelta(days=29)).status == "ok"
        assert plans.plan_by_link(session, token, now=at + timedelta(days=30)).status == "expired"
        assert plans.extend_plan_link(session, "0" * 32) is None


# --- linked conversations ---------------------------------------------------------------------


def test_linked_conversations_name_no_ids_and_mark_the_current_one(db_url):
    plan_id = new_plan(db_url, "gesprek-1")
    with db.session(db_url) as session:
        plans.link_conversation(session, plan_id, "gesprek-2", now=T0 + timedelta(days=1))
        plans.link_conversation(session, plan_id, "gesprek-3", now=T0 + timedelta(days=2))
        linked = plans.linked_conversations(session, plan_id, "gesprek-2")
    assert [(c.linked_at, c.current) for c in linked] == [
        (T0, False),
        (T0 + timedelta(days=1), True),
        (T0 + timedelta(days=2), False),
    ]
    refs = [c.ref for c in linked]
    assert len(set(refs)) == 3
    assert all(re.fullmatch(r"[0-9a-f]{16}", ref) for ref in refs)
    assert not any("gesprek" in ref or plan_id in ref for ref in refs)


def test_unlinking_a_conversation_stops_it_reaching_the_plan(db_url):
    plan_id = new_plan(db_url, "eigenaar")
    with db.session(db_url) as session:
        plans.link_conversation(session, plan_id, "vreemde", now=T0 + timedelta(days=1))
        stranger = next(
            c for c in plans.linked_conversations(session, plan_id, "eigenaar") if not c.current
        )
        own = next(c for c in plans.linked_conversations(session, plan_id, "eigenaar") if c.current)
        # The asking conversation cannot unlink itself ("vergeet mij" is for that).
        assert not plans.unlink_conversation(session, plan_id, own.ref, "eigenaar")
        assert plans.unlink_conversation(session, plan_id, stranger.ref, "eigenaar")
        assert not plans.unlink_conversation(session, plan_id, stranger.ref, "eigenaar")
    with db.session(db_url) as session:
        assert plans.plan_for_conversation(session, "vreemde") is None
        assert not plans.is_linked(session, plan_id, "vreemde")
        assert plans.is_linked(session, plan_id, "eigenaar")
        assert [c.current for c in plans.linked_conversations(session, plan_id, "eigenaar")] == [
            True
        ]


def test_a_reference_is_worthless_for_another_plan_or_in_another_form(db_url):
    plan_a = new_plan(db_url, "a-1")
    plan_b = new_plan(db_url, "b-1")
    with db.session(db_url) as session:
        plans.link_conversation(session, plan_a, "a-2", now=T0)
        plans.link_conversation(session, plan_b, "a-2", now=T0)
        ref_in_a = plans.conversation_ref(plan_a, "a-2")
        assert ref_in_a != plans.conversation_ref(plan_b, "a-2")
        # The owner of plan B cannot use a reference seen in plan A.
        assert not plans.unlink_conversation(session, plan_b, ref_in_a, "b-1")
        for bad in ("", "a-2", ref_in_a.upper(), ref_in_a + "0", "' OR 1=1 --"):
            assert not plans.unlink_conversation(session, plan_a, bad, "a-1")
        assert plans.is_linked(session, plan_a, "a-2") and plans.is_linked(session, plan_b, "a-2")
