"""Stopping a server stops all of it before a restart begins."""

import subprocess
import sys
import time
from pathlib import Path

from bot import processes

# A server that, like Rasa, takes a while to shut down after SIGTERM, started under
# `sh -c` as the Procfile's commands are: the shell dies at once, the server does not.
# It writes its ready file only once its SIGTERM handler is in place: a SIGTERM sent
# before that (a loaded machine can take longer than a fixed sleep to start Python)
# would end it at once and make the test flaky.
SLOW_SERVER = (
    "{python} -c 'import pathlib, signal, sys, time; "
    "signal.signal(signal.SIGTERM, lambda *_: (time.sleep(1.5), sys.exit(0))); "
    "pathlib.Path(sys.argv[1]).touch(); time.sleep(60)' {ready}"
)

# A server that ignores SIGTERM altogether, ready in the same way.
STUBBORN_SERVER = (
    "{python} -c 'import pathlib, signal, sys, time; "
    "signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "pathlib.Path(sys.argv[1]).touch(); time.sleep(60)' {ready}"
)


def start_server(command: str, tmp_path: Path, name: str) -> processes.Server:
    ready = tmp_path / f"{name}.ready"
    process = subprocess.Popen(
        command.format(python=sys.executable, ready=ready),
        shell=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert time.monotonic() < deadline, f"the {name} server never got ready"
        assert processes._group_alive(process.pid), f"the {name} server ended early"
        time.sleep(0.05)
    return processes.Server(name, process, tmp_path / f"{name}.log")


def test_stop_returns_only_when_the_server_under_the_shell_has_ended(tmp_path):
    server = start_server(SLOW_SERVER, tmp_path, "slow")
    group = server.process.pid
    assert processes._group_alive(group)

    began = time.monotonic()
    server.stop()

    assert time.monotonic() - began >= 1.0  # it waited for the slow shutdown ...
    assert not processes._group_alive(group)  # ... and nothing of the group is left


def test_a_server_that_ignores_sigterm_is_killed(tmp_path):
    server = start_server(STUBBORN_SERVER, tmp_path, "stubborn")
    group = server.process.pid

    server.stop(timeout=1)

    assert not processes._group_alive(group)


def test_a_rasa_server_with_two_workers_is_ready_when_both_have_loaded_the_model(tmp_path):
    settings = processes.settings_on_free_ports(
        "sqlite://", WEGWIJZER_RASA_WORKERS="2", WEGWIJZER_REDIS_HOST="127.0.0.1"
    )
    log = tmp_path / "rasa.log"
    server = processes.Server("rasa", subprocess.Popen(["true"]), log)
    server.process.wait()

    log.write_text(f"INFO root - {processes.RASA_WORKER_READY}.\n")
    assert not processes._all_workers_ready("rasa", settings, server)
    log.write_text(f"INFO root - {processes.RASA_WORKER_READY}.\n" * 2)
    assert processes._all_workers_ready("rasa", settings, server)
    # One worker: the server's answer to /status is enough, whatever its log says.
    one = processes.settings_on_free_ports("sqlite://")
    log.write_text("")
    assert processes._all_workers_ready("rasa", one, server)
