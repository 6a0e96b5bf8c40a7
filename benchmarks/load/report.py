"""The figures as a section of docs/benchmarks.md, with the machine they were measured on."""

from __future__ import annotations

import datetime
import math
import os
import platform
import statistics
import subprocess
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

from benchmarks.load.measure import P95_LIMIT_MS, Figures, Plan, passes
from benchmarks.load.training import Training
from bot.config import PROJECT_ROOT, load_settings

DOC = PROJECT_ROOT / "docs" / "benchmarks.md"
HEADING = "## Load: Wegwijzer next to Rasa's starter bot"


@dataclass(frozen=True)
class Machine:
    cpu: str
    cores: int
    ram_gib: float
    os: str
    python: str
    load_before: tuple[float, float, float]

    @classmethod
    def now(cls) -> Machine:
        cpu = platform.processor() or platform.machine()
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        os_name = platform.platform()
        release = Path("/etc/os-release")
        if release.exists():
            for line in release.read_text().splitlines():
                if line.startswith("PRETTY_NAME="):
                    os_name = f"{line.split('=', 1)[1].strip(chr(34))}, Linux {platform.release()}"
        return cls(
            cpu,
            psutil.cpu_count() or 0,
            psutil.virtual_memory().total / 2**30,
            os_name,
            platform.python_version(),
            os.getloadavg(),
        )


@dataclass(frozen=True)
class Build:
    """What was measured: the code's commit and the model Wegwijzer loaded."""

    commit: str
    changed: bool  # the working tree differs from the commit
    model: str
    model_trained: str

    @classmethod
    def now(cls) -> Build:
        def git(*arguments: str) -> str:
            return subprocess.run(
                ["git", *arguments], cwd=PROJECT_ROOT, capture_output=True, text=True
            ).stdout.strip()

        model = Path(load_settings().model_path)
        trained = datetime.datetime.fromtimestamp(model.stat().st_mtime, datetime.timezone.utc)
        return cls(
            git("rev-parse", "--short", "HEAD"),
            bool(git("status", "--porcelain", "--untracked-files=no")),
            str(model.relative_to(PROJECT_ROOT) if model.is_relative_to(PROJECT_ROOT) else model),
            trained.strftime("%Y-%m-%d %H:%M UTC"),
        )


def ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:,.0f} ms"


def rate(value: float) -> str:
    return f"{value:,.1f} turns/s"


def mib(value: int) -> str:
    return f"{value / 2**20:,.0f} MiB"


def training_cell(training: Training) -> str:
    if training.seconds is None:
        return f"{training.when} ({training.how})"
    return f"{training.seconds:,.0f} s ({training.how}, {training.when})"


def capacity_cell(figures: Figures) -> str:
    best = figures.capacity
    if best is None:
        first = figures.steps[0] if figures.steps else None
        return f"below {rate(first.throughput)}" if first else "–"
    found = f"{rate(best.throughput)} ({best.users} users, p95 {ms(best.percentile(0.95))})"
    # Every step passed: the limit lies higher than the steps went.
    return f"at least {found}" if all(passes(s) for s in figures.steps) else found


def errors_cell(figures: Figures) -> str:
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(figures.errors.items()))
    return f"{sum(figures.errors.values())} of {figures.turns:,} turns" + (
        f" ({kinds})" if kinds else ""
    )


def stored_cell(figures: Figures) -> str:
    found = figures.stored
    if found is None:
        return "– (in-memory tracker store)"
    return (
        f"{found.problems} problems: {found.conversations:,} conversations "
        f"({found.user_messages:,} user messages, {found.plans:,} plans), "
        f"{found.repeated} with a turn stored twice, {found.out_of_order} with a turn lost "
        f"or out of order, {found.two_plans} with two plans"
    )


