"""Start the Rasa server, the action server and the web app together (make run).

The processes and their commands are in the Procfile; honcho runs them, prefixes
their output and stops all three when one stops or on Ctrl-C. This module only adds
what an operator needs on top: a generated API token, a free-port check, the chat URL,
and one plain line when something goes wrong.
"""

from __future__ import annotations

import socket
import sqlite3
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from honcho.environ import parse_procfile
from honcho.manager import Manager
from honcho.printer import Printer

from bot.config import (
    HALF_CONFIGURED_EXIT,
    PROJECT_ROOT,
    VAR_DIR,
    Settings,
    channel_problem,
    rasa_environment,
)

PROCFILE = PROJECT_ROOT / "Procfile"
PROCESS_NAMES = {"rasa": "Rasa server", "actions": "action server", "web": "web app"}
STOPPED_BY_SIGNAL = {-15, -2, 130, 143}


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def busy_ports(settings: Settings) -> list[str]:
    """One line per port that another program already uses."""
    wanted = [
        ("Rasa server", settings.rasa_host, settings.rasa_port, "WEGWIJZER_RASA_PORT"),
        ("action server", settings.action_host, settings.action_port, "WEGWIJZER_ACTION_PORT"),
        ("web app", settings.web_host, settings.web_port, "WEGWIJZER_WEB_PORT"),
    ]
    return [
        f"Cannot start the {name}: port {port} on {host} is already in use "
        f"(stop the other program or set {variable})."
        for name, host, port, variable in wanted
        if port_in_use(host, port)
    ]


def prepare_sqlite(db_url: str) -> None:
    """Create var/ and switch an SQLite tracker store to WAL mode (kept in the file)."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    if db_url.startswith("sqlite:///"):
        path = Path(db_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA journal_mode=WAL")


def crash_line(manager: Manager) -> str | None:
    """The one line for the operator when a process stopped by itself."""
    for name, process in manager._processes.items():
        code = process.get("returncode")
        if code not in (None, 0) and code not in STOPPED_BY_SIGNAL:
            label = PROCESS_NAMES.get(name.split(".")[0], name)
            return (
                f"The {label} stopped unexpectedly (exit code {code}); "
                "its last lines above say why. The other processes were stopped too."
            )
    return None


def announce_when_ready(settings: Settings, timeout: float = 600) -> None:
    """Print the chat address once /healthz says every part is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{settings.web_url}/healthz", timeout=3) as response:
                if response.status == 200:
                    print(f"Wegwijzer is ready. Chat: {settings.web_url}/", flush=True)
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)


def run(settings: Settings) -> int:
    problem = channel_problem(settings)
    if problem:
        print(problem, file=sys.stderr)
        return HALF_CONFIGURED_EXIT
    if not Path(settings.model_path).exists():
        print(f"No trained model at {settings.model_path}: run `make run` (it trains one first).")
        return 1
    problems = busy_ports(settings)
    if problems:
        print("\n".join(problems))
        return 1
    prepare_sqlite(settings.db_url)
    env = rasa_environment(settings)

    manager = Manager(Printer(sys.stdout))
    for entry in parse_procfile(PROCFILE.read_text()).processes.items():
        name, command = entry
        manager.add_process(name, command, env=env, cwd=str(PROJECT_ROOT))
    print(
        f"Wegwijzer is starting; the chat will be at {settings.web_url}/ "
        "(Ctrl-C stops everything).",
        flush=True,
    )
    threading.Thread(target=announce_when_ready, args=(settings,), daemon=True).start()
    manager.loop()
    line = crash_line(manager)
    if line:
        print(line)
        return 1
    return 0
