"""The plan of a case for the worker: /portal/cases/{id}/plan.pdf, plan.docx and plan.json
(issue 10, point 7), with ?versie=N for a confirmed version instead of the plan as it is now.

All three are made from the one document of bot/plan_document.py, read like the person's
own plan page (bot.web.plan_routes.plan_document), by the same renderers: the PDF of
plan_pdf.py, the Word file of plan_docx.py and the JSON of the person's download.

The guard in front of the portal sends a visitor without a session to the login page and
makes every answer `Cache-Control: no-store`. A case of another team is refused (403, with
`case_refused` in the audit log); a case without a plan, or a version that does not exist,
is a Dutch 404 page. Every export writes EXPORT to the audit log with the worker, the case
and the format (and the version): fixed words, never text of the plan. The file name holds
only the start of the case id, no name or other personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from bot.storage import audit_log, db, plans
from bot.web.plan_docx import render_docx
from bot.web.plan_pdf import render_pdf
from bot.web.plan_routes import document_json, plan_document
from bot.web.portal.case_routes import find_case
from bot.web.portal.common import Refused, Visitor, in_thread, problem, render, settings, visitor

VERSION_PARAMETER = "versie"
SHORT_ID = 8  # characters of the case id in the file name


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    render: Callable[[dict], bytes]


def _json_bytes(document: dict) -> bytes:
    return document_json(document).encode("utf-8")


FORMATS = {
    "pdf": Format("pdf", "application/pdf", render_pdf),
    "docx": Format(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    "json": Format("json", "application/json", _json_bytes),
}
# After the case's path: /plan.{kind:pdf|docx|json}
ROUTE = "/plan.{kind:" + "|".join(FORMATS) + "}"

# What a worker reads when there is nothing to download (plain Dutch).
MISSING = {
    "no_plan": (
        "Er is geen plan om te downloaden",
        "Bij deze vraag hoort geen plan. Ga terug naar de vraag.",
    ),
    "no_version": (
        "Deze versie van het plan bestaat niet",
        "Kies een versie uit de lijst bij het plan, op de pagina van de vraag.",
    ),
}


class _Missing(Exception):
    """Nothing to export (a `MISSING` key)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _version(raw: str | None) -> int | None:
    """The version asked for, None for the plan as it is now; _Missing when not a number."""
    if raw is None:
        return None
    if not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        raise _Missing("no_version")
    return int(raw)


def file_name(case_id: str, extension: str, version: int | None) -> str:
    """'plan-1a2b3c4d.docx', 'plan-1a2b3c4d-versie-2.pdf': no personal data."""
    short = "".join(char for char in case_id[:SHORT_ID] if char.isascii() and char.isalnum())
    suffix = "" if version is None else f"-versie-{version}"
    return f"plan-{short}{suffix}.{extension}"


def _load(db_url: str, case_id: str, who: Visitor, kind: str, version: int | None) -> dict:
    """The plan document of the case, with its EXPORT entry in the audit log."""
    with db.session(db_url) as session:
        found = find_case(session, case_id, who)
        plan = plans.plan_by_id(session, found.plan_id) if found.plan_id else None
        if plan is None:
            raise _Missing("no_plan")
        document = plan_document(session, plan, version)
        if document is None:
            raise _Missing("no_version")
        detail = kind if version is None else f"{kind}, versie {version}"
        audit_log.record(
            session, audit_log.EXPORT, worker_id=who.worker_id, case_id=found.id, detail=detail
        )
        return document


async def export_plan(request: web.Request) -> web.Response:
    kind = FORMATS[request.match_info["kind"]]
    case_id = request.match_info["case_id"]
    try:
        version = _version(request.query.get(VERSION_PARAMETER))
        document = await in_thread(
            _load, settings(request).db_url, case_id, visitor(request), kind.extension, version
        )
    except Refused as refused:
        return problem(request, refused.key)
    except _Missing as missing:
        title, text = MISSING[missing.key]
        return render(request, "problem.html", {"title": title, "text": text}, status=404)
    body = await in_thread(kind.render, document)
    response = web.Response(body=body, content_type=kind.content_type)
    if kind.extension == "json":
        response.charset = "utf-8"
    name = file_name(case_id, kind.extension, version)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
