"""Time per turn of a mixed one-user script, and where that time goes (docs/profiling.md).

Starts the real Rasa server and action server (Procfile commands) on free ports with a
private SQLite database, as benchmarks/rest_latency.py does, then sends a 15-turn mixed
script (FAQ, easy language and back, a provider search in Hasselt, the start of the
intake) ROUNDS times, each round in a new conversation, one message at a time. Prints the
p50 and p95 per turn, the same per part of the script with the Rasa server's CPU time per
turn, and the machine's load. With --intake the script is the whole scripted intake
(tests/intake_script.py) in one conversation: the cost of a growing tracker.

With --profile DIR, py-spy (not a project dependency: `.venv/bin/uv pip install py-spy`,
run as root or with ptrace allowed) samples both servers during the timed turns and
writes DIR/rasa.txt and DIR/actions.txt (collapsed stacks). The timings of a profiled run
are slower than those of a run without.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/profile_turn.py [ROUNDS]
    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/profile_turn.py 3 --profile DIR
    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/profile_turn.py 1 --intake
    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/profile_turn.py --summarise F

--summarise F (DIR/rasa.txt) prints the frames with the largest share of the samples: inclusive (the
frame or anything it called) and self (the frame itself), project and library frames
alike.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import requests
from rest_latency import percentile  # benchmarks/ is on the path when run as a script

from bot import processes
from tests.intake_script import FULL_INTAKE_FOR_ONESELF

# (part, message): what a person does in the first minutes, as in issue 13's mixed script.
SCRIPT = [
    ("greeting", "hallo"),
    ("faq", "wat is een persoonsvolgend budget"),
    ("reading level", "ik snap het niet, kan het eenvoudiger"),
    ("faq", "wat is een dop"),
    ("reading level", "je mag weer de gewone uitleg geven"),
    ("provider search", "welke organisaties zijn er in hasselt"),
    ("provider search", "/skip"),
    ("provider search", "maakt niet uit"),
    ("provider search", "toon er nog meer"),
    ("intake", "ik wil mijn ondersteuningsplan maken"),
    ("intake", "ja"),
    ("intake", "/identify_as_person"),
    ("intake", "Sam"),
    ("intake", "s morgens rustig koffie drinken en dan naar de werkplaats"),
    ("intake", "mijn kat en mijn vrienden"),
]
# --intake: the whole scripted intake in one conversation (406 events at the end), to see
# what a turn costs as the conversation grows.
INTAKE = [
    (f"intake turns {'1-10' if i < 10 else '39-48' if i >= 38 else '11-38'}", message)
    for i, message in enumerate(FULL_INTAKE_FOR_ONESELF)
]
MODULES = {"rasa": "bot.rasa_server", "actions": "bot.action_server"}


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def server_pid(server: processes.Server, module: str) -> int:
    """The Python process of a Procfile command (it runs under `sh -c`)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            group = int(stat.read_text().rsplit(")", 1)[1].split()[2])
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError, ValueError):
            continue
        if group == server.process.pid and module.encode() in command:
            return int(stat.parent.name)
    raise RuntimeError(f"no process runs {module}")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and all its threads so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_profilers(pids: dict[str, int], out: Path) -> list[subprocess.Popen]:
    local = Path(sys.executable).parent / "py-spy"
    py_spy = str(local) if local.exists() else shutil.which("py-spy") or "py-spy"
    out.mkdir(parents=True, exist_ok=True)
    profilers = []
    for name, pid in pids.items():
        command = [py_spy, "record", "--pid", str(pid), "--rate", "200", "--format", "raw"]
        command += ["--output", str(out / f"{name}.txt"), "--nonblocking"]
        profilers.append(subprocess.Popen(command, stdout=subprocess.DEVNULL))
    time.sleep(2)  # py-spy attaches
    return profilers


def stop_profilers(profilers: list[subprocess.Popen]) -> None:
    for profiler in profilers:
        profiler.send_signal(signal.SIGINT)  # py-spy writes its file on Ctrl-C
    for profiler in profilers:
        profiler.wait(timeout=60)


