"""Portal sessions: tokens, idle and maximum age, logout, CSRF, and who is online."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.storage import db, portal_sessions, workers
from bot.storage.models import PortalSession
from bot.storage.portal_sessions import (
    IDLE_MINUTES,
    MAX_HOURS,
    create_session,
    csrf_valid,
    session_for_token,
    touch,
    workers_online,
)
from tests.storage import database_text, db_url_fixture  # noqa: F401

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def new_worker(session, username="an", teams=("limburg",)):
    return workers.add_worker(
        session, username, username.title(), "paard-batterij-nietje", "worker", teams, now=T0
    )


def test_token_is_random_and_only_its_hash_is_stored(db_url):
    with db.session(db_url) as session:
        worker = new_worker(session)
        first = create_session(session, worker.id, now=T0)
        second = create_session(session, worker.id, now=T0)
    assert first.token != second.token and len(first.token) >= 43
    assert first.csrf_token != second.csrf_token
    stored = [value for _table, _column, value in database_text(db_url)]
    assert first.token not in stored
    assert portal_sessions.token_hash(first.token) in stored


def test_idle_timeout(db_url):
    with db.session(db_url) as session:
        worker = new_worker(session)
        token = create_session(session, worker.id, now=T0).token
    with db.session(db_url) as session:
        row = session_for_token(session, token, now=T0 + timedelta(minutes=29))
        assert row is not None and row.worker_id == worker.id
        touch(session, row, now=T0 + timedelta(minutes=29))
    with db.session(db_url) as session:
        # 29 + 29 minutes: still alive, because it was used at minute 29.
        assert session_for_token(session, token, now=T0 + timedelta(minutes=58)) is not None
        assert session_for_token(session, token, now=T0 + timedelta(minutes=59)) is None
    with db.session(db_url) as session:  # the expired session is gone for good
        assert session.query(PortalSession).count() == 0
        assert session_for_token(session, token, now=T0 + timedelta(minutes=30)) is None


def test_configurable_idle_timeout(db_url):
    with db.session(db_url) as session:
        worker = new_worker(session)
        token = create_session(session, worker.id, now=T0).token
    with db.session(db_url) as session:
        assert session_for_token(session, token, now=T0 + timedelta(minutes=4), idle_minutes=5)
        assert not session_for_token(session, token, now=T0 + timedelta(minutes=5), idle_minutes=5)


def test_maximum_age_even_when_used(db_url):
    with db.session(db_url) as session:
        worker = new_worker(session)
        token = create_session(session, worker.id, now=T0).token
    moment = T0
    while moment < T0 + timedelta(hours=MAX_HOURS) - timedelta(minutes=IDLE_MINUTES):
        moment += timedelta(minutes=IDLE_MINUTES - 1)
        with db.session(db_url) as session:
            row = session_for_token(session, token, now=moment)
            assert row is not None, moment
            touch(session, row, now=moment)
    with db.session(db_url) as session:
        assert session_for_token(session, token, now=T0 + timedelta(hours=MAX_HOURS)) is None


def test_logout_and_switched_off_worker(db_url):
    with db.session(db_url) as session:
        an, bert = new_worker(session, "an"), new_worker(session, "bert")
        an_token = create_session(session, an.id, now=T0).token
        bert_tokens = [create_session(session, bert.id, now=T0).token for _ in range(2)]
    with db.session(db_url) as session:
        portal_sessions.end_session(session, an_token)
        assert session_for_token(session, an_token, now=T0) is None
        workers.set_active(session, bert.id, False)
        assert session_for_token(session, bert_tokens[0], now=T0) is None
        assert portal_sessions.end_sessions_of(session, bert.id) == 1
        assert session_for_token(session, None, now=T0) is None
        assert session_for_token(session, "", now=T0) is None
        assert session_for_token(session, "made-up-token", now=T0) is None


def test_purge_expired(db_url):
    with db.session(db_url) as session:
        worker = new_worker(session)
        old = create_session(session, worker.id, now=T0).token
        fresh = create_session(session, worker.id, now=T0 + timedelta(minutes=40)).token
        assert portal_sessions.purge_expired(session, now=T0 + timedelta(minutes=45)) == 1
        assert session_for_token(session, old, now=T0 + timedelta(minutes=45)) is None
        assert session_for_token(session, fresh, now=T0 + timedelta(minutes=45)) is not None


def test_csrf_token(db_url):
    with db.session(db_url) as session:
        worker = new_worker(session)
        made = create_session(session, worker.id, now=T0)
        row = session_for_token(session, made.token, now=T0)
        assert csrf_valid(row, made.csrf_token)
        assert not csrf_valid(row, None)
        assert not csrf_valid(row, "")
        assert not csrf_valid(row, made.csrf_token[:-1])
        assert not csrf_valid(row, create_session(session, worker.id, now=T0).csrf_token)


def test_workers_online(db_url):
    with db.session(db_url) as session:
        an = new_worker(session, "an", teams=("limburg",))
        bert = new_worker(session, "bert", teams=("limburg", "antwerpen"))
        chris = new_worker(session, "chris", teams=("limburg",))
        new_worker(session, "dirk", teams=("limburg",))  # never logged in
        for worker, minutes_ago in ((an, 2), (bert, 4), (chris, 1)):
            row = session_for_token(
                session, create_session(session, worker.id, now=T0).token, now=T0
            )
            touch(session, row, now=T0 + timedelta(minutes=10 - minutes_ago))
        create_session(session, an.id, now=T0)  # a second, older session of An
        workers.set_active(session, chris.id, False)
    now = T0 + timedelta(minutes=10)
    with db.session(db_url) as session:
        assert [w.username for w in workers_online(session, "limburg", now)] == ["an", "bert"]
        assert [w.username for w in workers_online(session, "antwerpen", now)] == ["bert"]
        assert [w.username for w in workers_online(session, "limburg", now, 3)] == ["an"]
        assert workers_online(session, "vlaanderen", now) == []
        # Nobody is online before they logged in.
        assert workers_online(session, "limburg", T0 - timedelta(minutes=1)) == []
