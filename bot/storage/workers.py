"""Support-worker accounts of the portal: usernames, argon2 password hashes, roles, teams.

Every function takes an open session first and never commits. A password is only ever
passed to argon2: it is not stored, logged or returned. `authenticate` spends the same
hashing time on an unknown username as on a known one, so timing does not tell which
usernames exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.storage.models import Worker, WorkerTeam, as_utc, utcnow

WORKER = "worker"
ADMIN = "admin"
ROLES = (WORKER, ADMIN)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")


class AccountError(ValueError):
    """A worker account cannot be made as asked; the message is Dutch, for the admin."""


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    """argon2id with argon2-cffi's recommended parameters (RFC 9106, low memory)."""
    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hasher().hash("no such worker: this hash only costs the same time")


def normalise_username(username: str) -> str:
    return username.strip().lower()


def check_username(username: str) -> str:
    """The normalised username, or AccountError with the reason."""
    name = normalise_username(username)
    if not USERNAME.fullmatch(name):
        raise AccountError(
            "Een gebruikersnaam heeft 2 tot 64 tekens: kleine letters, cijfers, punt, "
            "streepje of liggend streepje. Hij begint met een letter of cijfer."
        )
    return name


def check_password(password: str) -> None:
    """AccountError when the password is too short or too long."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"Het wachtwoord is te kort. Kies minstens {MIN_PASSWORD_LENGTH} tekens."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError("Het wachtwoord is te lang.")


def hash_password(password: str) -> str:
    return hasher().hash(password)


def add_worker(
    session: Session,
    username: str,
    display_name: str,
    password: str,
    role: str,
    team_ids: Iterable[str],
    now: datetime | None = None,
) -> Worker:
    """A new, active account in the given teams (at least one). Raises AccountError."""
    name = check_username(username)
    display_name = display_name.strip()
    if not display_name or len(display_name) > 100:
        raise AccountError("Geef een naam van 1 tot 100 tekens.")
    if role not in ROLES:
        raise AccountError(f"De rol is 'worker' of 'admin', niet {role!r}.")
    teams = sorted(set(team_ids))
    if not teams:
        raise AccountError("Een medewerker zit in minstens één team.")
    check_password(password)
    if worker_by_username(session, name) is not None:
        raise AccountError(f"De gebruikersnaam {name!r} bestaat al.")
    worker = Worker(
        username=name,
        display_name=display_name,
        password_hash=hash_password(password),
        role=role,
        created_at=utcnow() if now is None else as_utc(now),
        active=True,
    )
    session.add(worker)
    session.flush()
    session.add_all(WorkerTeam(worker_id=worker.id, team_id=team) for team in teams)
    session.flush()
    return worker


def worker_by_id(session: Session, worker_id: int) -> Worker | None:
    return session.get(Worker, worker_id)


def worker_by_username(session: Session, username: str) -> Worker | None:
    return session.execute(
        select(Worker).where(Worker.username == normalise_username(username))
    ).scalar_one_or_none()


def teams_of(session: Session, worker_id: int) -> list[str]:
    """The team ids of the worker, sorted."""
    return list(
        session.execute(
            select(WorkerTeam.team_id)
            .where(WorkerTeam.worker_id == worker_id)
            .order_by(WorkerTeam.team_id)
        ).scalars()
    )


def set_teams(session: Session, worker_id: int, team_ids: Iterable[str]) -> None:
    teams = sorted(set(team_ids))
    if not teams:
        raise AccountError("Een medewerker zit in minstens één team.")
    session.execute(delete(WorkerTeam).where(WorkerTeam.worker_id == worker_id))
    session.add_all(WorkerTeam(worker_id=worker_id, team_id=team) for team in teams)
    session.flush()


def authenticate(session: Session, username: str, password: str) -> Worker | None:
    """The active worker with this username and password, or None.

    A hash made with older argon2 parameters is replaced by one with the current ones.
    """
    worker = worker_by_username(session, username)
    if worker is None or not worker.active or len(password) > MAX_PASSWORD_LENGTH:
        try:
            hasher().verify(_dummy_hash(), password[:MAX_PASSWORD_LENGTH] + "x")
        except VerificationError:
            pass
        return None
    try:
        hasher().verify(worker.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if hasher().check_needs_rehash(worker.password_hash):
        worker.password_hash = hash_password(password)
        session.flush()
    return worker


def set_password(session: Session, worker_id: int, password: str) -> None:
    """A new password (the caller ends the worker's other sessions)."""
    check_password(password)
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise AccountError("Die medewerker bestaat niet.")
    worker.password_hash = hash_password(password)
    session.flush()


def set_active(session: Session, worker_id: int, active: bool) -> None:
    """Switch an account off (it can no longer log in) or on again; it is never deleted,
    so the audit log and the cases keep pointing at it."""
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise AccountError("Die medewerker bestaat niet.")
    worker.active = active
    session.flush()
