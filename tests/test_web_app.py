"""The web app: chat page, chat proxy to Rasa, and /healthz."""

from __future__ import annotations

import secrets
from dataclasses import replace

import pytest

from bot import processes
from bot.web.app import MAX_MESSAGE_CHARS, create_app


@pytest.fixture
def offline_settings(tmp_path):
    """Nothing listens on these ports; the SQLite database is reachable."""
    return processes.settings_on_free_ports(f"sqlite:///{tmp_path / 'tracker.db'}")


async def test_chat_page_is_dutch_and_labelled(aiohttp_client, offline_settings):
    client = await aiohttp_client(create_app(offline_settings))

    response = await client.get("/")
    html = await response.text()

    assert response.status == 200
    assert '<html lang="nl">' in html
    assert '<label for="message">Jouw bericht</label>' in html
    assert 'role="log"' in html
    script = await client.get("/static/chat.js")
    assert script.status == 200


async def test_healthz_reports_each_part_down_with_503(aiohttp_client, offline_settings):
    client = await aiohttp_client(create_app(offline_settings))

    response = await client.get("/healthz")

    assert response.status == 503
    assert await response.json() == {
        "status": "down",
        "components": {"rasa": "down", "actions": "down", "database": "up"},
    }


async def test_healthz_reports_an_unreachable_database(aiohttp_client, offline_settings):
    closed_port = processes.free_port()
    settings = replace(
        offline_settings, db_url=f"postgresql://postgres@127.0.0.1:{closed_port}/test"
    )
    client = await aiohttp_client(create_app(settings))

    body = await (await client.get("/healthz")).json()

    assert body["components"]["database"] == "down"


async def test_healthz_reports_an_unusable_database_url(aiohttp_client, offline_settings):
    settings = replace(offline_settings, db_url="nosuchdatabase://nowhere/x")
    client = await aiohttp_client(create_app(settings))

    body = await (await client.get("/healthz")).json()

    assert body["components"]["database"] == "down"
    assert (await client.get("/")).status == 200


@pytest.mark.rasa
async def test_healthz_is_up_when_everything_runs(aiohttp_client, assistant):
    client = await aiohttp_client(create_app(assistant.settings))

    response = await client.get("/healthz")

    assert response.status == 200
    assert await response.json() == {
        "status": "up",
        "components": {"rasa": "up", "actions": "up", "database": "up"},
    }


@pytest.mark.postgres
async def test_healthz_checks_postgresql_in_production(aiohttp_client, offline_settings):
    from tests.conftest import POSTGRES_URL

    client = await aiohttp_client(create_app(replace(offline_settings, db_url=POSTGRES_URL)))

    body = await (await client.get("/healthz")).json()

    assert body["components"]["database"] == "up"


@pytest.mark.rasa
async def test_chat_message_reaches_rasa_and_returns_the_welcome(aiohttp_client, assistant):
    client = await aiohttp_client(create_app(assistant.settings))

    response = await client.post(
        "/chat/message", json={"sender": secrets.token_hex(16), "message": "hallo"}
    )

    assert response.status == 200
    messages = (await response.json())["messages"]
    assert "Wegwijzer" in messages[0]["text"]
    assert messages[0]["buttons"]


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        pytest.param(b"{not json", 400, "kon ik niet lezen", id="broken-json"),
        pytest.param(b'["a list"]', 400, "kon ik niet lezen", id="not-an-object"),
        pytest.param(
            b'{"sender": "short", "message": "hallo"}', 400, "kon ik niet lezen", id="bad-sender"
        ),
        pytest.param(
            b'{"sender": "abcdefabcdefabcdef", "message": 5}',
            400,
            "kon ik niet lezen",
            id="message-not-text",
        ),
        pytest.param(
            (
                '{"sender": "abcdefabcdefabcdef", "message": "%s"}'
                % ("x" * (MAX_MESSAGE_CHARS + 1))
            ).encode(),
            413,
            "te lang",
            id="too-long",
        ),
        pytest.param(b'{"message": "' + b"x" * 200_000 + b'"}', 413, "te lang", id="huge-body"),
        pytest.param(b"\xff\xfe\x00", 400, "kon ik niet lezen", id="not-utf8"),
    ],
)
async def test_broken_chat_requests_get_a_dutch_error(
    aiohttp_client, offline_settings, body, status, error
):
    client = await aiohttp_client(create_app(offline_settings))

    response = await client.post(
        "/chat/message", data=body, headers={"Content-Type": "application/json"}
    )

    assert response.status == status
    assert error in (await response.json())["error"]


async def test_chat_message_when_rasa_is_down_says_so_in_dutch(aiohttp_client, offline_settings):
    client = await aiohttp_client(create_app(offline_settings))

    response = await client.post(
        "/chat/message", json={"sender": secrets.token_hex(16), "message": "hallo"}
    )

    assert response.status == 503
    assert "niet bereikbaar" in (await response.json())["error"]


@pytest.mark.rasa
async def test_the_message_reaches_rasas_tracker_cleaned_with_its_metadata(
    aiohttp_client, assistant
):
    from bot.storage.keys import keyed_hash

    client = await aiohttp_client(create_app(assistant.settings))
    sender, earlier = secrets.token_hex(16), [secrets.token_hex(16), secrets.token_hex(16)]

    response = await client.post(
        "/chat/message",
        json={
            "sender": sender,
            "message": "hallo\u202e\x00",
            "browser_conversations": [*earlier, "niet-goed", sender],
        },
    )

    assert response.status == 200
    [said] = [e for e in assistant.tracker(sender)["events"] if e["event"] == "user"]
    assert said["text"] == "hallo"
    secret = assistant.settings.secret_key.encode()
    assert said["metadata"]["client_id"] == keyed_hash("client", "127.0.0.1", secret=secret)
    assert said["metadata"]["browser_conversations"] == earlier
