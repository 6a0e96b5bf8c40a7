"""Every response of domain.yml as the Rasa server renders it: no error in the log (an
error dumps the start of the slot values there), placeholders filled, button payloads that
Rasa's own parser reads back as the intent and entities they were written for."""

from __future__ import annotations

import json
import logging
import re
import warnings
from functools import cache
from typing import Any

import pytest
import structlog
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message

from bot.config import PROJECT_ROOT

PLACEHOLDER = re.compile(r"(?<!\{)\{([^\n{}]+?)\}(?!\})")
# Slots an intake question may name, with a value that must show up in the text.
SLOT_VALUES = {"person_ref": "Sam", "member_name": "Ann", "current_unit": "dagen per week"}


@cache
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


def variations() -> list[tuple[str, int]]:
    return [
        (name, index) for name, found in domain().responses.items() for index in range(len(found))
    ]


def tracker() -> DialogueStateTracker:
    """A conversation in the middle of an intake: slots hold personal answers."""
    conversation = DialogueStateTracker("rendering-test", domain().slots)
    for name, value in SLOT_VALUES.items():
        if name in domain().as_dict()["slots"]:
            conversation.update(SlotSet(name, value))
    return conversation


def written_payload(payload: str) -> str:
    """The payload as Rasa sends it: the doubled braces of domain.yml made single."""
    return payload.replace("{{", "{").replace("}}", "}")


async def render(name: str, index: int) -> dict[str, Any]:
    """One variation as the Rasa server renders it; an action passes the placeholders
    that are no slot as keyword arguments (the value "X" here)."""
    variation = {k: v for k, v in domain().responses[name][index].items() if k != "condition"}
    slots = domain().as_dict()["slots"]
    kwargs = {
        placeholder: "X"
        for placeholder in PLACEHOLDER.findall(variation.get("text", ""))
        if placeholder not in slots
    }
    generator = TemplatedNaturalLanguageGenerator({name: [variation]})
    rendered = await generator.generate(name, tracker(), "rest", **kwargs)
    assert rendered is not None
    return rendered


@pytest.mark.parametrize(("name", "index"), variations())
async def test_a_response_renders_without_an_error_in_the_log(name, index, caplog):
    caplog.set_level(logging.WARNING)
    with structlog.testing.capture_logs() as events:
        rendered = await render(name, index)
    assert [e for e in events if e.get("log_level") in ("error", "critical", "exception")] == []
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    text = rendered.get("text") or ""
    assert not PLACEHOLDER.search(text), f"{name}: {text}"
    raw = domain().responses[name][index].get("text") or ""
    for slot, value in SLOT_VALUES.items():
        if f"{{{slot}}}" in raw:
            assert value in text, f"{name} does not show the slot {slot}"


def buttons() -> list[tuple[str, str, str]]:
    """(response, written payload, rendered payload) of every button in domain.yml."""
    return [
        (name, button["payload"], written_payload(button["payload"]))
        for name, found in domain().responses.items()
        for variation in found
        for button in variation.get("buttons", [])
    ]


async def test_every_button_payload_is_sent_as_written_and_rasa_reads_it_back():
    rendered = {}
    for name, found in domain().responses.items():
        for index in range(len(found)):
            for button in (await render(name, index)).get("buttons", []):
                rendered.setdefault(name, []).append(button["payload"])
    json_payloads = 0
    for name, written, sent in buttons():
        assert sent in rendered[name], f"{name}: {written} is not sent as {sent}"
        assert "{{" not in sent and "}}" not in sent
        intent = sent[1:].split("{")[0]
        # A FAQ topic (/faq/what_is_dop) is no intent of the domain: actions/faq.py reads it.
        known = None if "/" in intent else domain()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            message = YAMLStoryReader.unpack_regex_message(Message({"text": sent}), known)
        assert message.get("intent", {}).get("name") == intent, sent
        if "{" in sent:
            json_payloads += 1
            expected = json.loads(sent[len(intent) + 1 :])
            found = {e["entity"]: e["value"] for e in message.get("entities")}
            assert found == expected, sent
    assert json_payloads >= 100  # the intake's and the eligibility questions' choices


async def test_a_payload_written_with_single_braces_would_log_an_error():
    """Why domain.yml doubles the braces: Rasa takes single ones for a placeholder."""
    generator = TemplatedNaturalLanguageGenerator(
        {"utter_x": [{"text": "Kies", "buttons": [{"title": "a", "payload": '/inform{"a": "b"}'}]}]}
    )
    with structlog.testing.capture_logs() as events:
        await generator.generate("utter_x", tracker(), "rest")
    assert any(e.get("log_level") == "error" for e in events)
