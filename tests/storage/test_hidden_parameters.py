"""A database error never shows the values of the statement (an answer, a name, a plan
token): not in the error message, not in the log, on SQLite and PostgreSQL, for every
engine (application database, knowledge base, tracker store, the web app's)."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError

from bot import processes
from bot.config import PROJECT_ROOT
from bot.quiet_engine import QuietEngine
from bot.storage import db
from bot.tracker_store import ForgettingSQLTrackerStore
from bot.web.app import ENGINE, create_app
from bot.web.live import WATCH_ENGINE
from knowledge.db import make_engine
from tests.conftest import POSTGRES_URL
from tests.storage import BACKENDS, db_url_fixture  # noqa: F401

SECRET = "mijn-geheime-antwoord-Ann"


def failing_error(engine: Engine, caplog: pytest.LogCaptureFixture) -> str:
    """The error message and the log of a failing statement with SECRET as a parameter."""
    caplog.set_level(logging.DEBUG)
    with pytest.raises(DBAPIError) as raised, engine.connect() as connection:
        connection.execute(text("INSERT INTO no_such_table VALUES (:answer)"), {"answer": SECRET})
    return f"{raised.value}\n{caplog.text}"


def test_the_application_database_hides_parameters(db_url, caplog):
    said = failing_error(db.engine(db_url), caplog)
    assert "no_such_table" in said  # the statement still says what failed
    assert SECRET not in said


def test_a_postgresql_error_keeps_its_code_and_class_but_no_value(caplog):
    engine = db.engine(POSTGRES_URL)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(DBAPIError) as raised, engine.connect() as connection:
        connection.execute(text("SELECT CAST(:answer AS integer)"), {"answer": SECRET})
    assert type(raised.value.orig).__name__ == "InvalidTextRepresentation"
    assert "invalid input syntax for type integer" in str(raised.value)
    assert "22P02" in str(raised.value)
    assert SECRET not in f"{raised.value}\n{caplog.text}"


def test_a_postgresql_key_conflict_names_the_constraint_but_not_the_key(caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(IntegrityError) as raised, db.engine(POSTGRES_URL).connect() as connection:
        connection.execute(text("CREATE TEMPORARY TABLE tokens (token text UNIQUE)"))
        for _ in range(2):
            connection.execute(text("INSERT INTO tokens VALUES (:token)"), {"token": SECRET})
    assert "tokens_token_key" in str(raised.value)
    assert SECRET not in f"{raised.value}\n{caplog.text}"


def test_no_engine_is_made_without_hiding_the_values():
    """A new create_engine call would not hide them: every engine comes from
    bot/quiet_engine.py."""
    calls = re.compile(r"(?<![\w.])create_engine\(|sa\.create_engine\(")
    found = [
        str(path.relative_to(PROJECT_ROOT))
        for folder in ("bot", "actions", "knowledge", "alembic")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        if calls.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["bot/quiet_engine.py"]


def test_the_knowledge_database_hides_parameters(tmp_path, caplog):
    for url in (f"sqlite:///{tmp_path / 'knowledge.db'}", "sqlite:///:memory:"):
        assert SECRET not in failing_error(make_engine(url), caplog)


def test_the_tracker_store_hides_parameters(tmp_path, caplog):
    store = ForgettingSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "tracker.db"))
    assert SECRET not in failing_error(store.engine, caplog)


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_mixin_hides_the_values_in_rasas_own_engine(backend, tmp_path, caplog):
    from rasa.core.tracker_store import SQLTrackerStore

    class Store(QuietEngine, SQLTrackerStore):
        pass

    if backend == "sqlite":
        store = Store(dialect="sqlite", db=str(tmp_path / "tracker.db"))
    else:
        url = make_url(POSTGRES_URL)
        store = Store(
            dialect="postgresql",
            host=url.host,
            port=url.port,
            db=url.database,
            username=url.username,
        )
    assert SECRET not in failing_error(store.engine, caplog)
    store.engine.dispose()


async def test_the_web_apps_engines_hide_parameters(aiohttp_client, tmp_path, caplog):
    settings = processes.settings_on_free_ports(f"sqlite:///{tmp_path / 'tracker.db'}")
    client = await aiohttp_client(create_app(settings))
    engines = [client.app[ENGINE], client.app.get(WATCH_ENGINE)]
    for engine in [e for e in engines if e is not None]:
        assert SECRET not in failing_error(engine, caplog)
    assert client.app[ENGINE] is not None


async def test_a_plan_page_on_a_broken_database_logs_no_token(aiohttp_client, tmp_path, caplog):
    settings = processes.settings_on_free_ports(f"sqlite:///{tmp_path / 'tracker.db'}")
    db.migrate(settings.db_url)
    with db.engine(settings.db_url).begin() as connection:
        connection.execute(text("DROP TABLE app_plans"))
    client = await aiohttp_client(create_app(settings))
    token = "Zq3" + "x" * 40
    caplog.set_level(logging.WARNING)  # the default level (aiohttp's access log is INFO)

    response = await client.get(f"/plan/{token}")

    assert response.status == 503
    assert "app_plans" in caplog.text  # the operator still sees what failed
    assert token not in caplog.text
    db.dispose(settings.db_url)
