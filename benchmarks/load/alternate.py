"""Closed loops of Wegwijzer and the starter bot taking turns, to compare them fairly.

The speed of this kind of virtual machine drifts by 20 % and more within minutes (a fixed
piece of Python took 28 to 42 ms on an idle host, 2026-12-07), and the main runs of
`make bench` measure the bots minutes apart. Here both bots run at the same time, the idle
one using no CPU, and their closed loops alternate in the order A B B A A B ..., so that a
drift of the host's speed weighs on both alike; the report gives each bot's median.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.load import bots, swarm
from benchmarks.load.measure import Plan, wake


@dataclass(frozen=True)
class Alternation:
    wegwijzer: list[float]  # turns per second of each closed loop, in the order run
    starter: list[float]


def order(rounds: int) -> list[int]:
    """Which bot runs when: 0 Wegwijzer, 1 the starter bot, in pairs A B, B A, A B, ..."""
    return [bot for pair in range(rounds) for bot in ((0, 1) if pair % 2 == 0 else (1, 0))]


def closed_loops(plan: Plan) -> Alternation:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "wegwijzer").mkdir()
        (Path(tmp) / "starter").mkdir()
        with (
            bots.wegwijzer(Path(tmp) / "wegwijzer") as wegwijzer,
            bots.starter_bot(Path(tmp) / "starter") as starter,
        ):
            both = (wegwijzer, starter)
            runs: tuple[list[float], list[float]] = ([], [])
            for bot in both:
                wake(bot)
            for which in order(plan.alternation_rounds):
                bot = both[which]
                sample = swarm.run(
                    bot.url,
                    bot.token,
                    bot.script,
                    plan.saturation_users,
                    plan.alternation_seconds + plan.warmup,
                    warmup=plan.warmup,
                )
                runs[which].append(sample.throughput)
                print(
                    f"  taking turns: {bot.name}: {sample.throughput:.1f} turns/s, "
                    f"errors {dict(sample.errors)}",
                    flush=True,
                )
    return Alternation(*runs)
