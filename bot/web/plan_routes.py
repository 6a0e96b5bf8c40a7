"""The draft ondersteuningsplan on the web: /plan/{token} as HTML, .pdf and .json.

The secret token in the link is the only key to a plan, so every answer says: do not cache,
do not index, do not pass the link on as referrer. A link works for the plan link days
(bot/storage/plans.py): an expired link is a Dutch 410 page, a replaced or unknown one a
Dutch 404 page, with no plan data, for the page, the PDF and the JSON alike. All three
forms come from the one dict of bot/plan_document.py; `plan_document` and `document_json`
also make the portal's exports (bot/web/portal/exports.py).
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
from typing import TypeVar

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.plan_document import LABELS, build_document
from bot.storage import db, plans
from bot.storage.models import Plan
from bot.web.plan_pdf import render_pdf

log = logging.getLogger(__name__)

PLAN_SETTINGS = web.AppKey("plan_settings", Settings)
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
PDF_NAME = "ondersteuningsplan-ontwerp.pdf"
JSON_NAME = "ondersteuningsplan-ontwerp.json"
PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

# What the reader sees when there is no plan to show (plain Dutch).
# "{days}" is filled in with the plan link days.
PROBLEMS = {
    404: (
        "Dit plan vinden we niet",
        (
            "De link klopt niet, of het plan bestaat niet meer.",
            "Misschien kreeg je plan een nieuwe link. Dan werkt deze oude link niet meer.",
            "Kijk of je de hele link hebt overgenomen. Of maak een nieuw plan in de chat.",
        ),
    ),
    410: (
        "Deze link werkt niet meer",
        (
            "Een link naar je plan werkt {days} dagen. Deze link is ouder.",
            "Je plan is niet weg. Zeg in de chat: 'verleng mijn link' of 'maak een nieuwe link'.",
            "Ben je in een nieuw gesprek? Typ dan eerst je code om verder te doen.",
        ),
    ),
    503: (
        "Je plan kan nu niet openen",
        (
            "Er ging iets mis bij het ophalen van je plan.",
            "Probeer het over een paar minuten opnieuw.",
        ),
    ),
}


class _Unavailable(Exception):
    """The database could not be read."""


_Response = TypeVar("_Response", bound=web.StreamResponse)


def _private(response: _Response) -> _Response:
    response.headers.update(PRIVATE_HEADERS)
    return response


def plan_document(session: Session, plan: Plan, version: int | None = None) -> dict | None:
    """The document of `plan`: its answers now, with the number of its last confirmed
    version (0 when there is none); or, with `version`, the answers of that confirmed
    version as they were then (None when the plan has no such version)."""
    saved = plans.versions(session, plan.id)
    if version is None:
        number = max((v.number for v in saved), default=0)
        answers = plans.answers(session, plan.id)
        return build_document(plan.created_at, plan.updated_at, number, answers)
    chosen = next((v for v in saved if v.number == version), None)
    if chosen is None:
        return None
    return build_document(plan.created_at, chosen.created_at, version, chosen.answers)


def _load_document(db_url: str, token: str, link_days: int) -> tuple[int, dict | None]:
    """The status (200, 404 or 410) and the document of the plan with this token, if its
    link works (runs in a worker thread)."""
    try:
        with db.session(db_url) as session:
            found = plans.plan_by_link(session, token, link_days=link_days)
            if found.plan is None:
                return (410 if found.status == "expired" else 404), None
            return 200, plan_document(session, found.plan)
    except SQLAlchemyError as error:
        log.warning("Could not read a plan: %s", error)
        raise _Unavailable from error


async def _in_thread(function, *args):
    return await asyncio.get_running_loop().run_in_executor(
        None, functools.partial(function, *args)
    )


async def _document(request: web.Request) -> tuple[int, dict | None]:
    """200 and the document, or the status of the problem page (404, 410); _Unavailable."""
    token = request.match_info.get("token", "")
    if not TOKEN_PATTERN.match(token):
        return 404, None
    settings = request.app[PLAN_SETTINGS]
    return await _in_thread(_load_document, settings.db_url, token, settings.plan_link_days)


def _problem(request: web.Request, status: int) -> tuple[str, list[str]]:
    title, lines = PROBLEMS[status]
    days = request.app[PLAN_SETTINGS].plan_link_days
    return title, [line.format(days=days) for line in lines]


def _problem_page(request: web.Request, status: int) -> web.Response:
    title, lines = _problem(request, status)
    response = aiohttp_jinja2.render_template(
        "plan_not_found.html", request, {"title": title, "lines": lines}, status=status
    )
    return _private(response)


def _problem_json(request: web.Request, status: int) -> web.Response:
    title, lines = _problem(request, status)
    return _private(web.json_response({"error": " ".join((f"{title}.", *lines))}, status=status))


def document_json(value: object) -> str:
    """The JSON download: readable (indented, accents as they are)."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


async def plan_page(request: web.Request) -> web.Response:
    try:
        status, document = await _document(request)
    except _Unavailable:
        return _problem_page(request, 503)
    if document is None:
        return _problem_page(request, status)
    token = request.match_info["token"]
    context = {
        "doc": document,
        "labels": LABELS,
        "pdf_url": f"/plan/{token}.pdf",
        "json_url": f"/plan/{token}.json",
    }
    return _private(aiohttp_jinja2.render_template("plan.html", request, context))


async def plan_pdf(request: web.Request) -> web.Response:
    try:
        status, document = await _document(request)
    except _Unavailable:
        return _problem_page(request, 503)
    if document is None:
        return _problem_page(request, status)
    body = await _in_thread(render_pdf, document)
    response = web.Response(body=body, content_type="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{PDF_NAME}"'
    return _private(response)


async def plan_json(request: web.Request) -> web.Response:
    try:
        status, document = await _document(request)
    except _Unavailable:
        return _problem_json(request, 503)
    if document is None:
        return _problem_json(request, status)
    response = web.json_response(document, dumps=document_json)
    response.headers["Content-Disposition"] = f'attachment; filename="{JSON_NAME}"'
    return _private(response)


def setup(app: web.Application, settings: Settings) -> None:
    """Add the plan routes to the web app (after aiohttp_jinja2 is set up)."""
    app[PLAN_SETTINGS] = settings
    app.router.add_get(r"/plan/{token:[^/]*}.pdf", plan_pdf, name="plan_pdf")
    app.router.add_get(r"/plan/{token:[^/]*}.json", plan_json, name="plan_json")
    # Everything else under /plan/, also malformed tokens: the plan page or a Dutch 404.
    app.router.add_get(r"/plan/{token:.*}", plan_page, name="plan")
