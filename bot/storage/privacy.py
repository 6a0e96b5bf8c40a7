"""What is stored about a conversation, and deleting all of it (the right to be forgotten).

Deleting starts from the conversation and the earlier conversations of the same browser,
and reaches every conversation that ever touched one of their plans (linked to it, gave
consent for it, or had a hand-off case about it), and every plan of those conversations.
It removes those plans with everything that belongs to them, the hand-off cases of those
plans and conversations (with their notes), the wrong resume attempts of all the
conversations, and the conversations in Rasa's tracker table `events` when it lives in the
same database. Each deleted conversation leaves a tombstone (an HMAC of its id, purged after
a day) so that a turn still running cannot write its events back (bot/tracker_store.py).
The audit log only records that a deletion happened: never an id or anything personal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import MetaData, Table, delete, func, inspect, or_, select, union
from sqlalchemy.orm import Session

from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import audit_log
from bot.storage.keys import keyed_hash
from bot.storage.models import (
    Case,
    CaseNote,
    Consent,
    ForgottenConversation,
    Plan,
    PlanAnswer,
    PlanConversation,
    PlanVersion,
    ResumeAttempt,
    ResumeCode,
    moment_or_now,
    utcnow,
)
from bot.storage.plans import answers, plan_for_conversation, upsert

DATA_DELETED = audit_log.DELETION
RASA_TRACKER_TABLE = "events"
# A conversation id as the web chat makes them (and as the metadata must carry them).
CONVERSATION_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
MAX_BROWSER_CONVERSATIONS = 20
# Following plans to conversations and back stops after this many rounds.
MAX_ROUNDS = 10


def _count(session: Session, statement) -> int:
    return session.execute(statement).scalar() or 0


def stored_data(session: Session, conversation_id: str) -> dict | None:
    """Everything stored for the plan of this conversation, or None if there is no plan.

    "consents" holds dicts with "given_at" (an aware UTC datetime) and "text_version".
    """
    plan = plan_for_conversation(session, conversation_id)
    if plan is None:
        return None
    consents = session.execute(
        select(Consent.given_at, Consent.text_version)
        .where(Consent.plan_id == plan.id)
        .order_by(Consent.given_at, Consent.id)
    )
    now = utcnow()
    return {
        "consents": [
            {"given_at": given_at, "text_version": text_version}
            for given_at, text_version in consents
        ],
        "answers": answers(session, plan.id),
        "versions": _count(session, select(func.count()).where(PlanVersion.plan_id == plan.id)),
        "active_codes": _count(
            session,
            select(func.count()).where(ResumeCode.plan_id == plan.id, ResumeCode.expires_at > now),
        ),
        "conversations": _count(
            session, select(func.count()).where(PlanConversation.plan_id == plan.id)
        ),
    }


def tracker_table(session: Session) -> Table | None:
    connection = session.connection()
    if not inspect(connection).has_table(RASA_TRACKER_TABLE):
        return None
    table = Table(RASA_TRACKER_TABLE, MetaData(), autoload_with=connection)
    return table if "sender_id" in table.c else None


def valid_conversation_ids(value: object) -> list[str]:
    """The well-formed conversation ids in `value` (a list from a message's metadata),
    at most `MAX_BROWSER_CONVERSATIONS`; anything else is ignored."""
    if not isinstance(value, list):
        return []
    found = [v for v in value if isinstance(v, str) and CONVERSATION_ID.fullmatch(v)]
    return list(dict.fromkeys(found))[:MAX_BROWSER_CONVERSATIONS]


def _plans_of(session: Session, conversation_ids: set[str]) -> set[str]:
    found = session.execute(
        union(
            select(PlanConversation.plan_id).where(
                PlanConversation.conversation_id.in_(conversation_ids)
            ),
            select(Consent.plan_id).where(Consent.conversation_id.in_(conversation_ids)),
            select(Case.plan_id).where(
                Case.conversation_id.in_(conversation_ids), Case.plan_id.is_not(None)
            ),
        )
    ).scalars()
    return set(found)


def _conversations_of(session: Session, plan_ids: set[str]) -> set[str]:
    found = session.execute(
        union(
            select(PlanConversation.conversation_id).where(PlanConversation.plan_id.in_(plan_ids)),
            select(Consent.conversation_id).where(Consent.plan_id.in_(plan_ids)),
            select(Case.conversation_id).where(Case.plan_id.in_(plan_ids)),
        )
    ).scalars()
    return set(found)


def reach(session: Session, conversation_ids: Iterable[str]) -> tuple[set[str], set[str]]:
    """The conversations and plans reached from these conversations: their plans, every
    conversation that touched one of those plans, their plans, and so on."""
    conversations: set[str] = set(conversation_ids)
    plan_ids: set[str] = set()
    for _round in range(MAX_ROUNDS):
        more_plans = _plans_of(session, conversations) - plan_ids
        plan_ids |= more_plans
        more_conversations = _conversations_of(session, plan_ids) - conversations
        conversations |= more_conversations
        if not more_plans and not more_conversations:
            break
    return conversations, plan_ids


def delete_everything(
    session: Session,
    conversation_id: str,
    now: datetime | None = None,
    browser_conversations: Iterable[str] = (),
) -> list[str]:
    """Delete all data of this conversation and of the earlier conversations of the same
    browser (`browser_conversations`); returns the conversation ids removed.

    These are `conversation_id` first, then every other conversation reached (`reach`).
    """
    session.flush()
    now = moment_or_now(now)
    reached, plan_ids = reach(session, [conversation_id, *browser_conversations])
    conversation_ids = [conversation_id, *sorted(reached - {conversation_id})]

    # Hand-off cases (with their notes) of these conversations or plans: they hold a
    # summary and maybe a phone number or e-mail address.
    case_ids = list(
        session.execute(
            select(Case.id).where(
                or_(Case.conversation_id.in_(conversation_ids), Case.plan_id.in_(plan_ids))
            )
        ).scalars()
    )
    if case_ids:
        session.execute(delete(CaseNote).where(CaseNote.case_id.in_(case_ids)))
        session.execute(delete(Case).where(Case.id.in_(case_ids)))
    if plan_ids:
        delete_plans(session, plan_ids)
    session.execute(delete(Consent).where(Consent.conversation_id.in_(conversation_ids)))
    session.execute(
        delete(ResumeAttempt).where(ResumeAttempt.conversation_id.in_(conversation_ids))
    )
    delete_conversation_events(session, conversation_ids)
    for forgotten in conversation_ids:
        tombstone(session, forgotten, now)
    audit(session, DATA_DELETED, now=now)
    return conversation_ids


def delete_plans(session: Session, plan_ids: Iterable[str]) -> None:
    """Delete these plans with their answers, versions, links, consents and codes."""
    plan_ids = list(plan_ids)
    # The foreign keys cascade too; deleting explicitly does not depend on it.
    for child in (PlanAnswer, PlanVersion, PlanConversation, Consent, ResumeCode):
        session.execute(delete(child).where(child.plan_id.in_(plan_ids)))
    session.execute(delete(Plan).where(Plan.id.in_(plan_ids)))


def delete_conversation_events(session: Session, conversation_ids: Iterable[str]) -> int:
    """Delete the conversations' events from Rasa's tracker table (when it is in this
    database); returns how many events were deleted."""
    conversation_ids = list(conversation_ids)
    tracker = tracker_table(session)
    if tracker is None or not conversation_ids:
        return 0
    result = session.execute(delete(tracker).where(tracker.c.sender_id.in_(conversation_ids)))
    return result.rowcount or 0


def tombstone(session: Session, conversation_id: str, now: datetime | None = None) -> None:
    """Remember (as an HMAC of its id) that this conversation was forgotten at `now`."""
    now = moment_or_now(now)
    statement = upsert(session, ForgottenConversation).values(
        conversation_hash=keyed_hash("conversation", conversation_id), forgotten_at=now
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["conversation_hash"],
            set_={"forgotten_at": statement.excluded.forgotten_at},
        )
    )


def forgotten_at(session: Session, conversation_id: str) -> datetime | None:
    """When this conversation was last forgotten, or None (also after the purge)."""
    return session.execute(
        select(ForgottenConversation.forgotten_at).where(
            ForgottenConversation.conversation_hash == keyed_hash("conversation", conversation_id)
        )
    ).scalar()


def record_consent(
    session: Session,
    plan_id: str,
    conversation_id: str,
    text_version: str = CONSENT_TEXT_VERSION,
    now: datetime | None = None,
) -> None:
    """Record that consent for the plan was given in this conversation, under this version
    of the consent text (also when a conversation continues a plan with a code)."""
    session.add(
        Consent(
            plan_id=plan_id,
            conversation_id=conversation_id,
            given_at=moment_or_now(now),
            text_version=text_version,
        )
    )
    session.flush()


def audit(session: Session, event: str, now: datetime | None = None) -> None:
    """Record that `event` happened (a short fixed name, nothing personal)."""
    audit_log.record(session, event, now=now)
