"""`make run`'s launcher: a busy port or a crashed process is one plain line."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from bot import processes
from bot.config import PROJECT_ROOT


def run_launcher(env_overrides: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_overrides}
    env.setdefault("WEGWIJZER_RASA_PORT", str(processes.free_port()))
    env.setdefault("WEGWIJZER_ACTION_PORT", str(processes.free_port()))
    env.setdefault("WEGWIJZER_WEB_PORT", str(processes.free_port()))
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_port_in_use_is_reported_in_one_line_and_nothing_starts():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = run_launcher({"WEGWIJZER_WEB_PORT": str(port)}, timeout=60)

    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines == [
        f"Cannot start the web app: port {port} on 127.0.0.1 is already in use "
        "(stop the other program or set WEGWIJZER_WEB_PORT)."
    ]
    assert "started" not in result.stdout


def test_two_rasa_workers_without_redis_are_refused_in_one_line():
    # Rasa itself would quietly run one worker with the in-memory lock store; two workers
    # with their own locks could run two turns of one conversation at once.
    result = run_launcher({"WEGWIJZER_RASA_WORKERS": "2", "WEGWIJZER_REDIS_HOST": ""}, timeout=60)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "WEGWIJZER_RASA_WORKERS above 1 needs the Redis lock store: set "
        "WEGWIJZER_REDIS_HOST (one worker process runs without it)."
    ]
    assert "started" not in result.stdout


@pytest.mark.rasa
def test_a_crashed_process_stops_the_others_and_is_reported_in_one_line(tmp_path):
    # A database URL nobody can use: the action server, which migrates the application
    # database before it starts (Procfile), stops first and says why in one line.
    result = run_launcher({"WEGWIJZER_DB_URL": "nosuchdatabase://nowhere/x"}, timeout=240)

    assert result.returncode == 1
    assert "The database at WEGWIJZER_DB_URL cannot be used" in result.stdout
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line == (
        "The action server stopped unexpectedly (exit code 1); its last lines above say why. "
        "The other processes were stopped too."
    )
    assert "sending SIGTERM to rasa" in result.stdout


class OutputReader:
    """Reads a process's output in a thread, so that the test waits with a deadline instead
    of blocking on a line that never comes."""

    def __init__(self, stream) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)  # the output ended: the process closed it or stopped

    def wait_for(self, wanted: str, seconds: float) -> bool:
        """True as soon as the line `wanted` is read; False when the output ends or the
        deadline passes first."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                return False
            self.seen.append(line)
            if line.strip() == wanted:
                return True
        return False

    def text(self) -> str:
        """Everything read so far."""
        while True:
            try:
                line = self.lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.seen.append(line)
        return "".join(self.seen)


def kill_with_descendants(pid: int) -> None:
    """SIGKILL a process and every process it started (honcho starts each server in a
    session of its own, so a process group would not reach them)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
        children.setdefault(parent, []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        tree.append(todo.pop())
        todo += children.get(tree[-1], [])
    for member in tree:
        try:
            os.kill(member, signal.SIGKILL)
        except ProcessLookupError:
            pass


READY_SECONDS = 300  # Rasa loads its model in 60-90 s when the machine is not busy


@pytest.mark.rasa
def test_run_starts_all_three_prints_the_chat_address_and_stops_them_on_ctrl_c(tmp_path):
    ports = {name: processes.free_port() for name in ("RASA", "ACTION", "WEB")}
    env = {
        **os.environ,
        "WEGWIJZER_DB_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        **{f"WEGWIJZER_{name}_PORT": str(port) for name, port in ports.items()},
    }
    launcher = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = OutputReader(launcher.stdout)
    ready_line = f"Wegwijzer is ready. Chat: http://127.0.0.1:{ports['WEB']}/"
    stopped = False
    try:
        ready = output.wait_for(ready_line, READY_SECONDS)
        assert ready, (
            f"no line {ready_line!r} within {READY_SECONDS} s or before the output ended; "
            f"the last output:\n{output.text()[-3000:]}"
        )
        health = requests.get(f"http://127.0.0.1:{ports['WEB']}/healthz", timeout=10)
        assert health.json()["status"] == "up"
    finally:
        launcher.send_signal(signal.SIGINT)
        try:
            launcher.wait(timeout=60)
            stopped = True
        except subprocess.TimeoutExpired:
            kill_with_descendants(launcher.pid)
            launcher.wait()
        output.thread.join(timeout=10)

    said = output.text()
    assert stopped, f"still running 60 s after Ctrl-C; the last output:\n{said[-3000:]}"
    assert "SIGINT received" in said
    for port in ports.values():
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open"
