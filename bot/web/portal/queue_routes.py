"""/portal: the queue of the worker's teams (an admin's: every team), urgent first, then
the oldest, with filters for status, reason and channel (validated GET parameters).
/portal/queue-rows gives only the rows, for the open queue page that updates itself
(bot/web/static/portal.js, told of changes by /portal/events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from bot.handoff import cases, summary
from bot.storage import db
from bot.web.portal.common import (
    crisis_flagged_at,
    in_thread,
    local_time,
    now,
    render,
    settings,
    team_name,
    time_ago,
    visible_team_ids,
)

OPEN = "open"
ALL = "alle"
STATUS_FILTERS = {
    OPEN: "Open (nieuw en opgenomen)",
    cases.NEW: "Nieuw",
    cases.CLAIMED: "Opgenomen",
    cases.CLOSED: "Afgesloten",
    ALL: "Alle",
}
STATUS_LABELS = {cases.NEW: "Nieuw", cases.CLAIMED: "Opgenomen", cases.CLOSED: "Afgesloten"}
URGENCY_LABELS = {cases.URGENT: "Dringend", cases.NORMAL: "Gewoon"}
# The channels Rasa opens (bot/channels/credentials.py), in words a worker knows.
CHANNEL_LABELS = {
    "rest": "Webchat",
    "telegram": "Telegram",
    "twilio": "WhatsApp of sms",
    "facebook": "Facebook Messenger",
}
SUMMARY_FIELDS = 3
FILTER_ERRORS = {
    "status": "Kies een status uit de lijst.",
    "reason": "Kies een reden uit de lijst.",
    "channel": "Kies een kanaal uit de lijst.",
}


def channel_label(channel: str) -> str:
    return CHANNEL_LABELS.get(channel, channel)


@dataclass(frozen=True)
class Row:
    id: str
    urgency: str
    urgent: bool
    reason: str
    created_at: datetime
    team_id: str
    channel: str
    status: str
    summary: list[tuple[str, str]]
    crisis_flagged_at: datetime | None = None


def _rows(
    db_url: str, team_ids: tuple[str, ...], status: str, reason: str | None, channel: str | None
) -> list[Row]:
    statuses = None if status == OPEN else cases.STATUSES if status == ALL else status
    with db.session(db_url) as session:
        found = cases.queue(session, team_ids, status=statuses, reason=reason, channel=channel)
        return [
            Row(
                id=case.id,
                urgency=URGENCY_LABELS.get(case.urgency, case.urgency),
                urgent=case.urgency == cases.URGENT,
                reason=cases.REASON_LABELS.get(case.reason, case.reason),
                created_at=case.created_at,
                team_id=case.team_id,
                channel=case.channel,
                status=STATUS_LABELS.get(case.status, case.status),
                summary=summary.summary_lines(case.summary_data)[:SUMMARY_FIELDS],
                crisis_flagged_at=crisis_flagged_at(case.summary_data),
            )
            for case in found
        ]


def _filters(request: web.Request) -> tuple[dict[str, str], dict[str, str]]:
    """The chosen filters (invalid ones replaced by their default) and the errors."""
    allowed = {
        "status": STATUS_FILTERS,
        "reason": {"": "", **dict.fromkeys(cases.REASONS, "")},
        "channel": {"": "", **CHANNEL_LABELS},
    }
    chosen, errors = {}, {}
    for name, options in allowed.items():
        value = request.query.get(name, OPEN if name == "status" else "")
        if value not in options:
            errors[name] = FILTER_ERRORS[name]
            value = OPEN if name == "status" else ""
        chosen[name] = value
    return chosen, errors


async def _context(request: web.Request) -> tuple[dict, dict[str, str]]:
    chosen, errors = _filters(request)
    rows = await in_thread(
        _rows,
        settings(request).db_url,
        visible_team_ids(request),
        chosen["status"],
        chosen["reason"] or None,
        chosen["channel"] or None,
    )
    current = now(request)
    context = {
        "rows": rows,
        "chosen": chosen,
        "errors": errors,
        "status_filters": STATUS_FILTERS,
        "reasons": cases.REASON_LABELS,
        "channels": CHANNEL_LABELS,
        "channel_label": channel_label,
        "team_name": lambda team_id: team_name(request, team_id),
        "age": lambda moment: time_ago(moment, current),
        "local_time": local_time,
    }
    return context, errors


async def queue_page(request: web.Request) -> web.Response:
    context, errors = await _context(request)
    return render(request, "queue.html", context, status=400 if errors else 200)


async def queue_rows(request: web.Request) -> web.Response:
    """Only the rows of the queue (an HTML fragment, with the same filters as /portal):
    portal.js puts them in the open queue page when the queue changed."""
    context, _ = await _context(request)
    return render(request, "queue_rows.html", context)
