"""Scale-out the way Rasa documents it: several Rasa servers behind one address, sharing
one tracker store (PostgreSQL) and one lock store (Redis), each with its own action server.

Two Rasa servers and two action servers run against the real PostgreSQL at 127.0.0.1:5432
and Redis at 127.0.0.1:6379 (required, never skipped). The second Rasa server runs two
worker processes (WEGWIJZER_RASA_WORKERS=2, Sanic's workers on one port), as one server
per machine would use the machine's cores. Twenty conversations run at the same
time, their turns sent alternately to one server and the other, as a load balancer without
sticky sessions would: the eligibility check, the start of the intake, and a pause with a
resume code that is used on the other server. Afterwards every conversation is read back
from the database: each message is stored once and in order, each turn's answers are the
ones its sender got (nothing processed twice, nothing crossed), and what one server stored
is what the other one used.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import psutil
import pytest
import requests
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from bot import processes
from bot.config import Settings
from bot.lock_store import AtomicRedisLockStore
from bot.storage import db, plans
from tests.chat import new_sender, rest_headers, texts
from tests.conftest import POSTGRES_URL, REDIS_HOST

# Four servers start in the first test's setup: on a busy 2-core machine two Rasa servers
# loading their models side by side may take several minutes.
pytestmark = [pytest.mark.rasa, pytest.mark.postgres, pytest.mark.timeout(1200)]
RASA_START_SECONDS = 600

CODE = re.compile(r"\b[A-Z]{2,8}-[A-Z]{2,8}-[A-Z]{2,8}-\d{4}\b")
# One name per conversation: the name a conversation mentions must never show up in another.
NAMES = [
    "Lotte", "Emma", "Noor", "Mila", "Lucas", "Finn", "Louis", "Jules", "Olivia", "Liam",
    "Marie", "Elise", "Arthur", "Victor", "Hanne", "Wout", "Febe", "Jonas", "Lien", "Seppe",
]  # fmt: skip
GOOD_DAYS = [
    "zwemmen en tekenen",
    "lang slapen en dan wandelen",
    "samen koken met mijn zus",
    "s morgens rustig koffie drinken en dan naar de werkplaats",
    "tijd met mijn familie en mijn hond",
]
CONVERSATIONS = 20
AT_ONCE = 6  # conversations in flight together


@dataclass
class Cluster:
    """Two Rasa servers (each with its own action server) sharing PostgreSQL and Redis."""

    settings: list[Settings]
    servers: list[processes.Server]
    engine: Engine
    # CPU seconds of each worker process of the second Rasa server once it was ready.
    workers_at_start: dict[int, float] = field(default_factory=dict)

    def send(self, server: int, sender: str, message: str) -> list[dict]:
        settings = self.settings[server]
        response = requests.post(
            f"{settings.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            headers=rest_headers(settings),
            timeout=120,
        )
        assert response.status_code == 200, response.text
        return response.json()

    def stored_events(self, sender: str) -> list[dict]:
        """The conversation's events as the tracker store holds them, in order."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id"),
                {"sender": sender},
            )
            return [json.loads(row[0]) for row in rows]


@dataclass
class Turn:
    message: str
    server: int
    replies: list[dict]


@dataclass
class Conversation:
    kind: str
    name: str
    sender: str
    turns: list[Turn] = field(default_factory=list)

    def say(self, cluster: Cluster, server: int, message: str) -> list[dict]:
        replies = cluster.send(server, self.sender, message)
        self.turns.append(Turn(message, server, replies))
        return replies

    def said(self) -> str:
        return "\n".join(text for turn in self.turns for text in texts(turn.replies))


def _stop_all(servers: list[processes.Server]) -> None:
    with ThreadPoolExecutor(max(len(servers), 1)) as pool:
        list(pool.map(lambda server: server.stop(), servers))


