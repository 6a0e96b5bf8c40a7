"""Locust users that type a bot's 15-turn script over Rasa's REST channel.

Run by benchmarks/load/swarm.py (`locust --headless`), configured through the environment:

- BENCH_SCRIPT: which script of scripts.py (`wegwijzer` or `starter`);
- BENCH_TOKEN: Rasa's token, sent as `Authorization: Bearer` (Wegwijzer's REST channel
  needs it; the starter bot ignores it);
- BENCH_WAIT: seconds a user pauses between two turns on average (0: none, a closed loop);
- BENCH_ROUNDS: stop the run once the users finished this many rounds (optional);
- BENCH_RECORD: file that gets one JSON line per turn: end time, milliseconds, error kind,
  the turn's place in the script (0-14).

A turn fails when the answer is an HTTP error, an empty reply list, a reply meant for
another conversation (`recipient_id` is not the sender), or Wegwijzer's message that the
turn could not be done.
"""

from __future__ import annotations

import json
import os
import random
import time
import uuid

import gevent
from locust import FastHttpUser, between, constant, events, task

from benchmarks.load.scripts import SCRIPTS

SCRIPT = SCRIPTS[os.environ.get("BENCH_SCRIPT", "wegwijzer")]
TOKEN = os.environ.get("BENCH_TOKEN", "")
WAIT = float(os.environ.get("BENCH_WAIT", "0"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "0"))
RECORD = os.environ.get("BENCH_RECORD", "")
# bot/action_server.py (FAILED_TEXT): the answer when an action or the database failed.
TURN_FAILED = "Er ging even iets mis."

records: list[tuple[float, float, str, int]] = []
finished_rounds = 0


def problem(status: int, sender: str, body: bytes | None) -> str:
    """Why a turn's answer is wrong, or "" when it is a good answer."""
    if status != 200:
        return f"http {status}"
    try:
        replies = json.loads(body or b"")
    except ValueError:
        return "not json"
    if not isinstance(replies, list) or not replies:
        return "empty"
    if any(reply.get("recipient_id") != sender for reply in replies):
        return "foreign reply"
    if any(TURN_FAILED in (reply.get("text") or "") for reply in replies):
        return "turn failed"
    return ""


class ChatUser(FastHttpUser):
    # A pause of WAIT seconds on average, between half and one and a half times WAIT, as
    # people type at their own pace. With the same pause for everybody, users whose turns
    # were slowed down together (a burst) stay together: they finish together, pause
    # exactly as long and send their next turns at the same instant again.
    wait_time = between(WAIT / 2, WAIT * 3 / 2) if WAIT else constant(0)

    def on_start(self) -> None:
        self.sender = ""
        self.turn = 0
        if WAIT:
            # Locust starts users in batches, floor(spawn rate) at the same instant every
            # second, and with a constant pause each batch would keep sending its turns at
            # the same instant: bursts, not an arrival rate. Each user starts at its own
            # random moment within one pause instead, so turns arrive spread out.
            gevent.sleep(random.uniform(0, WAIT))

    @task
    def next_turn(self) -> None:
        global finished_rounds
        if self.turn == 0:
            self.sender = f"bench-{uuid.uuid4().hex}"
        message = SCRIPT[self.turn]
        start = time.perf_counter()
        with self.client.post(
            "/webhooks/rest/webhook",
            json={"sender": self.sender, "message": message},
            headers={"Authorization": f"Bearer {TOKEN}"} if TOKEN else {},
            name=f"turn {self.turn + 1:02d}",
            catch_response=True,
        ) as response:
            milliseconds = (time.perf_counter() - start) * 1000
            if not response.status_code:  # no HTTP answer at all: name the exception
                error = f"no answer ({type(response.error).__name__})"
            else:
                error = problem(response.status_code, self.sender, response.content)
            if error:
                response.failure(error)
        records.append((time.time(), milliseconds, error, self.turn))
        self.turn = (self.turn + 1) % len(SCRIPT)
        if self.turn == 0:
            finished_rounds += 1
            if ROUNDS and finished_rounds >= ROUNDS and self.environment.runner:
                self.environment.runner.quit()


@events.quitting.add_listener
def write_records(**_kwargs: object) -> None:
    if RECORD:
        with open(RECORD, "w") as out:
            for record in records:
                out.write(json.dumps(record) + "\n")
