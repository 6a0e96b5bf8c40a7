"""Retention: deleting what is kept longer than the configured periods (python -m bot purge).

- A conversation without consent (no plan linked, no consent given in it) is deleted from
  Rasa's tracker table `events` `session_minutes` after its last event, unless a hand-off
  case is open for it: the worker needs it while the case is open.
- A plan is deleted `plan_keep_days` after its last change (`Plan.updated_at`), with its
  answers, versions, links, consents and codes, and the events of its conversations
  (those not linked to a newer plan and without an open case).
- Resume codes past their expiry; wrong resume attempts older than a day.
- A closed hand-off case with its notes `case_keep_days` after closing.
- Tombstones of forgotten conversations (`ForgottenConversation`) older than a day: no
  turn runs that long.

The audit log only records that a purge ran and how much it removed, never an id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.storage import audit_log, login_limits, portal_sessions, privacy
from bot.storage.models import (
    Case,
    CaseNote,
    Consent,
    ForgottenConversation,
    LoginAttempt,
    Plan,
    PlanConversation,
    PortalSession,
    ResumeAttempt,
    ResumeCode,
    moment_or_now,
)

PURGE = "purge"
ATTEMPT_KEEP = timedelta(days=1)
TOMBSTONE_KEEP = timedelta(days=1)
# The statuses of bot.handoff.cases (which imports this package, so they are named here).
OPEN_CASE_STATUSES = ("nieuw", "geclaimd")
CLOSED_CASE_STATUS = "gesloten"


@dataclass(frozen=True)
class Periods:
    """How long things are kept (the settings of bot/config.py)."""

    session_minutes: int
    plan_keep_days: int
    case_keep_days: int
    portal_idle_minutes: int = portal_sessions.IDLE_MINUTES

    @classmethod
    def from_settings(cls, settings) -> Periods:
        return cls(
            settings.session_minutes,
            settings.plan_keep_days,
            settings.case_keep_days,
            settings.portal_idle_minutes,
        )


@dataclass(frozen=True)
class Purged:
    """How much one purge removed (or would remove, in a dry run)."""

    conversations: int = 0
    events: int = 0
    plans: int = 0
    resume_codes: int = 0
    resume_attempts: int = 0
    cases: int = 0
    forgotten_conversations: int = 0
    login_attempts: int = 0
    portal_sessions: int = 0

    @property
    def total(self) -> int:
        return sum(asdict(self).values())

    def summary(self) -> str:
        """One line of counts, such as "conversations=2 events=31 plans=0 ..."."""
        return " ".join(f"{field.name}={getattr(self, field.name)}" for field in fields(self))


def _open_case_conversations(session: Session) -> set[str]:
    return set(
        session.execute(
            select(Case.conversation_id).where(Case.status.in_(OPEN_CASE_STATUSES))
        ).scalars()
    )


def _consented_conversations(session: Session) -> set[str]:
    return set(
        session.execute(
            select(PlanConversation.conversation_id).union(select(Consent.conversation_id))
        ).scalars()
    )


def idle_conversations_without_consent(session: Session, cutoff: datetime) -> list[str]:
    """Conversations in `events` whose last event is before `cutoff`, without consent and
    without an open hand-off case."""
    events = privacy.tracker_table(session)
    if events is None:
        return []
    idle = session.execute(
        select(events.c.sender_id)
        .group_by(events.c.sender_id)
        .having(func.max(events.c.timestamp) < cutoff.timestamp())
    ).scalars()
    kept = _consented_conversations(session) | _open_case_conversations(session)
    return sorted(set(idle) - kept)


def _event_count(session: Session, conversation_ids: list[str]) -> int:
    events = privacy.tracker_table(session)
    if events is None or not conversation_ids:
        return 0
    return (
        session.execute(
            select(func.count()).where(events.c.sender_id.in_(conversation_ids))
        ).scalar()
        or 0
    )


def _conversations_of_plans(session: Session, plan_ids: list[str], inside: bool) -> set[str]:
    """Conversations linked to, or with a consent for, one of these plans (`inside`) or
    one of the other plans (not `inside`)."""

    def of(column):
        return column.in_(plan_ids) if inside else column.not_in(plan_ids)

    return set(
        session.execute(
            select(PlanConversation.conversation_id)
            .where(of(PlanConversation.plan_id))
            .union(select(Consent.conversation_id).where(of(Consent.plan_id)))
        ).scalars()
    )


def old_plans(session: Session, cutoff: datetime) -> tuple[list[str], list[str]]:
    """Plans last changed before `cutoff`, and their conversations that may go with them
    (not linked to a newer plan, no open hand-off case)."""
    plan_ids = list(session.execute(select(Plan.id).where(Plan.updated_at < cutoff)).scalars())
    if not plan_ids:
        return [], []
    touched = _conversations_of_plans(session, plan_ids, inside=True)
    newer = _conversations_of_plans(session, plan_ids, inside=False)
    conversations = touched - newer - _open_case_conversations(session)
    return plan_ids, sorted(conversations)


def _delete_count(session: Session, statement) -> int:
    return session.execute(statement).rowcount or 0


def purge(
    session: Session, periods: Periods, now: datetime | None = None, dry_run: bool = False
) -> Purged:
    """Delete everything kept longer than `periods` allows; returns the counts.

    With `dry_run` nothing is deleted and nothing is logged: the counts say what would go.
    The caller's session commits (or, for a dry run, may as well roll back).
    """
    now = moment_or_now(now)
    session.flush()
    idle = idle_conversations_without_consent(
        session, now - timedelta(minutes=periods.session_minutes)
    )
    plan_ids, plan_conversations = old_plans(session, now - timedelta(days=periods.plan_keep_days))
    conversations = sorted(set(idle) | set(plan_conversations))
    codes = ResumeCode.expires_at <= now
    attempts = ResumeAttempt.attempted_at < now - ATTEMPT_KEEP
    closed_cases = (Case.status == CLOSED_CASE_STATUS) & (
        Case.closed_at < now - timedelta(days=periods.case_keep_days)
    )
    tombstones = ForgottenConversation.forgotten_at < now - TOMBSTONE_KEEP
    # Login attempts hold a worker's name and a client address; sessions end when idle.
    logins = LoginAttempt.attempted_at < now - timedelta(days=login_limits.KEEP_DAYS)
    sessions = (PortalSession.last_seen <= now - timedelta(minutes=periods.portal_idle_minutes)) | (
        PortalSession.created_at <= now - timedelta(hours=portal_sessions.MAX_HOURS)
    )

    if dry_run:
        count = _count_rows
        return Purged(
            conversations=len(conversations),
            events=_event_count(session, conversations),
            plans=len(plan_ids),
            resume_codes=count(session, ResumeCode, codes, plan_ids),
            resume_attempts=count(session, ResumeAttempt, attempts),
            cases=count(session, Case, closed_cases),
            forgotten_conversations=count(session, ForgottenConversation, tombstones),
            login_attempts=count(session, LoginAttempt, logins),
            portal_sessions=count(session, PortalSession, sessions),
        )

    events = privacy.delete_conversation_events(session, conversations)
    if plan_ids:
        privacy.delete_plans(session, plan_ids)
    case_ids = list(session.execute(select(Case.id).where(closed_cases)).scalars())
    if case_ids:
        session.execute(delete(CaseNote).where(CaseNote.case_id.in_(case_ids)))
        session.execute(delete(Case).where(Case.id.in_(case_ids)))
    purged = Purged(
        conversations=len(conversations),
        events=events,
        plans=len(plan_ids),
        resume_codes=_delete_count(session, delete(ResumeCode).where(codes)),
        resume_attempts=_delete_count(session, delete(ResumeAttempt).where(attempts)),
        cases=len(case_ids),
        forgotten_conversations=_delete_count(
            session, delete(ForgottenConversation).where(tombstones)
        ),
        login_attempts=login_limits.purge_attempts(session, now=now),
        portal_sessions=portal_sessions.purge_expired(
            session, now=now, idle_minutes=periods.portal_idle_minutes
        ),
    )
    audit_log.record(session, PURGE, detail=purged.summary(), now=now)
    return purged


def _count_rows(session: Session, model, condition, plan_ids: list[str] | None = None) -> int:
    statement = select(func.count()).select_from(model).where(condition)
    if plan_ids:  # codes of plans that go anyway are counted with the plan's deletion too
        statement = statement.where(model.plan_id.not_in(plan_ids))
    return session.execute(statement).scalar() or 0
