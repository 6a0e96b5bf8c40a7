"""Resident memory of the Rasa server: once ready, after a few conversations, and its peak.

Starts Wegwijzer as `make bench` does (benchmarks/load/bots.py: the Procfile's action server
and Rasa server, private SQLite database) and reads the Rasa server's memory from /proc:
VmRSS when it is ready, VmRSS and VmHWM (the kernel's peak) after ROUNDS rounds of the
load test's 15-turn script, each in a new conversation, one after the other. Cheaper than
`make bench` (about a minute), for comparing model or environment changes; `make bench`
stays the figure for docs/benchmarks.md.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/rasa_memory.py [ROUNDS]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import requests

from benchmarks.load import bots
from benchmarks.load.memory import server_process
from benchmarks.load.scripts import WEGWIJZER


def memory_mib(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of one process, in MiB, from /proc/PID/status."""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            figures[key] = int(value.split()[0]) / 1024
    return figures


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, bots.wegwijzer(Path(tmp)) as bot:
        pid = server_process(bot.processes["Rasa server"]).pid
        at_ready = memory_mib(pid)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {bot.token}"
        for round_number in range(rounds):
            for message in WEGWIJZER:
                response = session.post(
                    f"{bot.url}/webhooks/rest/webhook",
                    json={"sender": f"memory-{round_number}", "message": message},
                )
                assert response.status_code == 200 and response.json(), response.text
        after = memory_mib(pid)
    print(f"Rasa server ready after {bot.cold_start['Rasa server']:.1f} s")
    print(f"RSS when ready: {at_ready['VmRSS']:,.0f} MiB")
    print(f"RSS after {rounds * len(WEGWIJZER)} turns: {after['VmRSS']:,.0f} MiB")
    print(f"peak RSS (VmHWM): {after['VmHWM']:,.0f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
