"""Telling a team about an urgent case: a JSON POST to the team's webhook and an e-mail
over SMTP to the team's address (both optional per team, in the teams file; SMTP in the
WEGWIJZER_SMTP_* settings of bot/config.py).

A case is urgent when it is opened as *dringend* (a crisis, or any trigger after one), when
a later trigger raises it to *dringend*, and again when a crisis signal comes in while a
worker has the conversation (`EVENTS`). Both messages hold only the case id, the team, the
reason, the urgency, the time and the link to the case page in the portal: never message
text, contact details, a name or the conversation id. Whoever reads them logs in to the
portal, where the team's rights are checked.

Sending never happens on the request path: `send_later` hands the case to a small thread
pool and returns at once; `send_now` does the work synchronously (the pool runs it, tests
call it). A failing webhook or SMTP server is logged (the case id and the kind of error,
not the address) and written to the audit log as `notification_failed`; nothing raises
into the conversation. `flush` waits for what was handed over. Without an SMTP host no
e-mail is sent, which is logged once per process.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

import requests

from bot.config import Settings, load_settings
from bot.handoff import cases
from bot.handoff.schedule import BRUSSELS_TIME
from bot.handoff.teams import Team, load_teams
from bot.storage import audit_log, db
from bot.storage.models import Case, moment_or_now

# Why the team hears of the case now.
OPENED = "opened"  # a new case, urgent from the start
ESCALATED = "escalated"  # an open case became urgent
CRISIS_WHILE_PAUSED = "crisis_while_paused"  # a crisis signal while a worker has it
EVENTS = (OPENED, ESCALATED, CRISIS_WHILE_PAUSED)

WEBHOOK = "webhook"
EMAIL = "e-mail"
NOTIFICATION_SENT = "notification_sent"
NOTIFICATION_FAILED = "notification_failed"

TIMEOUT_SECONDS = 5.0
# The same event of the same case is sent once in this time (several crisis messages in a
# row while paused make one notification; the case page shows the latest).
REPEAT_SECONDS = 300.0
WORKERS = 4
PAYLOAD_TYPE = "wegwijzer.urgent_case"

# Dutch, for the team: the e-mail's subject and first sentence per event.
SUBJECTS = {
    OPENED: "Wegwijzer: nieuwe dringende vraag voor {team}",
    ESCALATED: "Wegwijzer: een vraag voor {team} is nu dringend",
    CRISIS_WHILE_PAUSED: "Wegwijzer: crisissignaal in een gesprek van {team}",
}
OPENINGS = {
    OPENED: "Er staat een nieuwe dringende vraag in de wachtrij van jullie team.",
    ESCALATED: "Een vraag in de wachtrij van jullie team is nu dringend.",
    CRISIS_WHILE_PAUSED: (
        "In een gesprek dat een medewerker van jullie team overnam, kwam een crisissignaal "
        "binnen. Wegwijzer zwijgt in dat gesprek en antwoordt dus niet zelf."
    ),
}

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """What a team is told about an urgent case: no personal data at all."""

    case_id: str
    team_id: str
    team_name: str
    event: str
    reason: str
    urgency: str
    created_at: datetime
    link: str


@dataclass(frozen=True)
class Outcome:
    """One message sent (`ok`) or not; `problem` is a short fixed description."""

    channel: str
    ok: bool
    problem: str | None = None


class DeliveryError(RuntimeError):
    """The receiver answered, but did not accept the message."""


def case_link(settings: Settings, case_id: str) -> str:
    return f"{settings.portal_url}/cases/{case_id}"


def notice_for(case: Case, team: Team, event: str, settings: Settings) -> Notice:
    if event not in EVENTS:
        raise ValueError(f"Unknown notification event {event!r}")
    return Notice(
        case_id=case.id,
        team_id=team.id,
        team_name=team.name,
        event=event,
        reason=case.reason,
        urgency=case.urgency,
        created_at=case.created_at,
        link=case_link(settings, case.id),
    )


def payload(notice: Notice) -> dict[str, Any]:
    """The webhook's JSON body."""
    return {
        "type": PAYLOAD_TYPE,
        "event": notice.event,
        "case_id": notice.case_id,
        "team_id": notice.team_id,
        "reason": notice.reason,
        "urgency": notice.urgency,
        "created_at": notice.created_at.isoformat(),
        "link": notice.link,
    }


