"""Plans and their answers, versions, conversations and plan links.

Every function takes an open session first (see `bot.storage.db.session`) and never
commits: the caller's session does. `now` defaults to the current UTC time, `link_days`
to the configured plan link days (settings.plan_link_days).

The plan link /plan/<token> works until `document_token_expires_at` (for plans from before
that column: `created_at` plus the plan link days). A new link replaces the token, so the
old link stops working at once; extending sets the expiry to `link_days` from now.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.config import load_settings
from bot.storage.keys import keyed_hash
from bot.storage.models import (
    Consent,
    Plan,
    PlanAnswer,
    PlanConversation,
    PlanVersion,
    as_utc,
    new_document_token,
    utcnow,
)

MAX_ANSWER_CHARS = 4000
NETWORK_PREFIX = "network."
NETWORK_FIELDS = ("name", "relation", "does_now", "could_do")
_NETWORK_KEY = re.compile(r"network\.(\d+)\.(\w+)")
# The reference of a linked conversation in "ontkoppel" buttons: part of an HMAC, so it
# names no conversation id and only means something together with the plan.
CONVERSATION_REF_CHARS = 16
CONVERSATION_REF = re.compile(rf"[0-9a-f]{{{CONVERSATION_REF_CHARS}}}")
# Rasa tries a call to the action server again when its connection was lost, and the
# action may already have run (bot/action_calls.py): what the same call makes again within
# this time is what it made the first time. Answers are one row per plan and question.
REPEATED_CALL = timedelta(seconds=60)


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


def _link_days(link_days: int | None) -> int:
    return load_settings().plan_link_days if link_days is None else link_days


def create_plan(
    session: Session,
    conversation_id: str,
    consent_text_version: str,
    now: datetime | None = None,
    link_days: int | None = None,
) -> Plan:
    """A new, empty plan with the consent given in `conversation_id` and linked to it; its
    link works for `link_days`. The same call repeated within REPEATED_CALL returns the
    empty plan it made: one plan and one consent."""
    now = _now(now)
    repeated = _plan_just_made(session, conversation_id, now)
    if repeated is not None:
        return repeated
    expires = now + timedelta(days=_link_days(link_days))
    plan = Plan(created_at=now, updated_at=now, document_token_expires_at=expires)
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


def _plan_just_made(session: Session, conversation_id: str, now: datetime) -> Plan | None:
    """The plan this conversation consented to within REPEATED_CALL, if it has no answers."""
    session.flush()
    plan = session.execute(
        select(Plan)
        .join(Consent, Consent.plan_id == Plan.id)
        .where(
            Consent.conversation_id == conversation_id,
            Consent.given_at > now - REPEATED_CALL,
            Consent.given_at <= now,
            ~select(PlanAnswer.id).where(PlanAnswer.plan_id == Plan.id).exists(),
        )
        .order_by(Consent.given_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    if plan is None or not is_linked(session, plan.id, conversation_id):
        return None
    return plan


def plan_by_id(session: Session, plan_id: str) -> Plan | None:
    return session.get(Plan, plan_id)


def plan_by_token(session: Session, token: str) -> Plan | None:
    if not token:
        return None
    return session.execute(select(Plan).where(Plan.document_token == token)).scalar_one_or_none()


@dataclass(frozen=True)
class LinkLookup:
    """The plan behind a plan link: status "ok" (with the plan), "expired" or "not_found"
    (also for a link replaced by a new one)."""

    status: str
    plan: Plan | None = None


def link_expires_at(plan: Plan, link_days: int | None = None) -> datetime:
    """When the plan's link stops working."""
    if plan.document_token_expires_at is not None:
        return plan.document_token_expires_at
    return plan.created_at + timedelta(days=_link_days(link_days))


def plan_by_link(
    session: Session, token: str, now: datetime | None = None, link_days: int | None = None
) -> LinkLookup:
    """The plan whose link holds `token`, if the link still works."""
    plan = plan_by_token(session, token)
    if plan is None:
        return LinkLookup("not_found")
    if link_expires_at(plan, link_days) <= _now(now):
        return LinkLookup("expired")
    return LinkLookup("ok", plan)


