"""The waiting check in the NLU pipeline (bot/waiting_question_signal.py): a question about
waiting that the classifier read as "search in another place" is a FAQ question; a real
"andere gemeente" stays what it is."""

from __future__ import annotations

import pytest
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT,
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
)
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.config import PROJECT_ROOT
from bot.question_phrases import asks_a_question
from bot.waiting_question_signal import WaitingQuestionClassifier
from bot.waiting_words import WAITING_LIST_WORDS, WAITING_WORDS
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def classified(text: str, intent: str, topic: str = "", topic_confidence: float = 0.0) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.93}})
    if topic:
        prediction = {"intent_response_key": f"faq/{topic}", "confidence": topic_confidence}
        message.set(
            RESPONSE_SELECTOR_PROPERTY_NAME,
            {RESPONSE_SELECTOR_DEFAULT_INTENT: {RESPONSE_SELECTOR_PREDICTION_KEY: prediction}},
        )
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


@pytest.mark.parametrize(
    "text, intent, confidence",
    [
        # The readings of the CI model of 2026-12-06 (docs/benchmarks.md).
        ("zijn er wachtlijsten", "nlu_fallback", 0.90),
        ("is er een wachtlijst", "nlu_fallback", 0.86),
        ("moet ik lang wachten", "inform", 0.95),
        ("wachtlijst?", "nlu_fallback", 0.9),
        ("hoelang is de wachttijd ongeveer", "inform", 0.9),
    ],
)
def test_a_question_about_the_waiting_list_the_classifier_could_not_place_is_a_faq_question(
    text, intent, confidence
):
    assert classified(text, intent, "waiting_time", confidence) == "faq"


@pytest.mark.parametrize(
    "text, intent, topic, confidence",
    [
        # A statement about the person's situation: an answer in the intake.
        ("ik sta al 3 jaar op de wachtlijst", "inform", "waiting_time", 0.99),
        ("we wachten al zo lang", "inform", "waiting_time", 0.97),
        # The selector unsure, or sure of another topic.
        ("zijn er wachtlijsten", "nlu_fallback", "waiting_time", 0.6),
        ("moet ik wachten op de brief", "inform", "vaph_letter", 0.9),
        # "hoe lang" alone asks about many things; a password is no waiting list.
        ("hoe lang duurt een gesprek", "nlu_fallback", "waiting_time", 0.9),
        ("kan je mijn wachtwoord resetten", "nlu_fallback", "waiting_time", 0.9),
        # Other readings are left alone.
        ("is er een wachtlijst", "out_of_scope", "waiting_time", 0.9),
        ("is er een wachtlijst", "crisis", "waiting_time", 0.9),
    ],
)
def test_other_messages_about_waiting_stay_what_they_were_read_as(text, intent, topic, confidence):
    assert classified(text, intent, topic, confidence) == intent


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_inform_example_asks_about_the_waiting_list(where):
    """So the check never turns a fact the assistant was taught (or is measured on) into a
    FAQ question."""
    inform = examples(where).get("inform", [])
    assert inform
    assert [t for t in inform if asks_a_question(t) and WAITING_LIST_WORDS.search(t)] == []