def table(columns: Sequence[Figures], trainings: Sequence[Training], plan: Plan) -> list[str]:
    def rss(figures: Figures) -> str:
        return ", ".join(
            f"{label} {mib(peak)} (PSS {mib(figures.peak_pss.get(label, 0))})"
            for label, peak in figures.peak_rss.items()
        )

    def cold(figures: Figures) -> str:
        started = figures.bot.cold_start.items()
        return ", ".join(f"{label} {seconds:.1f} s" for label, seconds in started)

    def one_user(figures: Figures) -> str:
        single = figures.single
        if single is None:
            return "–"
        p50, p95 = single.percentile(0.5), single.percentile(0.95)
        return f"p50 {ms(p50)}, p95 {ms(p95)} ({single.turns} turns)"

    def saturation(figures: Figures) -> str:
        return rate(figures.saturation.throughput)

    def alternating(figures: Figures) -> str:
        runs = figures.alternating
        if not runs:
            return "–"
        each = ", ".join(f"{run:.1f}" for run in runs)
        return f"median {rate(statistics.median(runs))} ({each})"

    def latency(figures: Figures) -> str:
        s = figures.saturation
        return f"{ms(s.percentile(0.5))} / {ms(s.percentile(0.95))} / {ms(s.percentile(0.99))}"

    # The targets of issue 13, point 4, for this 2-core machine.
    rows = [
        (
            f"closed-loop throughput ({plan.saturation_users} users, no pause)",
            saturation,
            "at least the starter bot's",
        ),
        ("p50 / p95 / p99 per turn at that load", latency, ""),
        (
            f"closed loop, Wegwijzer and the starter bot taking turns "
            f"({plan.alternation_rounds} × {plan.alternation_seconds:g} s each)",
            alternating,
            "at least the starter bot's",
        ),
        (
            f"capacity: highest arrival rate with p95 < {P95_LIMIT_MS:.0f} ms "
            f"(users pause {plan.pause:g} s on average)",
            capacity_cell,
            "at least 10 turns/s",
        ),
        (
            f"one user, the 15-turn script {plan.single_rounds} times, no pause",
            one_user,
            "p95 under 150 ms",
        ),
        ("failed turns, all runs", errors_cell, "none"),
        ("stored afterwards (`benchmarks/load/stored.py`)", stored_cell, "no problems"),
        ("peak RSS (PSS) of each process with its children", rss, "Rasa server under 1.5 GB"),
        ("cold start to ready", cold, "under 45 s"),
    ]

    def row(title: str, cells: Iterable[str], target: str) -> str:
        return f"| {title} | {' | '.join(cells)} | {target} |"

    return [
        row("", (figures.bot.name for figures in columns), "target (issue 13)"),
        "|---" * (len(columns) + 2) + "|",
        *(row(title, map(cell, columns), target) for title, cell, target in rows),
        row("training", map(training_cell, trainings), "under 5 min"),
    ]


def steps(figures: Figures) -> str:
    return "; ".join(
        f"{s.users} users {rate(s.throughput)} p95 {ms(s.percentile(0.95))}"
        + (f" ({s.error_count} failed)" if s.error_count else "")
        for s in figures.steps
    )


