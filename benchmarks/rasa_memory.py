"""Resident memory of the Rasa server: once ready, after a few conversations, and its peak.

Starts the Procfile's action server and Rasa server (bot.processes) on free ports with a
private SQLite database, as `make bench` does, and reads the Rasa server's memory from
/proc: VmRSS when it is ready, VmRSS and VmHWM (the kernel's peak) after ROUNDS rounds of
the 15-turn Wegwijzer script of the load test, each in a new conversation, one after the
other. Cheaper than `make bench` (about a minute), for comparing model or environment
changes; `make bench` stays the figure for docs/benchmarks.md.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/rasa_memory.py [ROUNDS] [MODEL]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

from benchmarks.load.scripts import WEGWIJZER
from bot import processes

MIB = 1024 * 1024


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM in KiB from /proc, summed over the process and its children.

    The Procfile command runs under `sh -c`: the Rasa server is the shell's child."""
    root = psutil.Process(pid)
    figures = {"VmRSS": 0, "VmHWM": 0}
    for process in [root, *root.children(recursive=True)]:
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in figures:
                figures[key] += int(value.split()[0])
    return figures


def main(rounds: int, model: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        overrides = {"WEGWIJZER_MODEL": model} if model else {}
        settings = processes.settings_on_free_ports(
            f"sqlite:///{Path(tmp) / 'tracker.db'}", **overrides
        )
        actions = processes.start("actions", settings, Path(tmp))
        started = time.monotonic()
        rasa = processes.start("rasa", settings, Path(tmp))
        ready_seconds = time.monotonic() - started
        try:
            pid = rasa.process.pid
            at_ready = memory_kib(pid)
            url = f"{settings.rasa_url}/webhooks/rest/webhook"
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {settings.rasa_token}"
            for round_number in range(rounds):
                for message in WEGWIJZER:
                    response = session.post(
                        url, json={"sender": f"memory-{round_number}", "message": message}
                    )
                    assert response.status_code == 200 and response.json(), response.text
            after = memory_kib(pid)
        finally:
            rasa.stop()
            actions.stop()
    print(f"model: {settings.model_path}")
    print(f"Rasa server ready after {ready_seconds:.1f} s")
    print(f"RSS when ready: {at_ready['VmRSS'] * 1024 / MIB:,.0f} MiB")
    print(f"RSS after {rounds * len(WEGWIJZER)} turns: {after['VmRSS'] * 1024 / MIB:,.0f} MiB")
    print(f"peak RSS (VmHWM): {after['VmHWM'] * 1024 / MIB:,.0f} MiB")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 3,
        sys.argv[2] if len(sys.argv) > 2 else None,
    )
