"""Retention (python -m bot purge): what is kept longer than the configured periods goes,
on a clock the tests move (`now=`). Every test has a database of its own (the purge looks
at all rows), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from aiohttp import web
from sqlalchemy import func, insert, select

from bot import retention as background
from bot.__main__ import main
from bot.config import load_settings
from bot.handoff import cases, plan_review
from bot.handoff.teams import DEFAULT_TEAMS_FILE, load_teams
from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import (
    db,
    login_limits,
    plans,
    portal_sessions,
    privacy,
    resume_codes,
    workers,
)
from bot.storage.models import (
    AuditEntry,
    Case,
    CaseNote,
    Consent,
    LoginAttempt,
    PlanAnswer,
    PlanConversation,
    PlanVersion,
    PortalSession,
    ResumeAttempt,
    ResumeCode,
)
from bot.storage.retention import Periods, Purged, purge
from tests.storage import (
    database_text,
    empty_db_url_fixture,  # noqa: F401
    rasa_event_count,
    rasa_events_table,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
PERIODS = Periods(session_minutes=60, plan_keep_days=365, case_keep_days=90)
TEAMS = load_teams(DEFAULT_TEAMS_FILE)


@pytest.fixture(name="db_url")
def fresh_database_fixture(empty_db_url: str) -> Iterator[str]:
    db.migrate(empty_db_url)
    with db.engine(empty_db_url).begin() as connection:
        rasa_events_table(connection)
    yield empty_db_url


def talker(label: str) -> str:
    return f"{label}-{secrets.token_hex(8)}"


def events(db_url: str, sender_id: str, *moments: datetime) -> None:
    """User messages of `sender_id` in Rasa's table, at these moments."""
    with db.engine(db_url).begin() as connection:
        table = rasa_events_table(connection)
        for moment in moments:
            connection.execute(
                insert(table).values(
                    sender_id=sender_id,
                    type_name="user",
                    timestamp=moment.timestamp(),
                    data='{"event": "user", "text": "hallo"}',
                )
            )


def run(db_url: str, now: datetime = NOW, dry_run: bool = False) -> Purged:
    with db.session(db_url) as session:
        return purge(session, PERIODS, now=now, dry_run=dry_run)


def count(db_url: str, model) -> int:
    with db.session(db_url) as session:
        return session.execute(select(func.count()).select_from(model)).scalar()


def open_case(session, conversation_id: str, now: datetime = NOW) -> Case:
    return cases.create_case(
        session,
        reason=cases.CRISIS,
        conversation_id=conversation_id,
        channel="rest",
        teams=TEAMS,
        now=now,
    ).case


def test_a_conversation_without_consent_goes_after_the_session_minutes(db_url):
    idle, active = talker("stil"), talker("actief")
    events(db_url, idle, NOW - timedelta(hours=3), NOW - timedelta(minutes=61))
    events(db_url, active, NOW - timedelta(hours=3), NOW - timedelta(minutes=59))

    purged = run(db_url)

    assert (purged.conversations, purged.events) == (1, 2)
    assert rasa_event_count(db_url, idle) == 0
    assert rasa_event_count(db_url, active) == 2
    # An hour later the other one goes too.
    assert run(db_url, NOW + timedelta(hours=1)).conversations == 1
    assert rasa_event_count(db_url, active) == 0


def test_a_conversation_with_consent_stays_with_its_plan(db_url):
    consented, resumed = talker("plan"), talker("verder")
    with db.session(db_url) as session:
        plan = plans.create_plan(session, consented, CONSENT_TEXT_VERSION, now=NOW)
        privacy.record_consent(session, plan.id, resumed, now=NOW)
    events(db_url, consented, NOW - timedelta(days=30))
    events(db_url, resumed, NOW - timedelta(days=30))

    assert run(db_url).conversations == 0
    assert rasa_event_count(db_url, consented) == 1
    assert rasa_event_count(db_url, resumed) == 1


def test_a_crisis_conversation_stays_while_its_case_is_open(db_url):
    crisis = talker("crisis")
    events(db_url, crisis, NOW - timedelta(hours=5))
    with db.session(db_url) as session:
        case_id = open_case(session, crisis, NOW - timedelta(hours=5)).id

    assert run(db_url).conversations == 0
    assert rasa_event_count(db_url, crisis) == 1

    with db.session(db_url) as session:
        cases.close(session, case_id, None, "doorverwezen", now=NOW)
    assert run(db_url, NOW + timedelta(minutes=1)).conversations == 1
    assert rasa_event_count(db_url, crisis) == 0
    assert count(db_url, Case) == 1  # the closed case itself stays its own period