def section(
    columns: Sequence[Figures],
    trainings: Sequence[Training],
    plan: Plan,
    machine: Machine,
    command: str,
    build: Build,
) -> str:
    today = datetime.date.today().isoformat()
    load = ", ".join(f"{value:.2f}" for value in machine.load_before)
    busy = machine.load_before[0] >= 0.5
    lines = [
        f"{HEADING} — {today}",
        "",
        "```sh",
        command,
        "```",
        "",
    ]
    if plan.short:
        lines += [
            "**Short run (a few seconds, few users): these figures only show that the harness "
            "works; they are not the bots' performance.**",
            "",
        ]
    lines += [
        f"Machine: {machine.cpu}, {machine.cores} cores, {machine.ram_gib:.1f} GiB RAM, "
        f"{machine.os}, Python {machine.python}. Load average before the run: {load}"
        + (
            " — other work was running on the machine during the run, so the figures are "
            "lower than on a quiet machine."
            if busy
            else "."
        ),
        "",
        f"Code: commit `{build.commit}`"
        + (" with uncommitted changes of other work in the checkout" if build.changed else "")
        + f"; Wegwijzer's model `{build.model}` written {build.model_trained}.",
        "",
        *table(columns, trainings, plan),
        "",
        "How: both bots are started from nothing by the same harness (`benchmarks/load/`), one "
        "after the other, never at the same time. Wegwijzer runs as in "
        "`benchmarks/rest_latency.py`: the Procfile's action server and Rasa server "
        "(`bot.processes`), with a private SQLite database for the tracker store and the "
        "application data and the in-memory lock store; in the column with two Rasa workers "
        "(`WEGWIJZER_RASA_WORKERS=2`: Sanic's worker processes, each with its own model, on "
        "one port) with the Redis lock store at 127.0.0.1:6379, which more than one worker "
        "needs, and one action server, as before. The starter bot is `rasa init "
        "--no-prompt` (trained once into `var/starter/`), run as `rasa run --enable-api` "
        "without an action server, with Rasa's default in-memory tracker and lock store. "
        "Locust (headless, `FastHttpUser`, on the same cores as the bots) sends the turns to "
        "the REST channel (`/webhooks/rest/webhook`, Wegwijzer with its `Authorization: "
        "Bearer` token). Every simulated user types its bot's 15-turn script "
        "(`benchmarks/load/scripts.py`) in a new conversation each round: for Wegwijzer FAQ "
        "questions, a switch to easy language and back, a provider search with the form's "
        "question, a second place by postcode and the first intake turns; for the starter "
        "bot greetings, moods, 'are you a bot?' and goodbye. A turn fails on an HTTP error, "
        "an empty reply list, a reply whose `recipient_id` is another conversation, or "
        "Wegwijzer's 'Er ging even iets mis'.",
        "",
        f"Throughput and percentiles leave out each run's first {plan.warmup:g} s (users "
        f"starting; {plan.warmup + plan.pause:g} s in the capacity steps). Capacity steps "
        f"(users pausing {plan.pause / 2:g} to {plan.pause * 3 / 2:g} s between turns, "
        f"{plan.pause:g} s on average, each starting at a random moment within the first "
        "pause, so that turns arrive spread out rather than in bursts of users in step): "
        + " ".join(f"{figures.bot.name}: {steps(figures)}." for figures in columns)
        + " A step counts "
        f"when its p95 is under {P95_LIMIT_MS:.0f} ms and no turn failed; the steps go up "
        "until one does not (when the first does not, the users are halved until one does), "
        f"then up to {plan.refinements} steps halfway between the busiest that passed and "
        "the next that did not. "
        "The closed loop with the bots taking turns: after the runs above, both bots are "
        "started again and run at the same time, the idle one using no CPU, and closed loops "
        f"of {plan.saturation_users} users ({plan.warmup:g} s left out, then "
        f"{plan.alternation_seconds:g} s) alternate between them in the order Wegwijzer, "
        "starter bot, starter bot, Wegwijzer, ..., so that the drift of this kind of "
        "virtual machine's speed within minutes weighs on both alike "
        "(`benchmarks/load/alternate.py`). "
        "Cold start: from starting the process until `GET /status` "
        "answers with the model loaded (Wegwijzer's action server first, then its Rasa "
        "server, each timed alone). Peak RSS is sampled every 0.25 s and PSS every 2 s over all "
        "runs, for each process with all its children (with two workers: Sanic's main process and "
        "both workers); PSS counts a page that forked processes share once, split between "
        "them.",
        "",
    ]
    return "\n".join(wrapped(lines))


def wrapped(lines: list[str], width: int = 92) -> list[str]:
    """Long prose lines wrapped like the rest of the document; tables and code stay."""
    out: list[str] = []
    in_code = False
    for line in lines:
        if line.startswith("```"):
            in_code = not in_code
        if in_code or line.startswith(("|", "#", "```")) or len(line) <= width:
            out.append(line)
        else:
            out += textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
    return out


def write(text: str, doc: Path = DOC) -> None:
    """Put the section into the document in place of the previous one (else at the end)."""
    lines = doc.read_text().splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(HEADING)), None)
    if start is None:
        body = "\n".join(lines).rstrip("\n") + "\n\n" + text
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        after = "\n".join(lines[end:])
        body = "\n".join(lines[:start]) + "\n" + text + ("\n" + after if after else "")
    doc.write_text(body.rstrip("\n") + "\n")
