"""Plans and their answers, versions and conversations.

Every function takes an open session first (see `bot.storage.db.session`) and never
commits: the caller's session does. `now` defaults to the current UTC time.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.storage.models import (
    Consent,
    Plan,
    PlanAnswer,
    PlanConversation,
    PlanVersion,
    as_utc,
    utcnow,
)

MAX_ANSWER_CHARS = 4000
NETWORK_PREFIX = "network."
NETWORK_FIELDS = ("name", "relation", "does_now", "could_do")
_NETWORK_KEY = re.compile(r"network\.(\d+)\.(\w+)")


def _now(now: datetime | None) -> datetime:
    return utcnow() if now is None else as_utc(now)


def upsert(session: Session, model):
    """INSERT ... ON CONFLICT for `model`, on SQLite and PostgreSQL alike."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"No upsert for {dialect}")


def create_plan(
    session: Session, conversation_id: str, consent_text_version: str, now: datetime | None = None
) -> Plan:
    """A new, empty plan with the consent given in `conversation_id` and linked to it."""
    now = _now(now)
    plan = Plan(created_at=now, updated_at=now)
    session.add(plan)
    session.flush()
    session.add(
        Consent(
            plan_id=plan.id,
            conversation_id=conversation_id,
            given_at=now,
            text_version=consent_text_version,
        )
    )
    link_conversation(session, plan.id, conversation_id, now=now)
    return plan


def plan_by_id(session: Session, plan_id: str) -> Plan | None:
    return session.get(Plan, plan_id)


def plan_by_token(session: Session, token: str) -> Plan | None:
    if not token:
        return None
    return session.execute(select(Plan).where(Plan.document_token == token)).scalar_one_or_none()


def plan_for_conversation(session: Session, conversation_id: str) -> Plan | None:
    """The plan most recently linked to `conversation_id`."""
    return (
        session.execute(
            select(Plan)
            .join(PlanConversation, PlanConversation.plan_id == Plan.id)
            .where(PlanConversation.conversation_id == conversation_id)
            .order_by(PlanConversation.linked_at.desc(), PlanConversation.id.desc())
            .limit(1)
        )
        .scalars()
        .first()
    )


def link_conversation(
    session: Session, plan_id: str, conversation_id: str, now: datetime | None = None
) -> None:
    """Link the conversation to the plan; linking again only makes it the most recent link."""
    now = _now(now)
    session.flush()
    statement = upsert(session, PlanConversation).values(
        plan_id=plan_id, conversation_id=conversation_id, linked_at=now
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["plan_id", "conversation_id"],
            set_={"linked_at": statement.excluded.linked_at},
        )
    )


def _touch(session: Session, plan_id: str, now: datetime) -> None:
    session.execute(
        update(Plan)
        .where(Plan.id == plan_id)
        .values(updated_at=now)
        .execution_options(synchronize_session="evaluate")
    )


def save_answer(
    session: Session, plan_id: str, key: str, value: str | None, now: datetime | None = None
) -> None:
    """Store (or replace) one answer; `None` removes it. Long answers are cut off."""
    now = _now(now)
    session.flush()
    if value is None:
        session.execute(
            delete(PlanAnswer).where(PlanAnswer.plan_id == plan_id, PlanAnswer.key == key)
        )
    else:
        statement = upsert(session, PlanAnswer).values(
            plan_id=plan_id, key=key, value=value[:MAX_ANSWER_CHARS], updated_at=now
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["plan_id", "key"],
                set_={
                    "value": statement.excluded.value,
                    "updated_at": statement.excluded.updated_at,
                },
            )
        )
    _touch(session, plan_id, now)


def answers(session: Session, plan_id: str) -> dict[str, str]:
    session.flush()
    rows = session.execute(
        select(PlanAnswer.key, PlanAnswer.value)
        .where(PlanAnswer.plan_id == plan_id)
        .order_by(PlanAnswer.key)
    )
    return {key: value for key, value in rows}


def delete_answers(session: Session, plan_id: str, prefix: str) -> None:
    """Remove every answer whose key starts with `prefix` (such as "network.2.")."""
    session.flush()
    keys = [key for key in answers(session, plan_id) if key.startswith(prefix)]
    if keys:
        session.execute(
            delete(PlanAnswer).where(PlanAnswer.plan_id == plan_id, PlanAnswer.key.in_(keys))
        )
        _touch(session, plan_id, utcnow())


def save_version(session: Session, plan_id: str, now: datetime | None = None) -> int:
    """Keep a snapshot of all answers as the next version; returns its number (from 1)."""
    now = _now(now)
    session.flush()
    # Lock the plan (PostgreSQL; SQLite holds the whole database) so numbers never collide.
    session.execute(select(Plan.id).where(Plan.id == plan_id).with_for_update())
    latest = session.execute(
        select(func.max(PlanVersion.number)).where(PlanVersion.plan_id == plan_id)
    ).scalar()
    number = (latest or 0) + 1
    content = json.dumps(answers(session, plan_id), ensure_ascii=False, sort_keys=True)
    session.add(PlanVersion(plan_id=plan_id, number=number, created_at=now, content=content))
    session.flush()
    return number


def versions(session: Session, plan_id: str) -> list[PlanVersion]:
    """All versions of the plan, oldest first."""
    session.flush()
    return list(
        session.execute(
            select(PlanVersion).where(PlanVersion.plan_id == plan_id).order_by(PlanVersion.number)
        ).scalars()
    )


def network_members(answers: dict[str, str]) -> list[dict[str, str]]:
    """The network members in `network.<n>.<field>` answers, ordered by n.

    Each member is a dict of the fields that were answered (name, relation, does_now,
    could_do); a member without any of them is left out.
    """
    members: dict[int, dict[str, str]] = {}
    for key, value in answers.items():
        match = _NETWORK_KEY.fullmatch(key)
        if match and match.group(2) in NETWORK_FIELDS:
            members.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return [members[number] for number in sorted(members)]


def next_member_number(answers: dict[str, str]) -> int:
    """The n for the next network member: one more than the highest in use (1 at first)."""
    numbers = [int(match.group(1)) for key in answers if (match := _NETWORK_KEY.fullmatch(key))]
    return max(numbers, default=0) + 1
