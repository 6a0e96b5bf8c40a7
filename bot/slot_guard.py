"""A typed `/intent{...}` message may only do what one of Wegwijzer's own buttons does.

Rasa reads a message that starts with "/" as an intent with entities
(`/inform{"target_group": "autisme"}`), and its RegexMessageHandler runs after every
component of config.yml. Rasa already drops entity names that are not in the domain, so
slots with a `custom` mapping (plan_id, consent, speaker, case_id, ...) cannot be set this
way. What is left to a person who types such a message by hand:
- Rasa's own intents that no user should send: `/restart` (wipes the slots and even
  breaks out of a worker's pause), `/back`, `/session_start`, `/nlu_fallback`;
- entities that no button sends (`first_name`, `resume_code`, `relation`, ...);
- values of any JSON type and any length (a dict as the age, a 100 kB target group,
  control characters), which go into slots through the from_entity mappings.

This component, placed last in the pipeline, rewrites such a message before the
RegexMessageHandler reads it: only the domain's own intents, only the entities that the
buttons send, only short plain values, and for a closed entity only a value a button
sends. Rasa's own intents are treated as not understood (`nlu_fallback`); a slash message
naming no intent at all is read as plain text, as Rasa does. The text
in the tracker stays as typed: Rasa stores the user's text, not the parsed one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import DEFAULT_INTENTS
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.button_values import SAFE_VALUE
from bot.config import PROJECT_ROOT
from bot.crisis_signals import force_intent

NOT_UNDERSTOOD = "nlu_fallback"
# Intents that keep their prediction from the components before the guard.
DETERMINISTIC_INTENTS = ("crisis",)
# The same shape Rasa's YAMLStoryReader reads: /intent, optional @confidence, optional {json}.
SLASH_MESSAGE = re.compile(r"^/(?P<intent>[^{@]+)(?P<confidence>@[0-9.]+)?(?P<entities>\{.+\})?")
LEADING_SLASHES = re.compile(r"^[\s/]+")
PAYLOAD = re.compile(r"^/(?P<intent>[^{@]+)(?P<entities>\{.*\})?$", re.DOTALL)
# Entities whose values are made outside domain.yml (the age buttons of actions/eligibility.py,
# the unlink buttons of action_show_my_data) or also come from typed text (the entity ruler's
# ids): any SAFE_VALUE, not a closed list.
PLACE_ENTITIES = ("municipality", "postcode", "province")
OPEN_ENTITIES = ("age", "support_type", "target_group", "linked_conversation", *PLACE_ENTITIES)
# Entities sent by buttons that the actions make (actions/eligibility.py: the age bands;
# actions/plan_commands.py: the reference of a linked conversation to unlink;
# actions/form_switch.py: the place a request named, which the forms' validators check
# against the municipalities of the knowledge base like a typed place).
ACTION_BUTTON_ENTITIES = ("age", "linked_conversation", *PLACE_ENTITIES)


@dataclass(frozen=True)
class Rules:
    """What a slash message may hold: intents, entities, and the values of closed entities."""

    intents: frozenset[str]
    entities: frozenset[str]
    closed_values: dict[str, frozenset[str]] = field(default_factory=dict)

    def allows_value(self, entity: str, value: Any) -> bool:
        if not isinstance(value, str) or not SAFE_VALUE.match(value):
            return False
        closed = self.closed_values.get(entity)
        return closed is None or value in closed


def _payloads(node: Any) -> Iterable[str]:
    """Every button payload anywhere in a loaded domain.yml."""
    if isinstance(node, dict):
        payload = node.get("payload")
        if isinstance(payload, str) and "title" in node:
            yield payload
        for value in node.values():
            yield from _payloads(value)
    elif isinstance(node, list):
        for item in node:
            yield from _payloads(item)


def rules_from_domain(
    domain: dict[str, Any],
    open_entities: Iterable[str] = OPEN_ENTITIES,
    action_button_entities: Iterable[str] = ACTION_BUTTON_ENTITIES,
) -> Rules:
    """The rules from the domain: its own intents; the entities its buttons send (and those
    of the actions' buttons); for the other entities, the values its buttons send."""
    intents = set()
    for intent in domain.get("intents") or []:
        intents.add(next(iter(intent)) if isinstance(intent, dict) else str(intent))
    values: dict[str, set[str]] = {name: set() for name in action_button_entities}
    for payload in _payloads(domain.get("responses") or {}):
        # domain.yml may escape the braces for Rasa's response interpolation ("{{").
        match = PAYLOAD.match(payload.strip().replace("{{", "{").replace("}}", "}"))
        if not match or not match.group("entities"):
            continue
        for name, value in json.loads(match.group("entities")).items():
            values.setdefault(name, set()).add(str(value))
    open_names = set(open_entities)
    return Rules(
        intents=frozenset(intents),
        entities=frozenset(values),
        closed_values={
            name: frozenset(found) for name, found in values.items() if name not in open_names
        },
    )


def load_rules(domain_path: Path = PROJECT_ROOT / "domain.yml") -> Rules:
    return rules_from_domain(yaml.safe_load(domain_path.read_text(encoding="utf-8")))


def guard(text: str, rules: Rules) -> str | None:
    """The text the RegexMessageHandler may read for `text`, or None when it must be treated
    as not understood.

    A text that is not a slash message comes back unchanged. A slash message naming an
    intent of domain.yml comes back in Rasa's plain form (`/intent` or `/intent{json}`),
    without a confidence and without the entities and values that no button sends. One
    naming Rasa's own intents gives None. Any other slash message comes back without its
    leading slashes: Rasa reads it as plain text anyway, and would log it whole in a warning.
    """
    stripped = text.strip()
    if not stripped.startswith("/"):
        return text
    match = SLASH_MESSAGE.match(stripped)
    intent = match.group("intent").strip() if match else ""
    if intent.split("/", 1)[0] not in rules.intents:
        # Rasa obeys its own intents (restart, back, session_start, ...) although domain.yml
        # does not list them.
        return None if intent in DEFAULT_INTENTS else LEADING_SLASHES.sub("", text)
    assert match is not None
    # A retrieval intent's button (`/faq/what_is_dop`): Rasa 3.6's RegexMessageHandler only
    # knows the intent `faq` and would read the whole payload as plain text (nlu_fallback).
    # The topic stays in the tracker's text as typed, where action_answer_faq reads it.
    intent = intent.split("/", 1)[0]
    entities = _parse_entities(match.group("entities"))
    kept = {
        name: value
        for name, value in entities.items()
        if name in rules.entities and rules.allows_value(name, value)
    }
    return f"/{intent}{json.dumps(kept, ensure_ascii=False)}" if kept else f"/{intent}"


def _parse_entities(raw: str | None) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SlashMessageGuard(GraphComponent):
    """Rewrites a typed `/intent{...}` message to what a button of the domain could send."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"domain": "domain.yml"}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SlashMessageGuard:
        path = Path(config.get("domain") or "domain.yml")
        return cls(load_rules(path if path.is_absolute() else PROJECT_ROOT / path))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            allowed = guard(text, self.rules)
            if allowed is None:
                # Not read as a command: the RegexMessageHandler only reads a leading "/".
                message.set(TEXT, LEADING_SLASHES.sub("", text))
                if (message.get(INTENT) or {}).get("name") not in DETERMINISTIC_INTENTS:
                    force_intent(message, NOT_UNDERSTOOD)
                    message.set(ENTITIES, [], add_to_output=True)
            elif allowed != text:
                message.set(TEXT, allowed)
        return messages
