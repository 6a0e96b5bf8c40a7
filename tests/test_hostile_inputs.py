"""Hostile and odd inputs (tests/data/hostile_inputs.yml) through the web app and Rasa's
REST channel, on one set of real servers (issue 12, point 9).

Every entry goes to POST /chat/message (as the chat page sends it) and to POST
/webhooks/rest/webhook (with the token, as the web app sends it). Checked: no 5xx, no
stack trace or exception text in any answer or in the chat history page, the refusals the
data file asks for, no slot that only actions set taking an attacker's value, Rasa's own
intents not obeyed, every process still answering, the web app's memory after compressed
bodies, and no stack trace in the logs. The run is done once per module (see `report`);
the tests read its outcome. The counts per kind go to var/results/hostile_inputs.json and
are in docs/benchmarks.md.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import secrets
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml

from bot import processes
from bot.config import PROJECT_ROOT, Settings
from bot.web.app import MAX_MESSAGE_CHARS
from tests.conftest import start_assistant

pytestmark = pytest.mark.rasa

DATA = yaml.safe_load(
    (Path(__file__).parent / "data" / "hostile_inputs.yml").read_text(encoding="utf-8")
)
DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
RESULTS = PROJECT_ROOT / "var" / "results" / "hostile_inputs.json"
ROUTES = ("web", "rest")
TIMEOUT = 60
# Text that shows an answer or page leaked the inside of a program.
LEAKS = re.compile(r"Traceback|Exception|Error:|File \"/|site-packages")
# Slots that only actions set: no from_entity mapping in domain.yml.
FORBIDDEN_SLOTS = [
    name
    for name, slot in DOMAIN["slots"].items()
    if not any(m.get("type") == "from_entity" for m in slot.get("mappings") or [])
]
# Slots that must stay empty on a fresh conversation whatever it is sent (a hand-off sets
# case_id, so that one is only checked for the attacker's value).
EMPTY_SLOTS = ("plan_id", "consent")
ENTITY_SLOTS = [name for name in DOMAIN["slots"] if name not in FORBIDDEN_SLOTS]
PLAIN_VALUE = re.compile(r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069<>{}$;]{1,64}$")
RASA_INTENTS = {"restart", "back", "session_start"}
MARKER = "hostile"
MAX_WEB_MEMORY_GROWTH_MB = 100
PARALLEL_CONVERSATIONS = 4
# Sent to Rasa only when the REST channel refuses a long message (a single word, cheap):
# 100 kB of words cost Rasa's NLU about 50 s and 11 GB of memory.
COSTLY_ON_REST = "the REST channel takes messages over {} characters: not sent ({} chars)"


def new_sender() -> str:
    return secrets.token_hex(18)  # as chat.js makes it


def expand(entry: Any) -> str:
    """A message entry of the data file as its text."""
    if isinstance(entry, dict) and "repeat" in entry:
        return str(entry["repeat"]) * int(entry["times"])
    return str(entry)


def slot_attempt(entry: Any) -> tuple[list[str], str]:
    """The messages sent first and the attempt itself."""
    if isinstance(entry, dict) and "all_forbidden_slots" in entry:
        value = entry["all_forbidden_slots"]
        return [], "/inform" + json.dumps({name: value for name in FORBIDDEN_SLOTS})
    if isinstance(entry, dict):
        return list(entry["before"]), str(entry["text"])
    return [], str(entry)


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8")


BUILDERS: dict[str, Callable[[str], bytes | Iterator[bytes]]] = {
    "invalid_utf8": lambda s: b'{"sender": "' + s.encode() + b'", "message": "\xff\xfe\xc0"}',
    "utf16": lambda s: json.dumps({"sender": s, "message": "hallo"}).encode("utf-16"),
    "png": lambda s: b"\x89PNG\r\n\x1a\n" + os.urandom(2048),
    "random_bytes": lambda s: os.urandom(4096),
    "zeros_4mb": lambda s: b'{"sender": "'
    + s.encode()
    + b'", "message": "'
    + b"0" * 4_000_000
    + b'"}',
    "zeros_100mb": lambda s: b"0" * 100_000_000,
    "message_1mb": lambda s: _json_bytes({"sender": s, "message": "hallo " * 175_000}),
    "nested_10000": lambda s: b"[" * 10_000 + b"]" * 10_000,
    "keys_100000": lambda s: _json_bytes(
        {"sender": s, "message": "hallo", **{f"k{i}": i for i in range(100_000)}}
    ),
    "array_100000": lambda s: _json_bytes(list(range(100_000))),
    "long_number": lambda s: b'{"sender": "'
    + s.encode()
    + b'", "message": '
    + b"9" * 50_000
    + b"}",
    "metadata_1mb": lambda s: _json_bytes(
        {"sender": s, "message": "hallo", "metadata": {"client_id": "x" * 1_000_000}}
    ),
    "sender_100kb": lambda s: _json_bytes({"sender": "a" * 100_000, "message": "hallo"}),
    "chunked": lambda s: iter([b'{"sender": "', s.encode(), b'", "message": "hallo"}']),
}


def _replace_sender(value: Any, sender: str) -> Any:
    if value == "SENDER":
        return sender
    if isinstance(value, dict):
        return {k: _replace_sender(v, sender) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_sender(v, sender) for v in value]
    if isinstance(value, str):
        return value.replace("SENDER", sender)
    return value


def request_body(entry: dict[str, Any], sender: str) -> bytes | Iterator[bytes]:
    if "build" in entry:
        body = BUILDERS[entry["build"]](sender)
    elif "json" in entry:
        body = _json_bytes(_replace_sender(entry["json"], sender))
    else:
        body = str(entry["body"]).replace("SENDER", sender).encode("utf-8", "surrogatepass")
    encoding = entry.get("encoding")
    if encoding in ("gzip", "gzip, deflate") and isinstance(body, bytes):
        return gzip.compress(body, compresslevel=9)
    if encoding == "deflate" and isinstance(body, bytes):
        return zlib.compress(body, 9)
    return body


@dataclass
class Outcome:
    kind: str
    route: str
    label: str
    status: int | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    forbidden_slots_set: list[str] = field(default_factory=list)
    odd_slot_values: list[str] = field(default_factory=list)
    rasa_intents_obeyed: list[str] = field(default_factory=list)
    web_memory_growth_mb: float = 0.0
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> Outcome:
        self.outcomes.append(outcome)
        return outcome

    def failures(self, *words: str) -> list[str]:
        return [
            f"{o.route} {o.kind} {o.label}: {problem}"
            for o in self.outcomes
            for problem in o.problems
            if not words or any(w in problem for w in words)
        ]

    def summary(self) -> dict[str, Any]:
        inputs: Counter[str] = Counter()
        failed: Counter[str] = Counter()
        for o in self.outcomes:
            inputs[f"{o.kind} {o.route}"] += 1
            if o.problems:
                failed[f"{o.kind} {o.route}"] += 1
        return {
            "inputs": dict(sorted(inputs.items())),
            "failed": dict(sorted(failed.items())),
            "sent": len(self.outcomes),
            "forbidden_slots_set": len(self.forbidden_slots_set),
            "odd_slot_values": len(self.odd_slot_values),
            "rasa_intents_obeyed": len(self.rasa_intents_obeyed),
            "web_memory_growth_mb": round(self.web_memory_growth_mb, 1),
            "seconds": round(self.seconds, 1),
        }


def label_of(text: str) -> str:
    shown = text if len(text) <= 40 else f"{text[:30]}… ({len(text)} chars)"
    return json.dumps(shown, ensure_ascii=True)


class Servers:
    """Rasa, the action server and the web app, reached as the chat page and the web app
    reach them."""

    def __init__(
        self, settings: Settings, servers: dict[str, processes.Server], log_dir: Path
    ) -> None:
        self.settings = settings
        self.servers = servers
        self.log_dir = log_dir
        self._local = threading.local()
        self._rest_refuses_long: bool | None = None

    @property
    def http(self) -> requests.Session:
        """One HTTP session per thread (requests' sessions are not thread-safe)."""
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session

    def rest_refuses_long_messages(self) -> bool:
        """Whether the REST channel refuses a message over MAX_MESSAGE_CHARS (one word)."""
        if self._rest_refuses_long is None:
            probe = self.send("rest", new_sender(), "a" * (MAX_MESSAGE_CHARS + 1))
            self._rest_refuses_long = 400 <= probe.status_code < 500
        return self._rest_refuses_long

    def post(self, route: str, body: bytes | Iterator[bytes], headers: dict[str, str]):
        url = (
            f"{self.settings.web_url}/chat/message"
            if route == "web"
            else f"{self.settings.rasa_url}/webhooks/rest/webhook"
        )
        return self.http.post(url, data=body, headers=headers, timeout=TIMEOUT)

    def token_header(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.settings.rasa_token}"}

    def send(self, route: str, sender: str, message: str) -> requests.Response:
        headers = {"Content-Type": "application/json"}
        if route == "rest":
            headers.update(self.token_header())
        body = json.dumps({"sender": sender, "message": message}).encode("utf-8")
        return self.post(route, body, headers)

    def tracker(self, sender: str) -> dict[str, Any]:
        response = self.http.get(
            f"{self.settings.rasa_url}/conversations/{sender}/tracker",
            params={"token": self.settings.rasa_token, "include_events": "ALL"},
            timeout=TIMEOUT,
        )
        assert response.status_code == 200, response.text
        return response.json()

    def history(self, sender: str) -> requests.Response:
        return self.http.get(
            f"{self.settings.web_url}/chat/history", params={"sender": sender}, timeout=TIMEOUT
        )

    def web_peak_memory_mb(self) -> float:
        """The largest peak resident size of the web app's processes (VmHWM)."""
        group = self.servers["web"].process.pid
        peak = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) != group:
                    continue
                status = (stat.parent / "status").read_text()
            except (OSError, IndexError, ValueError):
                continue
            found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
            if found:
                peak = max(peak, int(found.group(1)))
        return peak / 1024