def make_plan(db_url: str, conversation_id: str, changed: datetime) -> tuple[str, str]:
    """A plan with everything that belongs to it, last changed at `changed`; (id, token)."""
    with db.session(db_url) as session:
        plan = plans.create_plan(session, conversation_id, CONSENT_TEXT_VERSION, now=changed)
        plans.save_answer(session, plan.id, "good_day", f"Zwemmen {secrets.token_hex(4)}", changed)
        plans.save_version(session, plan.id, now=changed)
        resume_codes.issue_code(session, plan.id, now=changed)
        return plan.id, plan.document_token


def test_a_plan_goes_with_everything_the_plan_keep_days_after_its_last_change(db_url):
    old_talker, new_talker, both = talker("oud"), talker("nieuw"), talker("beide")
    old_plan, old_token = make_plan(db_url, old_talker, NOW - timedelta(days=366))
    new_plan, _ = make_plan(db_url, new_talker, NOW - timedelta(days=364))
    with db.session(db_url) as session:
        plans.link_conversation(session, old_plan, both, now=NOW - timedelta(days=366))
        plans.link_conversation(session, new_plan, both, now=NOW - timedelta(days=364))
    for conversation_id in (old_talker, new_talker, both):
        events(db_url, conversation_id, NOW - timedelta(days=366))

    purged = run(db_url)

    assert purged.plans == 1
    assert purged.conversations == 1  # `both` still works on the newer plan
    assert rasa_event_count(db_url, old_talker) == 0
    assert rasa_event_count(db_url, both) == 1
    assert rasa_event_count(db_url, new_talker) == 1
    text = str(database_text(db_url))
    assert old_plan not in text and old_token not in text and old_talker not in text
    with db.session(db_url) as session:
        for model in (PlanAnswer, PlanVersion, PlanConversation, Consent):
            left = session.execute(select(model.plan_id)).scalars().all()
            assert set(left) == {new_plan}, model.__name__
        # The newer plan's code expired long ago (it was made with the plan).
        assert session.execute(select(ResumeCode)).scalars().all() == []


def test_codes_attempts_closed_cases_and_tombstones_go_after_their_time(db_url):
    expired_plan, _ = make_plan(db_url, talker("a"), NOW - timedelta(days=40))
    valid_plan, _ = make_plan(db_url, talker("b"), NOW - timedelta(days=10))
    with db.session(db_url) as session:
        session.add_all(
            [
                ResumeAttempt(conversation_id="x", attempted_at=NOW - timedelta(hours=25)),
                ResumeAttempt(conversation_id="y", attempted_at=NOW - timedelta(hours=23)),
            ]
        )
        worker = workers.add_worker(
            session, "an", "An", "paard-batterij-nietje", "worker", ["limburg"]
        )
        old_case = open_case(session, talker("c"), NOW - timedelta(days=100))
        plan_review.add_note(session, old_case.id, worker.id, "vraag", "Bel Marie", now=NOW)
        cases.close(session, old_case.id, worker.id, "klaar", now=NOW - timedelta(days=91))
        recent_case = open_case(session, talker("d"), NOW - timedelta(days=100))
        cases.close(session, recent_case.id, worker.id, "klaar", now=NOW - timedelta(days=89))
        still_open = open_case(session, talker("e"), NOW - timedelta(days=400))
        privacy.tombstone(session, "gisteren", now=NOW - timedelta(hours=25))
        privacy.tombstone(session, "vandaag", now=NOW - timedelta(hours=23))

    purged = run(db_url)

    assert (purged.resume_codes, purged.resume_attempts) == (1, 1)
    assert (purged.cases, purged.forgotten_conversations) == (1, 1)
    with db.session(db_url) as session:
        assert session.execute(select(ResumeCode.plan_id)).scalars().all() == [valid_plan]
        assert expired_plan  # the plan itself is younger than the plan keep days: it stays
        assert session.execute(select(ResumeAttempt.conversation_id)).scalars().all() == ["y"]
        kept = set(session.execute(select(Case.id)).scalars())
        assert kept == {recent_case.id, still_open.id}
        assert session.execute(select(CaseNote)).scalars().all() == []
        assert privacy.forgotten_at(session, "vandaag") is not None
        assert privacy.forgotten_at(session, "gisteren") is None


