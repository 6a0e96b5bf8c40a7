"""One headless Locust run against a bot, and the figures of its turns."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import PROJECT_ROOT

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
LOCUST = Path(sys.executable).with_name("locust")


@dataclass
class Sample:
    """The turns of one run that ended after the warm-up."""

    users: int
    seconds: float  # the measured window
    latencies: list[float]  # milliseconds, every turn in the window
    errors: Counter[str] = field(default_factory=Counter)
    places: list[int] = field(default_factory=list)  # each turn's place in the script

    def slow_places(self, limit_ms: float) -> Counter[int]:
        """How many turns took `limit_ms` or more, per place in the script (0-based)."""
        return Counter(
            place
            for place, milliseconds in zip(self.places, self.latencies, strict=True)
            if milliseconds >= limit_ms
        )

    @property
    def turns(self) -> int:
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        """Turns per second (answered or not) in the window."""
        return self.turns / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        """Nearest-rank percentile in milliseconds (nan without turns)."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def run(
    host: str,
    token: str,
    script: str,
    users: int,
    seconds: float,
    wait: float = 0,
    warmup: float = 0,
    rounds: int = 0,
) -> Sample:
    """Run `users` Locust users for `seconds` and keep the turns after `warmup` seconds.

    Users pausing between turns are started over one pause, and each sends its first turn
    at a random moment within one pause (benchmarks/load/locustfile.py), so that their
    turns are spread out instead of arriving in bursts.
    """
    spawn_rate = users / wait if wait else users
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp) / "turns.jsonl"
        env = {
            **os.environ,
            "PYTHONPATH": str(PROJECT_ROOT),
            "BENCH_SCRIPT": script,
            "BENCH_TOKEN": token,
            "BENCH_WAIT": str(wait),
            "BENCH_ROUNDS": str(rounds),
            "BENCH_RECORD": str(record),
        }
        command = [
            str(LOCUST),
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--host",
            host,
            "--users",
            str(users),
            "--spawn-rate",
            f"{spawn_rate:g}",
            "--run-time",
            f"{math.ceil(seconds)}s",
            "--only-summary",
            "--loglevel",
            "ERROR",
        ]
        # Locust's exit code is 1 when a request failed: the errors are counted below.
        finished = subprocess.run(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if not record.exists():
            raise RuntimeError(f"Locust wrote no turns: {command}\n{finished.stderr[-3000:]}")
        turns = [json.loads(line) for line in record.read_text().splitlines()]
    if not turns:
        return Sample(users, 0.0, [])
    first_start = min(end - milliseconds / 1000 for end, milliseconds, *_ in turns)
    window_start = first_start + warmup
    kept = [turn for turn in turns if turn[0] >= window_start]
    window = max(end for end, *_ in kept) - window_start if kept else 0.0
    return Sample(
        users,
        window,
        [milliseconds for _, milliseconds, *_ in kept],
        Counter(error for _, _, error, *_ in kept if error),
        [place for *_, place in kept],
    )