def _start_cluster(log_dir: Path) -> Cluster:
    first = processes.settings_on_free_ports(POSTGRES_URL, WEGWIJZER_REDIS_HOST=REDIS_HOST)
    assert first.lock_store_type == "redis"
    if not Path(first.model_path).exists():
        pytest.fail("No trained model: run the tests with `make test`, which trains one first.")
    # Same database, Redis, token and secret; its own Rasa port and its own action server.
    second = replace(
        first, rasa_port=processes.free_port(), action_port=processes.free_port(), rasa_workers=2
    )
    # The first action server brings the app_ tables up to date before anything else runs;
    # then the other three start side by side (loading a model is the slow part).
    servers = [processes.start("actions", first, log_dir / "1")]
    with ThreadPoolExecutor(3) as pool:
        starting = [
            pool.submit(processes.start, "actions", second, log_dir / "2"),
            pool.submit(processes.start, "rasa", first, log_dir / "1", RASA_START_SECONDS),
            # Returns once both workers have loaded their model (bot/processes.py).
            pool.submit(processes.start, "rasa", second, log_dir / "2", RASA_START_SECONDS),
        ]
    # All have ended their start here: keep the ones that run, to stop them on a failure.
    servers += [future.result() for future in starting if future.exception() is None]
    for future in starting:
        failure = future.exception()
        if failure is not None:
            _stop_all(servers)
            raise failure
    workers = {worker.pid: cpu_seconds(worker) for worker in sanic_workers(servers[-1])}
    return Cluster([first, second], servers, create_engine(POSTGRES_URL, future=True), workers)


def sanic_workers(server: processes.Server) -> list[psutil.Process]:
    """The worker processes of a Rasa server: Sanic forks them from its main process, so
    they carry its command line."""
    root = psutil.Process(server.process.pid)
    family = [root, *root.children(recursive=True)]
    return [
        process
        for process in family
        if "bot.rasa_server" in process.cmdline()
        and process.parent() is not None
        and process.parent().cmdline() == process.cmdline()
    ]


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    running = _start_cluster(tmp_path_factory.mktemp("scale_out") / "logs")
    yield running
    _stop_all(running.servers)
    running.engine.dispose()


# --- the conversations -----------------------------------------------------------------------
# Turn t of conversation i goes to server (i + t) % 2: every conversation changes server on
# every turn, and half of them start on each server.


def check_for_a_child(cluster: Cluster, index: int) -> list[Conversation]:
    """'Wat past bij mij?' asked by a parent: the child's name, age and place are asked on
    one server and used in the result on the other."""
    name = NAMES[index]
    talk = Conversation("check_child", name, new_sender())
    messages = [
        "waar heeft mijn dochter recht op",
        f"ik ben de mama van {name}",
        "12",
        "9000",
        '/inform{"vaph_known": "nee"}',
        "/skip",
        '/inform{"urgent": "nee"}',
    ]
    for turn, message in enumerate(messages):
        talk.say(cluster, (index + turn) % 2, message)
    return [talk]


def check_for_oneself(cluster: Cluster, index: int) -> list[Conversation]:
    """'Wat past bij mij?' for oneself, with an age of its own."""
    talk = Conversation("check_self", NAMES[index], new_sender())
    age = str(20 + index)
    messages = ["wat past er bij mij", "voor mezelf", age, "leuvn", "nee nog niet", "begeleiding"]
    messages.append("niet dringend")
    for turn, message in enumerate(messages):
        talk.say(cluster, (index + turn) % 2, message)
    return [talk]


def intake_by_a_parent(cluster: Cluster, index: int) -> list[Conversation]:
    """The intake started by someone from the network, with consent, and two answers."""
    name = NAMES[index]
    talk = Conversation("intake", name, new_sender())
    messages = [
        f"ik ben de papa van {name}",
        "ik wil een ondersteuningsplan maken",
        "ja",
        "/skip",
        GOOD_DAYS[index % len(GOOD_DAYS)],
        "tijd met mijn familie en mijn hond",
    ]
    for turn, message in enumerate(messages):
        talk.say(cluster, (index + turn) % 2, message)
    return [talk]


def pause_and_resume(cluster: Cluster, index: int) -> list[Conversation]:
    """An intake paused with "ik doe later verder" and resumed with the code in a new
    conversation, on the other server."""
    name = NAMES[index]
    first = Conversation("paused", name, new_sender())
    messages = [
        "ik wil mijn plan maken",
        "ja",
        "/identify_as_person",
        name,
        GOOD_DAYS[index % len(GOOD_DAYS)],
        "ik doe later verder",
    ]
    for turn, message in enumerate(messages):
        first.say(cluster, (index + turn) % 2, message)
    found = CODE.search("\n".join(texts(first.turns[-1].replies)))
    assert found, "no resume code after the pause"
    code = found.group(0)
    other = 1 - first.turns[-1].server
    second = Conversation("resumed", name, new_sender())
    second.say(cluster, other, f"verder met {code.lower().replace('-', ' ')}")
    second.say(cluster, 1 - other, "mijn familie")
    return [first, second]


SCENARIOS = [check_for_a_child, check_for_oneself, intake_by_a_parent, pause_and_resume]