def check_answer(outcome: Outcome, response: requests.Response) -> None:
    outcome.status = response.status_code
    if response.status_code >= 500:
        outcome.problems.append(f"HTTP {response.status_code}")
    if LEAKS.search(response.text):
        outcome.problems.append(f"leak: {LEAKS.search(response.text).group(0)}")


def check_history(outcome: Outcome, servers: Servers, sender: str) -> None:
    page = servers.history(sender)
    if page.status_code >= 500:
        outcome.problems.append(f"history HTTP {page.status_code}")
    if LEAKS.search(page.text):
        outcome.problems.append("history leak")


def one_message_conversation(servers: Servers, report: Report, kind: str, route: str) -> None:
    """The messages of one kind in one conversation (reused, as a person would)."""
    sender = new_sender()
    for entry in DATA["messages"][kind]:
        text = expand(entry)
        outcome = report.add(Outcome(kind, route, label_of(text)))
        too_long = len(text) > MAX_MESSAGE_CHARS
        if too_long and route == "rest" and not servers.rest_refuses_long_messages():
            outcome.problems.append(COSTLY_ON_REST.format(MAX_MESSAGE_CHARS, len(text)))
            continue
        try:
            response = servers.send(route, sender, text)
        except requests.RequestException as error:
            outcome.problems.append(f"no answer: {type(error).__name__}")
            continue
        check_answer(outcome, response)
        if too_long and not 400 <= response.status_code < 500:
            outcome.problems.append(f"not refused: HTTP {response.status_code}")
    outcome = report.add(Outcome(kind, route, "chat history page"))
    check_history(outcome, servers, sender)