Timing = tuple[str, float, float]  # part, wall-clock ms, Rasa server CPU ms


def run_script(
    url: str, session: requests.Session, script: list[tuple[str, str]], rounds: int, rasa: int
) -> list[Timing]:
    timings = []
    for _ in range(rounds):
        sender = secrets.token_hex(8)
        for part, message in script:
            cpu = cpu_seconds(rasa)
            start = time.perf_counter()
            response = session.post(url, json={"sender": sender, "message": message}, timeout=60)
            wall = (time.perf_counter() - start) * 1000
            timings.append((part, wall, (cpu_seconds(rasa) - cpu) * 1000))
            assert response.status_code == 200 and response.json(), (message, response.text)
    return timings


def report(timings: list[Timing], script: list[tuple[str, str]]) -> None:
    everything = [ms for _, ms, _ in timings]
    print(f"turns: {len(everything)} ({len(everything) // len(script)} rounds of {len(script)})")
    print(
        f"all turns: p50 {statistics.median(everything):.0f} ms, "
        f"p95 {percentile(everything, 0.95):.0f} ms, max {max(everything):.0f} ms"
    )
    for part in dict.fromkeys(part for part, _ in script):
        values = [ms for name, ms, _ in timings if name == part]
        cpu = statistics.mean(ms for name, _, ms in timings if name == part)
        print(
            f"  {part}: {len(values)} turns, p50 {statistics.median(values):.0f} ms, "
            f"p95 {percentile(values, 0.95):.0f} ms, Rasa CPU {cpu:.0f} ms per turn"
        )


def main(rounds: int, profile: Path | None, script: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = processes.settings_on_free_ports(f"sqlite:///{Path(tmp) / 'tracker.db'}")
        servers = {"actions": processes.start("actions", settings, Path(tmp))}
        servers["rasa"] = processes.start("rasa", settings, Path(tmp))
        try:
            url = f"{settings.rasa_url}/webhooks/rest/webhook"
            session = requests.Session()
            # The REST channel only takes requests with Rasa's token (bot/channels/rest.py).
            session.headers["Authorization"] = f"Bearer {settings.rasa_token}"
            pids = {name: server_pid(server, MODULES[name]) for name, server in servers.items()}
            run_script(url, session, SCRIPT, 1, pids["rasa"])  # warm-up: every path loaded once
            print(f"load before: {load()}")
            profilers = start_profilers(pids, profile) if profile else []
            cpu = {name: cpu_seconds(pid) for name, pid in pids.items()}
            try:
                timings = run_script(url, session, script, rounds, pids["rasa"])
            finally:
                used = {name: cpu_seconds(pid) - cpu[name] for name, pid in pids.items()}
                stop_profilers(profilers)
            print(f"load after: {load()}")
        finally:
            servers["rasa"].stop()
            servers["actions"].stop()
    report(timings, script)
    for name, seconds in used.items():
        print(f"{name} server CPU per turn: {1000 * seconds / len(timings):.0f} ms")


def frames(line: str) -> tuple[list[str], int]:
    stack, _, count = line.rstrip().rpartition(" ")
    return stack.split(";"), int(count)


def summarise(path: Path, top: int) -> None:
    """The frames with the largest inclusive and self share of the samples."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        stack, count = frames(line)
        total += count
        for frame in set(stack):
            inclusive[frame] += count
        own[stack[-1]] += count
    print(f"{path}: {total} samples")
    for title, counter in (("inclusive", inclusive), ("self", own)):
        print(f"top {top} {title}:")
        for frame, count in counter.most_common(top):
            print(f"  {100 * count / total:5.1f}%  {frame}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rounds", type=int, nargs="?", default=3)
    parser.add_argument("--profile", type=Path, help="write py-spy profiles into this folder")
    parser.add_argument("--summarise", type=Path, help="summarise a profile written before")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--intake", action="store_true", help="the whole intake, not the mix")
    arguments = parser.parse_args()
    if arguments.summarise:
        summarise(arguments.summarise, arguments.top)
    else:
        main(arguments.rounds, arguments.profile, INTAKE if arguments.intake else SCRIPT)
