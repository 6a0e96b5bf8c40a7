"""Running one custom action on a saved tracker, and reading what the user would see.

A saved tracker (`trackers/<name>.json`) is a conversation as Rasa sends it to the action
server, up to the turn under test; `load_tracker` adds that turn (the user's message and,
inside a form, the events Rasa's form adds before it calls the validator). `run_action`
runs the action with a CollectingDispatcher and renders what it dispatched with Rasa's own
response generator from domain.yml, as the Rasa server would before sending it.

A saved tracker has the keys of Rasa's tracker dump (GET /conversations/<id>/tracker):
`sender_id`, `slots` (those not at their initial value suffice), `active_loop` and
`events`. One saved after the intake's consent also has `stored_plan`: what the application
database held then (plan id, link token, consent, answers, number of confirmed versions).

The knowledge base is built once from knowledge/data/ into a temporary file (so a provider
list imported into var/knowledge.db changes nothing here); every test gets its own freshly
migrated application database.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.config import PROJECT_ROOT
from bot.storage import db as storage
from bot.storage import plans
from bot.storage.models import Consent, Plan
from knowledge.build import build

TRACKERS = Path(__file__).parent / "trackers"
PUBLIC_URL = "https://wegwijzer.example.org"
CHANNEL = "rest"
_PLACEHOLDER = re.compile(r"\{[^\n{}]+\}")
# What CollectingDispatcher.utter_message puts in every message; the rest are its kwargs.
DISPATCHER_KEYS = (
    "text",
    "image",
    "custom",
    "template",
    "response",
    "attachment",
    "buttons",
    "elements",
)


@cache
def domain() -> dict[str, Any]:
    """domain.yml as the action server receives it (a dict)."""
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def knowledge_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('knowledge') / 'knowledge.db'}"
    build(url)
    return url


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An application database file with every migration applied, to copy from."""
    path = tmp_path_factory.mktemp("app_db") / "migrated.db"
    url = f"sqlite:///{path}"
    storage.migrate(url)
    storage.dispose(url)  # the last connection closes: the WAL is written into the file
    return path


