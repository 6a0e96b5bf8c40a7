"""The whole hand-off, end to end, with the real Rasa and action servers and the web app
(issue 10, point 10): over the web app's chat endpoint and over Rasa's REST channel.

A worker of the team is logged in with the queue open (/portal/events). A person asks for a
human (or is in crisis, or asks for a review of the plan) and answers the contact
question; the case appears on the open queue stream without a reload. The worker claims
and replies: on the web chat the reply arrives on the open chat stream (/chat/events);
over the bare REST channel it is in the tracker and the portal says the person does not
see it live. The person answers and the bot stays silent; the worker closes and the bot
answers again. The cases are made by the action server in the database the web app
reads (the session's assistant shares one database URL for both).
"""

from __future__ import annotations

import asyncio
import json
import secrets
from dataclasses import dataclass, replace
from typing import Any

import pytest

from bot.handoff import cases
from bot.handoff.teams import load_teams
from bot.storage import db, portal_sessions, workers
from bot.web.app import create_app
from bot.web.portal.rasa_api import CLOSE_TEXT, WORKER_METADATA
from tests.portal.conftest import PASSWORD, SCRIPT, csrf_of, login
from tests.sse import EventStream

pytestmark = pytest.mark.rasa

TIMEOUT = 60  # Rasa can be slow on 2 busy cores; every wait ends at the awaited event
CHAT = '/inform{"contact_preference": "chat"}'
ANY_TIME = "/skip"


@dataclass
class Flow:
    """A trigger: the messages that ask for a human, and what the case must look like."""

    messages: tuple[str, ...]
    reason: str
    urgent: bool


FLOWS = {
    "request_human": Flow(("ik wil met een mens praten",), cases.REQUEST_HUMAN, False),
    # The crisis answer (lines + offer of a human) opens the urgent case; "ja" takes the offer.
    "crisis": Flow(("ik kan niet meer", "ja"), cases.CRISIS, True),
    "plan_review": Flow(
        ('/request_human{"handoff_reason": "plan_review"}',), cases.PLAN_REVIEW, False
    ),
}


class Person:
    """The person, on the web app's chat (like chat.js) or straight on Rasa's REST channel."""

    def __init__(self, via: str, web, assistant) -> None:
        self.via = via
        self.web = web
        self.assistant = assistant
        self.sender = secrets.token_hex(18)  # as chat.js makes it

    async def say(self, message: str) -> list[dict[str, Any]]:
        if self.via == "web":
            response = await self.web.post(
                "/chat/message", json={"sender": self.sender, "message": message}
            )
            assert response.status == 200, await response.text()
            return (await response.json())["messages"]
        return await asyncio.to_thread(self.assistant.replies, self.sender, message)


@pytest.fixture
async def web(aiohttp_client, assistant):
    """The web app on the assistant's database and Rasa; a worker of the default team."""
    settings = replace(assistant.settings, portal_secure_cookie=False)
    username = f"e2e-{secrets.token_hex(4)}"
    team = load_teams(settings.teams_file).default_team_id
    with db.session(settings.db_url) as session:
        worker = workers.add_worker(session, username, "An Peeters", PASSWORD, "worker", [team])
        worker_id = worker.id
    client = await aiohttp_client(create_app(settings))
    response = await login(client, username, PASSWORD)
    assert response.status == 303, await response.text()
    yield client
    # Nobody of the team stays "online" for the tests that come after.
    with db.session(settings.db_url) as session:
        portal_sessions.end_sessions_of(session, worker_id)


def the_case(assistant, sender: str):
    with db.session(assistant.settings.db_url) as session:
        return cases.open_case_for_conversation(session, sender)


async def wait_for_case_in_queue(web, queue: EventStream, assistant, sender: str):
    """The queue stream tells of the new case; the queue's rows then show it."""
    while True:
        event = await queue.next("queue", TIMEOUT)
        found = the_case(assistant, sender)
        if found is None or json.loads(event.data)["new"] < 1:
            continue
        rows = await (await web.get("/portal/queue-rows")).text()
        if f"/portal/cases/{found.id}" in rows:
            return found, json.loads(event.data)