@pytest.fixture(scope="module")
def traffic(cluster: Cluster) -> list[Conversation]:
    """Twenty conversations, several at once, their turns alternating between the servers."""
    started = time.monotonic()
    with ThreadPoolExecutor(AT_ONCE) as pool:
        runs = [
            pool.submit(SCENARIOS[index % len(SCENARIOS)], cluster, index)
            for index in range(CONVERSATIONS)
        ]
        conversations = [talk for run in runs for talk in run.result()]
    took = time.monotonic() - started
    turns = sum(len(talk.turns) for talk in conversations)
    print(f"\n{turns} turns of {len(conversations)} conversations in {took:.1f} s")
    return conversations


# --- what is stored --------------------------------------------------------------------------


def turns_in_store(events: list[dict]) -> list[tuple[str, list[dict]]]:
    """Each stored user message with the events after it, up to the next user message."""
    turns: list[tuple[str, list[dict]]] = []
    for event in events:
        if event["event"] == "user":
            turns.append((event["text"], []))
        elif turns:
            turns[-1][1].append(event)
    return turns


def said_in_store(events: list[dict]) -> list[tuple[Any, Any]]:
    return [
        (event.get("text"), (event.get("data") or {}).get("custom"))
        for event in events
        if event["event"] == "bot"
    ]


def said_over_rest(replies: list[dict]) -> list[tuple[Any, Any]]:
    return [(reply.get("text"), reply.get("custom")) for reply in replies]


def assert_stored_once_in_order(cluster: Cluster, talk: Conversation) -> None:
    """Every message is stored once, in the order sent; each turn holds exactly the answers
    its sender got and ends with one `action_listen` (a turn run twice would show twice)."""
    stored = turns_in_store(cluster.stored_events(talk.sender))
    assert [message for message, _ in stored] == [turn.message for turn in talk.turns]
    for (message, events), turn in zip(stored, talk.turns, strict=True):
        assert said_in_store(events) == said_over_rest(turn.replies), message
        actions = [event["name"] for event in events if event["event"] == "action"]
        assert actions.count("action_listen") == 1 and actions[-1] == "action_listen", message


def test_every_turn_is_stored_once_and_in_order(cluster, traffic):
    for talk in traffic:
        assert_stored_once_in_order(cluster, talk)


def test_both_workers_of_the_second_server_answered_turns(cluster, traffic):
    """Sanic's workers share the server's port: the kernel hands each new connection to a
    worker that waits for one, so the turns sent to the second server were spread over
    both. A worker that answered no turn would have used next to no CPU (idle, it waits)."""
    assert len(cluster.workers_at_start) == 2
    for worker in sanic_workers(cluster.servers[-1]):
        used = cpu_seconds(worker) - cluster.workers_at_start[worker.pid]
        print(f"\nworker {worker.pid}: {used:.2f} s of CPU for its turns")
        assert used > 0.2, f"worker {worker.pid} used {used:.2f} s of CPU for its turns"


def test_every_reply_belongs_to_its_own_conversation(traffic):
    codes: dict[str, set[str]] = {}
    for talk in traffic:
        assert all(turn.replies for turn in talk.turns), "an empty reply"
        recipients = {reply["recipient_id"] for turn in talk.turns for reply in turn.replies}
        assert recipients == {talk.sender}
        said = talk.said()
        for other in {t.name for t in traffic} - {talk.name}:
            assert not re.search(rf"\b{other}\b", said), (talk.kind, talk.name, other)
        for code in CODE.findall(said):
            codes.setdefault(code, set()).add(talk.name)
    # Each pause made its own code, seen only in that person's conversation.
    paused = [talk for talk in traffic if talk.kind == "paused"]
    assert len(codes) == len(paused)
    assert all(len(owners) == 1 for owners in codes.values())


def test_the_check_uses_answers_given_to_the_other_server(traffic):
    for talk in traffic:
        if talk.kind == "check_child":
            # The name, read by one server, is used by the other in its next question ...
            assert texts(talk.turns[1].replies)[-1].startswith(f"Hoe oud is {talk.name}?")
            assert texts(talk.turns[2].replies)[-1].startswith(
                f"In welke gemeente woont {talk.name}?"
            )
            # ... and the result uses the age and the place, each given to another server.
            result = "\n".join(texts(talk.turns[-1].replies))
            assert f"{talk.name} is 12" in result and f"{talk.name} woont in Gent" in result
        elif talk.kind == "check_self":
            asked = [texts(turn.replies)[-1] for turn in talk.turns[1:6]]
            assert asked[0].startswith("Hoe oud ben je?")
            assert asked[1].startswith("In welke gemeente woon je?")
            assert asked[2].startswith("Kent het VAPH je al?")
            assert asked[3] == "Aan welke hulp denk je vooral?"
            assert asked[4].startswith("Is je situatie")
            age = talk.turns[2].message
            result = "\n".join(texts(talk.turns[-1].replies))
            assert f"je bent {age}" in result and "je woont in Leuven" in result


