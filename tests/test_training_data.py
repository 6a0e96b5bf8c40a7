"""Checks on the training data and domain that a user would notice if they broke."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from bot.config import PROJECT_ROOT

SMALL_TALK = [
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "ask_capabilities",
    "out_of_scope",
]


def load(path: str) -> dict:
    return yaml.safe_load((PROJECT_ROOT / path).read_text(encoding="utf-8"))


def examples(intent: str) -> list[str]:
    found = []
    for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")):
        for item in load(str(path.relative_to(PROJECT_ROOT))).get("nlu", []):
            if item.get("intent") == intent:
                found += [line[2:] for line in item["examples"].splitlines() if line.strip()]
    return found


# The main paths and the answers people give inside them.
PATHS_AND_ANSWERS = [
    "check_eligibility",
    "find_provider",
    "start_intake",
    "request_human",
    "inform",
    "skip",
    "stop",
    "more_results",
    "other_place",
    "widen_search",
    "identify_as_network",
    "identify_as_person",
    "change_answer",
    "show_plan",
    "pause",
    "resume",
    "show_my_data",
    "delete_my_data",
]


@pytest.mark.parametrize("intent", SMALL_TALK + PATHS_AND_ANSWERS)
def test_every_small_talk_and_path_intent_has_at_least_25_distinct_examples(intent):
    assert len(set(examples(intent))) >= 25


def test_every_button_leads_to_an_intent_the_assistant_knows():
    domain = load("domain.yml")
    payloads = {
        # As Rasa sends it: domain.yml doubles a payload's JSON braces (see its responses).
        button["payload"].replace("{{", "{").replace("}}", "}")
        for variations in domain["responses"].values()
        for variation in variations
        for button in variation.get("buttons", [])
    }
    assert payloads
    for payload in payloads:
        match = re.fullmatch(r"/(\w+)(/\w+)?(\{.*\})?", payload)
        assert match, f"button payload {payload} is not /intent or /intent{{entities}}"
        intent, topic, entities = match.groups()
        assert intent in domain["intents"], f"button payload {payload} has no intent"
        if topic:  # a FAQ topic: /faq/what_is_dop
            assert f"utter_{intent}{topic}" in domain["responses"], payload
        for entity in json.loads(entities or "{}"):
            assert entity in domain["entities"], f"button payload {payload}: unknown entity"


def test_every_long_response_exists_in_both_reading_levels():
    """Responses of more than two sentences have an `eenvoudig` variation."""
    domain = load("domain.yml")
    for name, variations in domain["responses"].items():
        long = any(len(re.findall(r"[.?!:](?:\s|$)", v["text"])) > 2 for v in variations)
        if long:
            levels = {
                c["value"]
                for v in variations
                for c in v.get("condition", [])
                if c["name"] == "reading_level"
            }
            assert "eenvoudig" in levels, f"{name} has no eenvoudig variation"
