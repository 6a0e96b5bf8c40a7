"""Alembic environment: migrates only the app_ tables.

The database also holds Rasa's tracker table `events` (and maybe more of Rasa's tables):
`bot.storage.db.alembic_options()` hides every table without the app_ prefix, so a
migration or an autogenerate run never drops, alters or creates them. The version table is
`app_alembic_version` for the same reason.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.storage import db

# Key of the PostgreSQL advisory lock that keeps two processes from migrating at once.
MIGRATION_LOCK_KEY = 0x57E6_0001

config = context.config

if config.config_file_name is not None and not config.attributes.get("programmatic"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def database_url() -> str:
    return config.get_main_option("sqlalchemy.url") or db.default_url()


def run_migrations_offline() -> None:
    context.configure(url=database_url(), literal_binds=True, **db.alembic_options())
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection: Connection) -> None:
    # One transaction for all migrations. On SQLite it starts with BEGIN IMMEDIATE (see
    # bot.storage.db), on PostgreSQL an advisory lock: a second process waits, then finds
    # the schema up to date.
    with connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        context.configure(connection=connection, **db.alembic_options())
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    with db.engine(database_url()).connect() as connection:
        run_on(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
