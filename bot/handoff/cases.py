"""Cases: a person is handed over to a human of the right team.

Four triggers open a case (`REASONS`): the person asks for a human, a second fallback in a
row, a crisis (always urgent), or a plan whose owner asks for a review. A conversation has
at most one open case: a new trigger while one is open updates that case instead (the
urgency only goes up, a crisis becomes the reason, newer facts replace older ones).

A case is `nieuw` until a worker of its team claims it (`geclaimd`), and `gesloten` with
an outcome at the end; `release` puts a claimed case back in the queue. Every change is
written to the audit log with the worker. Messages to workers are Dutch (`CaseError`).
Every function takes an open session first and never commits.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.handoff import contact, summary
from bot.handoff.routing import locate, team_for_location
from bot.handoff.teams import Team, TeamDirectory, load_teams
from bot.storage import audit_log
from bot.storage.models import Case, moment_or_now
from bot.storage.workers import teams_of

REQUEST_HUMAN = "request_human"
FALLBACK = "fallback"
CRISIS = "crisis"
PLAN_REVIEW = "plan_review"
REASONS = (REQUEST_HUMAN, FALLBACK, CRISIS, PLAN_REVIEW)
REASON_LABELS = {
    REQUEST_HUMAN: "Vraagt een mens",
    FALLBACK: "De assistent begreep het twee keer niet",
    CRISIS: "Crisis",
    PLAN_REVIEW: "Wil het plan laten nakijken",
}

URGENT = "dringend"
NORMAL = "gewoon"
URGENCIES = (URGENT, NORMAL)

NEW = "nieuw"
CLAIMED = "geclaimd"
CLOSED = "gesloten"
STATUSES = (NEW, CLAIMED, CLOSED)
OPEN_STATUSES = (NEW, CLAIMED)

# Channels on which the web app can push a worker's reply to the open chat page: its own
# chat page talks to Rasa's REST channel. On the messaging channels (telegram, twilio for
# SMS and WhatsApp, facebook) a worker reaches the person through the contact they chose.
LIVE_REPLY_CHANNELS = frozenset({"rest"})
MESSAGING_CHANNELS = ("telegram", "twilio", "facebook")
MAX_OUTCOME = 2000


class CaseError(ValueError):
    """The action cannot be done on this case; the message is Dutch, for the worker."""


@dataclass(frozen=True)
class CaseOpening:
    """The outcome of `create_case`: the case, its team, and whether it is new (False: an
    open case of the conversation was updated)."""

    case: Case
    team: Team
    is_new: bool


def live_reply_possible(channel: str) -> bool:
    """Whether a worker's reply can reach the person live on this channel."""
    return channel in LIVE_REPLY_CHANNELS


def create_case(
    session: Session,
    *,
    reason: str,
    conversation_id: str,
    channel: str,
    facts: Mapping[str, Any] | None = None,
    plan_id: str | None = None,
    urgency: str | None = None,
    teams: TeamDirectory | None = None,
    now: datetime | None = None,
) -> CaseOpening:
    """Open a case (or update the conversation's open one) for the team of the person's
    place (`facts["place"]`, see bot.handoff.routing).

    `urgency` defaults to "dringend" for a crisis and "gewoon" otherwise.
    """
    if reason not in REASONS:
        raise ValueError(f"Unknown case reason {reason!r}")
    urgency = urgency or (URGENT if reason == CRISIS else NORMAL)
    if urgency not in URGENCIES:
        raise ValueError(f"Unknown urgency {urgency!r}")
    now = moment_or_now(now)
    facts = dict(facts or {})
    if reason == CRISIS:
        facts["crisis"] = True
    teams = load_teams() if teams is None else teams
    team = team_for_location(locate(facts.get("place")), teams)
    facts_summary = summary.build_summary(facts)

    existing = open_case_for_conversation(session, conversation_id)
    if existing is not None:
        merged = {**existing.summary_data, **facts_summary}
        existing.summary = json.dumps(merged, ensure_ascii=False, sort_keys=True)
        if urgency == URGENT and existing.urgency != URGENT:
            existing.urgency = URGENT
            audit_log.record(session, "case_escalated", case_id=existing.id, detail=reason, now=now)
        if reason == CRISIS:
            existing.reason = CRISIS
        if plan_id and not existing.plan_id:
            existing.plan_id = plan_id
        existing.updated_at = now
        session.flush()
        return CaseOpening(existing, teams.get(existing.team_id) or team, is_new=False)

    new_case = Case(
        created_at=now,
        updated_at=now,
        reason=reason,
        urgency=urgency,
        channel=(channel or "onbekend")[:32],
        conversation_id=conversation_id,
        team_id=team.id,
        status=NEW,
        summary=json.dumps(facts_summary, ensure_ascii=False, sort_keys=True),
        plan_id=plan_id,
        plan_status="ontwerp",
    )
    session.add(new_case)
    session.flush()
    audit_log.record(
        session, audit_log.CASE_CREATED, case_id=new_case.id, detail=f"{reason}, {urgency}", now=now
    )
    return CaseOpening(new_case, team, is_new=True)


