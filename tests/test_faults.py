"""When a part of Wegwijzer fails halfway through an intake (issue 13, point 1), the person
gets a short Dutch message, never an empty reply or a stack trace; /healthz names the
broken part while it is broken; and after recovery the conversation and the plan end
exactly where the same conversation without a fault ends.

Real processes and databases: the Rasa server is killed with SIGKILL and started again,
the action server is stopped for a minute (ACTIONS_DOWN_SECONDS, as issue 13 says), PostgreSQL
refuses connections (a TCP proxy in front of it is stopped: the shared server itself is
never touched), and the disk under the SQLite file fills up (a small tmpfs).
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sqlalchemy.engine import make_url

from bot import processes
from bot.action_server import FAILED_TEXT
from bot.config import PROJECT_ROOT, Settings
from bot.storage import db, plans
from bot.web.app import ERRORS
from tests.chat import new_sender, texts
from tests.conftest import POSTGRES_URL, REDIS_HOST, Assistant
from tests.intake_script import FULL_INTAKE_FOR_ONESELF
from tests.tcp_proxy import TcpProxy

# Starting Rasa takes about two minutes, and much longer on a busy machine: the first test
# of each setup starts one, the Rasa test another.
pytestmark = [pytest.mark.rasa, pytest.mark.timeout(1800)]

HALFWAY = 8  # the messages sent before the fault: consent, the name, the first answers
AFTER = 11  # the conversation goes on to here after the recovery
ACTIONS_DOWN_SECONDS = 60
TMPFS_SIZE = "24m"
# The servers' logs, kept after the run to see what a failing run did.
LOGS = PROJECT_ROOT / "var" / "artifacts" / "faults"
STARTUP_SECONDS = 600  # a Rasa start on a busy 2-core machine can take minutes


@dataclass
class Setup:
    """An assistant with its web app, and the URL the test reads the plans with."""

    assistant: Assistant
    web: processes.Server
    read_url: str

    def health(self) -> dict[str, str]:
        answer = requests.get(f"{self.assistant.settings.web_url}/healthz", timeout=30)
        components = answer.json()["components"]
        assert answer.status_code == (200 if set(components.values()) == {"up"} else 503)
        return components

    def answers(self, sender: str) -> dict[str, str]:
        with db.session(self.read_url) as session:
            plan = plans.plan_for_conversation(session, sender)
            return plans.answers(session, plan.id) if plan else {}

    def requested_slot(self, sender: str) -> str | None:
        return self.assistant.tracker(sender)["slots"].get("requested_slot")

    def say(self, sender: str, message: str) -> list[str]:
        """The texts of the reply: never none, never an empty one, never a stack trace."""
        replies = self.assistant.replies(sender, message)
        said = [text for text in texts(replies) if text]
        assert said, f"no text in the reply to {message!r}"
        for reply in replies:  # a text, or a message for the chat page (custom)
            assert (reply.get("text") or "").strip() or reply.get("custom")
        assert not any("Traceback" in text or "Error" in text for text in said)
        return said

    def halfway(self) -> str:
        """A new conversation halfway through the intake."""
        sender = new_sender()
        for message in FULL_INTAKE_FOR_ONESELF[:HALFWAY]:
            assert FAILED_TEXT not in self.say(sender, message)
        assert self.answers(sender)["good_day"] == FULL_INTAKE_FOR_ONESELF[3]  # after the name
        return sender

    def told_to_try_again(self, sender: str) -> None:
        """The next answer of the intake, sent while something is broken."""
        assert FAILED_TEXT in self.say(sender, FULL_INTAKE_FOR_ONESELF[HALFWAY])

    def broken_then_repaired(
        self, reference: dict, component: str, break_it: Callable, repair: Callable
    ) -> None:
        """Halfway through an intake `break_it()`: the person is told to try again and
        /healthz names `component`; after `repair()` nothing is lost and the intake goes on
        as it would have."""
        sender = self.halfway()
        stored = self.answers(sender)
        break_it()
        try:
            self.told_to_try_again(sender)
            assert self.health()[component] == "down"
        finally:
            repair()
        assert self.health()[component] == "up"
        assert self.answers(sender) == stored
        self.goes_on(sender, reference)

    def goes_on(self, sender: str, reference: dict) -> None:
        """After the recovery: the answer given again, and the next ones, end where a
        conversation without a fault ends."""
        for message in FULL_INTAKE_FOR_ONESELF[HALFWAY:AFTER]:
            assert FAILED_TEXT not in self.say(sender, message)
        assert self.answers(sender) == reference["answers"]
        assert self.requested_slot(sender) == reference["requested_slot"]


def start(name: str, settings: Settings, log_dir: Path) -> processes.Server:
    return processes.start(name, settings, log_dir, timeout=STARTUP_SECONDS)


def start_setup(settings: Settings, log_dir: Path, read_url: str) -> Setup:
    if not Path(settings.model_path).exists():
        pytest.fail("No trained model: run the tests with `make test`, which trains one first.")
    servers: dict[str, processes.Server] = {}
    try:
        for name in ("actions", "rasa", "web"):
            servers[name] = start(name, settings, log_dir)
    except Exception:
        for server in servers.values():
            server.stop()
        raise
    web = servers.pop("web")
    return Setup(Assistant(settings, servers, log_dir), web, read_url)


def stop_setup(setup: Setup) -> None:
    setup.web.stop()
    setup.assistant.stop()
    db.dispose(setup.read_url)


def reference_of(setup: Setup) -> dict:
    """Where the same conversation without a fault ends."""
    sender = new_sender()
    for message in FULL_INTAKE_FOR_ONESELF[:AFTER]:
        setup.say(sender, message)
    return {"answers": setup.answers(sender), "requested_slot": setup.requested_slot(sender)}


@pytest.fixture(scope="module")
def small_disk() -> Iterator[Path]:
    """A directory on a tmpfs of TMPFS_SIZE (root only; unmounted afterwards). Not under
    pytest's temporary directories, which another pytest run may clean up meanwhile."""
    directory = Path(tempfile.mkdtemp(prefix="wegwijzer-small-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE}", "tmpfs", str(directory)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        directory.rmdir()
        pytest.skip(f"cannot mount a tmpfs for the full-disk fault: {mounted.stderr.strip()}")
    try:
        yield directory
    finally:
        subprocess.run(["umount", "--lazy", str(directory)], check=False)
        directory.rmdir()


@pytest.fixture(scope="module")
def on_sqlite(small_disk) -> Iterator[Setup]:
    """Rasa, actions and the web app on a SQLite file on the small disk."""
    db_url = f"sqlite:///{small_disk / 'tracker.db'}"
    settings = processes.settings_on_free_ports(db_url)
    setup = start_setup(settings, LOGS / "sqlite", db_url)
    yield setup
    stop_setup(setup)


@pytest.fixture(scope="module")
def sqlite_reference(on_sqlite) -> dict:
    return reference_of(on_sqlite)


@pytest.fixture(scope="module")
def postgres_proxy() -> Iterator[TcpProxy]:
    target = make_url(POSTGRES_URL)
    proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432)
    proxy.start()
    yield proxy
    proxy.close()


@pytest.fixture(scope="module")
def on_postgres(postgres_proxy) -> Iterator[Setup]:
    """The production configuration (PostgreSQL and Redis), reaching PostgreSQL through
    the proxy; the test reads the plans directly."""
    proxied = make_url(POSTGRES_URL).set(host="127.0.0.1", port=postgres_proxy.port)
    settings = processes.settings_on_free_ports(
        proxied.render_as_string(hide_password=False), WEGWIJZER_REDIS_HOST=REDIS_HOST
    )
    setup = start_setup(settings, LOGS / "postgres", POSTGRES_URL)
    yield setup
    stop_setup(setup)


def kill_hard(server: processes.Server) -> None:
    os.killpg(server.process.pid, signal.SIGKILL)
    server.stop()  # only waits: nothing of it runs any more


def fill(filler: Path) -> None:
    """Fill the disk with the file `filler`, to the last page."""
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for chunk in (1 << 20, 1 << 12):
            try:
                while True:
                    os.write(descriptor, b"\0" * chunk)
            except OSError as error:
                assert error.errno == errno.ENOSPC
    finally:
        os.close(descriptor)


def test_rasa_killed_and_started_again(on_sqlite, sqlite_reference):
    setup = on_sqlite
    sender = setup.halfway()
    kill_hard(setup.assistant.servers["rasa"])
    try:
        # The chat page's own message while Rasa is gone, and /healthz says so.
        answer = requests.post(
            f"{setup.assistant.settings.web_url}/chat/message",
            json={"sender": sender, "message": FULL_INTAKE_FOR_ONESELF[HALFWAY]},
            timeout=60,
        )
        assert answer.status_code == 503
        assert answer.json() == {"error": ERRORS["unavailable"]}
        assert setup.health()["rasa"] == "down"
    finally:
        setup.assistant.servers["rasa"] = start(
            "rasa", setup.assistant.settings, setup.assistant.log_dir
        )
    assert setup.health()["rasa"] == "up"
    setup.goes_on(sender, sqlite_reference)


def test_action_server_stopped_for_a_while(on_sqlite, sqlite_reference):
    setup = on_sqlite
    sender = setup.halfway()
    stored = setup.answers(sender)
    setup.assistant.servers["actions"].stop()
    stopped = time.monotonic()
    try:
        setup.told_to_try_again(sender)
        assert setup.health()["actions"] == "down"
        time.sleep(max(0.0, ACTIONS_DOWN_SECONDS - (time.monotonic() - stopped)))
        setup.told_to_try_again(sender)  # still down: the same message, nothing stored
        assert setup.health()["actions"] == "down"
        assert setup.answers(sender) == stored
    finally:
        setup.assistant.servers["actions"] = start(
            "actions", setup.assistant.settings, setup.assistant.log_dir
        )
    assert setup.health()["actions"] == "up"
    setup.goes_on(sender, sqlite_reference)


def test_disk_under_the_sqlite_file_full(on_sqlite, sqlite_reference, small_disk):
    filler = small_disk / "filler"
    on_sqlite.broken_then_repaired(
        sqlite_reference, "database", lambda: fill(filler), repair=filler.unlink
    )


@pytest.mark.postgres
def test_postgresql_refuses_connections_for_a_moment(on_postgres, postgres_proxy):
    reference = reference_of(on_postgres)
    on_postgres.broken_then_repaired(
        reference, "database", postgres_proxy.stop, repair=postgres_proxy.start
    )
