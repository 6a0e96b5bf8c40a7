"""Live updates over server-sent events (aiohttp-sse), issue 10 points 5 and 6.

- GET /chat/events?sender=<id>: the messages for a person's open chat page: a worker's
  reply, and the message of the hand back and of the close (pushed by the portal through
  `bot.web.portal.rasa_api.publish_reply`). Each event carries its number as SSE id; the
  browser's EventSource sends the last one back when it reconnects (`Last-Event-ID`), and
  the chat page passes the history's cursor as `after`, so nothing is lost in between.
- GET /portal/events: the queue changes of the worker's teams (an admin's: every team),
  behind the portal's guard like every portal page. The page then fetches the queue's
  rows again (GET /portal/queue-rows with its filters).
- GET /portal/events?case=<id>: the same stream for an open case page (only a worker who
  may open the case): a "case" event when the case changed (a crisis flagged while the
  bot is silent) or the person wrote a new message. The page then fetches its live part
  again (GET /portal/cases/<id>/live).

The cases are made by the action server, another process, so the web app learns of them
from the application database: one shared task per web app polls the cases changed in
the last half minute (`updated_at`) every `POLL_SECONDS` while at least one portal page
listens, and hands the new and changed ones to the hub. That works the same on SQLite and
PostgreSQL; see docs/decisions.md. For the open case pages it also reads the newest user
event of their conversations from Rasa's tracker store (the table `events` that Rasa's
SQLTrackerStore keeps in the same database; see endpoints.yml).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web
from aiohttp_sse import EventSourceResponse
from sqlalchemy import column, func, select, table
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.handoff import cases
from bot.quiet_engine import create_quiet_engine
from bot.storage import db, portal_sessions
from bot.storage.models import Case, utcnow
from bot.web.portal.auth import COOKIE
from bot.web.portal.case_routes import find_case
from bot.web.portal.common import (
    SETTINGS,
    Refused,
    Visitor,
    in_thread,
    now,
    problem,
    visible_team_ids,
    visitor,
)
from bot.web.push import (
    CHAT_HUB,
    CLOSED,
    NEW_MESSAGE,
    QUEUE_HUB,
    ChatHub,
    Pushed,
    QueueChange,
    QueueHub,
)

log = logging.getLogger(__name__)

# Reading a conversation needs its full, unguessable id: the chat page makes 36 random
# hexadecimal characters. Ids of other channels (a Telegram chat number, a phone number)
# never match, so their conversations can never be read through the chat.
READ_SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
NUMBER_PATTERN = re.compile(r"^[0-9]{1,20}$")
CASE_ID_PATTERN = re.compile(r"^[A-Za-z0-9]{1,32}$")
# Rasa's tracker store (rasa.core.tracker_store.SQLTrackerStore.SQLEvent): only read here.
RASA_EVENTS = table("events", column("sender_id"), column("type_name"), column("timestamp"))
POLL_SECONDS = 0.25
POLL_WINDOW = timedelta(seconds=30)  # a change committed this late is still seen
POLL_RETRY_SECONDS = 5.0  # after the database did not answer
SESSION_CHECK_SECONDS = 60.0  # a portal stream ends soon after its session does
RETRY_MS = 3000  # how long the browser waits before it reconnects

CHAT_ERRORS = {
    "sender": "Dit gesprek kan ik niet vinden. Laad de pagina opnieuw.",
}

WATCHER = web.AppKey("queue_watcher", asyncio.Task)
WATCH_ENGINE: web.AppKey[Engine | None] = web.AppKey("queue_watch_engine")


def valid_sender(sender: str | None) -> bool:
    return isinstance(sender, str) and bool(READ_SENDER_PATTERN.match(sender))


def chat_error(key: str, status: int) -> web.Response:
    return web.json_response({"error": CHAT_ERRORS[key]}, status=status)


def _number(raw: str | None) -> int | None:
    if raw and NUMBER_PATTERN.match(raw):
        return int(raw)
    return None


async def _next(
    stream: EventSourceResponse, queue: asyncio.Queue, closed: asyncio.Future, timeout: float
) -> Any:
    """The next item of the queue; CLOSED when the browser went away; None after
    `timeout` seconds without one."""
    getter = asyncio.ensure_future(queue.get())
    try:
        done, _ = await asyncio.wait(
            {getter, closed}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        if not getter.done():
            getter.cancel()
    if getter in done:
        return getter.result()
    return CLOSED if closed in done else None


Send = Callable[[EventSourceResponse, Any], Awaitable[None]]
StillWanted = Callable[[EventSourceResponse], Awaitable[bool]]


async def _serve(
    request: web.Request, queue: asyncio.Queue, send: Send, still_wanted: StillWanted | None = None
) -> EventSourceResponse:
    """Stream the queue's items with `send` until the browser goes, the app stops, or
    `still_wanted` (asked after a quiet `SESSION_CHECK_SECONDS`) says no. The first event,
    "ready", says the stream listens."""
    stream = EventSourceResponse()
    try:
        await stream.prepare(request)
        async with stream:
            closed = asyncio.ensure_future(stream.wait())
            try:
                await stream.send("{}", event="ready", retry=RETRY_MS)
                while True:
                    item = await _next(stream, queue, closed, SESSION_CHECK_SECONDS)
                    if item is CLOSED:
                        break
                    if item is not None:
                        await send(stream, item)
                    elif still_wanted is not None and not await still_wanted(stream):
                        break
            finally:
                closed.cancel()
    except ConnectionResetError:
        pass
    return stream


# --- the chat ------------------------------------------------------------------------------


async def _send_message(stream: EventSourceResponse, item: Pushed) -> None:
    data = json.dumps(item.data, ensure_ascii=False)
    await stream.send(data, id=str(item.number), event="message")


async def chat_events(request: web.Request) -> web.StreamResponse:
    sender = request.query.get("sender")
    if not valid_sender(sender):
        return chat_error("sender", 400)
    assert sender is not None
    hub = request.app[CHAT_HUB]
    after = _number(request.headers.get("Last-Event-ID")) or _number(request.query.get("after"))
    queue = hub.subscribe(sender, after)
    try:
        return await _serve(request, queue, _send_message)
    finally:
        hub.unsubscribe(sender, queue)


# --- the portal ----------------------------------------------------------------------------


def _session_alive(db_url: str, token: str | None, moment: datetime, idle_minutes: int) -> bool:
    """Whether the session still lives (it is not touched: a stream is not a use)."""
    with db.session(db_url) as session:
        return (
            portal_sessions.session_for_token(session, token, moment, idle_minutes=idle_minutes)
            is not None
        )


async def _send_changes(stream: EventSourceResponse, changes: list[QueueChange]) -> None:
    new = [change for change in changes if change.is_new]
    data = {"new": len(new), "urgent": any(c.urgent for c in new), "changed": len(changes)}
    await stream.send(json.dumps(data), event="queue")


async def _send_case_change(stream: EventSourceResponse, item: Any) -> None:
    await stream.send(json.dumps({"new_message": item == NEW_MESSAGE}), event="case")


def _case_conversation(db_url: str, case_id: str, who: Visitor) -> tuple[str, str]:
    """The case's team and conversation; Refused when the worker may not open it."""
    with db.session(db_url) as session:
        found = find_case(session, case_id, who)
        return found.team_id, found.conversation_id


