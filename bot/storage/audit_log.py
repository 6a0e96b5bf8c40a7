"""The audit log: who did what, when, in the portal and to stored data. Append-only.

This module only adds and reads entries; nothing in the code updates or deletes one, and
the database refuses it too (triggers of migration 0002 on PostgreSQL and SQLite). An
entry holds the action, the time, the worker (if any), the case (if any) and a short
detail such as "pdf" or "nieuw -> geclaimd". It never holds message text, a name, a
phone number or anything else a person typed: callers pass fixed words only.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage.models import AuditEntry, moment_or_now

# The actions of the portal and the bot. Other short names are allowed (see `record`).
LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGOUT = "logout"
CASE_CREATED = "case_created"
CASE_VIEW = "case_view"
TRANSCRIPT_VIEW = "transcript_view"
REPLY = "reply"
EXPORT = "export"
STATUS_CHANGE = "status_change"
NOTE_ADDED = "note_added"
HAND_BACK = "hand_back"
AUDIT_VIEW = "audit_view"
WORKER_ADDED = "worker_added"
DELETION = "data_deleted"  # a person's data was deleted (the right to be forgotten)

MAX_DETAIL = 200
_ACTION = re.compile(r"[a-z][a-z0-9_]{0,63}")


def record(
    session: Session,
    action: str,
    *,
    worker_id: int | None = None,
    case_id: str | None = None,
    detail: str | None = None,
    now: datetime | None = None,
) -> AuditEntry:
    """Add one entry. `action` is a short lower-case name (`[a-z][a-z0-9_]*`); `detail` is
    one line of at most `MAX_DETAIL` characters, made of fixed words, never user text."""
    if not _ACTION.fullmatch(action):
        raise ValueError(f"Not an audit action name: {action!r}")
    if detail is not None:
        if "\n" in detail or "\r" in detail or len(detail) > MAX_DETAIL:
            raise ValueError("An audit detail is one short line of fixed words.")
    entry = AuditEntry(
        at=moment_or_now(now), action=action, worker_id=worker_id, case_id=case_id, detail=detail
    )
    session.add(entry)
    session.flush()
    return entry


def entries(
    session: Session,
    *,
    worker_id: int | None = None,
    case_id: str | None = None,
    action: str | None = None,
    limit: int = 100,
    before_id: int | None = None,
) -> list[AuditEntry]:
    """Entries, newest first, optionally of one worker, case or action.

    Page on with `before_id`: the id of the last entry of the previous page.
    """
    statement = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if worker_id is not None:
        statement = statement.where(AuditEntry.worker_id == worker_id)
    if case_id is not None:
        statement = statement.where(AuditEntry.case_id == case_id)
    if action is not None:
        statement = statement.where(AuditEntry.action == action)
    if before_id is not None:
        statement = statement.where(AuditEntry.id < before_id)
    return list(session.execute(statement).scalars())
