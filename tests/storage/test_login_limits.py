"""Login rate limiting per account and per client address."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.storage import db
from bot.storage.login_limits import (
    ACCOUNT_MAX_FAILURES,
    CLIENT_MAX_FAILURES,
    WINDOW_MINUTES,
    LoginDecision,
    login_allowed,
    purge_attempts,
    record_attempt,
)
from tests.storage import db_url_fixture  # noqa: F401

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
CLIENT = "203.0.113.7"


def fail(session, username, client=CLIENT, times=1, start=T0, step=timedelta(seconds=10)):
    for number in range(times):
        record_attempt(session, username, client, False, now=start + number * step)


def test_account_limit(db_url):
    with db.session(db_url) as session:
        assert login_allowed(session, "an", CLIENT, now=T0) == LoginDecision(True)
        fail(session, "an", times=ACCOUNT_MAX_FAILURES - 1)
        assert login_allowed(session, "an", CLIENT, now=T0 + timedelta(minutes=1)).allowed
        fail(session, "AN ", start=T0 + timedelta(minutes=2))  # the same account
        decision = login_allowed(session, "an", "198.51.100.1", now=T0 + timedelta(minutes=3))
        # The first failure was at T0: it leaves the window at T0 + 15 minutes.
        assert decision == LoginDecision(False, "account", (WINDOW_MINUTES - 3) * 60)
        assert login_allowed(session, "bert", CLIENT, now=T0 + timedelta(minutes=3)).allowed
        later = T0 + timedelta(minutes=WINDOW_MINUTES, seconds=1)
        assert login_allowed(session, "an", CLIENT, now=later).allowed


def test_success_resets_the_account_but_not_the_client(db_url):
    with db.session(db_url) as session:
        fail(session, "an", times=ACCOUNT_MAX_FAILURES - 1)
        record_attempt(session, "an", CLIENT, True, now=T0 + timedelta(minutes=1))
        fail(session, "an", times=ACCOUNT_MAX_FAILURES - 1, start=T0 + timedelta(minutes=2))
        assert login_allowed(session, "an", CLIENT, now=T0 + timedelta(minutes=3)).allowed
        fail(session, "an", start=T0 + timedelta(minutes=3))
        assert not login_allowed(session, "an", CLIENT, now=T0 + timedelta(minutes=4)).allowed


def test_client_limit_over_many_accounts(db_url):
    with db.session(db_url) as session:
        for number in range(CLIENT_MAX_FAILURES):
            fail(session, f"user{number}", start=T0 + timedelta(seconds=number))
        record_attempt(session, "an", CLIENT, True, now=T0 + timedelta(minutes=1))
        decision = login_allowed(session, "nieuw", CLIENT, now=T0 + timedelta(minutes=2))
        assert decision.allowed is False and decision.limited_by == "client"
        assert decision.retry_after_seconds == (WINDOW_MINUTES - 2) * 60
        assert login_allowed(session, "nieuw", "198.51.100.1", T0 + timedelta(minutes=2)).allowed


def test_attempts_from_the_future_do_not_count(db_url):
    with db.session(db_url) as session:
        fail(session, "an", times=ACCOUNT_MAX_FAILURES, start=T0 + timedelta(minutes=5))
        assert login_allowed(session, "an", CLIENT, now=T0).allowed


def test_purge_old_attempts(db_url):
    with db.session(db_url) as session:
        fail(session, "an", times=2)
        fail(session, "an", start=T0 + timedelta(days=40))
        assert purge_attempts(session, now=T0 + timedelta(days=40)) == 2
