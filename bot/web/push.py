"""In-process hubs for the live updates of the web app (issue 10, points 5 and 6).

- `ChatHub`: the messages for a person's open chat page (a worker's reply, the hand back
  and the close), per conversation. Every message gets an increasing number; the last few
  of a conversation are kept for a short while, so a page that reconnects (the browser's
  EventSource sends the last number it saw) or that just loaded the history gets what it
  missed.
- `QueueHub`: the changes of the queue for the open portal pages, per team; a case page's
  stream hears only of its case: its changes (a crisis flag) and the person's new
  messages (`NEW_MESSAGE`).

The hubs live in the web app's process; `bot.web.live` streams them over server-sent
events. Plain asyncio, no I/O here.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BACKLOG_SIZE = 50
BACKLOG_SECONDS = 15 * 60
QUEUE_LIMIT = 200  # a stream that falls this far behind is closed (its page reconnects)


@dataclass(frozen=True)
class Pushed:
    """One message pushed to a conversation's chat pages."""

    number: int
    conversation_id: str
    data: dict[str, Any]
    at: float


class Closed:
    """Put in a subscriber's queue: the stream ends."""


CLOSED = Closed()


def _first_number() -> int:
    # Numbers go on increasing over a restart of the web app (microseconds since 1970), so
    # a page that reconnects with a number of the old process misses nothing new.
    return time.time_ns() // 1000


class ChatHub:
    def __init__(self) -> None:
        self._number = _first_number()
        self._streams: dict[str, set[asyncio.Queue]] = {}
        self._backlog: dict[str, deque[Pushed]] = {}

    def cursor(self) -> int:
        """The number of the last message pushed (to any conversation)."""
        return self._number

    def watching(self, conversation_id: str) -> bool:
        """Whether a chat page of the conversation is open now."""
        return bool(self._streams.get(conversation_id))

    def publish(self, conversation_id: str, data: dict[str, Any]) -> int:
        """Push `data` to the conversation's open chat pages; returns how many."""
        self._number += 1
        pushed = Pushed(self._number, conversation_id, dict(data), time.monotonic())
        backlog = self._backlog.setdefault(conversation_id, deque(maxlen=BACKLOG_SIZE))
        backlog.append(pushed)
        self._forget_old()
        streams = self._streams.get(conversation_id, set())
        for queue in list(streams):
            _offer(queue, pushed)
        return len(streams)

    def subscribe(self, conversation_id: str, after: int | None) -> asyncio.Queue:
        """A queue of the conversation's messages, starting with the kept ones numbered
        after `after` (None: only new ones)."""
        queue: asyncio.Queue = asyncio.Queue()
        if after is not None:
            for pushed in self._backlog.get(conversation_id, ()):
                if pushed.number > after:
                    queue.put_nowait(pushed)
        self._streams.setdefault(conversation_id, set()).add(queue)
        return queue

    def unsubscribe(self, conversation_id: str, queue: asyncio.Queue) -> None:
        streams = self._streams.get(conversation_id)
        if streams is not None:
            streams.discard(queue)
            if not streams:
                del self._streams[conversation_id]

    def close(self) -> None:
        """End every stream (the web app stops)."""
        for streams in self._streams.values():
            for queue in streams:
                queue.put_nowait(CLOSED)

    def _forget_old(self) -> None:
        limit = time.monotonic() - BACKLOG_SECONDS
        for conversation_id in list(self._backlog):
            backlog = self._backlog[conversation_id]
            while backlog and backlog[0].at < limit:
                backlog.popleft()
            if not backlog:
                del self._backlog[conversation_id]


@dataclass(frozen=True)
class QueueChange:
    """A case that is new or changed, as the portal pages of its team hear of it."""

    case_id: str
    team_id: str
    is_new: bool
    urgent: bool


@dataclass(eq=False)
class QueueStream:
    team_ids: frozenset[str]
    queue: asyncio.Queue = field(default_factory=asyncio.Queue)
    case_id: str | None = None  # a case page's stream: only this case
    conversation_id: str | None = None  # ... and the new messages of its conversation
    # The time (Rasa's event timestamp) of the newest message it was told of; at first the
    # time it opened. Rasa and the web app share the machine's clock (or NTP).
    heard: float = field(default_factory=time.time)

    def wants(self, change: QueueChange) -> bool:
        return change.team_id in self.team_ids and self.case_id in (None, change.case_id)


NEW_MESSAGE = "new_message"  # put in a case page's queue: the person wrote


class QueueHub:
    def __init__(self) -> None:
        self._streams: set[QueueStream] = set()
        # Set when the first stream opens, so the watcher starts polling at once.
        self.wanted = asyncio.Event()

    @property
    def active(self) -> bool:
        return bool(self._streams)

    def subscribe(
        self,
        team_ids: Collection[str],
        case_id: str | None = None,
        conversation_id: str | None = None,
    ) -> QueueStream:
        stream = QueueStream(frozenset(team_ids), case_id=case_id, conversation_id=conversation_id)
        self._streams.add(stream)
        self.wanted.set()
        return stream

    def unsubscribe(self, stream: QueueStream) -> None:
        self._streams.discard(stream)
        if not self._streams:
            self.wanted.clear()

    def publish(self, changes: list[QueueChange]) -> None:
        """Give every stream the changes of its teams (one list per poll)."""
        for stream in list(self._streams):
            mine = [change for change in changes if stream.wants(change)]
            if mine:
                _offer(stream.queue, mine)

    def watched_conversations(self) -> set[str]:
        """The conversations of the open case pages."""
        return {stream.conversation_id for stream in self._streams if stream.conversation_id}

    def publish_messages(self, latest: Mapping[str, float]) -> None:
        """Tell the open case pages whose person wrote since they heard last: `latest` is
        the time of the newest user message of each conversation."""
        for stream in list(self._streams):
            moment = latest.get(stream.conversation_id or "")
            if moment is not None and moment > stream.heard:
                stream.heard = moment
                _offer(stream.queue, NEW_MESSAGE)

    def close(self) -> None:
        for stream in self._streams:
            stream.queue.put_nowait(CLOSED)


def _offer(queue: asyncio.Queue, item: Any) -> None:
    if queue.qsize() >= QUEUE_LIMIT:
        queue.put_nowait(CLOSED)  # too far behind: the page reconnects and catches up
    else:
        queue.put_nowait(item)


CHAT_HUB = web.AppKey("chat_hub", ChatHub)
QUEUE_HUB = web.AppKey("queue_hub", QueueHub)
