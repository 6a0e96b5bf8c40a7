"""Database errors without the values of the statement.

A database error's message can hold the values a statement carried: an answer, a name, a
plan token. That message ends up in logs and stack traces. Two things keep them out:

- SQLAlchemy's `hide_parameters`: no "[parameters: ...]" in errors and statement logs;
- with PostgreSQL (psycopg2), the driver's message is cut to the server's primary message
  and its SQLSTATE code. The full message repeats the failing line of the statement with
  the values in it ("LINE 1: ... VALUES ('...')") and a DETAIL such as "Key (token)=(...)
  already exists" or "Failing row contains (...)". A data exception (SQLSTATE class 22)
  quotes the value in its primary message too: that quote is left out.

`create_quiet_engine` makes such an engine; `QuietEngine` is a mixin for a subclass of
Rasa's SQLTrackerStore, which creates its own engine in its constructor.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, ExceptionContext

DATA_EXCEPTION_CLASS = "22"
QUOTED = re.compile(r'"[^"]*"')


def message_without_values(error: BaseException) -> str | None:
    """The message a psycopg2 error should show, or None for another error."""
    code = getattr(error, "pgcode", None)
    diag = getattr(error, "diag", None)
    if not code or diag is None:
        return None
    primary = diag.message_primary or type(error).__name__
    if code.startswith(DATA_EXCEPTION_CLASS):
        primary = QUOTED.sub('"..."', primary)
    return f"{primary} (SQLSTATE {code})"


def _cut_message(context: ExceptionContext) -> None:
    """SQLAlchemy's `handle_error` event: the driver's error and SQLAlchemy's wrapper
    (which copied the driver's message when it was made) get the shorter message."""
    error = context.original_exception
    message = message_without_values(error)
    if message is None:
        return
    error.args = (message,)
    wrapper = context.sqlalchemy_exception
    if wrapper is not None:
        wrapper.args = (f"({type(error).__module__}.{type(error).__name__}) {message}",)


def keep_values_out_of_errors(engine: Engine) -> Engine:
    """Make `engine` leave the values out of its errors and logs."""
    engine.hide_parameters = True
    if not event.contains(engine, "handle_error", _cut_message):
        event.listen(engine, "handle_error", _cut_message)
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
