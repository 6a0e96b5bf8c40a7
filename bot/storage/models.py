"""Tables of the application database: the intake's plans, answers and resume codes, and the
hand-off's cases, support-worker accounts, portal sessions and audit log.

Every table name starts with `app_`: the same database also holds Rasa's tracker table
`events`, which Alembic must never touch (see alembic/env.py).
"""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, synonym
from sqlalchemy.types import TypeDecorator

TABLE_PREFIX = "app_"

# Stable constraint names, so migrations create and drop the same names on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Any: SQLAlchemy 1.4 has no type information, and mypy accepts only a typed base class.
Base: Any = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """`moment` as an aware UTC datetime (a naive one is taken to be UTC already)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def moment_or_now(moment: datetime | None) -> datetime:
    """`moment` as aware UTC, or the current time when it is None (the `now=` arguments)."""
    return utcnow() if moment is None else as_utc(moment)


class UtcDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back as an aware UTC datetime.

    SQLite has no time zones: it stores the UTC value as written and returns it naive.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        return None if value is None else as_utc(value)


def new_plan_id() -> str:
    return uuid.uuid4().hex


def new_document_token() -> str:
    return secrets.token_urlsafe(32)


def _plan_fk() -> ForeignKey:
    return ForeignKey("app_plans.id", ondelete="CASCADE")


class Plan(Base):
    """One draft ondersteuningsplan."""

    __tablename__ = "app_plans"

    id = Column(String(32), primary_key=True, default=new_plan_id)
    document_token = Column(String(64), nullable=False, unique=True, default=new_document_token)
    # The plan link works until then; None (plans from before migration 0003): until
    # `created_at` plus the configured plan link days.
    document_token_expires_at = Column(UtcDateTime, nullable=True)
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    updated_at = Column(UtcDateTime, nullable=False, default=utcnow)


class PlanAnswer(Base):
    """One answer of the intake, under its slot name (or `network.<n>.<field>`)."""

    __tablename__ = "app_plan_answers"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id = Column(Integer, primary_key=True)
    plan_id = Column(String(32), _plan_fk(), nullable=False)
    key = Column(String(100), nullable=False)
    value = Column(Text, nullable=False)
    updated_at = Column(UtcDateTime, nullable=False, default=utcnow)


class PlanVersion(Base):
    """A snapshot of all answers of a plan: `content` is a JSON object key -> value."""

    __tablename__ = "app_plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id = Column(Integer, primary_key=True)
    plan_id = Column(String(32), _plan_fk(), nullable=False)
    number = Column(Integer, nullable=False)
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    content = Column(Text, nullable=False)

    @property
    def answers(self) -> dict[str, str]:
        return json.loads(self.content)


class PlanConversation(Base):
    """A conversation (Rasa sender id) that works on a plan."""

    __tablename__ = "app_plan_conversations"
    __table_args__ = (
        UniqueConstraint("plan_id", "conversation_id"),
        Index("ix_app_plan_conversations_conversation_id", "conversation_id"),
    )

    id = Column(Integer, primary_key=True)
    plan_id = Column(String(32), _plan_fk(), nullable=False)
    conversation_id = Column(String(255), nullable=False)
    linked_at = Column(UtcDateTime, nullable=False, default=utcnow)


class Consent(Base):
    """The person agreed to storing the plan, with the version of the text they agreed to."""

    __tablename__ = "app_consents"

    id = Column(Integer, primary_key=True)
    plan_id = Column(String(32), _plan_fk(), nullable=False, index=True)
    conversation_id = Column(String(255), nullable=False)
    given_at = Column(UtcDateTime, nullable=False, default=utcnow)
    text_version = Column(String(32), nullable=False)


class ResumeCode(Base):
    """A code to continue a plan later; only an HMAC of the normalised code is stored
    (bot.storage.resume_codes)."""

    __tablename__ = "app_resume_codes"

    code_hash = Column(String(64), primary_key=True)
    plan_id = Column(String(32), _plan_fk(), nullable=False, index=True)
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    expires_at = Column(UtcDateTime, nullable=False)


class ResumeAttempt(Base):
    """A wrong resume code, counted to throttle guessing."""

    __tablename__ = "app_resume_attempts"
    __table_args__ = (
        Index("ix_app_resume_attempts_conversation_id_at", "conversation_id", "attempted_at"),
        Index("ix_app_resume_attempts_client_key_at", "client_key", "attempted_at"),
    )

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False)
    attempted_at = Column(UtcDateTime, nullable=False, default=utcnow)
    # An HMAC of the client's address (bot.storage.keys), never the address itself.
    client_key = Column(String(64), nullable=True)


class ForgottenConversation(Base):
    """A conversation deleted by "vergeet mij", kept only as an HMAC of its id so that a
    turn still running cannot write its events back (bot.tracker_store)."""

    __tablename__ = "app_forgotten_conversations"

    conversation_hash = Column(String(64), primary_key=True)
    forgotten_at = Column(UtcDateTime, nullable=False, default=utcnow)


class AuditEntry(Base):
    """Something happened: `action` is a short fixed name (see `bot.storage.audit_log`).

    Append-only: no code updates or deletes a row, and on PostgreSQL and SQLite a trigger
    refuses it (migration 0002). `worker_id` and `case_id` are plain columns, not foreign
    keys, so the log never blocks or follows a change elsewhere. `detail` is short and
    never holds message text or anything a person typed.
    """

    __tablename__ = "app_audit_log"
    __table_args__ = (
        Index("ix_app_audit_log_at", "at"),
        Index("ix_app_audit_log_case_id", "case_id"),
    )

    id = Column(Integer, primary_key=True)
    at = Column(UtcDateTime, nullable=False, default=utcnow)
    action = Column(String(64), nullable=False)
    worker_id = Column(Integer, nullable=True)
    case_id = Column(String(32), nullable=True)
    detail = Column(String(200), nullable=True)

    # The column's name before migration 0002; older code and tests still read it.
    event = synonym("action")


def new_case_id() -> str:
    return secrets.token_hex(16)


class Worker(Base):
    """A support worker (trajectondersteuner) or an admin who logs in to the portal."""

    __tablename__ = "app_workers"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    display_name = Column(String(100), nullable=False)
    password_hash = Column(String(255), nullable=False)
    role = Column(String(16), nullable=False)  # "worker" or "admin"
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    active = Column(Boolean, nullable=False, default=True)


class WorkerTeam(Base):
    """A worker belongs to one or more teams; the teams themselves live in the teams file."""

    __tablename__ = "app_worker_teams"

    worker_id = Column(Integer, ForeignKey("app_workers.id", ondelete="CASCADE"), primary_key=True)
    team_id = Column(String(64), primary_key=True)


class PortalSession(Base):
    """A logged-in portal session. Only the SHA-256 of the cookie's token is stored."""

    __tablename__ = "app_portal_sessions"

    token_hash = Column(String(64), primary_key=True)
    worker_id = Column(
        Integer, ForeignKey("app_workers.id", ondelete="CASCADE"), nullable=False, index=True
    )
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    last_seen = Column(UtcDateTime, nullable=False, default=utcnow)