async def post(web, path: str, **fields: str):
    page = await (await web.get("/portal")).text()
    response = await web.post(
        path, data={"csrf_token": csrf_of(page), **fields}, allow_redirects=False
    )
    assert response.status == 303, await response.text()
    return response.headers["Location"]


def bot_events(assistant, sender: str) -> list[dict]:
    return [e for e in assistant.tracker(sender)["events"] if e["event"] == "bot"]


@pytest.mark.parametrize("flow_name", list(FLOWS))
@pytest.mark.parametrize("via", ["web", "rest"])
async def test_handoff_end_to_end(web, assistant, via, flow_name):
    flow = FLOWS[flow_name]
    person = Person(via, web, assistant)
    assert await person.say("/greet" if via == "web" else "hallo")

    async with EventStream(web, "/portal/events") as queue:
        await queue.next("ready", TIMEOUT)
        chat = EventStream(web, f"/chat/events?sender={person.sender}")
        if via == "web":  # chat.js listens after the first message
            await chat.__aenter__()
            await chat.next("ready", TIMEOUT)
        try:
            await run_flow(web, assistant, person, flow, queue, chat if via == "web" else None)
        finally:
            if via == "web":
                await chat.__aexit__(None, None, None)


async def run_flow(web, assistant, person: Person, flow: Flow, queue, chat) -> None:
    said = [await person.say(message) for message in flow.messages]
    if flow.reason == cases.CRISIS:
        assert any("112" in reply.get("text", "") for reply in said[0]), said[0]

    # The case shows in the open queue without a reload.
    found, change = await wait_for_case_in_queue(web, queue, assistant, person.sender)
    assert (found.reason, found.urgency == cases.URGENT) == (flow.reason, flow.urgent)
    assert change["urgent"] is flow.urgent

    # The contact question: here in the chat, at any time.
    await person.say(CHAT)
    told = await person.say(ANY_TIME)
    assert told, "the bot says who can help and when"
    assert the_case(assistant, person.sender).contact_preference == "chat"

    # The worker opens the case, claims it and replies.
    page = await (await web.get(f"/portal/cases/{found.id}")).text()
    if chat is not None:
        assert "De persoon heeft de chat nu open" in page
    else:
        assert "de persoon heeft de chat nu niet open" in page
    await post(web, f"/portal/cases/{found.id}/claim")
    answer = f"Dag, ik ben An van het team. {SCRIPT}"
    location = await post(web, f"/portal/cases/{found.id}/reply", text=answer)

    last = bot_events(assistant, person.sender)[-1]
    assert last["text"] == answer and WORKER_METADATA.items() <= last["metadata"].items()
    if chat is not None:
        event = await chat.next("message", TIMEOUT)
        assert json.loads(event.data)["text"] == answer
        assert json.loads(event.data)["speaker"] == "worker"
        assert "melding=verstuurd#" in location
    else:
        assert "melding=verstuurd-later" in location
        notice = await (await web.get(location)).text()
        assert "De persoon ziet het pas bij een volgend bezoek" in notice

    # The person answers: the bot stays silent, the message is in the transcript.
    assert await person.say("Dank je, ik heb nog een vraag over mijn budget.") == []
    page = await (await web.get(f"/portal/cases/{found.id}")).text()
    assert "ik heb nog een vraag over mijn budget" in page

    # The worker closes: Wegwijzer says so (live on the web chat) and answers again.
    await post(web, f"/portal/cases/{found.id}/close", outcome="Vraag beantwoord in de chat.")
    if chat is not None:
        event = await chat.next("message", TIMEOUT)
        assert json.loads(event.data) | {"id": ""} == {
            "id": "",
            "speaker": "bot",
            "text": CLOSE_TEXT,
        }
    assert bot_events(assistant, person.sender)[-1]["text"] == CLOSE_TEXT
    assert await person.say("hallo")

    # A reload of the chat page shows the conversation, the worker's reply included.
    if chat is not None:
        history = await (await web.get(f"/chat/history?sender={person.sender}")).json()
        shown = [(m["speaker"], m["text"]) for m in history["messages"]]
        assert ("worker", answer) in shown and ("bot", CLOSE_TEXT) in shown
        assert ("me", "Dank je, ik heb nog een vraag over mijn budget.") in shown
        assert ("me", "Hier in de chat") in shown  # the button's title, not its payload