def _local(moment: datetime) -> str:
    return moment.astimezone(BRUSSELS_TIME).strftime("%d-%m-%Y om %H:%M")


def email_message(notice: Notice, sender: str, recipient: str) -> EmailMessage:
    """The e-mail to the team (Dutch): that there is an urgent case, and the link."""
    message = EmailMessage()
    message["Subject"] = SUBJECTS[notice.event].format(team=notice.team_name)
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(moment_or_now(None))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "wegwijzer")
    reason = cases.REASON_LABELS.get(notice.reason, notice.reason)
    message.set_content(
        f"Dag {notice.team_name},\n\n"
        f"{OPENINGS[notice.event]}\n\n"
        f"Reden: {reason}\n"
        f"Dringendheid: {notice.urgency}\n"
        f"Gemaakt op: {_local(notice.created_at)} (Belgische tijd)\n"
        f"Vraag: {notice.case_id}\n\n"
        f"Open de vraag in het portaal (meld je eerst aan):\n{notice.link}\n\n"
        "Dit bericht bevat met opzet geen gegevens over de persoon: die lees je in het "
        "portaal.\n\n"
        "Wegwijzer\n"
    )
    return message


def post_webhook(url: str, notice: Notice, timeout: float = TIMEOUT_SECONDS) -> None:
    """POST the notice as JSON; a redirect or an error status raises DeliveryError."""
    response = requests.post(
        url,
        json=payload(notice),
        timeout=timeout,
        allow_redirects=False,
        headers={"User-Agent": "Wegwijzer"},
    )
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"http {response.status_code}")


def send_email(
    settings: Settings, recipient: str, notice: Notice, timeout: float = TIMEOUT_SECONDS
) -> None:
    """Send the team's e-mail over SMTP (STARTTLS and login when set)."""
    message = email_message(notice, settings.smtp_sender, recipient)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout) as client:
        if settings.smtp_starttls:
            client.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            client.login(settings.smtp_username, settings.smtp_password)
        client.send_message(message)


def describe(error: BaseException) -> str:
    """A short description of a failure without addresses or server texts (they can hold
    a webhook's secret or an e-mail address)."""
    if isinstance(error, DeliveryError):
        return str(error)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"smtp {error.smtp_code}"
    if isinstance(error, requests.Timeout | TimeoutError):
        return "timeout"
    if isinstance(error, requests.ConnectionError | ConnectionError):
        return "no connection"
    return type(error).__name__


_smtp_off_logged = False


def _smtp_off() -> None:
    global _smtp_off_logged
    if not _smtp_off_logged:
        _smtp_off_logged = True
        logger.info("No WEGWIJZER_SMTP_HOST: urgent cases are not sent by e-mail")


def _attempt(channel: str, case_id: str, send: Callable[[], None]) -> Outcome:
    try:
        send()
    except Exception as error:
        problem = describe(error)
        logger.warning("The %s about urgent case %s failed: %s", channel, case_id, problem)
        return Outcome(channel, ok=False, problem=problem)
    logger.info("The %s about urgent case %s was sent", channel, case_id)
    return Outcome(channel, ok=True)


def _record(settings: Settings, notice: Notice, outcomes: list[Outcome]) -> None:
    try:
        with db.session(settings.db_url) as session:
            for outcome in outcomes:
                detail = f"{outcome.channel}, {notice.event}"
                if outcome.problem:
                    detail += f", {outcome.problem}"
                action = NOTIFICATION_SENT if outcome.ok else NOTIFICATION_FAILED
                audit_log.record(
                    session, action, case_id=notice.case_id, detail=detail[: audit_log.MAX_DETAIL]
                )
    except Exception:
        logger.exception("Could not write the notifications of case %s", notice.case_id)