def stored_answers(sender: str) -> dict[str, str]:
    with db.session(POSTGRES_URL) as session:
        plan = plans.plan_for_conversation(session, sender)
        return plans.answers(session, plan.id) if plan else {}


def test_the_intake_goes_on_across_servers(traffic):
    for talk in (t for t in traffic if t.kind == "intake"):
        # Consent on one server, the name skipped on the other, the two answers one on each
        # (turns alternate): the form went on where it was, with the name from the first turn.
        assert any(talk.name in line for line in texts(talk.turns[3].replies))
        answers = stored_answers(talk.sender)
        assert answers["speaker"] == "network"
        assert answers["good_day"] == talk.turns[4].message
        assert answers["what_matters"] == talk.turns[5].message


def test_a_paused_plan_resumes_on_the_other_server_with_its_answers(traffic):
    paused = {t.name: t for t in traffic if t.kind == "paused"}
    resumed = [t for t in traffic if t.kind == "resumed"]
    assert len(resumed) == len(paused) > 0
    for talk in resumed:
        before = paused[talk.name]  # paused on the other server (pause_and_resume)
        welcome = texts(talk.turns[0].replies)
        assert any("Welkom terug" in line for line in welcome)
        assert any("belangrijk" in line for line in welcome)  # the question after a good day
        answers = stored_answers(talk.sender)
        assert answers["plan_name"] == talk.name
        assert answers["good_day"] == before.turns[4].message
        assert answers["what_matters"] == "mijn familie"


DOUBLE_SEND = ["wat is een pvb", "wat is een dop eigenlijk"]


def send_at_once(cluster: Cluster, sender: str) -> dict[int, list[dict]]:
    """DOUBLE_SEND[0] to server 0 and DOUBLE_SEND[1] to server 1 at the same moment."""
    together = threading.Barrier(2)

    def send(server: int) -> list[dict]:
        together.wait()
        return cluster.send(server, sender, DOUBLE_SEND[server])

    with ThreadPoolExecutor(2) as pool:
        sending = {server: pool.submit(send, server) for server in (0, 1)}
        return {server: future.result() for server, future in sending.items()}


def test_two_messages_at_once_on_both_servers_are_each_handled_once(cluster):
    """A double send (two tabs, a retry) reaches both servers at the same moment: Redis's
    lock lets one turn finish before the other starts, so both are stored once, each with
    its own answers. Without a shared lock both servers would save the same tracker."""
    for _ in range(3):
        talk = Conversation("double", "", new_sender())
        talk.say(cluster, 0, "hallo")
        got = send_at_once(cluster, talk.sender)
        stored = [message for message, _ in turns_in_store(cluster.stored_events(talk.sender))]
        assert stored[0] == "hallo"
        assert sorted(stored[1:]) == sorted(DOUBLE_SEND)
        # The two turns in the order the store shows, then checked as any other.
        for message in stored[1:]:
            server = DOUBLE_SEND.index(message)
            talk.turns.append(Turn(message, server, got[server]))
        assert_stored_once_in_order(cluster, talk)
        assert all(texts(got[server]) for server in (0, 1))


def test_servers_taking_a_ticket_at_once_get_different_ones():
    """The lock store's own race, on the real Redis: eight servers take a ticket for one
    conversation at the same moment. Each gets its own (Rasa 3.6's RedisLockStore handed
    out duplicates here in every round), and the lock is gone when all are given back."""
    config = EndpointConfig(url=REDIS_HOST, port=6379, key_prefix="wegwijzertest")
    stores = [AtomicRedisLockStore(config) for _ in range(8)]
    for _ in range(5):
        conversation = new_sender()
        together = threading.Barrier(len(stores))

        def take(
            store: AtomicRedisLockStore,
            conversation: str = conversation,
            together: threading.Barrier = together,
        ) -> int:
            together.wait()
            return store.issue_ticket(conversation)

        with ThreadPoolExecutor(len(stores)) as pool:
            tickets = list(pool.map(take, stores))
        assert len(set(tickets)) == len(stores)
        for ticket in tickets:
            stores[0].cleanup(conversation, ticket)
        assert stores[0].get_lock(conversation) is None