def one_slot_attempt(servers: Servers, report: Report, entry: Any, route: str) -> None:
    """The attempt on a fresh conversation, then its tracker read through Rasa's API."""
    before, text = slot_attempt(entry)
    sender = new_sender()
    outcome = report.add(Outcome("slot_attempts", route, label_of(text)))
    try:
        for message in before:
            check_answer(outcome, servers.send(route, sender, message))
        check_answer(outcome, servers.send(route, sender, text))
    except requests.RequestException as error:
        outcome.problems.append(f"no answer: {type(error).__name__}")
        return
    tracker = servers.tracker(sender)
    slots = tracker.get("slots") or {}
    where = f"{route} {label_of(text)}"
    for name in FORBIDDEN_SLOTS:
        if MARKER in json.dumps(slots.get(name), ensure_ascii=False):
            report.forbidden_slots_set.append(f"{where}: {name}={slots.get(name)!r}")
    for name in EMPTY_SLOTS if not before else ():
        if slots.get(name) is not None:
            report.forbidden_slots_set.append(f"{where}: {name}={slots.get(name)!r}")
    for name in ENTITY_SLOTS:
        value = slots.get(name)
        if value is not None and not (
            isinstance(value, str) and PLAIN_VALUE.match(value) and MARKER not in value
        ):
            report.odd_slot_values.append(f"{where}: {name}={value!r}")
    # The last user event, also when an action reverted it afterwards.
    users = [e for e in tracker["events"] if e.get("event") == "user"] or [{}]
    intent = ((users[-1].get("parse_data") or {}).get("intent") or {}).get("name")
    restarted = any(e.get("event") == "restart" for e in tracker["events"])
    if intent in RASA_INTENTS or restarted:
        report.rasa_intents_obeyed.append(f"{where}: intent {intent}")
    if route == "web":
        check_history(outcome, servers, sender)


