"""The live parts of the web app without Rasa: the chat's event stream and history
(bot.web.live, bot.web.history), the portal's queue stream and queue rows."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from datetime import timedelta

import pytest

from bot.handoff import cases
from bot.storage import db
from bot.storage.models import utcnow
from bot.web import history
from bot.web.live import QueueWatch
from bot.web.portal.rasa_api import MESSAGE_ID, WORKER_METADATA
from bot.web.push import CHAT_HUB, NEW_MESSAGE, QUEUE_HUB, ChatHub, QueueChange, QueueHub
from tests.portal.conftest import SCRIPT
from tests.sse import EventStream

TIMEOUT = 10


def sender() -> str:
    return secrets.token_hex(18)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?sender=",
        "?sender=kort",
        "?sender=" + "a" * 31,
        "?sender=" + "a" * 65,
        "?sender=a%20b" * 9,
    ],
)
@pytest.mark.parametrize("path", ["/chat/events", "/chat/history"])
async def test_a_bad_conversation_id_gets_a_dutch_400(portal, path, query):
    client = await portal.client()

    response = await client.get(path + query)

    assert response.status == 400
    assert await response.json() == {
        "error": "Dit gesprek kan ik niet vinden. Laad de pagina opnieuw."
    }


async def test_the_history_says_so_in_dutch_when_rasa_is_away(portal):
    client = await portal.client()

    response = await client.get(f"/chat/history?sender={sender()}")

    assert response.status == 503
    assert "Probeer het later opnieuw" in (await response.json())["error"]


async def test_a_pushed_message_reaches_the_open_chat_stream(portal):
    client = await portal.client()
    conversation = sender()
    async with EventStream(client, f"/chat/events?sender={conversation}") as stream:
        await stream.next("ready", TIMEOUT)
        hub: ChatHub = client.server.app[CHAT_HUB]
        assert hub.watching(conversation)
        assert hub.publish(conversation, {"id": "m1", "speaker": "worker", "text": SCRIPT}) == 1
        hub.publish(sender(), {"id": "m2", "speaker": "worker", "text": "niet voor jou"})

        event = await stream.next("message", TIMEOUT)

    assert json.loads(event.data) == {"id": "m1", "speaker": "worker", "text": SCRIPT}
    assert event.id


async def test_a_reconnecting_chat_page_gets_what_it_missed(portal):
    client = await portal.client()
    conversation = sender()
    hub: ChatHub = client.server.app[CHAT_HUB]
    before = hub.cursor()
    hub.publish(conversation, {"id": "m1", "speaker": "worker", "text": "Eerste"})
    hub.publish(conversation, {"id": "m2", "speaker": "worker", "text": "Tweede"})
    first = before + 1

    async with EventStream(
        client, f"/chat/events?sender={conversation}", headers={"Last-Event-ID": str(first)}
    ) as stream:
        event = await stream.next("message", TIMEOUT)

    assert json.loads(event.data)["text"] == "Tweede"


def test_the_history_shows_texts_button_titles_and_the_last_buttons_only():
    buttons = [{"title": "Met een mens praten", "payload": "/request_human"}]
    state = {
        "events": [
            {"event": "user", "text": "/greet"},
            {"event": "bot", "text": "Welkom", "data": {"buttons": buttons}},
            {"event": "user", "text": "/request_human"},
            {"event": "bot", "text": "Hoe mag het team je bereiken?", "data": {"buttons": buttons}},
            {"event": "user", "text": SCRIPT},
            {"event": "pause"},
            {
                "event": "bot",
                "text": "Dag, ik ben An.",
                "metadata": {**WORKER_METADATA, MESSAGE_ID: "abc"},
                "data": {},
            },
            {"event": "bot", "text": "Kies", "data": {"buttons": buttons}},
            {"event": "action", "name": "action_listen"},
        ]
    }

    assert history.messages(state) == [
        {"speaker": "bot", "text": "Welkom"},
        {"speaker": "me", "text": "Met een mens praten"},
        {"speaker": "bot", "text": "Hoe mag het team je bereiken?"},
        {"speaker": "me", "text": SCRIPT},
        {"speaker": "worker", "text": "Dag, ik ben An.", "id": "abc"},
        {"speaker": "bot", "text": "Kies", "buttons": buttons},
    ]


async def test_the_portal_stream_needs_a_login(portal):
    client = await portal.client()

    response = await client.get("/portal/events", allow_redirects=False)
    rows = await client.get("/portal/queue-rows", allow_redirects=False)

    assert response.status == rows.status == 303
    assert response.headers["Location"].startswith("/portal/login")


async def test_a_new_case_of_the_team_reaches_the_open_queue_stream(portal):
    client, _ = await portal.logged_in("an")
    async with EventStream(client, "/portal/events") as stream:
        await stream.next("ready", TIMEOUT)
        portal.add_case(sender(), facts={"place": "Brugge"})  # another team: not told
        case_id = portal.add_case(sender(), facts={"place": "Gent"}, reason="crisis")

        event = await stream.next("queue", TIMEOUT)

    assert json.loads(event.data) == {"new": 1, "urgent": True, "changed": 1}
    rows = await client.get("/portal/queue-rows")
    html = await rows.text()
    assert rows.status == 200
    assert f"/portal/cases/{case_id}" in html
    assert "<html" not in html  # only the rows
    assert rows.headers["Cache-Control"] == "no-store"


async def test_the_queue_rows_follow_the_filters(portal):
    client, _ = await portal.logged_in("an")
    chat = portal.add_case(sender(), channel="rest")
    telegram = portal.add_case(sender(), channel="telegram")

    html = await (await client.get("/portal/queue-rows?channel=telegram")).text()

    assert f"/portal/cases/{telegram}" in html and f"/portal/cases/{chat}" not in html


async def test_the_queue_page_has_the_live_region_and_its_script(portal):
    client, _ = await portal.logged_in("an")

    html = await (await client.get("/portal")).text()

    assert 'id="live-status"' in html and 'aria-live="polite"' in html
    assert "/static/portal.js" in html
    assert (await client.get("/static/portal.js")).status == 200


async def test_the_portal_stream_ends_when_the_session_expired(portal, monkeypatch):
    monkeypatch.setattr("bot.web.live.SESSION_CHECK_SECONDS", 0.2)
    client, _ = await portal.logged_in("an")
    async with EventStream(client, "/portal/events") as stream:
        await stream.next("ready", TIMEOUT)
        portal.clock.offset = timedelta(hours=13)

        await stream.next("logged-out", TIMEOUT)


def test_the_watch_tells_new_and_changed_cases_once():
    started = utcnow()
    watch = QueueWatch(started=started)
    old = ("c0", "t", "nieuw", "gewoon", started - timedelta(hours=1), started)
    assert watch.update([old]) == []  # known to the page already
    new = ("c1", "t", "nieuw", "dringend", started, started)
    [change] = watch.update([old, new])
    assert (change.case_id, change.is_new, change.urgent) == ("c1", True, True)
    assert watch.update([old, new]) == []
    later = started + timedelta(seconds=1)
    claimed = ("c1", "t", "geclaimd", "dringend", started, later)
    [change] = watch.update([old, claimed])
    assert change.is_new is False


async def test_streams_end_when_the_app_stops(portal):
    client = await portal.client()
    async with EventStream(client, f"/chat/events?sender={sender()}") as stream:
        await stream.next("ready", TIMEOUT)
        await asyncio.wait_for(client.close(), TIMEOUT)


async def test_the_live_queue_does_not_keep_an_unattended_session_alive(portal):
    client, _ = await portal.logged_in("an")
    idle = portal.settings.portal_idle_minutes
    portal.clock.offset = timedelta(minutes=idle - 1)
    assert (await client.get("/portal/queue-rows", allow_redirects=False)).status == 200

    portal.clock.offset = timedelta(minutes=idle + 1)
    response = await client.get("/portal/queue-rows", allow_redirects=False)

    assert response.status == 303
    assert response.headers["Location"].startswith("/portal/login")


# --- the open case page ----------------------------------------------------------------------


async def test_a_crisis_flagged_while_paused_reaches_the_open_case_and_queue_pages(portal):
    conversation = sender()
    case_id = portal.add_case(conversation)
    client, _ = await portal.logged_in("an")
    async with (
        EventStream(client, f"/portal/events?case={case_id}") as case_page,
        EventStream(client, "/portal/events") as queue_page,
    ):
        await case_page.next("ready", TIMEOUT)
        await queue_page.next("ready", TIMEOUT)
        with db.session(portal.db_url) as session:
            assert cases.flag_crisis(session, conversation) is not None

        case_event = await case_page.next("case", TIMEOUT)
        queue_event = await queue_page.next("queue", TIMEOUT)

    assert json.loads(case_event.data) == {"new_message": False}
    assert json.loads(queue_event.data)["changed"] == 1
    live = await client.get(f"/portal/cases/{case_id}/live")
    html = await live.text()
    assert live.status == 200 and "<html" not in html
    assert '<p class="crisis-alert" role="alert"><strong>Crisissignaal</strong>' in html
    assert "Het gesprek kan nu niet geladen worden." in html  # Rasa is not running here


async def test_the_case_page_has_its_live_parts_and_its_script(portal):
    case_id = portal.add_case()
    client, _ = await portal.logged_in("an")

    html = await (await client.get(f"/portal/cases/{case_id}")).text()

    assert 'id="live-status"' in html and 'aria-live="polite"' in html
    assert f'data-events-url="/portal/events?case={case_id}"' in html
    assert 'id="live-crisis"' in html and 'id="live-transcript"' in html
    assert "/static/portal.js" in html


async def test_another_teams_case_stream_and_live_part_are_refused(portal):
    case_id = portal.add_case(facts={"place": "Brugge"})
    client, _ = await portal.logged_in("an")

    stream = await client.get(f"/portal/events?case={case_id}")
    live = await client.get(f"/portal/cases/{case_id}/live")
    odd = await client.get("/portal/events?case=not-a-case!")

    assert stream.status == live.status == 403
    assert odd.status == 404
    assert not client.server.app[QUEUE_HUB].active


def test_a_case_pages_stream_hears_only_of_its_case_and_its_persons_new_messages():
    hub = QueueHub()
    case_page = hub.subscribe(["t"], "c1", "gesprek-1")
    queue_page = hub.subscribe(["t"])
    mine = QueueChange("c1", "t", False, True)

    hub.publish([QueueChange("c2", "t", True, False)])
    hub.publish([mine])
    hub.publish_messages({"gesprek-1": case_page.heard - 60, "gesprek-2": time.time() + 1})
    hub.publish_messages({"gesprek-1": case_page.heard + 1})
    hub.publish_messages({"gesprek-1": case_page.heard})  # the same message again

    assert hub.watched_conversations() == {"gesprek-1"}
    assert case_page.queue.get_nowait() == [mine]
    assert case_page.queue.get_nowait() == NEW_MESSAGE
    assert case_page.queue.empty()
    assert queue_page.queue.qsize() == 2


async def test_a_new_message_of_the_person_reaches_the_open_case_page(portal):
    """The message is written by Rasa's own SQL tracker store, as the Rasa server does."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = SQLTrackerStore(dialect="sqlite", db=portal.db_url.removeprefix("sqlite:///"))
    conversation = sender()
    tracker = DialogueStateTracker(conversation, slots=[])
    tracker.update(UserUttered("Ik wil een mens", timestamp=time.time() - 60))
    await store.save(tracker)  # before the page opened: already on the page
    case_id = portal.add_case(conversation)
    client, _ = await portal.logged_in("an")
    async with EventStream(client, f"/portal/events?case={case_id}") as stream:
        await stream.next("ready", TIMEOUT)
        tracker.update(UserUttered(SCRIPT))
        await store.save(tracker)

        event = await stream.next("case", TIMEOUT)

    assert json.loads(event.data) == {"new_message": True}