@pytest.fixture(autouse=True)
def app_db(
    knowledge_url: str, migrated_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A new, migrated application database for each test (its URL)."""
    path = tmp_path / "tracker.db"
    shutil.copyfile(migrated_db, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("WEGWIJZER_DB_URL", url)
    monkeypatch.setenv("WEGWIJZER_KNOWLEDGE_DB_URL", knowledge_url)
    monkeypatch.setenv("WEGWIJZER_PUBLIC_URL", PUBLIC_URL)
    yield url
    storage.dispose(url)


# --- the saved trackers -----------------------------------------------------------------------


def user(
    text: str,
    intent: str,
    entities: dict[str, Any] | None = None,
    response_selector: dict | None = None,
) -> dict[str, Any]:
    """A user event as Rasa stores it. `entities` maps an entity to its value, or to
    (value, the words as written) when they differ ("relation": ("ouder", "mama"))."""
    found = []
    for name, value in (entities or {}).items():
        value, written = value if isinstance(value, tuple) else (value, str(value))
        entity: dict[str, Any] = {"entity": name, "value": value, "extractor": "DIETClassifier"}
        start = text.lower().find(written.lower())
        if start >= 0:
            end = start + len(written)
            entity.update(start=start, end=end, text=text[start:end])
        found.append(entity)
    parse_data: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.95},
        "entities": found,
        "intent_ranking": [{"name": intent, "confidence": 0.95}],
    }
    if response_selector is not None:
        parse_data["response_selector"] = response_selector
    return {"event": "user", "text": text, "parse_data": parse_data, "input_channel": CHANNEL}


def fallen_back(text: str) -> dict[str, Any]:
    """A user event the classifier was unsure of: the fallback, with a FAQ question under it."""
    said = user(text, "nlu_fallback")
    said["parse_data"]["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.6},
        {"name": "faq", "confidence": 0.31},
    ]
    return said


def ranking(*scores: tuple[str, float]) -> list[dict[str, Any]]:
    return [{"intent_response_key": f"faq/{topic}", "confidence": c} for topic, c in scores]


def ranked_selection(*scores: tuple[str, float]) -> dict[str, Any]:
    """The ResponseSelector's part of the parse data, its best topic as the response."""
    best = max(scores, key=lambda score: score[1])
    key = f"faq/{best[0]}"
    return {
        "all_retrieval_intents": ["faq"],
        "default": {
            "response": {"responses": [], "confidence": best[1], "intent_response_key": key},
            "ranking": ranking(*scores),
        },
    }


def faq_selection(topic: str) -> dict[str, Any]:
    """The ResponseSelector's part of the parse data for a FAQ question."""
    key = f"faq/{topic}"
    return {
        "all_retrieval_intents": ["faq"],
        "default": {
            "response": {
                "responses": [],
                "confidence": 0.9,
                "intent_response_key": key,
                "utter_action": f"utter_{key}",
            },
            "ranking": [{"confidence": 0.9, "intent_response_key": key}],
        },
    }


def slot_event(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def saved_state(name: str) -> dict[str, Any]:
    return json.loads((TRACKERS / f"{name}.json").read_text(encoding="utf-8"))


def store_plan(saved: dict[str, Any], conversation_id: str) -> None:
    """The application database as it was when the tracker was saved: the plan (same id
    and link token), the consent, the answers and the confirmed versions."""
    at = datetime.fromisoformat(saved["consent_given_at"])
    with storage.session() as session:
        if plans.plan_by_id(session, saved["id"]):
            return
        session.add(Plan(id=saved["id"], document_token=saved["document_token"], created_at=at))
        session.flush()
        version = saved["consent_text_version"]
        session.add(
            Consent(
                plan_id=saved["id"],
                conversation_id=conversation_id,
                given_at=at,
                text_version=version,
            )
        )
        plans.link_conversation(session, saved["id"], conversation_id, now=at)
        for key, value in saved["answers"].items():
            plans.save_answer(session, saved["id"], key, value, now=at)
        for _ in range(saved["versions"]):
            plans.save_version(session, saved["id"], now=at)


def stored_answers(plan_id: str) -> dict[str, str]:
    """The answers of the plan in the test's application database."""
    with storage.session() as session:
        return plans.answers(session, plan_id)


def load_tracker(
    name: str,
    said: dict[str, Any] | None = None,
    *,
    extracted: dict[str, Any] | None = None,
    slots: dict[str, Any] | None = None,
    earlier: list[dict[str, Any]] | None = None,
) -> Tracker:
    """The saved tracker `name` with the user's message `said` added, as the action
    server gets it; a plan saved with it is stored in the test's database.

    With `extracted` (also `{}`), the tracker is the one a form's validation action gets:
    Rasa's slot extraction after the message, then the requested slot, the form's action
    and the extracted values again, as the candidates to validate. `slots` sets slots
    in the saved conversation, before the new message; `earlier` are events that happened
    after the saved ones, before the new message."""
    state = saved_state(name)
    if "stored_plan" in state:
        store_plan(state["stored_plan"], state["sender_id"])
    initial = {slot: spec.get("initial_value") for slot, spec in domain()["slots"].items()}
    values = {**initial, "requested_slot": None, **state["slots"], **(slots or {})}
    events = state["events"] + [slot_event(slot, value) for slot, value in (slots or {}).items()]
    events += earlier or []
    if said is not None:
        events.append(said)
    if extracted is not None:
        candidates = [slot_event(slot, value) for slot, value in extracted.items()]
        events += candidates
        events += [slot_event("requested_slot", values["requested_slot"])]
        events += [{"event": "action", "name": state["active_loop"]["name"]}, *candidates]
        values.update(extracted)
    return Tracker.from_dict(
        {
            "sender_id": state["sender_id"],
            "slots": values,
            "latest_message": next(
                (e["parse_data"] for e in reversed(events) if e["event"] == "user"), {}
            ),
            "events": copy.deepcopy(events),
            "active_loop": state["active_loop"],
            "latest_action_name": next(
                (e["name"] for e in reversed(events) if e["event"] == "action"), None
            ),
        }
    )


# --- running an action ------------------------------------------------------------------------


@dataclass
class Turn:
    """What one action did: the messages as the user gets them, and the events returned."""

    dispatched: list[dict[str, Any]]
    replies: list[dict[str, Any]]
    events: list[dict[str, Any]]

    @property
    def responses(self) -> list[str | None]:
        """The domain responses dispatched, in order; None for a text of the action's own."""
        return [message.get("response") for message in self.dispatched]

    @property
    def texts(self) -> list[str]:
        return [reply.get("text") or "" for reply in self.replies]

    @property
    def text(self) -> str:
        return "\n\n".join(self.texts)

    @property
    def buttons(self) -> list[str]:
        return [button["title"] for reply in self.replies for button in reply.get("buttons", [])]

    @property
    def slots(self) -> dict[str, Any]:
        """The slots set by the returned events (the last value of each)."""
        return {e["name"]: e["value"] for e in self.events if e.get("event") == "slot"}

    def kwargs(self, response: str) -> dict[str, Any]:
        """The values the action passed with `response` (for its placeholders)."""
        message = next(m for m in self.dispatched if m.get("response") == response)
        return {k: v for k, v in message.items() if k not in DISPATCHER_KEYS}


def render(message: dict[str, Any], slots: dict[str, Any]) -> dict[str, Any]:
    """One dispatched message as Rasa sends it to the channel (rasa.core.actions.action.
    RemoteAction._utter_responses), with the slots of the tracker the action got."""
    message = dict(message)
    name = message.pop("response", None)
    draft: dict[str, Any] = {}
    if name:
        assert name in domain()["responses"], f"{name} is not in domain.yml: Rasa says nothing"
        generator = TemplatedNaturalLanguageGenerator(domain()["responses"])
        draft = generator.generate_from_slots(name, slots, CHANNEL, **message) or {}
        unfilled = _PLACEHOLDER.findall(draft.get("text") or "")
        assert not unfilled, f"{name} is shown with {unfilled} not filled in"
    draft.setdefault("buttons", []).extend(message.pop("buttons", None) or [])
    draft.update({k: v for k, v in message.items() if v and k != "template"})
    return draft


async def run_action(action: Action, tracker: Tracker) -> Turn:
    """Run `action` on `tracker` as the action server would, with domain.yml as the domain."""
    slots_before = dict(tracker.slots)
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain())
    replies = [render(message, slots_before) for message in dispatcher.messages]
    return Turn(dispatcher.messages, replies, events)
