"""A worker's review of the plan of a case: notes per plan part, and the plan's status.

The parts are those of the plan document (bot.plan_document): the five parts of the
ondersteuningsplan PVB and the budget, plus "algemeen" for the plan as a whole. A note is
never changed: a newer note on the same part is added, so the history stays. Adding a note
and changing the status are written to the audit log (without the note's text).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.handoff.cases import CaseError, case_by_id
from bot.plan_document import BUDGET_TITLE, PART_TITLES
from bot.storage import audit_log
from bot.storage.models import Case, CaseNote, moment_or_now

DRAFT = "ontwerp"
DISCUSSED = "besproken"
READY = "klaar voor indiening"
PLAN_STATUSES = (DRAFT, DISCUSSED, READY)
GENERAL = "algemeen"
PLAN_PARTS = {GENERAL: "Het plan in het algemeen", **PART_TITLES, "budget": BUDGET_TITLE}
MAX_NOTE = 4000


def add_note(
    session: Session,
    case_id: str,
    worker_id: int,
    plan_part: str,
    text: str,
    now: datetime | None = None,
) -> CaseNote:
    if plan_part not in PLAN_PARTS:
        raise CaseError("Kies een deel van het plan.")
    text = (text or "").strip()
    if not text:
        raise CaseError("De notitie is leeg.")
    if len(text) > MAX_NOTE:
        raise CaseError(f"Een notitie heeft hoogstens {MAX_NOTE} tekens.")
    if case_by_id(session, case_id) is None:
        raise CaseError("Deze vraag bestaat niet (meer).")
    now = moment_or_now(now)
    note = CaseNote(
        case_id=case_id, worker_id=worker_id, plan_part=plan_part, text=text, created_at=now
    )
    session.add(note)
    session.flush()
    audit_log.record(
        session,
        audit_log.NOTE_ADDED,
        worker_id=worker_id,
        case_id=case_id,
        detail=plan_part,
        now=now,
    )
    return note


def notes(session: Session, case_id: str) -> list[CaseNote]:
    """All notes of the case, oldest first."""
    return list(
        session.execute(
            select(CaseNote)
            .where(CaseNote.case_id == case_id)
            .order_by(CaseNote.created_at, CaseNote.id)
        ).scalars()
    )


def notes_by_part(session: Session, case_id: str) -> dict[str, list[CaseNote]]:
    """The notes per plan part in the order of PLAN_PARTS, each part's oldest first;
    parts without notes are left out."""
    grouped: dict[str, list[CaseNote]] = {}
    for note in notes(session, case_id):
        grouped.setdefault(note.plan_part, []).append(note)
    return {part: grouped[part] for part in PLAN_PARTS if part in grouped}


def set_plan_status(
    session: Session, case_id: str, worker_id: int, status: str, now: datetime | None = None
) -> Case:
    """Set the plan's status on the case: ontwerp, besproken or klaar voor indiening."""
    if status not in PLAN_STATUSES:
        raise CaseError("Kies: ontwerp, besproken of klaar voor indiening.")
    found = case_by_id(session, case_id)
    if found is None:
        raise CaseError("Deze vraag bestaat niet (meer).")
    old, now = found.plan_status, moment_or_now(now)
    if old == status:
        return found
    found.plan_status, found.updated_at = status, now
    session.flush()
    audit_log.record(
        session,
        audit_log.STATUS_CHANGE,
        worker_id=worker_id,
        case_id=case_id,
        detail=f"plan: {old} -> {status}",
        now=now,
    )
    return found
