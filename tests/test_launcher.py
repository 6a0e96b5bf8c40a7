"""`make run`'s launcher: a busy port or a crashed process is one plain line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

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
    ready_line = f"Wegwijzer is ready. Chat: http://127.0.0.1:{ports['WEB']}/"
    try:
        seen = []
        for line in launcher.stdout:
            seen.append(line)
            if line.strip() == ready_line:
                break
        assert ready_line in "".join(seen), "".join(seen)[-3000:]
        health = requests.get(f"http://127.0.0.1:{ports['WEB']}/healthz", timeout=10)
        assert health.json()["status"] == "up"
    finally:
        launcher.send_signal(signal.SIGINT)
        output, _ = launcher.communicate(timeout=60)

    assert "SIGINT received" in output
    for port in ports.values():
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open"
