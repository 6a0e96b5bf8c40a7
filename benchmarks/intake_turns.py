"""A complete scripted intake: the number of turns and the time per bot turn.

Starts the real Rasa server and action server on free ports with a private SQLite database
(the action server migrates it, as in `make run`), runs tests/intake_script.py N times over
the REST channel and prints the figures for docs/benchmarks.md.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/intake_turns.py [N]
"""

from __future__ import annotations

import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests
from rest_latency import percentile  # benchmarks/ is on the path when run as a script

from bot import processes
from tests.intake_script import FULL_INTAKE_FOR_ONESELF


def main(runs: int) -> None:
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
            timings, messages = [], 0
            for _ in range(runs):
                sender = secrets.token_hex(8)
                for message in FULL_INTAKE_FOR_ONESELF:
                    start = time.perf_counter()
                    response = session.post(url, json={"sender": sender, "message": message})
                    timings.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200, response.text
                    messages += len(response.json())
                assert any("/plan/" in m.get("text", "") for m in response.json()), "not done"
        finally:
            rasa.stop()
            actions.stop()
    turns = len(FULL_INTAKE_FOR_ONESELF)
    per_intake = messages / runs
    print(f"intakes: {runs}, turns per intake: {turns}, bot messages per intake: {per_intake:.0f}")
    print(f"median per bot turn: {statistics.median(timings):.0f} ms")
    print(f"p95 per bot turn: {percentile(timings, 0.95):.0f} ms")
    print(f"whole intake (bot time only): {sum(timings) / runs / 1000:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