def case_by_id(session: Session, case_id: str) -> Case | None:
    if not case_id or len(case_id) > 32:
        return None
    return session.get(Case, case_id, populate_existing=True)


def open_case_for_conversation(session: Session, conversation_id: str) -> Case | None:
    """The conversation's case that is not closed, if there is one (the newest)."""
    return (
        session.execute(
            select(Case)
            .where(Case.conversation_id == conversation_id, Case.status.in_(OPEN_STATUSES))
            .order_by(Case.created_at.desc(), Case.id)
            .limit(1)
        )
        .scalars()
        .first()
    )


def queue(
    session: Session,
    team_ids: Collection[str],
    status: str | Collection[str] | None = None,
    reason: str | None = None,
    channel: str | None = None,
) -> list[Case]:
    """The cases of these teams: urgent first, then the oldest first.

    `status` None means the open cases (nieuw and geclaimd); give one status or several to
    see others, such as "gesloten". `reason` and `channel` filter when given.
    """
    if not team_ids:
        return []
    statuses = OPEN_STATUSES if status is None else (status,) if isinstance(status, str) else status
    statement = select(Case).where(
        Case.team_id.in_(list(team_ids)), Case.status.in_(list(statuses))
    )
    if reason is not None:
        statement = statement.where(Case.reason == reason)
    if channel is not None:
        statement = statement.where(Case.channel == channel)
    statement = statement.order_by(
        sql_case((Case.urgency == URGENT, 0), else_=1), Case.created_at, Case.id
    )
    return list(session.execute(statement).scalars())


def may_open(session: Session, worker_id: int, case: Case) -> bool:
    """Whether the worker is in the case's team (admins too: an admin sees their teams)."""
    return case.team_id in teams_of(session, worker_id)


def _get(session: Session, case_id: str) -> Case:
    found = case_by_id(session, case_id)
    if found is None:
        raise CaseError("Deze vraag bestaat niet (meer).")
    return found


def _status_changed(
    session: Session, found: Case, old: str, worker_id: int | None, now: datetime
) -> None:
    audit_log.record(
        session,
        audit_log.STATUS_CHANGE,
        worker_id=worker_id,
        case_id=found.id,
        detail=f"{old} -> {found.status}",
        now=now,
    )


def _only_the_claimer(found: Case, worker_id: int, force: bool, verb: str) -> None:
    if found.claimed_by != worker_id and not force:
        raise CaseError(
            f"Een collega heeft deze vraag opgenomen. Alleen die collega kan ze {verb}."
        )


