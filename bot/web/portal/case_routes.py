"""/portal/cases/{id}: one case for a worker of its team (an admin: any case).

The page shows the summary, the contact preference, the transcript (read from Rasa's
tracker), the plan draft with its versions and a diff between two of them, the worker notes
per plan part and the plan status, and the forms for the actions (bot.web.portal.actions).
Opening the page writes CASE_VIEW to the audit log, a transcript that was read also
TRANSCRIPT_VIEW. Everything is rendered by Jinja2 with autoescape: what a person typed
shows as text.

/portal/cases/{id}/live gives only the live parts (the crisis alert and the transcript):
the open page fetches them again when its event stream (bot.web.live, /portal/events?case=)
says the case changed or the person wrote, so the worker sees it without a reload.
"""

from __future__ import annotations

import difflib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiohttp import web

from bot.handoff import cases, contact, plan_review, summary
from bot.intake_catalogue import DOMAINS, STORY_LABELS
from bot.intake_catalogue import URGENCY_LABELS as URGENCY_QUESTIONS
from bot.plan_document import LABELS as PLAN_LABELS
from bot.storage import audit_log, db, plans, workers
from bot.storage.models import Case
from bot.web.portal import rasa_api
from bot.web.portal.common import (
    Refused,
    Visitor,
    crisis_flagged_at,
    in_thread,
    local_time,
    now,
    problem,
    render,
    settings,
    team_name,
    time_ago,
    visitor,
)
from bot.web.portal.queue_routes import STATUS_LABELS, URGENCY_LABELS, channel_label
from bot.web.push import CHAT_HUB

log = logging.getLogger(__name__)

CASE_REFUSED = "case_refused"

# What a finished action says above the case (fixed texts, chosen by a query parameter).
NOTICES = {
    "opgenomen": "Je hebt de vraag opgenomen. Wegwijzer zwijgt nu in dit gesprek.",
    "verstuurd": "Je antwoord is verstuurd en staat in het gesprek.",
    "verstuurd-later": (
        "Je antwoord is verstuurd en staat in het gesprek, maar de persoon heeft de chat nu "
        "niet open. De persoon ziet het pas bij een volgend bezoek aan de chat. Neem contact "
        "op zoals de persoon vroeg."
    ),
    "teruggegeven": "Je hebt het gesprek teruggegeven aan Wegwijzer.",
    "afgesloten": "De vraag is afgesloten. Wegwijzer praat weer mee.",
    "notitie": "Je notitie is bewaard.",
    "planstatus": "De status van het plan is aangepast.",
}


def find_case(session, case_id: str, who: Visitor) -> Case:
    """The case if this worker may open it; Refused("not_found" / "forbidden") if not.

    Call it first in a session: a refusal commits its audit entry."""
    found = cases.case_by_id(session, case_id)
    if found is None:
        raise Refused("not_found")
    if not who.is_admin and not cases.may_open(session, who.worker_id, found):
        audit_log.record(session, CASE_REFUSED, worker_id=who.worker_id, case_id=found.id)
        session.commit()  # the refusal stays in the log; the caller's block rolls back
        raise Refused("forbidden")
    return found


DOMAIN_QUESTION_WORDS = {"now": "nu", "wish": "wens", "often": "hoe vaak", "who": "wie"}
OTHER_ANSWERS = {
    "consent": "Toestemming",
    "speaker": "Wie vult het plan in",
    "person_name": "Naam van de persoon",
    "relation": "Relatie met de persoon",
    "plan_confirmed": "Plan bevestigd",
}
MEMBER_WORDS = {
    "name": "naam",
    "relation": "relatie",
    "does_now": "doet nu",
    "could_do": "zou kunnen doen",
}


def answer_label(key: str) -> str:
    """A plan answer's key in words where we know them ("wonen_now" -> "Wonen (nu)")."""
    known = {**STORY_LABELS, **URGENCY_QUESTIONS, **OTHER_ANSWERS}
    if key in known:
        return known[key]
    if key in PLAN_LABELS and isinstance(PLAN_LABELS[key], str):
        return PLAN_LABELS[key]
    domain, _, question = key.rpartition("_")
    if domain in DOMAINS and question in DOMAIN_QUESTION_WORDS:
        return f"{DOMAINS[domain]} ({DOMAIN_QUESTION_WORDS[question]})"
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "network" and parts[2] in MEMBER_WORDS:
        return f"Netwerk, persoon {parts[1]} ({MEMBER_WORDS[parts[2]]})"
    return key


def answer_lines(content: Mapping[str, str]) -> list[str]:
    return [f"{answer_label(key)}: {value}" for key, value in sorted(content.items())]


@dataclass(frozen=True)
class Version:
    number: int
    created_at: datetime
    lines: list[str]


@dataclass
class CaseView:
    case: Case
    claimed_by_name: str | None
    summary: list[tuple[str, str]]
    notes: dict[str, list[tuple[str, str, datetime]]]
    versions: list[Version] = field(default_factory=list)
    plan_token: str | None = None
    current_lines: list[str] = field(default_factory=list)


