"""REST round-trip latency of "hallo": median and p95 over N messages.

Starts the real Rasa server and action server (Procfile commands) on free ports with a
private SQLite tracker store, sends N messages over /webhooks/rest/webhook spread over
20 conversations, and prints the figures for docs/benchmarks.md.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/rest_latency.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

from bot import processes

CONVERSATIONS = 20


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = processes.settings_on_free_ports(f"sqlite:///{Path(tmp) / 'tracker.db'}")
        actions = processes.start("actions", settings, Path(tmp))
        rasa = processes.start("rasa", settings, Path(tmp))
        try:
            url = f"{settings.rasa_url}/webhooks/rest/webhook"
            session = requests.Session()
            # The REST channel only takes requests with Rasa's token (bot/channels/rest.py).
            session.headers["Authorization"] = f"Bearer {settings.rasa_token}"
            session.post(url, json={"sender": "warm-up", "message": "hallo"}, timeout=60)
            timings = []
            for index in range(count):
                sender = f"bench-{index % CONVERSATIONS}"
                start = time.perf_counter()
                response = session.post(url, json={"sender": sender, "message": "hallo"})
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200 and response.json(), response.text
        finally:
            rasa.stop()
            actions.stop()
    print(f"messages: {count} over {CONVERSATIONS} conversations")
    print(f"median: {statistics.median(timings):.1f} ms")
    print(f"p95: {percentile(timings, 0.95):.1f} ms")
    print(f"max: {max(timings):.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
