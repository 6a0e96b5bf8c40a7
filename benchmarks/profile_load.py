"""Where the Rasa server's CPU goes at saturation: closed loop, CPU per turn, py-spy shares.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/profile_load.py \
        [wegwijzer|starter] [--seconds 40] [--profile /tmp/prof.txt]

Starts the bot as `make bench` does (benchmarks/load/bots.py), wakes it with one round of
its script, lets 50 users warm it up for 10 s, then runs 50 users in a closed loop (no
pause) for SECONDS while reading the servers' CPU time from /proc. Prints the
throughput and the CPU milliseconds per turn of the Rasa server and of the action server.
With --profile, py-spy samples the Rasa server during the measured run and the shares of
its busy samples are printed per part: Rasa's graph (NLU and policies) and, inside it,
TensorFlow's kernels and the featurization of the tracker's past states; the tracker store;
the call to the action server. py-spy is not a project dependency:
`.venv/bin/uv pip install py-spy`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import AbstractContextManager
from pathlib import Path

from benchmarks.load import bots, swarm
from benchmarks.load.measure import wake
from benchmarks.load.memory import server_process, tree_total

USERS = 50
WARMUP_SECONDS = 10

# Part of a turn -> a piece of a frame that marks it (a sample counts for every part its
# stack holds).
PARTS = {
    "Rasa's graph: NLU and policies (rasa/engine/graph.py)": "rasa/engine/graph.py",
    "  TensorFlow kernels (quick_execute)": "quick_execute",
    "  past states of the tracker (tracker_featurizers.py)": "tracker_featurizers.py",
    "  TEDPolicy": "ted_policy.py",
    "  DIETClassifier": "diet_classifier.py",
    "  ResponseSelector": "response_selector.py",
    "  RulePolicy": "rule_policy.py",
    "tracker store (load and save)": "tracker_store.py",
    "call to the action server (rasa/core/actions/action.py)": "rasa/core/actions/action.py",
}


def cpu_seconds(pid: int) -> float:
    """CPU seconds of a process tree: the server and its workers (SANIC_WORKERS)."""
    return tree_total(pid, lambda process: sum(process.cpu_times()[:2]))  # user + system


def busy(stack: list[str]) -> bool:
    """A sample in which the server did something: not uvloop's wait inside sanic's loop."""
    return not stack[-1].startswith("serve (sanic")


def shares(profile: Path) -> tuple[int, Counter[str]]:
    total = 0
    counts: Counter[str] = Counter()
    for line in profile.read_text().splitlines():
        stack_text, _, count_text = line.rstrip().rpartition(" ")
        stack = stack_text.split(";")
        if not stack_text or not busy(stack):
            continue
        count = int(count_text)
        total += count
        for part, marker in PARTS.items():
            if marker in stack_text:
                counts[part] += count
    return total, counts


def main(bot_name: str, seconds: float, profile: Path | None, workers: int) -> None:
    def start(workdir: Path) -> AbstractContextManager[bots.RunningBot]:
        if bot_name == "wegwijzer":
            return bots.wegwijzer(workdir, workers)
        return bots.starter_bot(workdir)

    with tempfile.TemporaryDirectory() as tmp, start(Path(tmp)) as bot:
        wake(bot)
        swarm.run(bot.url, bot.token, bot.script, USERS, WARMUP_SECONDS)
        rasa_tree = bot.processes["Rasa server"]
        rasa = server_process(rasa_tree)
        action_server = bot.processes.get("action server")
        spy = None
        if profile:
            py_spy = str(Path(sys.executable).parent / "py-spy")
            py_spy = py_spy if Path(py_spy).exists() else shutil.which("py-spy") or "py-spy"
            command = [py_spy, "record", "--pid", str(rasa.pid), "--rate", "100"]
            command += ["--format", "raw", "--nonblocking", "--output", str(profile)]
            command += ["--duration", str(round(seconds))]
            spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)  # py-spy attaches
        before = cpu_seconds(rasa_tree)
        actions_before = cpu_seconds(action_server) if action_server else 0.0
        sample = swarm.run(bot.url, bot.token, bot.script, USERS, seconds)
        used = cpu_seconds(rasa_tree) - before
        actions_used = cpu_seconds(action_server) - actions_before if action_server else 0.0
        if spy:
            spy.wait(timeout=120)
    print(
        f"{bot.name}: {USERS} users, closed loop, {seconds:g} s: {sample.turns} turns, "
        f"{sample.throughput:.1f} turns/s, p50 {sample.percentile(0.5):.0f} ms, "
        f"errors {dict(sample.errors)}"
    )
    per_turn = 1000 * used / max(1, sample.turns)
    print(f"  Rasa server CPU: {used:.1f} s, {per_turn:.1f} ms per turn")
    if action_server:
        per_turn_actions = 1000 * actions_used / max(1, sample.turns)
        print(f"  action server CPU: {actions_used:.1f} s, {per_turn_actions:.1f} ms per turn")
    if profile:
        total, counts = shares(profile)
        print(f"  py-spy: {total} busy samples of the Rasa server")
        for part in PARTS:
            share = counts[part] / max(1, total)
            print(f"    {part}: {100 * share:.0f} % (about {share * per_turn:.1f} ms per turn)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bot", choices=("wegwijzer", "starter"), nargs="?", default="wegwijzer")
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--profile", type=Path)
    parser.add_argument(
        "--workers", type=int, default=1, help="Wegwijzer's Rasa worker processes (Redis lock)"
    )
    arguments = parser.parse_args()
    main(arguments.bot, arguments.seconds, arguments.profile, arguments.workers)
