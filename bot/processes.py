"""Start the Procfile's processes one by one and wait until they are ready.

Used by the tests and the benchmarks, which need their own ports, databases and
restarts; `make run` uses honcho (bot/launcher.py) with the same Procfile commands.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

from honcho.environ import parse_procfile

from bot.config import PROJECT_ROOT, Settings, load_settings, rasa_environment

PROCFILE = PROJECT_ROOT / "Procfile"
# What each of the Rasa server's worker processes logs once it has loaded the model.
RASA_WORKER_READY = "Rasa server is up and running"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def settings_on_free_ports(db_url: str, **overrides: str) -> Settings:
    """Settings for a private set of servers on free ports with the given database."""
    env = {"WEGWIJZER_DB_URL": db_url, **overrides}
    settings = load_settings(env)
    return replace(settings, rasa_port=free_port(), action_port=free_port(), web_port=free_port())


def procfile_command(name: str) -> str:
    return parse_procfile(PROCFILE.read_text()).processes[name]


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    log_path: Path

    def stop(self, timeout: float = 20) -> None:
        """Stop the whole process group and return only when none of it runs any more.

        The Procfile command runs under `sh -c`, which dies at once on SIGTERM while the
        server it started is still shutting down and still answering on its port. A
        restart that only waited for the shell would find the old server "ready".
        """
        group = self.process.pid
        if _group_alive(group):
            _signal_group(group, signal.SIGTERM)
            if not _wait_for_group(group, timeout):
                _signal_group(group, signal.SIGKILL)
                _wait_for_group(group, timeout)
        self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _all_workers_ready(name: str, settings: Settings, server: Server) -> bool:
    """With several Rasa workers, the first that answers is not enough: wait until each
    has loaded its model (one still loading takes no connections, but the server would
    answer with half its cores)."""
    if name != "rasa" or settings.rasa_workers == 1:
        return True
    return server.log().count(RASA_WORKER_READY) >= settings.rasa_workers


def _group_alive(group: int) -> bool:
    """Whether a process of this process group still runs (zombies do not count)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        state, process_group = fields[0], int(fields[2])
        if process_group == group and state not in ("Z", "X"):
            return True
    return False


def _signal_group(group: int, signal_number: int) -> None:
    try:
        os.killpg(group, signal_number)
    except ProcessLookupError:
        pass


def _wait_for_group(group: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _group_alive(group):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and b'model_file": null' not in response.read()
    except (urllib.error.URLError, OSError):
        return False


def start(name: str, settings: Settings, log_dir: Path, timeout: float = 300) -> Server:
    """Start process `name` of the Procfile and return once it answers."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}-{int(time.time() * 1000)}.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            procfile_command(name),
            shell=True,
            cwd=PROJECT_ROOT,
            env=rasa_environment(settings),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(name, process, log_path)
    ready_url = {
        "rasa": f"{settings.rasa_url}/status?token={settings.rasa_token}",
        "actions": f"{settings.action_url}/health",
        "web": f"{settings.web_url}/",
    }[name]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped while starting:\n{server.log()[-3000:]}")
        if _ready(ready_url) and _all_workers_ready(name, settings, server):
            return server
        time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"{name} was not ready after {timeout} s:\n{server.log()[-3000:]}")
