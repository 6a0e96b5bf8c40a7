"""Reading a server-sent events stream in tests, as a browser's EventSource does."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Event:
    event: str
    data: str
    id: str | None


class EventStream:
    """`async with EventStream(client, path) as stream: await stream.next("queue", 10)`.

    `client` is an aiohttp test client or an aiohttp.ClientSession (then `path` is a URL)."""

    def __init__(self, client: Any, path: str, headers: dict[str, str] | None = None) -> None:
        self.client = client
        self.path = path
        self.headers = {"Accept": "text/event-stream", **(headers or {})}
        self.response: Any = None

    async def __aenter__(self) -> EventStream:
        self.response = await self.client.get(self.path, headers=self.headers)
        assert self.response.status == 200, await self.response.text()
        assert self.response.headers["Content-Type"].startswith("text/event-stream")
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.response.close()

    async def _read(self) -> Event:
        kind, data, event_id = "message", [], None
        while True:
            raw = await self.response.content.readline()
            if not raw:
                raise EOFError("the stream ended")
            line = raw.decode("utf-8").rstrip("\r\n")
            if not line:
                if data:
                    return Event(kind, "\n".join(data), event_id)
                kind, event_id = "message", None
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                kind = value
            elif name == "data":
                data.append(value)
            elif name == "id":
                event_id = value

    async def next(self, kind: str, timeout: float) -> Event:
        """The next event of this kind (others are skipped) within `timeout` seconds."""

        async def find() -> Event:
            while True:
                event = await self._read()
                if event.event == kind:
                    return event

        return await asyncio.wait_for(find(), timeout)
