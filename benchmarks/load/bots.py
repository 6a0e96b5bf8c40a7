"""The two bots under load, each started from nothing with its cold start timed.

Wegwijzer runs as in benchmarks/rest_latency.py: the Procfile's action server and Rasa
server (bot.processes) on free ports with a private SQLite database. The starter bot is
a plain `rasa run --enable-api` in var/starter/.
"""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.load import starter
from bot import processes


@dataclass
class RunningBot:
    name: str
    script: str  # key of scripts.SCRIPTS
    url: str
    token: str
    processes: dict[str, int]  # label -> pid of the process tree to watch
    cold_start: dict[str, float] = field(default_factory=dict)  # label -> seconds
    db_url: str = ""  # the run's own database, read afterwards (benchmarks/load/stored.py)


@contextmanager
def wegwijzer(workdir: Path, workers: int = 1) -> Iterator[RunningBot]:
    """Wegwijzer with a private SQLite database; with more than one Rasa worker process,
    the Redis lock store at 127.0.0.1:6379 as well (bot/config.py)."""
    overrides = {"WEGWIJZER_RASA_WORKERS": str(workers)}
    if workers > 1:
        overrides["WEGWIJZER_REDIS_HOST"] = "127.0.0.1"
    db_url = f"sqlite:///{workdir / 'tracker.db'}"
    settings = processes.settings_on_free_ports(db_url, **overrides)
    logs = workdir / "logs"
    started = time.monotonic()
    actions = processes.start("actions", settings, logs)
    actions_ready = time.monotonic()
    try:
        rasa = processes.start("rasa", settings, logs)
    except Exception:
        actions.stop()
        raise
    rasa_ready = time.monotonic()
    try:
        yield RunningBot(
            "Wegwijzer" if workers == 1 else f"Wegwijzer, {workers} Rasa workers",
            "wegwijzer",
            settings.rasa_url,
            settings.rasa_token,
            {"Rasa server": rasa.process.pid, "action server": actions.process.pid},
            {"Rasa server": rasa_ready - actions_ready, "action server": actions_ready - started},
            db_url,
        )
    finally:
        rasa.stop()
        actions.stop()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and b'"model_file":null' not in response.read().replace(
                b" ", b""
            )
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def starter_bot(workdir: Path, timeout: float = 300) -> Iterator[RunningBot]:
    starter.ensure_trained()
    port = processes.free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = workdir / "starter-rasa.log"
    started = time.monotonic()
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            starter.command(port),
            cwd=starter.STARTER_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = processes.Server("starter", process, log_path)
    try:
        while not _answers(f"{url}/status"):
            if process.poll() is not None or time.monotonic() - started > timeout:
                raise RuntimeError(f"The starter bot did not start:\n{server.log()[-3000:]}")
            time.sleep(0.2)
        ready = time.monotonic()
        yield RunningBot(
            "Rasa starter bot",
            "starter",
            url,
            "",
            {"Rasa server": process.pid},
            {"Rasa server": ready - started},
        )
    finally:
        server.stop()
