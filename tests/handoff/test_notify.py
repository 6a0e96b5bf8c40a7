"""An urgent case also goes to the team's webhook and by e-mail (bot.handoff.notify).

A real SMTP server (aiosmtpd) and a real HTTP receiver (http.server) listen on 127.0.0.1
on free ports; every test has its own application database (tests/actions/conftest.py).
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiosmtpd.controller import Controller

from actions.crisis import ActionCrisis
from actions.handoff_trigger import open_case
from bot.config import load_settings
from bot.handoff import cases, notify
from bot.handoff.teams import DEFAULT_TEAMS_FILE
from bot.storage import audit_log, db
from bot.tracker_store import flag_crisis_while_paused
from tests.actions.conftest import (  # noqa: F401
    PUBLIC_URL,
    app_db,
    knowledge_url,
    load_tracker,
    migrated_db,
    run_action,
    user,
)

T0 = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)
SENDER = "wegwijzer@example.org"
TEAM_ADDRESS = "team@example.org"
# What the person told: none of it may leave in a notification.
PERSONAL = ("Gent", "0470 12 34 56", "+32470123456", "an.peeters@example.be", "gesprek-")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Webhook:
    """A local HTTP receiver: what it received, and the status it answers with."""

    url: str
    received: list[dict[str, Any]] = field(default_factory=list)
    status: int = 204
    # Set to make the receiver wait before it answers (a slow webhook).
    hold: threading.Event | None = None


@pytest.fixture(name="webhook")
def webhook_fixture() -> Iterator[Webhook]:
    receiver = Webhook(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if receiver.hold is not None:
                receiver.hold.wait(10)
            receiver.received.append(
                {
                    "path": self.path,
                    "content_type": self.headers["Content-Type"],
                    "body": json.loads(body),
                }
            )
            self.send_response(receiver.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/wegwijzer?key=geheim"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield receiver
    if receiver.hold is not None:
        receiver.hold.set()
    server.shutdown()
    server.server_close()
    thread.join()


@dataclass
class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    port: int = 0
    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


@pytest.fixture(name="smtp")
def smtp_fixture() -> Iterator[Inbox]:
    inbox = Inbox(port=free_port())
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    yield inbox
    controller.stop()


def write_teams(path: Path, webhook_url: str | None, email: str | None = TEAM_ADDRESS) -> str:
    """The default teams, each with this webhook and e-mail address."""
    data = yaml.safe_load(DEFAULT_TEAMS_FILE.read_text(encoding="utf-8"))
    for team in data["teams"]:
        team["webhook_url"], team["email"] = webhook_url, email
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


@pytest.fixture(autouse=True)
def fresh_notifier() -> Iterator[None]:
    notify.forget_sent()
    yield
    assert notify.flush(10), "a background notification did not end"


def configure(monkeypatch, tmp_path, webhook_url, smtp_port, email=TEAM_ADDRESS):
    """The environment (and the settings read from it) with these receivers."""
    monkeypatch.setenv(
        "WEGWIJZER_TEAMS_FILE", write_teams(tmp_path / "teams.yml", webhook_url, email)
    )
    if smtp_port is None:
        monkeypatch.delenv("WEGWIJZER_SMTP_HOST", raising=False)
    else:
        monkeypatch.setenv("WEGWIJZER_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("WEGWIJZER_SMTP_PORT", str(smtp_port))
    monkeypatch.setenv("WEGWIJZER_SMTP_SENDER", SENDER)
    monkeypatch.setenv("WEGWIJZER_SMTP_STARTTLS", "false")
    return load_settings()


def new_case(reason: str = cases.CRISIS, conversation: str = "gesprek-1") -> str:
    """A case from Gent, with a phone number and an e-mail address left by the person."""
    with db.session() as session:
        case = cases.create_case(
            session,
            reason=reason,
            conversation_id=conversation,
            channel="rest",
            facts={"place": "Gent", "speaker": "person", "age": "34"},
            now=T0,
        ).case
        cases.set_contact(session, case.id, "telefoon", "0470 12 34 56", "na 17 uur")
        return case.id


def audit(case_id: str, action: str) -> list[str | None]:
    with db.session() as session:
        return [e.detail for e in audit_log.entries(session, case_id=case_id, action=action)]


def assert_no_personal_data(text: str) -> None:
    for personal in PERSONAL:
        assert personal not in text


async def test_an_urgent_case_goes_to_the_webhook_and_by_email(
    webhook, smtp, monkeypatch, tmp_path
):
    settings = configure(monkeypatch, tmp_path, webhook.url, smtp.port)
    case_id = new_case()

    outcomes = notify.send_now(case_id, notify.OPENED, settings)

    assert outcomes == [notify.Outcome("webhook", True), notify.Outcome("e-mail", True)]
    link = f"{PUBLIC_URL}/portal/cases/{case_id}"
    [posted] = webhook.received
    assert posted["path"] == "/hooks/wegwijzer?key=geheim"
    assert posted["content_type"] == "application/json"
    assert posted["body"] == {
        "type": "wegwijzer.urgent_case",
        "event": "opened",
        "case_id": case_id,
        "team_id": "oost-vlaanderen",
        "reason": "crisis",
        "urgency": "dringend",
        "created_at": T0.isoformat(),
        "link": link,
    }
    [(mail_from, recipients, mail)] = smtp.messages
    assert (mail_from, recipients) == (SENDER, [TEAM_ADDRESS])
    assert mail["Subject"] == "Wegwijzer: nieuwe dringende vraag voor Team Oost-Vlaanderen"
    assert (mail["From"], mail["To"]) == (SENDER, TEAM_ADDRESS)
    body = mail.get_content().replace("\r\n", "\n")
    assert "Er staat een nieuwe dringende vraag in de wachtrij van jullie team." in body
    assert "Reden: Crisis\nDringendheid: dringend\n" in body
    assert "Gemaakt op: 01-12-2026 om 10:30 (Belgische tijd)" in body
    assert link in body
    assert_no_personal_data(json.dumps(posted["body"]))
    assert_no_personal_data(mail.as_string())
    assert sorted(audit(case_id, notify.NOTIFICATION_SENT)) == [
        "e-mail, opened",
        "webhook, opened",
    ]
    assert audit(case_id, notify.NOTIFICATION_FAILED) == []


async def test_a_case_that_is_not_urgent_sends_nothing(webhook, smtp, monkeypatch, tmp_path):
    settings = configure(monkeypatch, tmp_path, webhook.url, smtp.port)
    case_id = new_case(cases.REQUEST_HUMAN)

    assert notify.send_now(case_id, notify.OPENED, settings) == []
    notify.send_later(case_id, "oost-vlaanderen", notify.OPENED, settings)
    assert notify.flush(10)

    assert webhook.received == [] and smtp.messages == []
    assert audit(case_id, notify.NOTIFICATION_SENT) == []
    assert notify.send_now("bestaat-niet", notify.OPENED, settings) == []


async def test_a_dead_webhook_and_smtp_server_are_logged_and_raise_nothing(
    monkeypatch, tmp_path, caplog
):
    dead = free_port()  # nothing listens there
    settings = configure(monkeypatch, tmp_path, f"http://127.0.0.1:{dead}/hook?key=geheim", dead)
    case_id = new_case()

    with caplog.at_level(logging.WARNING, logger="bot.handoff.notify"):
        outcomes = notify.send_now(case_id, notify.OPENED, settings, timeout=2)

    assert outcomes == [
        notify.Outcome("webhook", False, "no connection"),
        notify.Outcome("e-mail", False, "no connection"),
    ]
    logged = [r.getMessage() for r in caplog.records if r.name == "bot.handoff.notify"]
    assert logged == [
        f"The webhook about urgent case {case_id} failed: no connection",
        f"The e-mail about urgent case {case_id} failed: no connection",
    ]
    assert "geheim" not in caplog.text and TEAM_ADDRESS not in caplog.text
    assert sorted(audit(case_id, notify.NOTIFICATION_FAILED)) == [
        "e-mail, opened, no connection",
        "webhook, opened, no connection",
    ]


async def test_a_webhook_that_refuses_counts_as_failed(webhook, monkeypatch, tmp_path):
    webhook.status = 500
    settings = configure(monkeypatch, tmp_path, webhook.url, None, email=None)
    case_id = new_case()

    outcomes = notify.send_now(case_id, notify.OPENED, settings)

    assert outcomes == [notify.Outcome("webhook", False, "http 500")]
    assert len(webhook.received) == 1
    assert audit(case_id, notify.NOTIFICATION_FAILED) == ["webhook, opened, http 500"]


async def test_without_an_smtp_host_no_email_is_sent_and_that_is_logged_once(
    webhook, monkeypatch, tmp_path, caplog
):
    settings = configure(monkeypatch, tmp_path, webhook.url, None)
    first, second = new_case(conversation="gesprek-1"), new_case(conversation="gesprek-2")

    with caplog.at_level(logging.INFO, logger="bot.handoff.notify"):
        assert notify.send_now(first, notify.OPENED, settings) == [notify.Outcome("webhook", True)]
        assert notify.send_now(second, notify.OPENED, settings) == [notify.Outcome("webhook", True)]

    off = "No WEGWIJZER_SMTP_HOST: urgent cases are not sent by e-mail"
    assert [r.getMessage() for r in caplog.records].count(off) == 1
    assert len(webhook.received) == 2


async def test_sending_happens_off_the_request_path(webhook, monkeypatch, tmp_path):
    webhook.hold = threading.Event()  # the receiver does not answer yet
    settings = configure(monkeypatch, tmp_path, webhook.url, None, email=None)
    case_id = new_case()

    notify.send_later(case_id, "oost-vlaanderen", notify.OPENED, settings)  # returns at once

    assert not notify.flush(0)  # still waiting for the receiver
    webhook.hold.set()
    assert notify.flush(10)
    assert [posted["body"]["case_id"] for posted in webhook.received] == [case_id]
    assert audit(case_id, notify.NOTIFICATION_SENT) == ["webhook, opened"]


async def test_the_crisis_action_notifies_the_team(webhook, smtp, monkeypatch, tmp_path):
    configure(monkeypatch, tmp_path, webhook.url, smtp.port)
    tracker = load_tracker("welcome", user("ik kan niet meer", "crisis"))

    turn = await run_action(ActionCrisis(), tracker)

    assert turn.responses == ["utter_crisis"]
    assert notify.flush(10)
    [posted] = webhook.received
    assert posted["body"]["event"] == "opened" and posted["body"]["reason"] == "crisis"
    assert posted["body"]["team_id"] == "vlaanderen"  # no place known: the default team
    case_id = posted["body"]["case_id"]
    with db.session() as session:
        case = cases.case_by_id(session, case_id)
        assert case is not None and case.conversation_id == tracker.sender_id
    [(_, _, mail)] = smtp.messages
    assert f"{PUBLIC_URL}/portal/cases/{case_id}" in mail.get_content()
    assert tracker.sender_id not in mail.as_string()


async def test_a_request_for_a_human_is_sent_when_a_crisis_makes_it_urgent(
    webhook, monkeypatch, tmp_path
):
    configure(monkeypatch, tmp_path, webhook.url, None, email=None)
    tracker = load_tracker("welcome", user("ik wil een mens", "request_human"))

    opened = open_case(tracker, cases.REQUEST_HUMAN)
    assert opened is not None and not opened.became_urgent
    assert notify.flush(10) and webhook.received == []

    escalated = open_case(tracker, cases.CRISIS)
    assert escalated is not None and escalated.became_urgent and not escalated.is_new
    # A later trigger on the case that is urgent already sends nothing new.
    again = open_case(tracker, cases.FALLBACK)
    assert again is not None and not again.became_urgent

    assert notify.flush(10)
    assert [posted["body"]["event"] for posted in webhook.received] == ["escalated"]
    assert webhook.received[0]["body"]["case_id"] == opened.case_id


async def test_a_crisis_while_paused_is_sent_once_per_repeat_window(webhook, monkeypatch, tmp_path):
    configure(monkeypatch, tmp_path, webhook.url, None, email=None)
    case_id = new_case(cases.REQUEST_HUMAN)

    flag_crisis_while_paused("gesprek-1")
    flag_crisis_while_paused("gesprek-1")  # a second crisis message right after
    flag_crisis_while_paused("nobody")  # no open case: nothing

    assert notify.flush(10)
    [posted] = webhook.received
    assert posted["body"]["event"] == "crisis_while_paused"
    assert posted["body"]["case_id"] == case_id
    assert posted["body"]["urgency"] == "dringend"
    assert audit(case_id, notify.NOTIFICATION_SENT) == ["webhook, crisis_while_paused"]


def test_the_smtp_settings():
    base = {"WEGWIJZER_RASA_TOKEN": "t"}
    off = load_settings(base)
    assert (off.smtp_host, off.smtp_port, off.smtp_starttls) == ("", 587, True)
    on = load_settings(
        base
        | {
            "WEGWIJZER_SMTP_HOST": "smtp.example.org",
            "WEGWIJZER_SMTP_PORT": "2525",
            "WEGWIJZER_SMTP_SENDER": SENDER,
            "WEGWIJZER_SMTP_USERNAME": "wegwijzer",
            "WEGWIJZER_SMTP_PASSWORD": "heel-geheim",
            "WEGWIJZER_SMTP_STARTTLS": "nee",
            "WEGWIJZER_PUBLIC_URL": "https://wegwijzer.example.org/",
        }
    )
    assert (on.smtp_host, on.smtp_port, on.smtp_sender, on.smtp_starttls) == (
        "smtp.example.org",
        2525,
        SENDER,
        False,
    )
    assert on.portal_url == "https://wegwijzer.example.org/portal"
    assert "heel-geheim" not in repr(on)
    with pytest.raises(SystemExit, match="WEGWIJZER_SMTP_SENDER"):
        load_settings(base | {"WEGWIJZER_SMTP_HOST": "smtp.example.org"})