def send_conversations(servers: Servers, report: Report) -> None:
    """The messages and the slot attempts, a few conversations at a time (each
    conversation in order; Rasa locks per conversation)."""
    servers.rest_refuses_long_messages()  # probe once, before the threads
    with ThreadPoolExecutor(max_workers=PARALLEL_CONVERSATIONS) as pool:
        jobs = [
            pool.submit(one_message_conversation, servers, report, kind, route)
            for kind in DATA["messages"]
            for route in ROUTES
        ]
        jobs += [
            pool.submit(one_slot_attempt, servers, report, entry, route)
            for entry in DATA["slot_attempts"]
            for route in ROUTES
        ]
        for job in jobs:
            job.result()


def send_requests(servers: Servers, report: Report) -> None:
    memory_before = servers.web_peak_memory_mb()
    for kind, entries in DATA["requests"].items():
        for index, entry in enumerate(entries):
            for route in ROUTES:
                sender = new_sender()
                headers = {"Content-Type": entry.get("content_type", "application/json")}
                if entry.get("encoding"):
                    headers["Content-Encoding"] = entry["encoding"]
                headers.update(entry.get("headers") or {})
                if route == "rest" and entry.get("token", True) is True:
                    headers.update(servers.token_header())
                elif route == "rest" and entry.get("token") == "wrong":
                    headers["Authorization"] = f"Bearer {secrets.token_hex(32)}"
                label = (
                    entry.get("build")
                    or json.dumps(entry.get("json", entry.get("body")), ensure_ascii=True)[:60]
                )
                outcome = report.add(Outcome(kind, route, f"#{index} {label}"))
                costly = entry.get("build") == "message_1mb"
                if costly and route == "rest" and not servers.rest_refuses_long_messages():
                    outcome.problems.append(COSTLY_ON_REST.format(MAX_MESSAGE_CHARS, 1_050_000))
                    continue
                try:
                    response = servers.post(route, request_body(entry, sender), headers)
                except requests.RequestException as error:
                    outcome.problems.append(f"no answer: {type(error).__name__}")
                    continue
                check_answer(outcome, response)
                if route in entry.get("refused", []) and not 400 <= response.status_code < 500:
                    outcome.problems.append(f"not refused: HTTP {response.status_code}")
    report.web_memory_growth_mb = servers.web_peak_memory_mb() - memory_before


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Rasa, actions and the web app on free ports with a private SQLite file; the chat
    rate limit lifted so that every input reaches Rasa."""
    tmp = tmp_path_factory.mktemp("hostile")
    overrides = {"WEGWIJZER_CHAT_MESSAGES_PER_MINUTE": "1000000"}
    if os.environ.get("WEGWIJZER_MODEL"):  # another model, e.g. one being tried out
        overrides["WEGWIJZER_MODEL"] = os.environ["WEGWIJZER_MODEL"]
    settings = processes.settings_on_free_ports(f"sqlite:///{tmp / 'tracker.db'}", **overrides)
    assistant = start_assistant(settings, tmp / "logs")
    try:
        assistant.servers["web"] = processes.start("web", settings, tmp / "logs")
    except Exception:
        assistant.stop()
        raise
    yield Servers(settings, assistant.servers, tmp / "logs")
    assistant.stop()


@pytest.fixture(scope="module")
def report(servers: Servers) -> Report:
    started = time.monotonic()
    result = Report()
    send_conversations(servers, result)
    send_requests(servers, result)
    result.seconds = time.monotonic() - started
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    details = {
        **result.summary(),
        "failures": result.failures(),
        "forbidden": result.forbidden_slots_set,
        "odd": result.odd_slot_values,
        "obeyed": result.rasa_intents_obeyed,
    }
    RESULTS.write_text(json.dumps(details, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(result.summary(), indent=2))
    return result


def test_the_data_file_holds_at_least_200_inputs_of_every_kind():
    counts = {kind: len(entries) for kind, entries in DATA["messages"].items()}
    counts["slot_attempts"] = len(DATA["slot_attempts"])
    counts |= {kind: len(entries) for kind, entries in DATA["requests"].items()}
    assert sum(counts.values()) >= 200, counts
    for kind in (
        "empty",
        "whitespace",
        "huge",
        "control_characters",
        "rtl_overrides",
        "emoji_floods",
        "html_js",
        "sql",
        "slot_attempts",
        "malformed_json",
        "wrong_content_type",
        "compressed",
        "huge_json",
        "wrong_sender",
    ):
        assert counts.get(kind), kind
    assert len(expand(DATA["messages"]["huge"][0])) >= 100_000


def test_no_server_error_and_no_stack_trace_in_any_answer_or_page(report):
    assert report.failures("HTTP 5", "leak", "no answer") == []


def test_every_request_that_must_be_refused_is_refused(report):
    assert report.failures("not refused", "takes messages over") == []


def test_no_slot_that_only_actions_set_takes_a_value_from_a_message(report):
    assert report.forbidden_slots_set == []


def test_no_odd_value_lands_in_a_slot(report):
    assert report.odd_slot_values == []


def test_rasa_internal_intents_are_not_obeyed(report):
    assert report.rasa_intents_obeyed == []


def test_compressed_bodies_cost_the_web_app_no_memory(report):
    assert report.web_memory_growth_mb < MAX_WEB_MEMORY_GROWTH_MB


def test_every_process_still_answers(report, servers):
    for name, server in servers.servers.items():
        assert server.process.poll() is None, f"{name} stopped:\n{server.log()[-2000:]}"
    health = requests.get(f"{servers.settings.web_url}/healthz", timeout=TIMEOUT)
    assert health.status_code == 200, health.text
    assert health.json()["components"] == {"rasa": "up", "actions": "up", "database": "up"}
    page = requests.get(f"{servers.settings.web_url}/", timeout=TIMEOUT)
    assert page.status_code == 200 and not LEAKS.search(page.text)
    sender = new_sender()
    answer = servers.send("web", sender, "hallo")
    assert answer.status_code == 200 and answer.json()["messages"], answer.text


def test_no_stack_trace_in_the_logs(report, servers):
    traces = {
        name: server.log().count("Traceback")
        for name, server in servers.servers.items()
        if "Traceback" in server.log()
    }
    assert traces == {}


def test_a_person_cannot_end_a_workers_pause_with_restart(servers):
    """Rasa obeys `/restart` even while a worker has paused the conversation: without the
    slot guard a person could throw the worker out and wipe the conversation's slots."""
    for route in ROUTES:
        sender = new_sender()
        assert servers.send(route, sender, "hallo").status_code == 200
        paused = servers.http.post(
            f"{servers.settings.rasa_url}/conversations/{sender}/tracker/events",
            params={"token": servers.settings.rasa_token},
            json=[{"event": "pause"}],
            timeout=TIMEOUT,
        )
        assert paused.status_code == 200, paused.text
        answer = servers.send(route, sender, "/restart")
        assert answer.status_code == 200, answer.text
        tracker = servers.tracker(sender)
        assert tracker["paused"], route
        assert not any(e.get("event") == "restart" for e in tracker["events"]), route
