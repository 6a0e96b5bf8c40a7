"""The classifier alone must be sure of a crisis (bot/crisis_classifier_gate.py); a keyword
signal still makes any message a crisis, and the fallback still gives the lines
(tests/actions/test_fallback.py)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_classifier_gate import CONFIDENCE, CrisisClassifierGate
from bot.crisis_signals import CrisisSignalClassifier


def read(text: str, ranking: list[tuple[str, float]]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message(data={"text": text, "intent": entries[0], "intent_ranking": entries})


def test_an_unsure_crisis_of_the_classifier_moves_to_second_place():
    message = read("ik wil meer keuze", [("crisis", 0.64), ("more_results", 0.2), ("faq", 0.1)])

    CrisisClassifierGate().process([message])

    assert message.get("intent") == {"name": "more_results", "confidence": 0.2}
    assert [e["name"] for e in message.get("intent_ranking")] == ["more_results", "crisis", "faq"]


@pytest.mark.parametrize("confidence", [CONFIDENCE, 0.97])
def test_a_sure_crisis_of_the_classifier_stays(confidence):
    message = read("het gaat echt slecht", [("crisis", confidence), ("inform", 0.02)])

    CrisisClassifierGate().process([message])

    assert message.get("intent")["name"] == "crisis"


def test_other_intents_are_left_alone():
    message = read("hallo", [("greet", 0.5), ("crisis", 0.4)])

    CrisisClassifierGate().process([message])

    assert message.get("intent") == {"name": "greet", "confidence": 0.5}


def test_a_keyword_signal_after_the_gate_makes_the_message_a_crisis_again():
    message = read("ik kan niet meer", [("crisis", 0.55), ("inform", 0.3)])

    CrisisClassifierGate().process([message])
    CrisisSignalClassifier().process([message])

    assert message.get("intent") == {"name": "crisis", "confidence": 1.0}