async def portal_events(request: web.Request) -> web.StreamResponse:
    """Behind the guard: only a logged-in worker gets here."""
    hub = request.app[QUEUE_HUB]
    settings = request.app[SETTINGS]
    token = request.cookies.get(COOKIE)

    async def session_alive(stream: EventSourceResponse) -> bool:
        alive = await in_thread(
            _session_alive, settings.db_url, token, now(request), settings.portal_idle_minutes
        )
        if not alive:
            await stream.send("{}", event="logged-out")
        return alive

    case_id = request.query.get("case")
    send: Send = _send_changes
    if case_id is None:
        subscription = hub.subscribe(visible_team_ids(request))
    else:
        if not CASE_ID_PATTERN.match(case_id):
            return problem(request, "not_found")
        try:
            team_id, conversation_id = await in_thread(
                _case_conversation, settings.db_url, case_id, visitor(request)
            )
        except Refused as refused:
            return problem(request, refused.key)
        subscription = hub.subscribe([team_id], case_id, conversation_id)
        send = _send_case_change
    try:
        return await _serve(request, subscription.queue, send, session_alive)
    finally:
        hub.unsubscribe(subscription)


@dataclass
class QueueWatch:
    """What the poller has seen since the first portal page started listening."""

    started: datetime
    seen: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    announced: set[str] = field(default_factory=set)
    first: bool = True

    def since(self) -> datetime:
        return utcnow() - POLL_WINDOW

    def update(self, rows: list[tuple[Any, ...]]) -> list[QueueChange]:
        """The changes among the rows (id, team, status, urgency, created, updated)."""
        changes = []
        for case_id, team_id, status, urgency, created_at, updated_at in rows:
            signature = (status, urgency, updated_at)
            if self.seen.get(case_id) == signature:
                continue
            self.seen[case_id] = signature
            made_now = created_at >= self.started
            if self.first and not made_now and updated_at <= self.started:
                continue  # known to the page that just loaded
            is_new = made_now and case_id not in self.announced and status == cases.NEW
            if is_new:
                self.announced.add(case_id)
            changes.append(QueueChange(case_id, team_id, is_new, urgency == cases.URGENT))
        self.first = False
        limit = self.since()
        for case_id in [key for key, value in self.seen.items() if value[2] < limit]:
            del self.seen[case_id]
        return changes


