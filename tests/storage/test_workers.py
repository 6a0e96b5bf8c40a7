"""Support-worker accounts: argon2 hashes, login checks, teams."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from argon2 import PasswordHasher

from bot.storage import db, workers
from bot.storage.models import Worker
from tests.storage import database_text, db_url_fixture  # noqa: F401

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
PASSWORD = "paard-batterij-nietje-42"


def add(session, username="an.peeters", password=PASSWORD, teams=("limburg",), role="worker"):
    return workers.add_worker(session, username, "An Peeters", password, role, teams, now=T0)


def test_password_is_stored_only_as_an_argon2id_hash(db_url):
    with db.session(db_url) as session:
        worker = add(session)
    assert worker.password_hash.startswith("$argon2id$")
    assert PasswordHasher().verify(worker.password_hash, PASSWORD)
    assert not any(PASSWORD in value for _table, _column, value in database_text(db_url))


def test_authenticate(db_url):
    with db.session(db_url) as session:
        worker = add(session, username="An.Peeters ")
    with db.session(db_url) as session:
        assert workers.authenticate(session, "an.peeters", PASSWORD).id == worker.id
        assert workers.authenticate(session, " AN.PEETERS", PASSWORD).id == worker.id
        assert workers.authenticate(session, "an.peeters", PASSWORD.upper()) is None
        assert workers.authenticate(session, "an.peeters", "") is None
        assert workers.authenticate(session, "niemand", PASSWORD) is None
        assert workers.authenticate(session, "an.peeters", "x" * 5000) is None
        workers.set_active(session, worker.id, False)
        assert workers.authenticate(session, "an.peeters", PASSWORD) is None


def test_teams_of_a_worker(db_url):
    with db.session(db_url) as session:
        worker = add(session, teams=("limburg", "antwerpen", "limburg"))
        assert workers.teams_of(session, worker.id) == ["antwerpen", "limburg"]
        workers.set_teams(session, worker.id, ["vlaanderen"])
        assert workers.teams_of(session, worker.id) == ["vlaanderen"]
        with pytest.raises(workers.AccountError):
            workers.set_teams(session, worker.id, [])


def test_new_password(db_url):
    with db.session(db_url) as session:
        worker = add(session)
        workers.set_password(session, worker.id, "een-heel-ander-wachtwoord")
    with db.session(db_url) as session:
        assert workers.authenticate(session, "an.peeters", PASSWORD) is None
        assert workers.authenticate(session, "an.peeters", "een-heel-ander-wachtwoord")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"username": "a"}, "gebruikersnaam"),
        ({"username": "an peeters"}, "gebruikersnaam"),
        ({"username": "<script>"}, "gebruikersnaam"),
        ({"password": "kort"}, "te kort"),
        ({"teams": ()}, "minstens één team"),
        ({"role": "baas"}, "rol"),
    ],
)
def test_refused_accounts(db_url, changes, message):
    with db.session(db_url) as session:
        with pytest.raises(workers.AccountError, match=message):
            add(session, **changes)
        assert session.query(Worker).count() == 0


def test_username_is_unique(db_url):
    with db.session(db_url) as session:
        add(session)
        with pytest.raises(workers.AccountError, match="bestaat al"):
            add(session, username="AN.PEETERS")
