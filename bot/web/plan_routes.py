"""The draft ondersteuningsplan on the web: /plan/{token} as HTML, .pdf and .json.

The secret token in the link is the only key to a plan, so every answer says: do not cache,
do not index, do not pass the link on as referrer. All three forms come from the one dict of
bot/plan_document.py; `plan_document` and `document_json` also make the portal's exports
(bot/web/portal/exports.py).
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
PROBLEMS = {
    404: (
        "Dit plan vinden we niet",
        (
            "De link klopt niet, of het plan bestaat niet meer.",
            "Kijk of je de hele link hebt overgenomen. Of maak een nieuw plan in de chat.",
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
        return build_document(plan.id, plan.created_at, plan.updated_at, number, answers)
    chosen = next((v for v in saved if v.number == version), None)
    if chosen is None:
        return None
    return build_document(plan.id, plan.created_at, chosen.created_at, version, chosen.answers)


def _load_document(db_url: str, token: str) -> dict | None:
    """The document of the plan with this token, or None (runs in a worker thread)."""
    try:
        with db.session(db_url) as session:
            plan = plans.plan_by_token(session, token)
            return None if plan is None else plan_document(session, plan)
    except SQLAlchemyError as error:
        log.warning("Could not read a plan: %s", error)
        raise _Unavailable from error


async def _in_thread(function, *args):
    return await asyncio.get_running_loop().run_in_executor(
        None, functools.partial(function, *args)
    )


async def _document(request: web.Request) -> dict | None:
    token = request.match_info.get("token", "")
    if not TOKEN_PATTERN.match(token):
        return None
    return await _in_thread(_load_document, request.app[PLAN_SETTINGS].db_url, token)


def _problem_page(request: web.Request, status: int) -> web.Response:
    title, lines = PROBLEMS[status]
    response = aiohttp_jinja2.render_template(
        "plan_not_found.html", request, {"title": title, "lines": lines}, status=status
    )
    return _private(response)


def _problem_json(status: int) -> web.Response:
    title, lines = PROBLEMS[status]
    return _private(web.json_response({"error": " ".join((f"{title}.", *lines))}, status=status))


def document_json(value: object) -> str:
    """The JSON download: readable (indented, accents as they are)."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


async def plan_page(request: web.Request) -> web.Response:
    try:
        document = await _document(request)
    except _Unavailable:
        return _problem_page(request, 503)
    if document is None:
        return _problem_page(request, 404)
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
        document = await _document(request)
    except _Unavailable:
        return _problem_page(request, 503)
    if document is None:
        return _problem_page(request, 404)
    body = await _in_thread(render_pdf, document)
    response = web.Response(body=body, content_type="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{PDF_NAME}"'
    return _private(response)


async def plan_json(request: web.Request) -> web.Response:
    try:
        document = await _document(request)
    except _Unavailable:
        return _problem_json(503)
    if document is None:
        return _problem_json(404)
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
