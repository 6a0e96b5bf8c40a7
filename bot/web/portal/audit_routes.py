"""/portal/audit: the audit log for admins (403 for workers), newest first, a page at a
time. Viewing it is written to the log too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from bot.storage import audit_log, db, workers
from bot.web.portal.common import in_thread, local_time, problem, render, settings, visitor

PAGE_SIZE = 50
ACTION_LABELS = {
    audit_log.LOGIN: "Aangemeld",
    audit_log.LOGIN_FAILED: "Aanmelden mislukt",
    audit_log.LOGOUT: "Afgemeld",
    audit_log.CASE_CREATED: "Vraag gemaakt",
    audit_log.CASE_VIEW: "Vraag bekeken",
    audit_log.TRANSCRIPT_VIEW: "Gesprek gelezen",
    audit_log.REPLY: "Antwoord gestuurd",
    audit_log.EXPORT: "Plan gedownload",
    audit_log.STATUS_CHANGE: "Status veranderd",
    audit_log.NOTE_ADDED: "Notitie toegevoegd",
    audit_log.HAND_BACK: "Teruggegeven aan Wegwijzer",
    audit_log.AUDIT_VIEW: "Logboek bekeken",
    audit_log.WORKER_ADDED: "Medewerker toegevoegd",
    audit_log.DELETION: "Gegevens gewist",
    "case_escalated": "Vraag dringender gemaakt",
    "case_refused": "Vraag van een ander team geweigerd",
    "crisis_flag": "Crisissignaal terwijl Wegwijzer zweeg",
}


@dataclass(frozen=True)
class Row:
    id: int
    at: datetime
    action: str
    worker: str
    case_id: str | None
    detail: str


def _page(db_url: str, before_id: int | None, worker_id: int) -> tuple[list[Row], bool]:
    with db.session(db_url) as session:
        if before_id is None:
            audit_log.record(session, audit_log.AUDIT_VIEW, worker_id=worker_id)
        found = audit_log.entries(session, limit=PAGE_SIZE + 1, before_id=before_id)
        names: dict[int, str] = {}
        rows = []
        for entry in found[:PAGE_SIZE]:
            name = ""
            if entry.worker_id is not None:
                if entry.worker_id not in names:
                    worker = workers.worker_by_id(session, entry.worker_id)
                    names[entry.worker_id] = (
                        f"{worker.display_name} ({worker.username})" if worker else "onbekend"
                    )
                name = names[entry.worker_id]
            rows.append(
                Row(
                    id=entry.id,
                    at=entry.at,
                    action=ACTION_LABELS.get(entry.action, entry.action),
                    worker=name,
                    case_id=entry.case_id,
                    detail=entry.detail or "",
                )
            )
        return rows, len(found) > PAGE_SIZE


async def audit_page(request: web.Request) -> web.Response:
    who = visitor(request)
    if not who.is_admin:
        return problem(request, "admin_only")
    raw = request.query.get("voor", "")
    before_id = int(raw) if raw.isdigit() and len(raw) < 19 else None
    if raw and before_id is None:
        return problem(request, "not_found")
    rows, more = await in_thread(_page, settings(request).db_url, before_id, who.worker_id)
    context = {
        "rows": rows,
        "older": rows[-1].id if more and rows else None,
        "first_page": before_id is None,
        "local_time": local_time,
    }
    return render(request, "audit.html", context)
