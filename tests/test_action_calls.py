"""Rasa's calls to the action server (bot/action_calls.py): a call whose connection failed
or closed is sent again; a call the server may still be working on is not."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.client_reqrep import ConnectionKey
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from bot import action_calls
from bot.action_server import FAILED_TEXT, failure_message
from bot.turn_failure import tell_failure

CLOSING = aiohttp.ClientOSError(104, "Cannot write to closing transport")
KEY = ConnectionKey("127.0.0.1", 1, False, None, None, None, None)


def flaky(*errors: BaseException):
    """A request that fails with `errors`, one per call, then answers; and its calls."""
    calls: list[int] = []

    async def request(*args, **kwargs):
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return {"events": []}

    return action_calls.with_retries(request), calls


@pytest.mark.parametrize(
    "error",
    [
        CLOSING,
        aiohttp.ServerDisconnectedError(),
        aiohttp.ClientConnectorError(KEY, ConnectionRefusedError(111, "refused")),
    ],
    ids=["closing transport", "server closed the connection", "connection refused"],
)
async def test_a_lost_connection_is_tried_again(error):
    request, calls = flaky(error, error)
    assert await request(json={}) == {"events": []}
    assert len(calls) == 3


async def test_it_gives_up_after_the_retries():
    request, calls = flaky(CLOSING, CLOSING, CLOSING)
    with pytest.raises(aiohttp.ClientOSError):
        await request()
    assert len(calls) == 1 + len(action_calls.RETRY_PAUSES)


@pytest.mark.parametrize(
    "error",
    [
        ClientResponseError(500, "Internal Server Error", b""),
        aiohttp.ServerTimeoutError("read timeout"),
        asyncio.TimeoutError(),
    ],
    ids=["HTTP 500", "server timeout", "timeout"],
)
async def test_a_call_the_server_may_have_run_is_not_sent_again(error):
    request, calls = flaky(error)
    with pytest.raises(type(error)):
        await request()
    assert calls == [1]


@pytest.fixture
async def drops_first_connection() -> AsyncIterator[tuple[str, list[str]]]:
    """A server that closes the first connection as soon as the request arrives and
    answers the next one; and what each connection got."""
    seen: list[str] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        seen.append(head.split(b" ")[0].decode())
        if len(seen) > 1:
            await answer_no_events(writer)
        writer.close()

    async with local_server(serve) as url:
        yield url, seen


async def answer_no_events(writer: asyncio.StreamWriter) -> None:
    body = b'{"events": [], "responses": []}'
    writer.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)
    )
    await writer.drain()


@contextlib.asynccontextmanager
async def local_server(serve) -> AsyncIterator[str]:
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/webhook"
    finally:
        server.close()
        await server.wait_closed()


async def test_rasas_endpoint_call_survives_a_closed_connection(drops_first_connection):
    url, seen = drops_first_connection
    retrying = action_calls.with_retries(EndpointConfig.request)
    answer = await retrying(EndpointConfig(url), json={"next_action": "x"}, method="post")
    assert answer == {"events": [], "responses": []}
    assert seen == ["POST", "POST"]


async def test_the_failure_message_is_said_once_per_turn():
    collector = CollectingOutputChannel()
    await tell_failure(collector, "gesprek")
    await tell_failure(collector, "gesprek")
    assert [m["text"] for m in collector.messages] == [FAILED_TEXT]


SLOT = {"event": "slot", "name": "place", "value": "Hasselt", "timestamp": None}


@pytest.mark.parametrize(
    "answer",
    [
        {"events": [], "responses": []},
        {"events": [SLOT, {"event": "active_loop", "name": None}], "responses": []},
        {"events": [], "responses": [failure_message()]},
        {"responses": [{"text": "Welke soort hulp zoek je?", "buttons": [{"title": "x"}]}]},
    ],
    ids=["empty", "slot and form", "failure message", "buttons"],
)
def test_a_valid_answer_of_the_action_server_is_taken(answer):
    action = RemoteAction("action_show_providers", None)
    assert action_calls.validated_once(RemoteAction._validate_action_result)(action, answer)
    assert RemoteAction._validate_action_result(action, answer)  # as Rasa's own check


@pytest.mark.parametrize(
    "answer",
    [
        {"events": "slot", "responses": []},
        {"events": [{"event": "slot"}], "responses": []},
        {"events": [{"event": "no_such_event", "name": "x"}]},
        {"events": [], "responses": "Welke soort hulp zoek je?"},
        {"events": [], "responses": ["Welke soort hulp zoek je?"]},
    ],
    ids=["events no list", "slot without name", "unknown event", "text", "text in a list"],
)
def test_an_answer_that_does_not_fit_fails_the_action_as_in_rasa(answer):
    """The quick check refuses what Rasa's refuses, with the error Rasa's check raises."""
    action = RemoteAction("action_show_providers", None)
    with pytest.raises(ValidationError) as rasas:
        RemoteAction._validate_action_result(action, answer)
    with pytest.raises(ValidationError) as quick:
        action_calls.validated_once(RemoteAction._validate_action_result)(action, answer)
    assert quick.value.message == rasas.value.message
    assert "Failed to validate Action server response" in quick.value.message


@pytest.fixture
async def action_server_bodies() -> AsyncIterator[tuple[str, list[dict]]]:
    """A server that answers every call with no events; and the JSON body of each call."""
    bodies: list[dict] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode().lower()
        length = int(head.split("content-length:")[1].split("\r\n")[0])
        bodies.append(json.loads(await reader.readexactly(length)))
        await answer_no_events(writer)
        writer.close()

    async with local_server(serve) as url:
        yield url, bodies


def domain_with(text: str) -> Domain:
    return Domain.from_dict(
        {
            "intents": ["groet"],
            "slots": {"place": {"type": "text", "mappings": [{"type": "from_text"}]}},
            "responses": {"utter_hallo": [{"text": text, "buttons": [{"title": "Ja"}]}]},
            "actions": ["action_show_providers"],
        }
    )


async def test_the_action_server_gets_the_call_rasa_makes(action_server_bodies, monkeypatch):
    """Rasa's RemoteAction sends the same JSON with the domain written once; a new model's
    domain is sent as soon as it is loaded."""
    monkeypatch.setattr(
        EndpointConfig, "request", action_calls.domain_written_once(EndpointConfig.request)
    )
    url, bodies = action_server_bodies
    action = RemoteAction("action_show_providers", EndpointConfig(url))
    tracker = DialogueStateTracker.from_events(
        "gesprek", [UserUttered("ik zoek hulp in Gent 😊 <b>"), SlotSet("place", "Gent")]
    )
    first, new_model = domain_with("Dag! Wat zoek je?"), domain_with("Hallo, ik ben Wegwijzer.")
    for domain in (first, first, new_model):
        events = await action.run(CollectingOutputChannel(), None, tracker, domain)
        assert events == []
    expected = [action._action_call_format(tracker, d) for d in (first, first, new_model)]
    assert bodies == json.loads(json.dumps(expected))
    assert bodies[2]["domain"]["responses"]["utter_hallo"][0]["text"] == "Hallo, ik ben Wegwijzer."


def test_other_requests_are_sent_as_they_came():
    sent: list[dict] = []

    async def request(*args, **kwargs):
        sent.append(kwargs)

    asyncio.run(action_calls.domain_written_once(request)(json={"text": "hallo"}))
    assert sent == [{"json": {"text": "hallo"}}]
