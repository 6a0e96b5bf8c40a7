"""How many chat messages one client may send: a sliding window of one minute per key.

The key is the client's address as the web app sees it (`request.remote`). The counts
live in the memory of one web process: with several web processes each counts on its
own, and a restart forgets them. Behind a reverse proxy every client has the proxy's
address, so the proxy must then limit per client itself (README, "Configuration").

Memory stays bounded: a key holds at most `limit` times, keys without a time in the last
minute are dropped, and beyond `max_keys` the oldest keys go first.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0
MAX_KEYS = 100_000


class RateLimiter:
    """At most `limit` hits per key in any `window` seconds."""

    def __init__(
        self,
        limit: int,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._hits: dict[str, deque[float]] = {}

    def hit(self, key: str) -> int:
        """Count one hit for `key`. Returns 0 when it is allowed, otherwise the whole
        seconds to wait before the next hit is allowed (the hit is then not counted)."""
        now = self.clock()
        hits = self._hits.get(key)
        if hits is None:
            self._make_room(now)
            hits = self._hits[key] = deque()
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return max(1, math.ceil(hits[0] + self.window - now))
        hits.append(now)
        return 0

    def _make_room(self, now: float) -> None:
        if len(self._hits) < self.max_keys:
            return
        since = now - self.window
        idle = [key for key, hits in self._hits.items() if not hits or hits[-1] <= since]
        for key in idle:
            del self._hits[key]
        while len(self._hits) >= self.max_keys:
            del self._hits[next(iter(self._hits))]
