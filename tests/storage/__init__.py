"""Shared fixtures and helpers of the storage tests.

Every test runs on a fresh SQLite file and on the PostgreSQL server of tests/conftest.py
(required, never skipped). Test modules import the fixtures by their function names
(`*_fixture`); pytest knows them by the names given in `name=`.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator

import pytest
from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, make_url

from bot.storage import db
from bot.storage.models import Base
from tests.conftest import POSTGRES_URL

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def clear_app_tables(db_url: str) -> None:
    """Delete every row of the app_ tables (children first); other tables stay as they are.

    The audit log's trigger refuses deletes; on PostgreSQL a superuser (the tests' `postgres`)
    may switch user triggers off for one transaction, which is how a test database is cleared.
    """
    with db.engine(db_url).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))


@pytest.fixture(name="db_url", params=BACKENDS)
def db_url_fixture(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A migrated database without app_ rows: a new SQLite file, or the test PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'tracker.db'}"
        db.migrate(url)
        yield url
        db.dispose(url)
    else:
        db.migrate(POSTGRES_URL)
        clear_app_tables(POSTGRES_URL)
        yield POSTGRES_URL


@pytest.fixture(name="empty_db_url", params=BACKENDS)
def empty_db_url_fixture(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database without any table: a new SQLite file, or a scratch PostgreSQL database.

    Migrating down on the shared test database would disturb others who use it, so
    PostgreSQL migrations run in a database of their own on the same server.
    """
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'tracker.db'}"
        yield url
        db.dispose(url)
        return
    name = f"wegwijzer_storage_{secrets.token_hex(6)}"
    admin = create_engine(POSTGRES_URL, future=True, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        try:
            yield url
        finally:
            db.dispose(url)
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def rasa_events_table(connection: Connection) -> Table:
    """Rasa's SQLTrackerStore table `events` (same columns), created if it is missing."""
    table = Table(
        "events",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("sender_id", String(255), nullable=False, index=True),
        Column("type_name", String(255), nullable=False),
        Column("timestamp", Float),
        Column("intent_name", String(255)),
        Column("action_name", String(255)),
        Column("data", Text),
    )
    table.create(connection, checkfirst=True)
    return table


def add_rasa_events(db_url: str, sender_id: str, *texts: str) -> None:
    """User messages of `sender_id` in Rasa's tracker table, as Rasa would store them."""
    with db.engine(db_url).begin() as connection:
        table = rasa_events_table(connection)
        connection.execute(
            insert(table),
            [
                {
                    "sender_id": sender_id,
                    "type_name": "user",
                    "timestamp": 1_700_000_000.0 + number,
                    "intent_name": "inform",
                    "data": json.dumps({"event": "user", "text": message}),
                }
                for number, message in enumerate(texts)
            ],
        )


def rasa_event_count(db_url: str, sender_id: str) -> int:
    with db.engine(db_url).connect() as connection:
        table = rasa_events_table(connection)
        rows = connection.execute(select(table.c.id).where(table.c.sender_id == sender_id))
        return len(rows.all())


def database_text(db_url: str) -> list[tuple[str, str, str]]:
    """Every value of every column of every table in the database, as text:
    (table, column, value)."""
    found = []
    with db.engine(db_url).connect() as connection:
        for name in inspect(connection).get_table_names():
            table = Table(name, MetaData(), autoload_with=connection)
            for row in connection.execute(select(table)).mappings():
                for column, value in row.items():
                    if value is not None:
                        found.append((name, column, str(value)))
    return found


def table_names(db_url: str) -> set[str]:
    with db.engine(db_url).connect() as connection:
        return set(inspect(connection).get_table_names())
