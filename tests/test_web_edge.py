"""The web app's edge (issue 12, points 7 and 8): security headers on every answer,
compressed bodies refused before anything inflates them, a rate limit per client on
/chat/message, and what reaches Rasa (cleaned text, the token, the metadata)."""

from __future__ import annotations

import asyncio
import http.client
import os
import secrets
import tracemalloc
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from bot import processes
from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import db, plans
from bot.storage.keys import keyed_hash
from bot.web.app import MAX_BROWSER_CONVERSATIONS, create_app
from bot.web.compressed_bodies import SERVER_OPTIONS
from bot.web.rate_limit import RateLimiter
from tests import fake_rasa

INFLATED = 64 * 1024 * 1024  # what the compressed test body inflates to: 64 MB of zeros


def deflate_bomb(size: int = INFLATED, wbits: int = zlib.MAX_WBITS) -> bytes:
    """`size` bytes of zeros, compressed about 1000 times (zlib; gzip with wbits 31)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    chunk = bytes(1024 * 1024)
    body = b"".join(compressor.compress(chunk) for _ in range(size // len(chunk)))
    return body + compressor.flush()


def gzip_bomb(size: int = INFLATED) -> bytes:
    return deflate_bomb(size, wbits=31)


@pytest.fixture(name="settings")
def web_settings(tmp_path):
    """Settings on free ports with a fresh, migrated SQLite database."""
    settings = processes.settings_on_free_ports(f"sqlite:///{tmp_path / 'app.db'}")
    db.migrate(settings.db_url)
    yield replace(settings, portal_secure_cookie=False)
    db.dispose(settings.db_url)


@pytest.fixture
def plan_token(settings) -> str:
    with db.session(settings.db_url) as session:
        plan = plans.create_plan(session, "conversation-edge", CONSENT_TEXT_VERSION)
        plans.save_answer(session, plan.id, "what_matters", "Mijn familie")
        return plan.document_token


def sender() -> str:
    return secrets.token_hex(16)


async def served(aiohttp_server, aiohttp_client, settings):
    """A client of the web app served as `python -m bot web` serves it (SERVER_OPTIONS)."""
    return await aiohttp_client(await aiohttp_server(create_app(settings), **SERVER_OPTIONS))


# --- security headers ---------------------------------------------------------------------


def assert_secure_headers(response, *, framed_by: str = "'none'") -> None:
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["default-src"] == ["'self'"], policy
    assert directives["frame-ancestors"] == framed_by.split(), policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("no-referrer", "same-origin")
    assert headers["Server"] == "Wegwijzer"
    if framed_by == "'none'":
        assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/static/chat.js",
        "/static/chat.css",
        "/chat/history?sender=short",
        "/healthz",
        "/portal/login",
        "/portal",
        "/plan/abcdefabcdefabcdefabcdef",
        "/no/such/page",
    ],
)
async def test_every_answer_has_the_security_headers(aiohttp_client, settings, path):
    client = await aiohttp_client(create_app(settings))

    response = await client.get(path, allow_redirects=False)

    assert_secure_headers(response)


async def test_the_plan_page_has_the_headers_and_sends_no_referrer(
    aiohttp_client, settings, plan_token
):
    client = await aiohttp_client(create_app(settings))

    for suffix in ("", ".pdf", ".json"):
        response = await client.get(f"/plan/{plan_token}{suffix}")
        assert response.status == 200, suffix
        assert_secure_headers(response)
        assert response.headers["Referrer-Policy"] == "no-referrer"


async def test_a_chat_error_has_the_headers(aiohttp_client, settings):
    client = await aiohttp_client(create_app(settings))

    response = await client.post("/chat/message", data=b"{not json")

    assert response.status == 400
    assert_secure_headers(response)


async def test_only_the_chat_page_may_be_framed_by_the_configured_sites(
    aiohttp_client, settings, plan_token
):
    configured = ("https://www.example.org", "https://*.gemeente.be", "x;script-src")
    client = await aiohttp_client(create_app(replace(settings, frame_ancestors=configured)))

    chat = await client.get("/")
    assert_secure_headers(chat, framed_by="https://www.example.org https://*.gemeente.be")
    assert "X-Frame-Options" not in chat.headers
    assert "script-src" not in chat.headers["Content-Security-Policy"]  # the typo is left out
    for path in ("/portal/login", f"/plan/{plan_token}", "/static/chat.js"):
        assert_secure_headers(await client.get(path))


async def test_a_request_aiohttp_cannot_parse_gets_no_version_either(aiohttp_server, settings):
    server = await aiohttp_server(create_app(settings))
    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(b"GARBAGE / HTTP/1.1\r\nHost: x\r\n\r\n")
    await writer.drain()
    head = (await asyncio.wait_for(reader.read(4096), 10)).decode("latin-1")
    writer.close()

    assert head.split("\r\n")[0].endswith("400 Bad Request")
    assert "Server: Wegwijzer\r\n" in head
    assert "aiohttp" not in head.lower() and "python" not in head.lower()


# --- compressed bodies --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip_bomb(4 * 1024 * 1024)),
        ("deflate", deflate_bomb(4 * 1024 * 1024)),
        ("br", b"\x0b\x02\x80hallo\x03"),
        ("identity, gzip", gzip_bomb(1024 * 1024)),
    ],
)
async def test_a_compressed_chat_message_is_refused_in_dutch(
    aiohttp_client, aiohttp_server, settings, encoding, body
):
    rasa = await fake_rasa.start(aiohttp_server, settings)
    client = await served(aiohttp_server, aiohttp_client, settings)

    response = await client.post(
        "/chat/message",
        data=body,
        headers={"Content-Type": "application/json", "Content-Encoding": encoding},
    )

    assert response.status == 415
    assert "kon ik niet lezen" in (await response.json())["error"]
    assert rasa.received == []  # no handler read it, nothing went on


async def test_an_uncompressed_message_still_passes(aiohttp_client, aiohttp_server, settings):
    rasa = await fake_rasa.start(aiohttp_server, settings)
    client = await aiohttp_client(create_app(settings))

    response = await client.post(
        "/chat/message",
        json={"sender": sender(), "message": "hallo"},
        headers={"Content-Encoding": "identity"},
    )

    assert response.status == 200
    assert len(rasa.received) == 1


async def test_a_compressed_portal_form_is_refused_before_the_login_reads_it(
    aiohttp_client, aiohttp_server, settings
):
    client = await served(aiohttp_server, aiohttp_client, settings)

    response = await client.post(
        "/portal/login",
        data=deflate_bomb(1024 * 1024),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Encoding": "deflate",
        },
        allow_redirects=False,
    )

    assert response.status == 415
    assert response.content_type == "text/plain"
    assert "gecomprimeerd" in await response.text()
    assert_secure_headers(response)


async def test_a_compressed_body_costs_no_memory_on_the_served_app(aiohttp_server, settings):
    server = await aiohttp_server(create_app(settings), **SERVER_OPTIONS)
    body = deflate_bomb()
    assert len(body) < INFLATED // 500

    def post() -> int:
        connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
        try:
            connection.request(
                "POST",
                "/chat/message",
                body=body,
                headers={"Content-Type": "application/json", "Content-Encoding": "deflate"},
            )
            return connection.getresponse().status
        except (BrokenPipeError, ConnectionResetError):
            return 0  # refused before the whole body was sent
        finally:
            connection.close()

    tracemalloc.start()
    try:
        status = await asyncio.to_thread(post)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert status in (415, 0)
    assert peak < 8 * 1024 * 1024, f"{peak / 2**20:.0f} MB while refusing the body"


def _peak_rss_kb(group: int) -> int:
    """The largest peak resident size (VmHWM) of the processes in process group `group`."""
    peak = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != group:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except (OSError, ProcessLookupError, ValueError):
            continue
    return peak


def test_the_running_web_process_refuses_a_deflate_bomb_without_inflating_it(settings, tmp_path):
    server = processes.start("web", settings, tmp_path / "logs", timeout=60)
    try:
        before = _peak_rss_kb(server.process.pid)
        connection = http.client.HTTPConnection(settings.web_host, settings.web_port, timeout=30)
        try:
            connection.request(
                "POST",
                "/chat/message",
                body=deflate_bomb(256 * 1024 * 1024),  # about 250 KB, 256 MB inflated
                headers={"Content-Type": "application/json", "Content-Encoding": "deflate"},
            )
            response = connection.getresponse()
            assert response.status == 415
            assert response.getheader("Server") == "Wegwijzer"
        finally:
            connection.close()
        after = _peak_rss_kb(server.process.pid)
    finally:
        server.stop()

    assert before > 0
    assert after - before < 64 * 1024, f"peak memory grew by {(after - before) // 1024} MB"
    assert "Traceback" not in server.log()


# --- rate limit ---------------------------------------------------------------------------


async def test_too_many_messages_get_429_with_retry_after_in_dutch(
    aiohttp_client, aiohttp_server, settings
):
    rasa = await fake_rasa.start(aiohttp_server, settings)
    client = await aiohttp_client(create_app(replace(settings, chat_messages_per_minute=3)))
    conversation = sender()

    statuses = [
        (await client.post("/chat/message", json={"sender": conversation, "message": "hoi"})).status
        for _ in range(3)
    ]
    refused = await client.post("/chat/message", json={"sender": sender(), "message": "hoi"})

    assert statuses == [200, 200, 200]
    assert refused.status == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    error = (await refused.json())["error"]
    assert "Wacht" in error and refused.headers["Retry-After"] in error
    assert len(rasa.received) == 3  # the fourth never reached Rasa
    assert_secure_headers(refused)


def test_the_limit_counts_per_client_and_frees_up_after_a_minute():
    now = [1000.0]
    limiter = RateLimiter(2, clock=lambda: now[0])

    assert [limiter.hit("a"), limiter.hit("a")] == [0, 0]
    assert limiter.hit("a") == 60
    assert limiter.hit("b") == 0  # another client has its own count
    now[0] += 30
    assert limiter.hit("a") == 30
    now[0] += 30
    assert limiter.hit("a") == 0


def test_the_limiter_keeps_a_bounded_number_of_clients():
    now = [0.0]
    limiter = RateLimiter(1, clock=lambda: now[0], max_keys=100)

    for number in range(1000):
        now[0] += 0.001
        limiter.hit(f"client-{number}")

    assert len(limiter._hits) <= 100
    assert limiter.hit("client-999") > 0  # the newest are still counted


# --- what reaches Rasa --------------------------------------------------------------------


async def test_the_message_reaches_rasa_cleaned_with_token_and_metadata(
    aiohttp_client, aiohttp_server, settings
):
    rasa = await fake_rasa.start(aiohttp_server, settings)
    client = await aiohttp_client(create_app(settings))
    conversation, earlier = sender(), [sender() for _ in range(3)]

    response = await client.post(
        "/chat/message",
        json={
            "sender": conversation,
            "message": "Ik heet \u202eAnna\u202c\x00 en ik woon in Gent\r\n",
            "browser_conversations": [
                earlier[0],
                "te-kort",
                42,
                "../../etc/passwd-aaaaaaaaaaaa",
                conversation,
                earlier[1],
                earlier[0],
                {"id": earlier[2]},
                earlier[2],
            ],
        },
    )

    assert response.status == 200
    [request] = rasa.received
    assert request["headers"]["Authorization"] == f"Bearer {settings.rasa_token}"
    assert request["body"] == {
        "sender": conversation,
        "message": "Ik heet Anna en ik woon in Gent\n",
        "metadata": {
            "client_id": keyed_hash("client", "127.0.0.1", secret=settings.secret_key.encode()),
            "browser_conversations": earlier,
        },
    }


async def test_at_most_twenty_earlier_conversations_go_to_rasa(
    aiohttp_client, aiohttp_server, settings
):
    rasa = await fake_rasa.start(aiohttp_server, settings)
    client = await aiohttp_client(create_app(settings))
    earlier = [sender() for _ in range(30)]

    for extra in ({"browser_conversations": earlier}, {"browser_conversations": "nee"}, {}):
        response = await client.post(
            "/chat/message", json={"sender": sender(), "message": "hoi", **extra}
        )
        assert response.status == 200

    sent = [body["metadata"]["browser_conversations"] for body in rasa.bodies()]
    assert sent == [earlier[-MAX_BROWSER_CONVERSATIONS:], [], []]
    assert MAX_BROWSER_CONVERSATIONS == 20


# --- the plan page ------------------------------------------------------------------------


async def test_what_a_person_wrote_keeps_its_own_direction_on_the_plan_page(
    aiohttp_client, settings
):
    hebrew = "אני אוהב לבשל"
    with db.session(settings.db_url) as session:
        plan = plans.create_plan(session, "conversation-rtl", CONSENT_TEXT_VERSION)
        plans.save_answer(session, plan.id, "what_matters", hebrew)
        plans.save_answer(session, plan.id, "works_well", "Koken met mama")
        token = plan.document_token
    client = await aiohttp_client(create_app(settings))

    html = await (await client.get(f"/plan/{token}")).text()

    assert f'<dd dir="auto">{hebrew}</dd>' in html
    assert '<dd dir="auto">Koken met mama</dd>' in html