def send_now(
    case_id: str,
    event: str,
    settings: Settings | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> list[Outcome]:
    """Send the notifications of an urgent case to its team, now, and write each outcome
    to the audit log. Nothing is sent for a case that is not urgent (or gone), or to a team
    without a webhook or e-mail address. Failures are returned, not raised."""
    settings = settings or load_settings()
    with db.session(settings.db_url) as session:
        found = cases.case_by_id(session, case_id)
        if found is None or found.urgency != cases.URGENT:
            return []
        team = load_teams(settings.teams_file).get(found.team_id)
        if team is None:
            logger.warning(
                "Urgent case %s: team %s is not in the teams file", case_id, found.team_id
            )
            return []
        notice = notice_for(found, team, event, settings)
    outcomes: list[Outcome] = []
    if team.webhook_url:
        url = team.webhook_url
        outcomes.append(_attempt(WEBHOOK, case_id, lambda: post_webhook(url, notice, timeout)))
    if team.email:
        if settings.smtp_host:
            address = team.email
            outcomes.append(
                _attempt(EMAIL, case_id, lambda: send_email(settings, address, notice, timeout))
            )
        else:
            _smtp_off()
    if outcomes:
        _record(settings, notice, outcomes)
    return outcomes


# --- off the request path ---------------------------------------------------------------------

_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_pending: set[Future[list[Outcome]]] = set()
_last_sent: dict[tuple[str, str], float] = {}


def _run(case_id: str, event: str, settings: Settings) -> list[Outcome]:
    try:
        return send_now(case_id, event, settings)
    except Exception:
        logger.exception("Could not send the notifications of urgent case %s", case_id)
        return []


def _done(future: Future[list[Outcome]]) -> None:
    with _lock:
        _pending.discard(future)


def has_receiver(team: Team | None, settings: Settings) -> bool:
    """Whether the team gets anything: a webhook, or an e-mail address and an SMTP host."""
    if team is None:
        return False
    if team.email and not settings.smtp_host:
        _smtp_off()
    return bool(team.webhook_url or (team.email and settings.smtp_host))


def send_later(case_id: str, team_id: str, event: str, settings: Settings | None = None) -> None:
    """Send the notifications of an urgent case of this team in the background and return
    at once; nothing starts for a team without a receiver. The same event of the same case
    is sent once per `REPEAT_SECONDS`. Never raises: the conversation goes on whatever
    happens here."""
    global _executor
    try:
        settings = settings or load_settings()
        if not has_receiver(load_teams(settings.teams_file).get(team_id), settings):
            return
        key, now = (case_id, event), time.monotonic()
        with _lock:
            for old in [k for k, at in _last_sent.items() if now - at >= REPEAT_SECONDS]:
                del _last_sent[old]
            if key in _last_sent:
                return
            _last_sent[key] = now
            if _executor is None:
                _executor = ThreadPoolExecutor(WORKERS, thread_name_prefix="wegwijzer-notify")
            future = _executor.submit(_run, case_id, event, settings)
            _pending.add(future)
        future.add_done_callback(_done)
    except Exception:
        logger.exception("Could not start the notifications of urgent case %s", case_id)


def flush(timeout: float | None = 30.0) -> bool:
    """Wait until everything handed to `send_later` is done; False when time ran out."""
    with _lock:
        pending = list(_pending)
    _, not_done = wait(pending, timeout=timeout)
    return not not_done


def forget_sent() -> None:
    """Forget which events were sent (and the e-mail log line), as in a new process."""
    global _smtp_off_logged
    with _lock:
        _last_sent.clear()
        _smtp_off_logged = False
