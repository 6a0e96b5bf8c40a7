"""Alembic migrations of the app_ tables: up, down, and next to Rasa's `events` table."""

from __future__ import annotations

import os
import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from bot.storage import db
from bot.storage.models import Base
from tests.storage import (
    add_rasa_events,
    empty_db_url_fixture,  # noqa: F401
    rasa_event_count,
    rasa_events_table,
    table_names,
)

APP_TABLES = {table.name for table in Base.metadata.sorted_tables}


def schema_differences(db_url: str) -> list:
    """What autogenerate would change: nothing when the migrations match the models."""
    with db.engine(db_url).connect() as connection:
        context = MigrationContext.configure(connection, opts=db.alembic_options())
        return compare_metadata(context, Base.metadata)


def test_app_tables_are_prefixed():
    assert APP_TABLES
    assert all(name.startswith("app_") for name in APP_TABLES)
    assert db.VERSION_TABLE.startswith("app_")


def test_upgrade_and_downgrade(empty_db_url):
    db.migrate(empty_db_url)
    assert table_names(empty_db_url) == APP_TABLES | {db.VERSION_TABLE}
    assert schema_differences(empty_db_url) == []

    db.migrate(empty_db_url)  # up to date: nothing happens
    assert table_names(empty_db_url) == APP_TABLES | {db.VERSION_TABLE}

    db.downgrade(empty_db_url)
    assert table_names(empty_db_url) <= {db.VERSION_TABLE}

    db.migrate(empty_db_url)
    assert table_names(empty_db_url) == APP_TABLES | {db.VERSION_TABLE}


def test_rasa_events_table_survives_upgrade_and_downgrade(empty_db_url):
    add_rasa_events(empty_db_url, "rasa-sender", "hallo", "ik zoek hulp")

    db.migrate(empty_db_url)
    assert "events" in table_names(empty_db_url)
    assert rasa_event_count(empty_db_url, "rasa-sender") == 2
    # Autogenerate would neither drop nor touch Rasa's table.
    assert schema_differences(empty_db_url) == []

    db.downgrade(empty_db_url)
    assert table_names(empty_db_url) <= {"events", db.VERSION_TABLE}
    assert rasa_event_count(empty_db_url, "rasa-sender") == 2
    with db.engine(empty_db_url).connect() as connection:
        table = rasa_events_table(connection)
        data = connection.execute(select(table.c.data).order_by(table.c.id)).scalars().all()
    assert "ik zoek hulp" in data[1]


def test_alembic_command_line_from_another_directory(tmp_path):
    """`alembic -c alembic.ini upgrade head` migrates the database of WEGWIJZER_DB_URL."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {**os.environ, "WEGWIJZER_DB_URL": url, "PYTHONPATH": str(db.PROJECT_ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(db.ALEMBIC_INI), "upgrade", "head"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Running upgrade  -> 0001" in result.stderr
    assert table_names(url) == APP_TABLES | {db.VERSION_TABLE}
    db.dispose(url)


def test_audit_log_keeps_its_rows_through_0002(empty_db_url):
    """0002 renames `event` to `action` and adds columns; old entries stay, both ways."""
    db.downgrade(empty_db_url, "base")
    with db.engine(empty_db_url).connect() as connection:
        from alembic import command

        command.upgrade(db.alembic_config(connection), "0001")
    with db.engine(empty_db_url).begin() as connection:
        connection.execute(
            text("INSERT INTO app_audit_log (at, event) VALUES (:at, 'data_deleted')"),
            {"at": "2026-11-24 09:30:00"},
        )
    db.migrate(empty_db_url)
    with db.engine(empty_db_url).connect() as connection:
        rows = connection.execute(text("SELECT action, worker_id, case_id FROM app_audit_log"))
        assert rows.all() == [("data_deleted", None, None)]
    db.downgrade(empty_db_url, "0001")
    with db.engine(empty_db_url).connect() as connection:
        assert connection.execute(text("SELECT event FROM app_audit_log")).scalars().all() == [
            "data_deleted"
        ]
    db.migrate(empty_db_url)
    assert schema_differences(empty_db_url) == []
