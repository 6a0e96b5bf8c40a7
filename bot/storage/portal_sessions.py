"""Server-side sessions of the support-worker portal, and who is online.

The cookie carries a random token; only its SHA-256 is stored, so a copy of the database
gives no working session. Every login makes a new token (no session fixation). A session
ends when it was not used for `idle_minutes`, when it is `max_hours` old, at logout, or
when its worker is switched off. Each session has its own CSRF token for the portal's
forms.

A worker counts as online for a team when one of their sessions was used in the last
`within_minutes` (the portal touches the session on every request).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.storage.models import PortalSession, Worker, WorkerTeam, moment_or_now

IDLE_MINUTES = 30
MAX_HOURS = 12
ONLINE_MINUTES = 5


@dataclass(frozen=True)
class NewSession:
    """A session just made: `token` goes into the cookie and is not stored anywhere."""

    token: str
    csrf_token: str
    worker_id: int


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_session(session: Session, worker_id: int, now: datetime | None = None) -> NewSession:
    """A new session for the worker (call it after a successful login)."""
    now = moment_or_now(now)
    token = secrets.token_urlsafe(32)
    csrf_token = secrets.token_urlsafe(32)
    session.add(
        PortalSession(
            token_hash=token_hash(token),
            worker_id=worker_id,
            csrf_token=csrf_token,
            created_at=now,
            last_seen=now,
        )
    )
    session.flush()
    return NewSession(token=token, csrf_token=csrf_token, worker_id=worker_id)


def _expired(row: PortalSession, now: datetime, idle_minutes: int, max_hours: int) -> bool:
    return (
        row.last_seen + timedelta(minutes=idle_minutes) <= now
        or row.created_at + timedelta(hours=max_hours) <= now
    )


def session_for_token(
    session: Session,
    token: str | None,
    now: datetime | None = None,
    idle_minutes: int = IDLE_MINUTES,
    max_hours: int = MAX_HOURS,
) -> PortalSession | None:
    """The live session of this cookie token, or None.

    An expired session, or one whose worker was switched off, is deleted on the way.
    It is not touched: call `touch` when the request is served.
    """
    if not token:
        return None
    now = moment_or_now(now)
    row = session.get(PortalSession, token_hash(token))
    if row is None:
        return None
    worker = session.get(Worker, row.worker_id)
    if worker is None or not worker.active or _expired(row, now, idle_minutes, max_hours):
        session.delete(row)
        session.flush()
        return None
    return row


def touch(session: Session, row: PortalSession, now: datetime | None = None) -> None:
    """The session was used now."""
    row.last_seen = moment_or_now(now)
    session.flush()


def csrf_valid(row: PortalSession, submitted: str | None) -> bool:
    """Whether a form's CSRF token is the session's (compared in constant time)."""
    return bool(submitted) and hmac.compare_digest(
        row.csrf_token.encode("utf-8"), str(submitted).encode("utf-8")
    )


def end_session(session: Session, token: str | None) -> None:
    """Log out: the session of this token is gone."""
    if token:
        session.execute(delete(PortalSession).where(PortalSession.token_hash == token_hash(token)))


def end_sessions_of(session: Session, worker_id: int) -> int:
    """End every session of the worker (after a new password or switching them off)."""
    result = session.execute(delete(PortalSession).where(PortalSession.worker_id == worker_id))
    return result.rowcount or 0


def purge_expired(
    session: Session,
    now: datetime | None = None,
    idle_minutes: int = IDLE_MINUTES,
    max_hours: int = MAX_HOURS,
) -> int:
    """Delete every expired session; returns how many."""
    now = moment_or_now(now)
    result = session.execute(
        delete(PortalSession)
        .where(
            or_(
                PortalSession.last_seen <= now - timedelta(minutes=idle_minutes),
                PortalSession.created_at <= now - timedelta(hours=max_hours),
            )
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def workers_online(
    session: Session,
    team_id: str,
    now: datetime | None = None,
    within_minutes: int = ONLINE_MINUTES,
) -> list[Worker]:
    """The active workers of the team with a session used in the last `within_minutes`,
    by name."""
    now = moment_or_now(now)
    since = now - timedelta(minutes=within_minutes)
    return list(
        session.execute(
            select(Worker)
            .join(WorkerTeam, WorkerTeam.worker_id == Worker.id)
            .where(
                WorkerTeam.team_id == team_id,
                Worker.active.is_(True),
                Worker.id.in_(
                    select(PortalSession.worker_id).where(
                        PortalSession.last_seen > since, PortalSession.last_seen <= now
                    )
                ),
            )
            .order_by(Worker.display_name, Worker.id)
        ).scalars()
    )