class LoginAttempt(Base):
    """A login attempt, counted for rate limiting per account and per client address."""

    __tablename__ = "app_login_attempts"
    __table_args__ = (
        Index("ix_app_login_attempts_username_at", "username", "attempted_at"),
        Index("ix_app_login_attempts_client_at", "client", "attempted_at"),
    )

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False)
    client = Column(String(64), nullable=False)
    attempted_at = Column(UtcDateTime, nullable=False, default=utcnow)
    succeeded = Column(Boolean, nullable=False)


class Case(Base):
    """A hand-off to a human: why, how urgent, for which team, and how to reach the person.

    `summary` is a JSON object of what was known (see `bot.handoff.summary`).
    """

    __tablename__ = "app_cases"
    __table_args__ = (
        Index("ix_app_cases_team_id_status", "team_id", "status"),
        Index("ix_app_cases_conversation_id", "conversation_id"),
    )

    id = Column(String(32), primary_key=True, default=new_case_id)
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    updated_at = Column(UtcDateTime, nullable=False, default=utcnow)
    reason = Column(String(32), nullable=False)
    urgency = Column(String(16), nullable=False)
    channel = Column(String(32), nullable=False)
    conversation_id = Column(String(255), nullable=False)
    team_id = Column(String(64), nullable=False)
    status = Column(String(16), nullable=False, default="nieuw")
    claimed_by = Column(Integer, ForeignKey("app_workers.id", ondelete="SET NULL"), nullable=True)
    claimed_at = Column(UtcDateTime, nullable=True)
    summary = Column(Text, nullable=False, default="{}")
    plan_id = Column(String(32), ForeignKey("app_plans.id", ondelete="SET NULL"), nullable=True)
    plan_status = Column(String(32), nullable=False, default="ontwerp")
    contact_preference = Column(String(16), nullable=True)
    contact_value = Column(String(255), nullable=True)
    contact_when = Column(String(200), nullable=True)
    closed_at = Column(UtcDateTime, nullable=True)
    outcome = Column(Text, nullable=True)

    @property
    def summary_data(self) -> dict[str, Any]:
        return json.loads(self.summary or "{}")


class CaseNote(Base):
    """A worker's note on one part of the plan of a case (or on the case as a whole)."""

    __tablename__ = "app_case_notes"

    id = Column(Integer, primary_key=True)
    case_id = Column(
        String(32), ForeignKey("app_cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    worker_id = Column(Integer, ForeignKey("app_workers.id", ondelete="SET NULL"), nullable=True)
    plan_part = Column(String(64), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
