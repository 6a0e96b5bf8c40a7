"""An action call that Rasa sends again after a lost connection (bot/action_calls.py) may
run twice: it stores nothing twice."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import db, plans
from bot.storage.models import Consent, Plan, PlanAnswer
from tests.storage import db_url_fixture  # noqa: F401

T0 = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
AGAIN = T0 + timedelta(seconds=2)


def count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar()


def test_the_same_answer_stored_twice_is_one_row(db_url):
    with db.session(db_url) as session:
        plan_id = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0).id
    for _ in range(2):
        with db.session(db_url) as session:
            plans.save_answer(session, plan_id, "good_day", "Wandelen met de hond", now=AGAIN)
    with db.session(db_url) as session:
        assert plans.answers(session, plan_id) == {"good_day": "Wandelen met de hond"}
        assert count(session, PlanAnswer) == 1


def test_a_repeated_consent_makes_one_plan(db_url):
    with db.session(db_url) as session:
        first = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0).id
    with db.session(db_url) as session:
        again = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=AGAIN).id
        other = plans.create_plan(session, "gesprek-2", CONSENT_TEXT_VERSION, now=AGAIN).id
    assert again == first
    assert other != first
    with db.session(db_url) as session:
        assert count(session, Plan) == 2
        assert count(session, Consent) == 2


def test_a_new_plan_after_answers_or_later_is_a_new_plan(db_url):
    with db.session(db_url) as session:
        answered = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0).id
        plans.save_answer(session, answered, "good_day", "Zon", now=T0)
        empty = plans.create_plan(session, "gesprek-2", CONSENT_TEXT_VERSION, now=T0).id
    later = T0 + plans.REPEATED_CALL + timedelta(seconds=1)
    with db.session(db_url) as session:
        again = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=AGAIN)
        assert again.id != answered
        much_later = plans.create_plan(session, "gesprek-2", CONSENT_TEXT_VERSION, now=later)
        assert much_later.id != empty
        assert count(session, Plan) == 4


def test_a_repeated_confirmation_keeps_one_version(db_url):
    with db.session(db_url) as session:
        plan_id = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0).id
        plans.save_answer(session, plan_id, "good_day", "Zon", now=T0)
        assert plans.save_version(session, plan_id, now=T0) == 1
    with db.session(db_url) as session:
        assert plans.save_version(session, plan_id, now=AGAIN) == 1
        # The same answers confirmed again later, or changed answers, are a new version.
        later = T0 + plans.REPEATED_CALL + timedelta(seconds=1)
        assert plans.save_version(session, plan_id, now=later) == 2
        plans.save_answer(session, plan_id, "good_day", "Regen", now=later)
        assert plans.save_version(session, plan_id, now=later) == 3
        assert [v.number for v in plans.versions(session, plan_id)] == [1, 2, 3]
