"""The load phases run against one bot: saturation, capacity steps and one user."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from benchmarks.load import swarm
from benchmarks.load.bots import RunningBot
from benchmarks.load.stored import Stored

P95_LIMIT_MS = 500.0


@dataclass(frozen=True)
class Plan:
    saturation_users: int = 50
    saturation_seconds: float = 60
    warmup: float = 10  # seconds of each run left out of the figures
    pause: float = 5  # seconds between two turns of a user in the capacity steps, on average
    # Capacity steps, as fractions of the saturation throughput, tried upwards until p95
    # reaches the limit or a turn fails.
    fractions: tuple[float, ...] = (0.3, 0.5, 0.7, 0.85, 1.0, 1.2)
    step_seconds: float = 30
    # Steps halfway between the busiest step that passed and the next that did not: the
    # fractions are coarse (0.3 and 0.5 of the saturation throughput are 40 % apart).
    refinements: int = 2
    single_rounds: int = 3  # rounds of the script for the one-user figures (45 turns)
    # Closed loops of Wegwijzer and the starter bot taking turns (benchmarks/load/alternate.py).
    alternation_rounds: int = 4
    alternation_seconds: float = 30
    short: bool = False


SHORT = Plan(
    saturation_users=5,
    saturation_seconds=10,
    warmup=2,
    fractions=(0.3, 0.6),
    step_seconds=12,
    single_rounds=1,
    refinements=0,
    alternation_rounds=1,
    alternation_seconds=5,
    short=True,
)


@dataclass
class Figures:
    bot: RunningBot
    saturation: swarm.Sample
    steps: list[swarm.Sample] = field(default_factory=list)
    single: swarm.Sample | None = None
    peak_rss: dict[str, int] = field(default_factory=dict)
    peak_pss: dict[str, int] = field(default_factory=dict)
    stored: Stored | None = None  # what the bot stored, when its database can be read
    # Closed loops with the other bot taking turns (benchmarks/load/alternate.py), turns/s.
    alternating: list[float] = field(default_factory=list)

    @property
    def capacity(self) -> swarm.Sample | None:
        """The busiest step that kept p95 under the limit without a failed turn."""
        good = [s for s in self.steps if passes(s)]
        return max(good, key=lambda s: s.throughput) if good else None

    @property
    def errors(self) -> Counter[str]:
        samples = [self.saturation, *self.steps, *([self.single] if self.single else [])]
        return sum((s.errors for s in samples), Counter())

    @property
    def turns(self) -> int:
        samples = [self.saturation, *self.steps, *([self.single] if self.single else [])]
        return sum(s.turns for s in samples)


def passes(sample: swarm.Sample) -> bool:
    return sample.turns > 0 and sample.percentile(0.95) < P95_LIMIT_MS and not sample.error_count


def wake(bot: RunningBot) -> None:
    """One round of the script by one user: a bot's first turn loads what Rasa loads
    lazily, which no figure should include."""
    swarm.run(bot.url, bot.token, bot.script, 1, 600, rounds=1)


def load(bot: RunningBot, plan: Plan) -> Figures:
    def run(users: int, seconds: float, wait: float = 0, rounds: int = 0) -> swarm.Sample:
        warmup = 0 if rounds else plan.warmup + wait
        sample = swarm.run(
            bot.url, bot.token, bot.script, users, seconds + warmup, wait, warmup, rounds
        )
        print(
            f"  {bot.name}: {users} users, pause {wait:g} s: {sample.turns} turns, "
            f"{sample.throughput:.1f}/s, p50 {sample.percentile(0.5):.0f} ms, "
            f"p95 {sample.percentile(0.95):.0f} ms, errors {dict(sample.errors)}",
            flush=True,
        )
        # In a closed loop every turn waits for the others: only paced steps say which
        # turns are slow.
        slow = sample.slow_places(P95_LIMIT_MS) if wait else None
        if slow:
            places = ", ".join(f"turn {place + 1}: {n}" for place, n in sorted(slow.items()))
            print(f"    turns of {P95_LIMIT_MS:.0f} ms or more, by place in the script: {places}")
        return sample

    wake(bot)
    # One user first, on a quiet server: the latency a single person notices.
    single = run(1, 600, rounds=plan.single_rounds)
    saturation = run(plan.saturation_users, plan.saturation_seconds)
    figures = Figures(bot, saturation, single=single)
    tried: set[int] = set()

    def step(users: int) -> bool:
        tried.add(users)
        sample = run(users, plan.step_seconds, wait=plan.pause)
        figures.steps.append(sample)
        return passes(sample)

    for fraction in plan.fractions:
        users = max(1, round(fraction * saturation.throughput * plan.pause))
        if users not in tried and not step(users):
            break
    # When even the first step was too much, halve the users until one step passes.
    users = min(tried)
    while figures.capacity is None and users > 1:
        users //= 2
        if step(users):
            break
    for _ in range(plan.refinements):
        users = halfway(figures.steps)
        if users is None or users in tried:
            break
        step(users)
    return figures


def halfway(steps: list[swarm.Sample]) -> int | None:
    """The users halfway between the busiest step that passed and the least busy one above
    it that did not (None when there is no such pair or no users between them)."""
    passed = [s.users for s in steps if passes(s)]
    if not passed:
        return None
    failed = [s.users for s in steps if not passes(s) and s.users > max(passed)]
    if not failed:
        return None
    users = (max(passed) + min(failed)) // 2
    return users if users > max(passed) else None