def claim(session: Session, case_id: str, worker_id: int, now: datetime | None = None) -> Case:
    """The worker takes the case. Claiming one's own case again changes nothing."""
    now = moment_or_now(now)
    result = session.execute(
        update(Case)
        .where(Case.id == case_id, Case.status == NEW)
        .values(status=CLAIMED, claimed_by=worker_id, claimed_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    found = _get(session, case_id)
    if result.rowcount == 1:
        _status_changed(session, found, NEW, worker_id, now)
        return found
    if found.status == CLAIMED and found.claimed_by == worker_id:
        return found
    if found.status == CLAIMED:
        raise CaseError("Een collega heeft deze vraag al opgenomen.")
    raise CaseError("Deze vraag is al afgesloten.")


def release(
    session: Session, case_id: str, worker_id: int, now: datetime | None = None, force: bool = False
) -> Case:
    """Put a claimed case back in the queue (only its worker, or with `force` an admin)."""
    now = moment_or_now(now)
    found = _get(session, case_id)
    if found.status != CLAIMED:
        raise CaseError("Deze vraag is niet opgenomen.")
    _only_the_claimer(found, worker_id, force, "teruggeven")
    found.status, found.claimed_by, found.claimed_at, found.updated_at = NEW, None, None, now
    session.flush()
    _status_changed(session, found, CLAIMED, worker_id, now)
    return found


def close(
    session: Session,
    case_id: str,
    worker_id: int,
    outcome: str,
    now: datetime | None = None,
    force: bool = False,
) -> Case:
    """Close the case with what came of it. A claimed case is closed by its worker (or,
    with `force`, by an admin); a new one by any worker of the team."""
    now = moment_or_now(now)
    outcome = (outcome or "").strip()
    if not outcome:
        raise CaseError("Schrijf kort op hoe de vraag afloopt.")
    if len(outcome) > MAX_OUTCOME:
        raise CaseError(f"Schrijf de afloop in hoogstens {MAX_OUTCOME} tekens.")
    found = _get(session, case_id)
    if found.status == CLOSED:
        raise CaseError("Deze vraag is al afgesloten.")
    if found.status == CLAIMED:
        _only_the_claimer(found, worker_id, force, "afsluiten")
    old = found.status
    found.status, found.outcome, found.closed_at, found.updated_at = CLOSED, outcome, now, now
    if found.claimed_by is None:
        found.claimed_by, found.claimed_at = worker_id, now
    session.flush()
    _status_changed(session, found, old, worker_id, now)
    return found


def set_contact(
    session: Session,
    case_id: str,
    preference: str,
    value: str | None = None,
    when_text: str | None = None,
    now: datetime | None = None,
) -> contact.ContactCheck:
    """Store how the person wants to be contacted, if the value is right.

    Returns the check: when it is not ok, nothing was stored and `problem` says why (in
    Dutch, for the person). For "chat" and "geen" any value is ignored.
    """
    checked = contact.check_contact(preference, value)
    if not checked.ok:
        return checked
    found = _get(session, case_id)
    found.contact_preference = preference
    found.contact_value = checked.value
    found.contact_when = contact.clean_when(when_text)
    found.updated_at = moment_or_now(now)
    session.flush()
    return checked


CRISIS_FLAG = "crisis_flag"


def flag_crisis(session: Session, conversation_id: str, now: datetime | None = None) -> Case | None:
    """A crisis signal while a worker has the conversation (the bot is silent): the open
    case becomes urgent and carries a crisis flag with the time, so the worker's portal
    shows it at once. None when the conversation has no open case."""
    found = open_case_for_conversation(session, conversation_id)
    if found is None:
        return None
    now = moment_or_now(now)
    data = found.summary_data
    data["crisis"] = True
    data["crisis_flagged_at"] = now.isoformat()
    found.summary = json.dumps(data, ensure_ascii=False, sort_keys=True)
    if found.urgency != URGENT:
        found.urgency = URGENT
        audit_log.record(session, "case_escalated", case_id=found.id, detail=CRISIS, now=now)
    found.updated_at = now
    session.flush()
    audit_log.record(session, CRISIS_FLAG, case_id=found.id, detail="while paused", now=now)
    return found
