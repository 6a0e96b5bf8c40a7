"""Hand-off latency (issue 10, point 11), measured from outside like a browser would see it.

Starts the real action server, Rasa server and web app (Procfile commands) on free ports
with a private SQLite database, logs a worker of the default team in to the portal and
keeps the queue open (/portal/events), then measures N times:

(a) request -> queue: from sending "ik wil met een mens praten" to the web chat (POST
    /chat/message; the action server makes the case while Rasa answers) until the case's
    change arrives on the open queue stream, and until the queue's rows (GET
    /portal/queue-rows, what the page fetches next) show it;
(b) reply -> chat: from the worker's reply POST to the portal until the reply arrives on
    the person's open chat stream (/chat/events).

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/handoff_latency.py [N]
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from rest_latency import percentile  # benchmarks/ is on the path when run as a script

from bot import processes
from bot.handoff import cases
from bot.handoff.teams import load_teams
from bot.storage import db, workers
from tests.sse import EventStream

PASSWORD = "paard-batterij-nietje"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
TIMEOUT = 60


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field"
    return found.group(1)


def case_of(db_url: str, sender: str) -> str | None:
    with db.session(db_url) as session:
        found = cases.open_case_for_conversation(session, sender)
        return found.id if found else None


async def log_in(http: aiohttp.ClientSession, web: str, username: str) -> str:
    page = await (await http.get(f"{web}/portal/login")).text()
    response = await http.post(
        f"{web}/portal/login",
        data={"username": username, "password": PASSWORD, "csrf_token": csrf_of(page)},
        allow_redirects=False,
    )
    assert response.status == 303, await response.text()
    return csrf_of(await (await http.get(f"{web}/portal")).text())


async def request_to_queue(
    http: aiohttp.ClientSession, web: str, queue: EventStream, db_url: str
) -> tuple[str, float, float]:
    """One case: (sender, ms until the queue event, ms until the rows show it)."""
    sender = secrets.token_hex(18)
    greeting = await http.post(f"{web}/chat/message", json={"sender": sender, "message": "hallo"})
    assert greeting.status == 200
    start = time.perf_counter()
    asking = asyncio.ensure_future(
        http.post(
            f"{web}/chat/message",
            json={"sender": sender, "message": "ik wil met een mens praten"},
        )
    )
    while True:
        event = await queue.next("queue", TIMEOUT)
        if json.loads(event.data)["new"] >= 1 and case_of(db_url, sender):
            break
    on_stream = (time.perf_counter() - start) * 1000
    case_id = case_of(db_url, sender)
    rows = await (await http.get(f"{web}/portal/queue-rows")).text()
    in_rows = (time.perf_counter() - start) * 1000
    assert f"/portal/cases/{case_id}" in rows
    response = await asking
    assert response.status == 200
    return sender, on_stream, in_rows


async def reply_to_chat(
    http: aiohttp.ClientSession, web: str, csrf: str, db_url: str, sender: str
) -> float:
    """Claim the sender's case and reply: ms until the reply is on the open chat stream."""
    case_id = case_of(db_url, sender)
    claim = await http.post(
        f"{web}/portal/cases/{case_id}/claim", data={"csrf_token": csrf}, allow_redirects=False
    )
    assert claim.status == 303
    text = f"Dag, ik ben An van het team ({secrets.token_hex(3)})."
    async with EventStream(http, f"{web}/chat/events?sender={sender}") as chat:
        await chat.next("ready", TIMEOUT)
        start = time.perf_counter()
        reply = asyncio.ensure_future(
            http.post(
                f"{web}/portal/cases/{case_id}/reply",
                data={"csrf_token": csrf, "text": text},
                allow_redirects=False,
            )
        )
        while True:
            event = await chat.next("message", TIMEOUT)
            if json.loads(event.data)["text"] == text:
                break
        took = (time.perf_counter() - start) * 1000
        assert (await reply).status == 303
    return took


def report(name: str, values: list[float]) -> None:
    print(
        f"{name}: n={len(values)}, p50 {statistics.median(values):.0f} ms, "
        f"p95 {percentile(values, 0.95):.0f} ms, max {max(values):.0f} ms"
    )


async def measure(settings, runs: int) -> None:
    web = settings.web_url
    username = f"bench-{secrets.token_hex(3)}"
    with db.session(settings.db_url) as session:
        team = load_teams(settings.teams_file).default_team_id
        workers.add_worker(session, username, "An Peeters", PASSWORD, "worker", [team])
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        csrf = await log_in(http, web, username)
        await http.post(f"{web}/chat/message", json={"sender": "warm-up" * 5, "message": "hallo"})
        stream_ms, rows_ms, reply_ms, senders = [], [], [], []
        async with EventStream(http, f"{web}/portal/events") as queue:
            await queue.next("ready", TIMEOUT)
            for _ in range(runs):
                sender, on_stream, in_rows = await request_to_queue(
                    http, web, queue, settings.db_url
                )
                senders.append(sender)
                stream_ms.append(on_stream)
                rows_ms.append(in_rows)
        for sender in senders:
            reply_ms.append(await reply_to_chat(http, web, csrf, settings.db_url, sender))
    report("(a) request -> case on the open queue stream", stream_ms)
    report("(a') request -> case in the fetched queue rows", rows_ms)
    report("(b) worker's reply POST -> reply on the open chat stream", reply_ms)


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = processes.settings_on_free_ports(
            f"sqlite:///{Path(tmp) / 'tracker.db'}",
            WEGWIJZER_PORTAL_SECURE_COOKIE="false",
            # Every run sends two chat messages from 127.0.0.1: no per-client limit here.
            WEGWIJZER_CHAT_MESSAGES_PER_MINUTE="1000000",
        )
        servers = [processes.start("actions", settings, Path(tmp))]
        try:
            servers.append(processes.start("rasa", settings, Path(tmp), timeout=600))
            servers.append(processes.start("web", settings, Path(tmp)))
            asyncio.run(measure(settings, runs))
        finally:
            for server in reversed(servers):
                server.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
