"""Stopping a server stops all of it before a restart begins."""

import subprocess
import sys
import time
from pathlib import Path

from bot import processes

# A server that, like Rasa, takes a while to shut down after SIGTERM, started under
# `sh -c` as the Procfile's commands are: the shell dies at once, the server does not.
SLOW_SERVER = (
    f"{sys.executable} -c 'import signal, sys, time; "
    "signal.signal(signal.SIGTERM, lambda *_: (time.sleep(1.5), sys.exit(0))); "
    "time.sleep(60)'"
)


def start_slow_server(log_path: Path) -> processes.Server:
    process = subprocess.Popen(SLOW_SERVER, shell=True, start_new_session=True)
    time.sleep(0.5)  # let the shell start the server
    return processes.Server("slow", process, log_path)


def test_stop_returns_only_when_the_server_under_the_shell_has_ended(tmp_path):
    server = start_slow_server(tmp_path / "slow.log")
    group = server.process.pid
    assert processes._group_alive(group)

    began = time.monotonic()
    server.stop()

    assert time.monotonic() - began >= 1.0  # it waited for the slow shutdown ...
    assert not processes._group_alive(group)  # ... and nothing of the group is left


def test_a_server_that_ignores_sigterm_is_killed(tmp_path):
    stubborn = subprocess.Popen(
        f"{sys.executable} -c 'import signal, time; "
        "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)'",
        shell=True,
        start_new_session=True,
    )
    time.sleep(0.5)
    server = processes.Server("stubborn", stubborn, tmp_path / "stubborn.log")

    server.stop(timeout=1)

    assert not processes._group_alive(stubborn.pid)
