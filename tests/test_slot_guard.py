"""A typed `/intent{...}` message can do no more than one of Wegwijzer's own buttons
(bot/slot_guard.py): it cannot set a slot that only actions set, cannot send Rasa's own
intents (`/restart` even breaks out of a worker's pause), and cannot put odd values into
slots. Checked on the guard alone and together with Rasa's RegexMessageHandler, which runs
after it and turns the text into the intent and entities that Rasa acts on."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions import plan_commands
from bot.config import PROJECT_ROOT
from bot.slot_guard import SlashMessageGuard, _payloads, guard, load_rules, rules_from_domain
from bot.storage import plans
from tests import intake_script

DOMAIN_PATH = PROJECT_ROOT / "domain.yml"
DOMAIN_YAML = yaml.safe_load(DOMAIN_PATH.read_text(encoding="utf-8"))
RULES = load_rules()
RASA_INTERNAL_INTENTS = ["restart", "back", "session_start", "nlu_fallback"]


def slots_only_actions_set() -> list[str]:
    """Slots without a from_entity mapping: a person's message cannot fill them by an entity."""
    return [
        name
        for name, slot in DOMAIN_YAML["slots"].items()
        if not any(m.get("type") == "from_entity" for m in slot.get("mappings") or [])
    ]


FORBIDDEN_SLOTS = slots_only_actions_set()


def button_payloads() -> list[str]:
    payloads = {
        p.replace("{{", "{").replace("}}", "}") for p in _payloads(DOMAIN_YAML["responses"])
    }
    return sorted(payloads)


def canonical(payload: str) -> tuple[str, dict[str, Any]]:
    intent, _, entities = payload.partition("{")
    return intent, json.loads("{" + entities) if entities else {}


def through_rasa(text: str) -> Message:
    """The message as the guard and then Rasa's RegexMessageHandler leave it."""
    guard_component = SlashMessageGuard(RULES)
    [message] = guard_component.process([Message(data={TEXT: text})])
    [parsed] = RegexMessageHandler().process([message], domain=DOMAIN)
    return parsed


DOMAIN = Domain.from_path(DOMAIN_PATH)


def test_the_slots_that_only_actions_set_include_the_sensitive_ones():
    for slot in ("plan_id", "consent", "speaker", "case_id", "person_name"):
        assert slot in FORBIDDEN_SLOTS


@pytest.mark.parametrize("payload", button_payloads())
def test_every_button_of_the_domain_passes_unchanged(payload):
    # A retrieval intent's button is read as its intent (see the test below).
    expected = re.sub(r"^/faq/\w+$", "/faq", payload)
    assert canonical(guard(payload, RULES)) == canonical(expected)


@pytest.mark.parametrize("age", ["0-17", "18-64", "65-120"])
def test_the_age_buttons_of_the_actions_pass(age):
    payload = "/inform" + json.dumps({"age": age})
    assert guard(payload, RULES) == payload


def test_the_unlink_buttons_of_the_actions_pass():
    linked = [
        plans.LinkedConversation(
            ref=plans.conversation_ref(f"plan{n}", f"conversation{n}"),
            linked_at=datetime.now(timezone.utc),
            current=False,
        )
        for n in range(3)
    ]
    for button in plan_commands._unlink_buttons(linked):
        assert guard(button["payload"], RULES) == button["payload"]
        parsed = through_rasa(button["payload"])
        assert parsed.get("intent")["name"] == "unlink_conversation"
        assert [e["entity"] for e in parsed.get("entities")] == [plan_commands.UNLINK_ENTITY]


def test_every_scripted_intake_message_passes_unchanged():
    for text in intake_script.FULL_INTAKE_FOR_ONESELF:
        if text.startswith("/"):
            assert canonical(guard(text, RULES)) == canonical(text), text
        else:
            assert guard(text, RULES) == text


@pytest.mark.parametrize("text", ["hallo", "", "   ", "ik woon in Gent / Brugge", "a/b{c}"])
def test_a_message_that_is_no_command_is_left_alone(text):
    assert guard(text, RULES) == text


@pytest.mark.parametrize("slot", FORBIDDEN_SLOTS)
def test_a_slot_that_only_actions_set_cannot_be_named(slot):
    text = "/inform" + json.dumps({slot: "x", "target_group": "autisme"})
    assert guard(text, RULES) == '/inform{"target_group": "autisme"}'
    parsed = through_rasa(text)
    assert [e["entity"] for e in parsed.get("entities")] == ["target_group"]


@pytest.mark.parametrize("entity", ["first_name", "resume_code", "relation"])
def test_entities_that_no_button_sends_are_dropped(entity):
    assert guard("/inform" + json.dumps({entity: "Gent"}), RULES) == "/inform"


@pytest.mark.parametrize("entity", ["municipality", "postcode", "province"])
def test_a_place_as_the_switch_offer_sends_it_passes_but_only_as_a_short_plain_value(entity):
    """actions/form_switch.py sends the place a request named; the forms check it against
    the knowledge base like a typed place. Markup, long or non-text values are dropped."""
    assert guard("/find_provider" + json.dumps({entity: "Gent"}), RULES) == (
        "/find_provider" + json.dumps({entity: "Gent"})
    )
    for value in ["<b>Gent</b>", "G" * 65, ["Gent"], {"name": "Gent"}, 9000]:
        assert guard("/find_provider" + json.dumps({entity: value}), RULES) == "/find_provider"


@pytest.mark.parametrize("intent", RASA_INTERNAL_INTENTS)
def test_rasa_internal_intents_are_not_understood(intent):
    assert guard(f"/{intent}", RULES) is None
    parsed = through_rasa(f'/{intent}{{"target_group": "autisme"}}')
    assert parsed.get("intent")["name"] == "nlu_fallback"
    assert parsed.get("entities") == []


