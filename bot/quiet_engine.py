"""Database errors without the values of the statement.

A database error's message can hold the values a statement carried: an answer, a name, a
plan token. That message ends up in logs and stack traces. Two things keep them out:

- SQLAlchemy's `hide_parameters`: no "[parameters: ...]" in errors and statement logs;
- with PostgreSQL (psycopg2), libpq's error verbosity "SQLSTATE": the server's message is
  reduced to its code (e.g. 42P01, with the exception class UndefinedTable). At the default
  verbosity libpq adds the failing line of the statement with the values in it ("LINE 1:
  ... VALUES ('...')") and a DETAIL such as "Key (token)=(...) already exists".

`create_quiet_engine` makes such an engine; `QuietEngine` is a mixin for a subclass of
Rasa's SQLTrackerStore, which creates its own engine in its constructor.
"""

from __future__ import annotations

import ctypes
import importlib
from functools import cache
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine

# libpq's PGVerbosity (libpq-fe.h): PQERRORS_SQLSTATE needs libpq 12 or newer.
PQERRORS_TERSE = 0
PQERRORS_SQLSTATE = 3
LIBPQ_WITH_SQLSTATE_ONLY = 120000


@cache
def _libpq() -> tuple[Any, int] | None:
    """psycopg2's libpq (symbols are found through its extension module) and the
    verbosity to use; None without psycopg2."""
    try:
        psycopg_module = importlib.import_module("psycopg2._psycopg")
    except ImportError:
        return None
    library = ctypes.CDLL(psycopg_module.__file__)
    library.PQsetErrorVerbosity.argtypes = [ctypes.c_void_p, ctypes.c_int]
    library.PQsetErrorVerbosity.restype = ctypes.c_int
    library.PQlibVersion.restype = ctypes.c_int
    verbosity = (
        PQERRORS_SQLSTATE if library.PQlibVersion() >= LIBPQ_WITH_SQLSTATE_ONLY else PQERRORS_TERSE
    )
    return library, verbosity


def _codes_only(dbapi_connection: Any, _record: Any) -> None:
    found = _libpq()
    pgconn = getattr(dbapi_connection, "pgconn_ptr", None)
    if found is not None and pgconn:
        library, verbosity = found
        library.PQsetErrorVerbosity(pgconn, verbosity)


def keep_values_out_of_errors(engine: Engine) -> Engine:
    """Make `engine` leave the values out of its errors; connections it already pooled
    are closed, so every connection from now on is set up this way."""
    engine.hide_parameters = True
    if engine.dialect.driver == "psycopg2" and not event.contains(engine, "connect", _codes_only):
        event.listen(engine, "connect", _codes_only)
        engine.dispose()
    return engine


def create_quiet_engine(url: str | URL, **kwargs: Any) -> Engine:
    """`sqlalchemy.create_engine` for an engine whose errors hold no values."""
    return keep_values_out_of_errors(create_engine(url, hide_parameters=True, **kwargs))


class QuietEngine:
    """Mixin for a subclass of Rasa's SQLTrackerStore: its engine's errors hold no values
    (put it first among the bases)."""

    engine: Engine

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep_values_out_of_errors(self.engine)