def test_old_login_attempts_and_ended_portal_sessions_go(db_url):
    with db.session(db_url) as session:
        worker = workers.add_worker(
            session, "an", "An", "paard-batterij-nietje", "worker", ["limburg"]
        )
        login_limits.record_attempt(session, "an", "10.0.0.1", False, now=NOW - timedelta(days=31))
        login_limits.record_attempt(session, "an", "10.0.0.2", True, now=NOW - timedelta(days=29))
        portal_sessions.create_session(session, worker.id, now=NOW - timedelta(minutes=31))
        portal_sessions.create_session(session, worker.id, now=NOW - timedelta(minutes=5))

    would = run(db_url, dry_run=True)
    purged = run(db_url)

    assert (
        (purged.login_attempts, purged.portal_sessions)
        == (1, 1)
        == (
            would.login_attempts,
            would.portal_sessions,
        )
    )
    assert count(db_url, LoginAttempt) == 1
    assert count(db_url, PortalSession) == 1


def test_a_dry_run_counts_and_deletes_nothing(db_url):
    idle = talker("stil")
    events(db_url, idle, NOW - timedelta(hours=2))
    make_plan(db_url, talker("oud"), NOW - timedelta(days=400))
    with db.session(db_url) as session:
        privacy.tombstone(session, "gisteren", now=NOW - timedelta(days=2))
    before = database_text(db_url)

    would = run(db_url, dry_run=True)

    assert database_text(db_url) == before
    assert count(db_url, AuditEntry) == 0
    assert run(db_url) == would
    assert would.conversations == 2 and would.plans == 1 and would.forgotten_conversations == 1


def test_the_audit_log_says_only_that_a_purge_ran_and_how_much_it_removed(db_url):
    idle = talker("stil")
    events(db_url, idle, NOW - timedelta(hours=2))

    run(db_url)
    run(db_url, NOW + timedelta(minutes=5))

    with db.session(db_url) as session:
        entries = session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars().all()
    assert [(entry.action, entry.at) for entry in entries] == [
        ("purge", NOW),
        ("purge", NOW + timedelta(minutes=5)),
    ]
    assert entries[0].detail == (
        "conversations=1 events=1 plans=0 resume_codes=0 resume_attempts=0 cases=0 "
        "forgotten_conversations=0 login_attempts=0 portal_sessions=0"
    )
    assert not any(idle in str(entry.detail) for entry in entries)


def test_the_command_prints_the_counts(db_url, monkeypatch, capsys):
    monkeypatch.setenv("WEGWIJZER_DB_URL", db_url)
    events(db_url, talker("stil"), datetime.now(timezone.utc) - timedelta(hours=2))

    assert main(["purge", "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("Would remove: conversations=1 events=1 ")
    assert main(["purge"]) == 0
    assert capsys.readouterr().out.startswith("Removed: conversations=1 events=1 ")
    assert main(["purge"]) == 0
    assert capsys.readouterr().out.startswith("Removed: conversations=0 events=0 ")


async def run_background(app: web.Application, seconds: float) -> None:
    context = background.purge_in_background(app)
    await context.__anext__()
    await asyncio.sleep(seconds)
    with pytest.raises(StopAsyncIteration):
        await context.__anext__()


def web_app(db_url: str) -> web.Application:
    from bot.web.app import SETTINGS

    app = web.Application()
    app[SETTINGS] = load_settings({"WEGWIJZER_DB_URL": db_url})
    return app


async def test_the_web_app_purges_in_the_background(db_url, monkeypatch):
    monkeypatch.setattr(background, "PURGE_EVERY_SECONDS", 0.05)
    idle = talker("stil")
    events(db_url, idle, datetime.now(timezone.utc) - timedelta(hours=2))

    await run_background(web_app(db_url), 1.0)

    assert rasa_event_count(db_url, idle) == 0


async def test_a_failing_background_purge_is_logged_without_details_and_goes_on(
    db_url, monkeypatch, caplog
):
    monkeypatch.setattr(background, "PURGE_EVERY_SECONDS", 0.05)
    calls = []

    def failing(settings, now=None, dry_run=False):
        calls.append(settings)
        raise RuntimeError(f"no table for {idle}")

    idle = talker("stil")
    monkeypatch.setattr(background, "run_purge", failing)
    with caplog.at_level(logging.INFO, logger="bot.retention"):
        await run_background(web_app(db_url), 0.5)

    assert len(calls) >= 2  # it went on after the first failure
    assert "The background purge failed (RuntimeError)" in caplog.text
    assert idle not in caplog.text
