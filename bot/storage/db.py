"""Engine, sessions and migrations of the application database.

By default this is the same SQLite file as Rasa's tracker store (`Settings.db_url`); in
production both live in PostgreSQL. On SQLite two processes (the Rasa server and the action
server) write the same file: WAL journal, a busy timeout, and every transaction starts with
BEGIN IMMEDIATE so that writers queue instead of failing halfway. Errors hold no values of
the statements (bot/quiet_engine.py).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool, StaticPool

from bot.quiet_engine import create_quiet_engine
from bot.storage.models import TABLE_PREFIX, Base

if TYPE_CHECKING:
    from alembic.config import Config

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
ALEMBIC_DIR = PROJECT_ROOT / "alembic"
SQLITE_BUSY_TIMEOUT_MS = 10000
# Alembic's own table carries the prefix too: Rasa's tables are never touched.
VERSION_TABLE = f"{TABLE_PREFIX}alembic_version"


def _sqlite_engine(db_url: str) -> Engine:
    url = make_url(db_url)
    database = url.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    if in_memory:
        engine = create_quiet_engine(
            url, future=True, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_quiet_engine(
            url,
            future=True,
            poolclass=QueuePool,
            connect_args={
                "check_same_thread": False,
                "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
            },
        )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        # The driver must not open transactions on its own: "begin" below does it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()
# One session factory per engine: making one costs about as much as a small query.
_factories: dict[str, sessionmaker] = {}


def engine(db_url: str) -> Engine:
    """The engine for `db_url`, created once per URL."""
    with _engines_lock:
        found = _engines.get(db_url)
        if found is None:
            if make_url(db_url).get_backend_name() == "sqlite":
                found = _sqlite_engine(db_url)
            else:
                found = create_quiet_engine(db_url, future=True, pool_pre_ping=True)
            _engines[db_url] = found
        return found


def dispose(db_url: str) -> None:
    """Close the connections of `db_url`'s engine and forget it (the next use starts anew)."""
    with _engines_lock:
        found = _engines.pop(db_url, None)
    if found is not None:
        found.dispose()


def _factory(db_url: str) -> sessionmaker:
    """The session factory of `db_url`'s engine (a new one after `dispose`)."""
    bound = engine(db_url)
    found = _factories.get(db_url)
    if found is None or found.kw.get("bind") is not bound:
        found = sessionmaker(bind=bound, future=True, expire_on_commit=False)
        _factories[db_url] = found
    return found


def default_url() -> str:
    from bot.config import load_settings

    return load_settings().db_url


@contextmanager
def session(db_url: str | None = None) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back on an error.

    Objects stay usable after the block (no expiry on commit).
    """
    with _factory(db_url or default_url())() as db_session:
        try:
            yield db_session
            db_session.commit()
        except BaseException:
            db_session.rollback()
            raise


def include_name(name: str | None, type_: str, parent_names) -> bool:
    """Alembic sees only the app_ tables (reflected ones are filtered by name)."""
    if type_ == "table":
        return name is not None and name.startswith(TABLE_PREFIX)
    return True


def include_object(obj, name: str | None, type_: str, reflected: bool, compare_to) -> bool:
    """Alembic sees only the app_ tables and what belongs to them."""
    if type_ == "table":
        return name is not None and name.startswith(TABLE_PREFIX)
    table = getattr(obj, "table", None)
    return table is None or table.name.startswith(TABLE_PREFIX)


def alembic_options() -> dict:
    """The options env.py passes to Alembic's `context.configure`."""
    return {
        "target_metadata": Base.metadata,
        "include_name": include_name,
        "include_object": include_object,
        "version_table": VERSION_TABLE,
        "compare_type": True,
    }


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, independent of the working directory.

    With `connection`, env.py migrates over that connection.
    """
    from alembic.config import Config  # Alembic loads slowly: only when migrating.

    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    config.attributes["programmatic"] = True
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _run_alembic(db_url: str, action: str, revision: str) -> None:
    from alembic import command

    with engine(db_url).connect() as connection:
        getattr(command, action)(alembic_config(connection), revision)


def migrate(db_url: str) -> None:
    """Bring the app_ tables up to date (`alembic upgrade head`)."""
    _run_alembic(db_url, "upgrade", "head")


def downgrade(db_url: str, revision: str = "base") -> None:
    """Undo migrations down to `revision` (default: remove every app_ table)."""
    _run_alembic(db_url, "downgrade", revision)