def _load(db_url: str, case_id: str, who: Visitor) -> CaseView:
    with db.session(db_url) as session:
        found = find_case(session, case_id, who)
        claimer = workers.worker_by_id(session, found.claimed_by) if found.claimed_by else None
        names: dict[int, str] = {}
        notes: dict[str, list[tuple[str, str, datetime]]] = {}
        for part, part_notes in plan_review.notes_by_part(session, found.id).items():
            for note in part_notes:
                if note.worker_id is not None and note.worker_id not in names:
                    author = workers.worker_by_id(session, note.worker_id)
                    names[note.worker_id] = author.display_name if author else "onbekend"
                notes.setdefault(part, []).append(
                    (names.get(note.worker_id or 0, "onbekend"), note.text, note.created_at)
                )
        view = CaseView(
            case=found,
            claimed_by_name=claimer.display_name if claimer else None,
            summary=summary.summary_lines(found.summary_data),
            notes=notes,
        )
        if found.plan_id:
            plan = plans.plan_by_id(session, found.plan_id)
            if plan is not None:
                view.plan_token = plan.document_token
                view.versions = [
                    Version(v.number, v.created_at, answer_lines(json.loads(v.content)))
                    for v in plans.versions(session, plan.id)
                ]
                view.current_lines = answer_lines(plans.answers(session, plan.id))
        audit_log.record(session, audit_log.CASE_VIEW, worker_id=who.worker_id, case_id=found.id)
        return view


def _audit_transcript(db_url: str, case_id: str, worker_id: int) -> None:
    with db.session(db_url) as session:
        audit_log.record(session, audit_log.TRANSCRIPT_VIEW, worker_id=worker_id, case_id=case_id)


def _version_number(raw: str | None, numbers: list[int]) -> int | None:
    if raw is None or not raw.isdigit() or len(raw) > 6:
        return None
    number = int(raw)
    return number if number in numbers else None


def plan_diff(
    versions: list[Version], query: Mapping[str, str]
) -> tuple[int | None, int | None, list[tuple[str, str]], str | None]:
    """The two versions to compare (default: the last two), the diff lines as (kind, text)
    and an error when the chosen versions are not valid."""
    numbers = [version.number for version in versions]
    if len(numbers) < 2:
        return None, None, [], None
    old = _version_number(query.get("van"), numbers)
    new = _version_number(query.get("naar"), numbers)
    error = None
    if ("van" in query and old is None) or ("naar" in query and new is None):
        error = "Kies twee versies uit de lijst."
    old = numbers[-2] if old is None else old
    new = numbers[-1] if new is None else new
    by_number = {version.number: version for version in versions}
    lines = []
    for line in difflib.unified_diff(by_number[old].lines, by_number[new].lines, lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        kind = {"+": "added", "-": "removed", "@": "hunk"}.get(line[:1], "same")
        lines.append((kind, line[1:] if kind != "hunk" else "…"))
    return old, new, lines, error


async def render_case(
    request: web.Request,
    case_id: str,
    *,
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
    status: int = 200,
) -> web.Response:
    """The case page; actions show it again with their errors and what was typed."""
    who = visitor(request)
    db_url = settings(request).db_url
    try:
        view = await in_thread(_load, db_url, case_id, who)
    except Refused as refused:
        return problem(request, refused.key)
    found = view.case
    live = await _live_context(request, found, who)
    old, new, diff, diff_error = plan_diff(view.versions, request.query)
    all_errors = dict(errors or {})
    if diff_error:
        all_errors["diff"] = diff_error
    current = now(request)
    notice = NOTICES.get(request.query.get("melding", ""))
    context: dict[str, Any] = {
        "view": view,
        "case": found,
        "notice": notice,
        "errors": all_errors,
        "values": values or {},
        "urgency": URGENCY_LABELS.get(found.urgency, found.urgency),
        "reason": cases.REASON_LABELS.get(found.reason, found.reason),
        "status": STATUS_LABELS.get(found.status, found.status),
        "team": team_name(request, found.team_id),
        "channel": channel_label(found.channel),
        "live_reply": cases.live_reply_possible(found.channel),
        "chat_open": request.app[CHAT_HUB].watching(found.conversation_id),
        "contact_label": contact.PREFERENCE_LABELS.get(found.contact_preference or ""),
        **live,
        "diff_old": old,
        "diff_new": new,
        "diff": diff,
        "plan_parts": plan_review.PLAN_PARTS,
        "plan_statuses": plan_review.PLAN_STATUSES,
        "mine": found.status == cases.CLAIMED and found.claimed_by == who.worker_id,
        "may_take_back": found.status == cases.CLAIMED
        and (found.claimed_by == who.worker_id or who.is_admin),
        "is_new": found.status == cases.NEW,
        "is_closed": found.status == cases.CLOSED,
        "age": time_ago(found.created_at, current),
    }
    return render(request, "case.html", context, status=status)


async def _live_context(request: web.Request, found: Case, who: Visitor) -> dict[str, Any]:
    """What the live parts of the case page show: the crisis alert and the transcript
    (None when Rasa does not answer; a transcript that was read is audited)."""
    transcript: list[rasa_api.Line] | None = None
    paused = None
    try:
        state = await rasa_api.tracker(request.app, found.conversation_id)
    except rasa_api.RasaUnavailable as error:
        log.warning("Could not read a transcript from Rasa: %s", error)
    else:
        transcript = rasa_api.transcript(state)
        paused = bool(state.get("paused"))
        await in_thread(_audit_transcript, settings(request).db_url, found.id, who.worker_id)
    return {
        "transcript": transcript,
        "paused": paused,
        "crisis_flagged_at": crisis_flagged_at(found.summary_data),
        "local_time": local_time,
    }


def _find(db_url: str, case_id: str, who: Visitor) -> Case:
    with db.session(db_url) as session:
        return find_case(session, case_id, who)


async def live_part(request: web.Request) -> web.Response:
    """Only the live parts of the case page (case_live.html): portal.js fetches them when
    /portal/events?case=<id> says the case changed or the person wrote."""
    who = visitor(request)
    try:
        found = await in_thread(_find, settings(request).db_url, request.match_info["case_id"], who)
    except Refused as refused:
        return problem(request, refused.key)
    return render(request, "case_live.html", await _live_context(request, found, who))


async def case_page(request: web.Request) -> web.Response:
    return await render_case(request, request.match_info["case_id"])
