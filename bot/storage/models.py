"""Tables of the application database (the intake's plans, answers and resume codes).

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
from sqlalchemy.orm import declarative_base
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
    """A code to continue a plan later; only the SHA-256 of the normalised code is stored."""

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
    )

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False)
    attempted_at = Column(UtcDateTime, nullable=False, default=utcnow)


class AuditEntry(Base):
    """Something happened. `event` is a short fixed text: never an id or anything personal."""

    __tablename__ = "app_audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(UtcDateTime, nullable=False, default=utcnow)
    event = Column(String(64), nullable=False)
