"""The waiting check in the NLU pipeline (bot/waiting_question_signal.py): a question about
waiting that the classifier read as "search in another place" is a FAQ question; a real
"andere gemeente" stays what it is."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.config import PROJECT_ROOT
from bot.waiting_question_signal import WaitingQuestionClassifier
from bot.waiting_words import WAITING_WORDS
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def classified(text: str, intent: str) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.93}})
    WaitingQuestionClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    "text",
    [
        # other_place 0.93 on one training of 2026-12-04 (docs/benchmarks.md).
        "en hoe lang moet ik wachten op een plaats",
        "hoelang is de wachtlijst daar",
        "is er een wachttijd voor een plek",
    ],
)
def test_a_question_about_waiting_read_as_another_place_is_a_faq_question(text):
    assert classified(text, "other_place") == "faq"


@pytest.mark.parametrize("text", ["andere gemeente", "zoek in een ander dorp", "andere plaats"])
def test_another_place_stays_another_place(text):
    assert classified(text, "other_place") == "other_place"


def test_other_intents_are_left_alone():
    assert classified("hoe lang moet ik wachten", "nlu_fallback") == "nlu_fallback"
    assert classified("ik wacht al lang en ik kan niet meer", "crisis") == "crisis"


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_other_place_example_asks_about_waiting(where):
    """So the check never turns a message the assistant was taught (or is measured on) as
    "another place" into a FAQ question."""
    other_place = examples(where).get("other_place", [])
    assert other_place
    assert [text for text in other_place if WAITING_WORDS.search(text)] == []
