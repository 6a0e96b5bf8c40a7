"""What is stored about a conversation, and deleting all of it (the right to be forgotten).

Deleting removes the plans linked to the conversation with everything that belongs to them,
the hand-off cases of those plans and conversations (with their notes), the wrong resume
attempts of all their conversations, and those conversations in Rasa's tracker table
`events` when it lives in the same database. The audit log only records that a deletion
happened: never an id or anything personal.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import MetaData, Table, delete, func, inspect, or_, select
from sqlalchemy.orm import Session

from bot.storage import audit_log
from bot.storage.models import (
    Case,
    CaseNote,
    Consent,
    Plan,
    PlanAnswer,
    PlanConversation,
    PlanVersion,
    ResumeAttempt,
    ResumeCode,
    utcnow,
)
from bot.storage.plans import answers, plan_for_conversation

DATA_DELETED = audit_log.DELETION
RASA_TRACKER_TABLE = "events"


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


def _tracker_table(session: Session) -> Table | None:
    connection = session.connection()
    if not inspect(connection).has_table(RASA_TRACKER_TABLE):
        return None
    table = Table(RASA_TRACKER_TABLE, MetaData(), autoload_with=connection)
    return table if "sender_id" in table.c else None


def delete_everything(
    session: Session, conversation_id: str, now: datetime | None = None
) -> list[str]:
    """Delete all data of this conversation; returns the conversation ids removed.

    These are `conversation_id` and every other conversation linked to its plans.
    """
    session.flush()
    plan_ids = list(
        session.execute(
            select(PlanConversation.plan_id)
            .where(PlanConversation.conversation_id == conversation_id)
            .distinct()
        ).scalars()
    )
    others = session.execute(
        select(PlanConversation.conversation_id)
        .where(PlanConversation.plan_id.in_(plan_ids))
        .union(select(Consent.conversation_id).where(Consent.plan_id.in_(plan_ids)))
    ).scalars()
    conversation_ids = [conversation_id, *sorted(set(others) - {conversation_id})]

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
        # The foreign keys cascade too; deleting explicitly does not depend on it.
        for child in (PlanAnswer, PlanVersion, PlanConversation, Consent, ResumeCode):
            session.execute(delete(child).where(child.plan_id.in_(plan_ids)))
        session.execute(delete(Plan).where(Plan.id.in_(plan_ids)))
    session.execute(
        delete(ResumeAttempt).where(ResumeAttempt.conversation_id.in_(conversation_ids))
    )
    tracker = _tracker_table(session)
    if tracker is not None:
        session.execute(delete(tracker).where(tracker.c.sender_id.in_(conversation_ids)))
    audit(session, DATA_DELETED, now=now)
    return conversation_ids


def audit(session: Session, event: str, now: datetime | None = None) -> None:
    """Record that `event` happened (a short fixed name, nothing personal)."""
    audit_log.record(session, event, now=now)
