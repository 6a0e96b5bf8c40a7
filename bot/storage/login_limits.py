"""Rate limiting of portal logins, per account and per client address.

Every attempt is recorded (`record_attempt`). A login is refused without looking at the
password when, within the last `WINDOW_MINUTES`:
- the account (the username as typed, known or not) had `ACCOUNT_MAX_FAILURES` failed
  attempts since its last successful login, or
- the client address had `CLIENT_MAX_FAILURES` failed attempts (a success does not reset
  this count, so one valid account cannot be used to keep guessing others).
It is allowed again when enough of those attempts have left the window. The limit per
account means someone can keep a worker out for a while by guessing; the window is short
for that reason, and the per-client limit stops one address from doing it to many.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.storage.models import LoginAttempt, as_utc, moment_or_now
from bot.storage.workers import normalise_username

ACCOUNT_MAX_FAILURES = 5
CLIENT_MAX_FAILURES = 20
WINDOW_MINUTES = 15
KEEP_DAYS = 30
MAX_KEY_LENGTH = 64


@dataclass(frozen=True)
class LoginDecision:
    """Whether a login may be tried now; if not, why ("account" or "client") and how many
    seconds until it may (at least 1)."""

    allowed: bool
    limited_by: str | None = None
    retry_after_seconds: int = 0


def _account(username: str) -> str:
    return normalise_username(username)[:MAX_KEY_LENGTH]


def _client(client: str) -> str:
    return client.strip()[:MAX_KEY_LENGTH]


def record_attempt(
    session: Session, username: str, client: str, succeeded: bool, now: datetime | None = None
) -> None:
    session.add(
        LoginAttempt(
            username=_account(username),
            client=_client(client),
            attempted_at=moment_or_now(now),
            succeeded=succeeded,
        )
    )
    session.flush()


def _wait(failures: list[datetime], limit: int, now: datetime) -> int:
    """Seconds until fewer than `limit` of these failures are inside the window; 0 if now."""
    if len(failures) < limit:
        return 0
    free_at = failures[len(failures) - limit] + timedelta(minutes=WINDOW_MINUTES)
    return max(1, math.ceil((free_at - now).total_seconds()))


def login_allowed(
    session: Session, username: str, client: str, now: datetime | None = None
) -> LoginDecision:
    """May this client try to log in to this account now?"""
    now = moment_or_now(now)
    since = now - timedelta(minutes=WINDOW_MINUTES)
    account = _account(username)
    last_success = session.execute(
        select(func.max(LoginAttempt.attempted_at)).where(
            LoginAttempt.username == account,
            LoginAttempt.succeeded.is_(True),
            LoginAttempt.attempted_at <= now,
        )
    ).scalar()
    account_since = max(since, as_utc(last_success)) if last_success else since
    account_failures = _failures(session, LoginAttempt.username == account, account_since, now)
    wait = _wait(account_failures, ACCOUNT_MAX_FAILURES, now)
    if wait:
        return LoginDecision(False, "account", wait)
    client_failures = _failures(session, LoginAttempt.client == _client(client), since, now)
    wait = _wait(client_failures, CLIENT_MAX_FAILURES, now)
    if wait:
        return LoginDecision(False, "client", wait)
    return LoginDecision(True)


def _failures(session: Session, which, since: datetime, now: datetime) -> list[datetime]:
    return list(
        session.execute(
            select(LoginAttempt.attempted_at)
            .where(
                which,
                LoginAttempt.succeeded.is_(False),
                LoginAttempt.attempted_at > since,
                LoginAttempt.attempted_at <= now,
            )
            .order_by(LoginAttempt.attempted_at)
        ).scalars()
    )


def purge_attempts(
    session: Session, now: datetime | None = None, keep_days: int = KEEP_DAYS
) -> int:
    """Forget attempts older than `keep_days` (they hold client addresses)."""
    cutoff = moment_or_now(now) - timedelta(days=keep_days)
    result = session.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at < cutoff))
    return result.rowcount or 0
