"""CPU per turn of the tracker store alone: load a conversation, add a turn, save it.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/tracker_store.py [--rounds 5]

Uses `bot.tracker_store.ForgettingSQLTrackerStore` on a fresh SQLite file (migrated as the
launcher does) with the project's domain, as the Rasa server does in each turn: retrieve,
append the events of one FAQ turn (the user message with a parse result of the size the
NLU gives, the action, the answer, a slot, action_listen), save. Each round runs 30
conversations of 15 turns; the process CPU time per turn of each round is printed, and the
lowest (the least disturbed by other work on the machine). With `bot/event_types.py`
installed, as in the Rasa server (an older checkout without it runs without it, so the same
script measures the code before and after).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

TURNS = 15
CONVERSATIONS = 30
TOPICS = 40  # about as many as the response selector ranks


def parse_result(text: str) -> dict:
    ranking = [{"name": f"intent_{i}", "confidence": 0.01} for i in range(10)]
    response = {"responses": [{"text": "antwoord " * 40}], "confidence": 0.9}
    response |= {"intent_response_key": "faq/what_is_pvb", "utter_action": "utter_faq/x"}
    selector = {
        "default": {
            "response": response,
            "ranking": [
                {"id": i, "confidence": 0.01, "intent_response_key": f"faq/topic_{i}"}
                for i in range(TOPICS)
            ],
        }
    }
    return {
        "text": text,
        "intent": {"name": "faq", "confidence": 0.9},
        "intent_ranking": ranking,
        "entities": [],
        "response_selector": selector,
    }


async def conversation(store, sender: str) -> None:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

    for turn in range(TURNS):
        tracker = await store.get_or_create_tracker(sender)
        text = f"vraag {turn}"
        tracker.update(
            UserUttered(text, {"name": "faq", "confidence": 0.9}, [], parse_result(text))
        )
        tracker.update(ActionExecuted("action_faq"))
        tracker.update(BotUttered("antwoord " * 40, {"buttons": [{"title": "a", "payload": "/b"}]}))
        tracker.update(SlotSet("reading_level", "gewoon"))
        tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)


async def measure(rounds: int) -> list[float]:
    from rasa.shared.core.domain import Domain

    from bot.config import PROJECT_ROOT
    from bot.launcher import prepare_sqlite
    from bot.storage import db
    from bot.tracker_store import ForgettingSQLTrackerStore

    try:
        from bot import event_types
    except ImportError:  # a checkout from before bot/event_types.py
        pass
    else:
        event_types.install()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'tracker.db'}"
        os.environ["WEGWIJZER_DB_URL"] = url
        prepare_sqlite(url)
        db.migrate(url)
        store = ForgettingSQLTrackerStore(domain=Domain.load(PROJECT_ROOT / "domain.yml"), host=url)
        per_turn = []
        for number in range(rounds):
            start = time.process_time()
            for talker in range(CONVERSATIONS):
                await conversation(store, f"gesprek-{number}-{talker}")
            per_turn.append(1000 * (time.process_time() - start) / (CONVERSATIONS * TURNS))
        store.engine.dispose()
        db.dispose(url)
    return per_turn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    per_turn = asyncio.run(measure(parser.parse_args().rounds))
    rounds = ", ".join(f"{value:.2f}" for value in per_turn)
    print(f"tracker store CPU per turn (ms), per round: {rounds}; lowest {min(per_turn):.2f}")


if __name__ == "__main__":
    main()