def new_plan_link(
    session: Session, plan_id: str, now: datetime | None = None, link_days: int | None = None
) -> Plan | None:
    """Give the plan a new link token (the old link stops working at once), valid for
    `link_days` from now; None when there is no such plan."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        return None
    plan.document_token = new_document_token()
    plan.document_token_expires_at = _now(now) + timedelta(days=_link_days(link_days))
    session.flush()
    return plan


def extend_plan_link(
    session: Session, plan_id: str, now: datetime | None = None, link_days: int | None = None
) -> Plan | None:
    """Let the plan's link work `link_days` from now (also a link that had expired); None
    when there is no such plan."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        return None
    plan.document_token_expires_at = _now(now) + timedelta(days=_link_days(link_days))
    session.flush()
    return plan


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


def is_linked(session: Session, plan_id: str, conversation_id: str) -> bool:
    """Whether the conversation may work on the plan (it is linked to it)."""
    session.flush()
    found = session.execute(
        select(PlanConversation.id).where(
            PlanConversation.plan_id == plan_id,
            PlanConversation.conversation_id == conversation_id,
        )
    ).first()
    return found is not None


@dataclass(frozen=True)
class LinkedConversation:
    """A conversation linked to a plan, as the person may see it: `ref` (see
    `conversation_ref`), when it was linked, and whether it is the one asking."""

    ref: str
    linked_at: datetime
    current: bool


def conversation_ref(plan_id: str, conversation_id: str) -> str:
    """A short reference to a conversation of a plan, safe to put in a button: an HMAC of
    both, so it reveals nothing and is worthless for any other plan."""
    return keyed_hash("linked_conversation", f"{plan_id}\x00{conversation_id}")[
        :CONVERSATION_REF_CHARS
    ]


def linked_conversations(
    session: Session, plan_id: str, current_conversation_id: str
) -> list[LinkedConversation]:
    """The conversations linked to the plan, the earliest link first."""
    session.flush()
    rows = session.execute(
        select(PlanConversation.conversation_id, PlanConversation.linked_at)
        .where(PlanConversation.plan_id == plan_id)
        .order_by(PlanConversation.linked_at, PlanConversation.id)
    )
    return [
        LinkedConversation(
            conversation_ref(plan_id, conversation_id),
            as_utc(linked_at),
            conversation_id == current_conversation_id,
        )
        for conversation_id, linked_at in rows
    ]


def unlink_conversation(
    session: Session, plan_id: str, ref: str, current_conversation_id: str
) -> bool:
    """Remove the link of the conversation `ref` (see `conversation_ref`) to the plan, so
    it no longer reaches the plan. The asking conversation cannot unlink itself this way
    (that is "vergeet mij"). Whether a link was removed."""
    if not CONVERSATION_REF.fullmatch(ref or ""):
        return False
    session.flush()
    conversation_ids = session.execute(
        select(PlanConversation.conversation_id).where(PlanConversation.plan_id == plan_id)
    ).scalars()
    for conversation_id in conversation_ids:
        if conversation_id == current_conversation_id:
            continue
        if conversation_ref(plan_id, conversation_id) == ref:
            session.execute(
                delete(PlanConversation).where(
                    PlanConversation.plan_id == plan_id,
                    PlanConversation.conversation_id == conversation_id,
                )
            )
            return True
    return False


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
    """Keep a snapshot of all answers as the next version; returns its number (from 1).

    The same call repeated within REPEATED_CALL, with the answers unchanged, returns the
    version it made."""
    now = _now(now)
    session.flush()
    # Lock the plan (PostgreSQL; SQLite holds the whole database) so numbers never collide.
    session.execute(select(Plan.id).where(Plan.id == plan_id).with_for_update())
    latest = session.execute(
        select(PlanVersion)
        .where(PlanVersion.plan_id == plan_id)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    ).scalar_one_or_none()
    content = json.dumps(answers(session, plan_id), ensure_ascii=False, sort_keys=True)
    if (
        latest is not None
        and latest.content == content
        and now - REPEATED_CALL < as_utc(latest.created_at) <= now
    ):
        return latest.number
    number = (latest.number if latest else 0) + 1
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