@pytest.mark.parametrize(
    "text, plain",
    [
        ("/unknown_intent", "unknown_intent"),
        ('/restart please{"age": "3"}', 'restart please{"age": "3"}'),
        ("/ja", "ja"),
        ("//", ""),
        ('/{"plan_id": "x"}', '{"plan_id": "x"}'),
    ],
)
def test_a_slash_message_naming_no_intent_is_plain_text_as_in_rasa(text, plain):
    """Rasa reads these as plain text too, but logs them whole in a warning first."""
    assert guard(text, RULES) == plain
    assert through_rasa(text).get("intent") is None  # left to the classifier


def test_a_crisis_signal_before_the_guard_still_wins():
    message = Message(data={TEXT: "/restart", "intent": {"name": "crisis", "confidence": 1.0}})
    [guarded] = SlashMessageGuard(RULES).process([message])
    [parsed] = RegexMessageHandler().process([guarded], domain=DOMAIN)
    assert parsed.get("intent")["name"] == "crisis"


@pytest.mark.parametrize("text", ["//restart", " /restart", "/ /restart", "/\n/restart"])
def test_no_way_around_it_with_more_slashes_or_spaces(text):
    parsed = through_rasa(text)
    assert (parsed.get("intent") or {}).get("name") != "restart"


@pytest.mark.parametrize(
    "value",
    [
        {"$ne": None},
        ["autisme", "autisme"],
        42,
        None,
        True,
        "",
        "a" * 100_000,
        "autisme\u0000",
        "autisme\u202e",
        "<script>alert(1)</script>",
        "autisme'; DROP TABLE events; --",
        "\ud800",
    ],
)
def test_odd_values_are_dropped(value):
    text = "/inform" + json.dumps({"target_group": value})
    assert guard(text, RULES) == "/inform"
    assert through_rasa(text).get("entities") == []


def test_a_closed_entity_takes_only_a_value_of_its_buttons():
    assert guard('/inform{"contact_preference": "chat"}', RULES) == (
        '/inform{"contact_preference": "chat"}'
    )
    assert guard('/inform{"contact_preference": "fax"}', RULES) == "/inform"
    # Only the plan review is a button; a crisis is recognised in what the person writes.
    assert guard('/request_human{"handoff_reason": "crisis"}', RULES) == "/request_human"


def test_confidence_and_trailing_text_are_dropped():
    assert guard('/affirm@0.01{"choice": "cash"} en nog iets', RULES) == (
        '/affirm{"choice": "cash"}'
    )
    assert through_rasa("/affirm@0.01").get("intent") == {"name": "affirm", "confidence": 1.0}


def test_malformed_json_keeps_the_intent_without_entities():
    assert guard('/inform{"target_group": }', RULES) == "/inform"
    assert guard('/inform{"target_group": "autisme"', RULES) == "/inform"  # no closing brace
    assert guard('/inform{"a": 1}{"b": 2}', RULES) == "/inform"


def test_a_retrieval_intent_button_is_read_as_its_intent():
    # Rasa 3.6 reads "/faq/privacy" as plain text (its domain knows only the intent `faq`),
    # so the button would not be understood; the topic stays in the tracker's text.
    assert guard("/faq/privacy", RULES) == "/faq"
    parsed = through_rasa("/faq/privacy")
    assert parsed.get(INTENT) == {"name": "faq", "confidence": 1.0}


def test_rules_from_a_small_domain():
    rules = rules_from_domain(
        {
            "intents": ["inform", {"greet": {"use_entities": []}}],
            "responses": {
                "utter_x": [
                    {
                        "text": "?",
                        "buttons": [{"title": "A", "payload": '/inform{{"colour": "red"}}'}],
                    }
                ]
            },
        },
        open_entities=(),
        action_button_entities=(),
    )
    assert rules.intents == {"inform", "greet"}
    assert rules.entities == {"colour"}
    assert guard('/inform{"colour": "red"}', rules) == '/inform{"colour": "red"}'
    assert guard('/inform{"colour": "blue"}', rules) == "/inform"


def test_the_tracker_keeps_the_text_as_typed():
    """Rasa stores the user's own text (UserUttered(message.text, ...)); the guard only
    changes the text the RegexMessageHandler reads."""
    parsed = through_rasa('/inform{"plan_id": "x"}')
    assert parsed.get(TEXT) == "/inform"


def test_the_guard_fits_in_the_pipeline(tmp_path):
    """config.yml with the guard as the last component builds a valid graph (no training)."""
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"]]
    if "bot.slot_guard.SlashMessageGuard" not in names:
        config["pipeline"].append({"name": "bot.slot_guard.SlashMessageGuard"})
    recipe = DefaultV1Recipe()
    model_config = recipe.graph_config_for_recipe(config, {}, training_type=None)
    predict: GraphSchema = model_config.predict_schema
    guard_nodes = [n for n, node in predict.nodes.items() if node.uses is SlashMessageGuard]
    assert len(guard_nodes) == 1
    assert predict.nodes["run_RegexMessageHandler"].needs["messages"] == guard_nodes[0]
    storage = LocalModelStorage(tmp_path)
    component = SlashMessageGuard.create(
        {"domain": "domain.yml"}, storage, Resource("guard"), ExecutionContext(predict)
    )
    assert component.rules == RULES


def test_the_guard_is_the_last_component_of_config_yml():
    """Last, so that it reads the text just before Rasa's RegexMessageHandler does."""
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    assert config["pipeline"][-1]["name"] == "bot.slot_guard.SlashMessageGuard"