def recent_cases(engine: Engine, since: datetime) -> list[tuple[Any, ...]]:
    """The cases changed since `since` (a plain read: on SQLite it takes no lock)."""
    statement = select(
        Case.id, Case.team_id, Case.status, Case.urgency, Case.created_at, Case.updated_at
    ).where(Case.updated_at >= since)
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(statement)]


def latest_user_messages(
    engine: Engine, conversation_ids: Collection[str]
) -> dict[str, float] | None:
    """The time of the newest user event of each conversation in Rasa's tracker store;
    None when it cannot be read (Rasa has not made its table in this database)."""
    statement = (
        select(RASA_EVENTS.c.sender_id, func.max(RASA_EVENTS.c.timestamp))
        .where(RASA_EVENTS.c.type_name == "user")
        .where(RASA_EVENTS.c.sender_id.in_(sorted(conversation_ids)))
        .group_by(RASA_EVENTS.c.sender_id)
    )
    try:
        with engine.connect() as connection:
            return {sender: moment for sender, moment in connection.execute(statement) if moment}
    except SQLAlchemyError:
        return None


async def _poll_messages(hub: QueueHub, engine: Engine) -> None:
    """Tell the open case pages whose person wrote since they listen."""
    watched = hub.watched_conversations()
    if watched:
        latest = await in_thread(latest_user_messages, engine, watched)
        if latest:
            hub.publish_messages(latest)


async def watch_queue(app: web.Application) -> None:
    """The one poller of the web app: runs while portal pages listen."""
    hub: QueueHub = app[QUEUE_HUB]
    while True:
        await hub.wanted.wait()
        engine = app[WATCH_ENGINE]
        watch = QueueWatch(started=utcnow())
        while hub.active:
            if engine is None:
                await asyncio.sleep(POLL_RETRY_SECONDS)
                continue
            try:
                rows = await in_thread(recent_cases, engine, watch.since())
            except Exception as error:  # the database is away: try again a bit later
                log.warning("The queue poller could not read the cases: %s", type(error).__name__)
                await asyncio.sleep(POLL_RETRY_SECONDS)
                continue
            changes = watch.update(rows)
            if changes:
                hub.publish(changes)
            await _poll_messages(hub, engine)
            await asyncio.sleep(POLL_SECONDS)


async def _watcher(app: web.Application):
    try:
        app[WATCH_ENGINE] = create_quiet_engine(
            app[SETTINGS].db_url, future=True, pool_pre_ping=True
        )
    except Exception:  # an unusable URL: the portal says so on its pages
        app[WATCH_ENGINE] = None
    app[WATCHER] = asyncio.create_task(watch_queue(app))
    yield
    app[WATCHER].cancel()
    try:
        await app[WATCHER]
    except asyncio.CancelledError:
        pass
    engine = app[WATCH_ENGINE]
    if engine is not None:
        engine.dispose()


async def _close_streams(app: web.Application) -> None:
    app[CHAT_HUB].close()
    app[QUEUE_HUB].close()


def setup(app: web.Application) -> None:
    """Add the two event streams and the queue poller (after `portal.setup`)."""
    app[CHAT_HUB] = ChatHub()
    app[QUEUE_HUB] = QueueHub()
    app.cleanup_ctx.append(_watcher)
    app.on_shutdown.append(_close_streams)  # type: ignore[arg-type]
    app.router.add_get("/chat/events", chat_events)
    app.router.add_get("/portal/events", portal_events)
