"""What is stored about a conversation, and deleting all of it."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import db, plans, privacy, resume_codes
from bot.storage.models import AuditEntry, Consent, ResumeAttempt, ResumeCode
from tests.storage import (
    add_rasa_events,
    database_text,
    db_url_fixture,  # noqa: F401
    empty_db_url_fixture,  # noqa: F401
    rasa_event_count,
)

T0 = datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc)


def conversation(label: str) -> str:
    # Unique per run: the PostgreSQL `events` table is shared with other tests.
    return f"{label}-{secrets.token_hex(8)}"


def wrong_guess(session, conversation_id: str) -> None:
    """A wrong resume code counted for this conversation (as resume_codes.redeem does)."""
    session.add(ResumeAttempt(conversation_id=conversation_id, attempted_at=T0))
    session.flush()


def continue_plan(session, plan_id: str, conversation_id: str) -> None:
    """The conversation continues the plan with a code (as resume_codes.redeem and
    ActionResumeIntake do)."""
    plans.link_conversation(session, plan_id, conversation_id)
    privacy.record_consent(session, plan_id, conversation_id)


def plan_review_case(session, conversation_id: str, plan_id: str):
    """A hand-off case asking a worker to review the plan, from this conversation."""
    from bot.handoff import cases
    from bot.handoff.teams import DEFAULT_TEAMS_FILE, load_teams

    return cases.create_case(
        session,
        reason=cases.PLAN_REVIEW,
        conversation_id=conversation_id,
        channel="rest",
        facts={"place": "Genk"},
        plan_id=plan_id,
        teams=load_teams(DEFAULT_TEAMS_FILE),
        now=T0,
    )


def audit_rows(db_url: str) -> list[AuditEntry]:
    with db.session(db_url) as session:
        return list(session.execute(select(AuditEntry)).scalars())


def test_stored_data(db_url):
    first, second = conversation("eerste"), conversation("tweede")
    with db.session(db_url) as session:
        assert privacy.stored_data(session, first) is None
        plan = plans.create_plan(session, first, CONSENT_TEXT_VERSION, now=T0)
        plans.save_answer(session, plan.id, "good_day", "Naar de markt")
        plans.save_answer(session, plan.id, "network.1.name", "Ana")
        plans.save_version(session, plan.id)
        code = resume_codes.issue_code(session, plan.id)
        assert resume_codes.redeem(session, code, second).status == "ok"  # used: gone
        resume_codes.issue_code(session, plan.id)  # paused again: the one active code
    with db.session(db_url) as session:
        for conversation_id in (first, second):
            assert privacy.stored_data(session, conversation_id) == {
                "consents": [{"given_at": T0, "text_version": CONSENT_TEXT_VERSION}],
                "answers": {"good_day": "Naar de markt", "network.1.name": "Ana"},
                "versions": 1,
                "active_codes": 1,
                "conversations": 2,
            }


def test_delete_everything_leaves_no_trace(db_url):
    first, second, bystander = conversation("eerste"), conversation("tweede"), conversation("a")
    secret_answers = {
        "good_day": f"Zwemmen met Tante {secrets.token_hex(6)}",
        "network.1.name": f"Buurvrouw {secrets.token_hex(6)}",
        "hard_now": f"Geheim {secrets.token_hex(6)}",
    }
    with db.session(db_url) as session:
        plan = plans.create_plan(session, first, CONSENT_TEXT_VERSION)
        plan_id, token = plan.id, plan.document_token
        for key, value in secret_answers.items():
            plans.save_answer(session, plan_id, key, value)
        plans.save_version(session, plan_id)
        code = resume_codes.issue_code(session, plan_id)
        # The second conversation guesses wrong once, then continues the plan.
        wrong_guess(session, second)
        continue_plan(session, plan_id, second)
        plans.save_version(session, plan_id)
        wrong_guess(session, bystander)
    add_rasa_events(db_url, first, "hallo", secret_answers["good_day"])
    add_rasa_events(db_url, second, code)
    add_rasa_events(db_url, bystander, "hoi")

    with db.session(db_url) as session:
        removed = privacy.delete_everything(session, second)
    assert removed[0] == second
    assert sorted(removed) == sorted([first, second])

    needles = [plan_id, first, second, token, *secret_answers.values()]
    for table, column, value in database_text(db_url):
        for needle in needles:
            assert needle not in value, f"{needle!r} still in {table}.{column}"

    assert rasa_event_count(db_url, first) == 0
    assert rasa_event_count(db_url, second) == 0
    assert rasa_event_count(db_url, bystander) == 1
    with db.session(db_url) as session:
        attempts = session.execute(select(ResumeAttempt.conversation_id)).scalars().all()
        assert attempts == [bystander]
        assert privacy.stored_data(session, first) is None
        assert plans.plan_by_token(session, token) is None
        assert session.execute(select(ResumeCode)).scalars().all() == []
    assert code not in str(database_text(db_url))

    rows = audit_rows(db_url)
    assert [row.event for row in rows] == ["data_deleted"]
    assert rows[0].at.tzinfo is not None


def test_delete_everything_without_plan(db_url):
    talker, bystander = conversation("prater"), conversation("ander")
    add_rasa_events(db_url, talker, "hallo", "wat is een PVB?")
    add_rasa_events(db_url, bystander, "hoi")
    with db.session(db_url) as session:
        wrong_guess(session, talker)
    with db.session(db_url) as session:
        assert privacy.delete_everything(session, talker, now=T0) == [talker]
    assert rasa_event_count(db_url, talker) == 0
    assert rasa_event_count(db_url, bystander) == 1
    assert not any(talker in value for _table, _column, value in database_text(db_url))
    rows = audit_rows(db_url)
    assert [(row.event, row.at) for row in rows] == [("data_deleted", T0)]


def test_delete_everything_without_rasa_table(empty_db_url):
    db.migrate(empty_db_url)
    with db.session(empty_db_url) as session:
        plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION)
    with db.session(empty_db_url) as session:
        assert privacy.delete_everything(session, "gesprek-1") == ["gesprek-1"]
        assert plans.plan_for_conversation(session, "gesprek-1") is None
    assert [row.event for row in audit_rows(empty_db_url)] == ["data_deleted"]
    assert not any("gesprek-1" in value for _t, _c, value in database_text(empty_db_url))


def test_audit(db_url):
    with db.session(db_url) as session:
        privacy.audit(session, "plan_created", now=T0)
    assert [(row.event, row.at) for row in audit_rows(db_url)] == [("plan_created", T0)]


def test_delete_everything_removes_the_hand_off_cases(db_url):
    from bot.handoff import cases, plan_review
    from bot.handoff.teams import DEFAULT_TEAMS_FILE, load_teams
    from bot.storage import workers
    from bot.storage.models import Case, CaseNote

    talker, bystander = conversation("praat"), conversation("ander")
    teams = load_teams(DEFAULT_TEAMS_FILE)
    phone = f"0470 {secrets.randbelow(90) + 10} 34 56"
    with db.session(db_url) as session:
        plan = plans.create_plan(session, talker, CONSENT_TEXT_VERSION, now=T0)
        worker = workers.add_worker(
            session, "an", "An", "paard-batterij-nietje", "worker", ["limburg"], now=T0
        )
        opened = plan_review_case(session, talker, plan.id)
        assert cases.set_contact(session, opened.case.id, "telefoon", phone).ok
        plan_review.add_note(session, opened.case.id, worker.id, "vraag", "Goed plan", now=T0)
        other = cases.create_case(
            session, reason=cases.CRISIS, conversation_id=bystander, channel="rest", teams=teams
        )
    with db.session(db_url) as session:
        privacy.delete_everything(session, talker, now=T0)
    with db.session(db_url) as session:
        assert [case.id for case in session.execute(select(Case)).scalars()] == [other.case.id]
        assert session.execute(select(CaseNote)).scalars().all() == []
    assert not any("+32470" in value for _t, _c, value in database_text(db_url))


def test_record_consent_keeps_the_version_of_the_text(db_url):
    with db.session(db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", "oud", now=T0)
        privacy.record_consent(session, plan.id, "gesprek-2", now=T0 + timedelta(days=1))
    with db.session(db_url) as session:
        rows = session.execute(
            select(Consent.conversation_id, Consent.text_version, Consent.given_at).order_by(
                Consent.given_at
            )
        ).all()
    assert rows == [
        ("gesprek-1", "oud", T0),
        ("gesprek-2", CONSENT_TEXT_VERSION, T0 + timedelta(days=1)),
    ]


def test_forget_me_reaches_the_browser_and_everything_their_plans_touched(db_url):
    """The earlier tab's conversation, the plan it made, the conversation that continued
    that plan and another plan of that conversation are all gone; a stranger stays."""
    current, earlier_tab = conversation("nu"), conversation("vorige-tab")
    continued, stranger = conversation("verder"), conversation("vreemde")
    with db.session(db_url) as session:
        first_plan = plans.create_plan(session, earlier_tab, CONSENT_TEXT_VERSION).id
        continue_plan(session, first_plan, continued)
        second_plan = plans.create_plan(session, continued, CONSENT_TEXT_VERSION).id
        plans.save_answer(session, second_plan, "good_day", "Fietsen met Noor")
        stranger_plan = plans.create_plan(session, stranger, CONSENT_TEXT_VERSION).id
    for talker in (current, earlier_tab, continued, stranger):
        add_rasa_events(db_url, talker, "hallo")

    with db.session(db_url) as session:
        removed = privacy.delete_everything(session, current, browser_conversations=[earlier_tab])

    assert removed[0] == current
    assert sorted(removed) == sorted([current, earlier_tab, continued])
    with db.session(db_url) as session:
        assert plans.plan_by_id(session, first_plan) is None
        assert plans.plan_by_id(session, second_plan) is None
        assert plans.plan_by_id(session, stranger_plan) is not None
        for talker in removed:
            assert privacy.forgotten_at(session, talker) is not None
        assert privacy.forgotten_at(session, stranger) is None
    for talker in removed:
        assert rasa_event_count(db_url, talker) == 0
    assert rasa_event_count(db_url, stranger) == 1
    text = str(database_text(db_url))
    assert "Fietsen met Noor" not in text
    assert not any(talker in text for talker in removed)


def test_forget_me_reaches_a_conversation_through_its_hand_off_case(db_url):
    talker, worker_chat = conversation("praat"), conversation("overdracht")
    with db.session(db_url) as session:
        plan = plans.create_plan(session, talker, CONSENT_TEXT_VERSION, now=T0)
        plan_review_case(session, worker_chat, plan.id)
    add_rasa_events(db_url, worker_chat, "kan iemand mijn plan nakijken")
    with db.session(db_url) as session:
        removed = privacy.delete_everything(session, talker)
    assert sorted(removed) == sorted([talker, worker_chat])
    assert rasa_event_count(db_url, worker_chat) == 0


def test_only_well_formed_browser_conversation_ids_are_used():
    good = "a" * 16
    assert privacy.valid_conversation_ids([good, good, "kort", 7, None, "a" * 65, "a/" * 9]) == [
        good
    ]
    assert privacy.valid_conversation_ids("a" * 16) == []
    assert privacy.valid_conversation_ids(None) == []
    many = [f"{n:016d}" for n in range(30)]
    assert privacy.valid_conversation_ids(many) == many[:20]
