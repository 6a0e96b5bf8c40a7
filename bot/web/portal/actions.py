"""The actions on a case (POST, behind the guard's login and CSRF check):

- claim: the case is the worker's, and Wegwijzer is paused in the conversation;
- reply: the worker's text goes into the tracker as a bot event, and live to the person's
  open chat page (`publish_reply`; the notice says whether the chat page was open);
- hand back: the case goes back to the queue, Wegwijzer resumes and says so;
- close: the case is closed with its outcome; a paused conversation resumes;
- a note on a plan part, and the plan status.

A case is changed in the database and in Rasa in the order that loses nothing when Rasa
does not answer: a claim is undone when the pause fails; hand back and close are checked
first and only stored after Rasa resumed the conversation. Each success redirects (303) to
the case page with a fixed notice; an error shows the page again with the message next to
the field and the typed text kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web

from bot.handoff import cases, plan_review
from bot.handoff.cases import CaseError
from bot.storage import audit_log, db
from bot.web.portal import rasa_api
from bot.web.portal.case_routes import find_case, render_case
from bot.web.portal.common import (
    Refused,
    Visitor,
    in_thread,
    problem,
    see_other,
    settings,
    visitor,
)

log = logging.getLogger(__name__)

MAX_REPLY = 2000
RASA_DOWN = (
    "Wegwijzer is even niet bereikbaar. Er is niets veranderd. Probeer het over een "
    "paar minuten opnieuw."
)


def _done(case_id: str, notice: str) -> web.Response:
    return see_other(f"/portal/cases/{case_id}?melding={notice}#melding")


async def _form(request: web.Request) -> dict[str, str]:
    form = await request.post()
    return {key: value for key, value in form.items() if isinstance(value, str)}


def _check(db_url: str, case_id: str, who: Visitor, want: str) -> str:
    """Whether the action `want` may be done now; returns the conversation id.

    Raises Refused (no such case / other team) or CaseError (not now, in Dutch)."""
    with db.session(db_url) as session:
        found = find_case(session, case_id, who)
        if found.status == cases.CLOSED:
            raise CaseError("Deze vraag is al afgesloten.")
        mine = found.status == cases.CLAIMED and found.claimed_by == who.worker_id
        if want == "reply" and not mine:
            raise CaseError("Neem de vraag eerst op. Dan zwijgt Wegwijzer en kan je antwoorden.")
        if want in ("hand_back", "close") and found.status == cases.CLAIMED:
            if not (mine or who.is_admin):
                raise CaseError("Een collega heeft deze vraag opgenomen.")
        if want == "hand_back" and found.status != cases.CLAIMED:
            raise CaseError("Deze vraag is niet opgenomen.")
        return found.conversation_id


def _claimed_case_conversation(db_url: str, case_id: str, who: Visitor) -> tuple[str, bool]:
    """Claim; returns the conversation id and whether it was claimed just now."""
    with db.session(db_url) as session:
        found = find_case(session, case_id, who)
        was_new = found.status == cases.NEW
        cases.claim(session, found.id, who.worker_id)
        return found.conversation_id, was_new


def _undo_claim(db_url: str, case_id: str, who: Visitor) -> None:
    with db.session(db_url) as session:
        cases.release(session, case_id, who.worker_id)


async def _show_error(
    request: web.Request,
    case_id: str,
    error: str,
    field: str = "actions",
    values: dict[str, str] | None = None,
    status: int = 409,
) -> web.Response:
    return await render_case(
        request, case_id, errors={field: error}, values=values or {}, status=status
    )


async def claim(request: web.Request) -> web.Response:
    case_id, who = request.match_info["case_id"], visitor(request)
    db_url = settings(request).db_url
    try:
        conversation_id, claimed_now = await in_thread(
            _claimed_case_conversation, db_url, case_id, who
        )
    except Refused as refused:
        return problem(request, refused.key)
    except CaseError as error:
        return await _show_error(request, case_id, str(error))
    try:
        await rasa_api.append_events(request.app, conversation_id, [rasa_api.pause_event()])
    except rasa_api.RasaUnavailable as error:
        log.warning("Could not pause a conversation: %s", error)
        if claimed_now:
            await in_thread(_undo_claim, db_url, case_id, who)
        return await _show_error(request, case_id, RASA_DOWN, status=503)
    return _done(case_id, "opgenomen")


def _audit_reply(db_url: str, case_id: str, worker_id: int) -> None:
    with db.session(db_url) as session:
        audit_log.record(session, audit_log.REPLY, worker_id=worker_id, case_id=case_id)


@dataclass(frozen=True)
class _TextAction:
    """An action with one text field: its form field, its error key on the page, its
    limit and what to say when it is empty or too long."""

    want: str
    field: str
    error_key: str
    limit: int
    empty: str
    too_long: str


REPLY = _TextAction(
    "reply",
    "text",
    "reply",
    MAX_REPLY,
    "Schrijf eerst je antwoord.",
    f"Je antwoord is te lang. Schrijf het in hoogstens {MAX_REPLY} tekens.",
)
CLOSE = _TextAction(
    "close",
    "outcome",
    "outcome",
    cases.MAX_OUTCOME,
    "Schrijf kort op hoe de vraag afloopt.",
    f"Schrijf de afloop in hoogstens {cases.MAX_OUTCOME} tekens.",
)


async def _text_action(
    request: web.Request, action: _TextAction
) -> tuple[str, str, dict[str, str]] | web.Response:
    """(text, conversation id, typed values) when the action may go on, else the page
    that says why."""
    case_id, who = request.match_info["case_id"], visitor(request)
    form = await _form(request)
    text = form.get(action.field, "").strip()
    values = {action.field: form.get(action.field, "")}
    problem_text = action.empty if not text else action.too_long if len(text) > action.limit else ""
    if problem_text:
        return await _show_error(
            request, case_id, problem_text, action.error_key, values, status=400
        )
    try:
        conversation_id = await in_thread(
            _check, settings(request).db_url, case_id, who, action.want
        )
    except Refused as refused:
        return problem(request, refused.key)
    except CaseError as error:
        return await _show_error(request, case_id, str(error), action.error_key, values)
    return text, conversation_id, values


async def reply(request: web.Request) -> web.Response:
    case_id, who = request.match_info["case_id"], visitor(request)
    db_url = settings(request).db_url
    checked = await _text_action(request, REPLY)
    if isinstance(checked, web.Response):
        return checked
    text, conversation_id, values = checked
    message_id = rasa_api.new_message_id()
    try:
        await rasa_api.append_events(
            request.app, conversation_id, [rasa_api.bot_event(text, message_id=message_id)]
        )
    except rasa_api.RasaUnavailable as error:
        log.warning("Could not add a worker's reply to the tracker: %s", error)
        message = "Je antwoord is niet verstuurd. " + RASA_DOWN
        return await _show_error(request, case_id, message, "reply", values, status=503)
    await in_thread(_audit_reply, db_url, case_id, who.worker_id)
    reached = await rasa_api.publish_reply(
        request.app, conversation_id, text, message_id=message_id
    )
    return _done(case_id, "verstuurd" if reached else "verstuurd-later")


async def _give_back_to_bot(app: web.Application, conversation_id: str, text: str) -> None:
    """Wegwijzer speaks again: Rasa's `resume` and Wegwijzer's message in the tracker, and
    the message on the open chat page. Raises RasaUnavailable when Rasa does not answer."""
    message_id = rasa_api.new_message_id()
    await rasa_api.append_events(
        app,
        conversation_id,
        [rasa_api.resume_event(), rasa_api.bot_event(text, False, message_id)],
    )
    await rasa_api.publish_reply(app, conversation_id, text, message_id=message_id, by_worker=False)


def _hand_back(db_url: str, case_id: str, who: Visitor) -> None:
    with db.session(db_url) as session:
        cases.release(session, case_id, who.worker_id, force=who.is_admin)
        audit_log.record(session, audit_log.HAND_BACK, worker_id=who.worker_id, case_id=case_id)


async def hand_back(request: web.Request) -> web.Response:
    case_id, who = request.match_info["case_id"], visitor(request)
    db_url = settings(request).db_url
    try:
        conversation_id = await in_thread(_check, db_url, case_id, who, "hand_back")
    except Refused as refused:
        return problem(request, refused.key)
    except CaseError as error:
        return await _show_error(request, case_id, str(error))
    try:
        await _give_back_to_bot(request.app, conversation_id, rasa_api.HAND_BACK_TEXT)
    except rasa_api.RasaUnavailable as error:
        log.warning("Could not resume a conversation: %s", error)
        return await _show_error(request, case_id, RASA_DOWN, status=503)
    try:
        await in_thread(_hand_back, db_url, case_id, who)
    except CaseError as error:
        return await _show_error(request, case_id, str(error))
    return _done(case_id, "teruggegeven")


def _close(db_url: str, case_id: str, who: Visitor, outcome: str) -> None:
    with db.session(db_url) as session:
        cases.close(session, case_id, who.worker_id, outcome, force=who.is_admin)


def _is_claimed(db_url: str, case_id: str) -> bool:
    with db.session(db_url) as session:
        found = cases.case_by_id(session, case_id)
        return found is not None and found.status == cases.CLAIMED


async def close(request: web.Request) -> web.Response:
    case_id, who = request.match_info["case_id"], visitor(request)
    db_url = settings(request).db_url
    checked = await _text_action(request, CLOSE)
    if isinstance(checked, web.Response):
        return checked
    outcome, conversation_id, values = checked
    if await in_thread(_is_claimed, db_url, case_id):
        try:
            await _give_back_to_bot(request.app, conversation_id, rasa_api.CLOSE_TEXT)
        except rasa_api.RasaUnavailable as error:
            log.warning("Could not resume a conversation: %s", error)
            return await _show_error(request, case_id, RASA_DOWN, "outcome", values, status=503)
    try:
        await in_thread(_close, db_url, case_id, who, outcome)
    except CaseError as error:
        return await _show_error(request, case_id, str(error), "outcome", values)
    return _done(case_id, "afgesloten")


def _add_note(db_url: str, case_id: str, who: Visitor, part: str, text: str) -> None:
    with db.session(db_url) as session:
        find_case(session, case_id, who)
        plan_review.add_note(session, case_id, who.worker_id, part, text)


async def add_note(request: web.Request) -> web.Response:
    case_id, who = request.match_info["case_id"], visitor(request)
    form = await _form(request)
    values = {"note_part": form.get("part", ""), "note": form.get("text", "")}
    try:
        await in_thread(
            _add_note,
            settings(request).db_url,
            case_id,
            who,
            form.get("part", ""),
            form.get("text", ""),
        )
    except Refused as refused:
        return problem(request, refused.key)
    except CaseError as error:
        return await _show_error(request, case_id, str(error), "note", values, status=400)
    return _done(case_id, "notitie")


def _set_plan_status(db_url: str, case_id: str, who: Visitor, status: str) -> None:
    with db.session(db_url) as session:
        find_case(session, case_id, who)
        plan_review.set_plan_status(session, case_id, who.worker_id, status)


async def set_plan_status(request: web.Request) -> web.Response:
    case_id, who = request.match_info["case_id"], visitor(request)
    form = await _form(request)
    try:
        await in_thread(
            _set_plan_status,
            settings(request).db_url,
            case_id,
            who,
            form.get("plan_status", ""),
        )
    except Refused as refused:
        return problem(request, refused.key)
    except CaseError as error:
        return await _show_error(request, case_id, str(error), "plan_status", status=400)
    return _done(case_id, "planstatus")
