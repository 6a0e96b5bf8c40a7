"""The call-back check in the NLU pipeline (bot/contact_request_signal.py): a request to be
called or mailed back is a request for a human, whatever question the classifier read in
it; asking for Wegwijzer's own number, refusing a call, or answering the contact question
stays what it is."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.config import PROJECT_ROOT
from bot.contact_request_signal import QUESTION_READINGS, ContactRequestClassifier
from bot.reach_words import asks_to_be_called
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def classified(text: str, intent: str) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 1.0}})
    ContactRequestClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    "text",
    [
        # faq 1.0 (the privacy topic) on the training of 2026-12-05 (docs/benchmarks.md).
        "kunnen jullie mij bellen",
        "kan iemand me terugbellen",
        "bel mij terug aub",
        "kunt ge mij eens bellen",
        "mag ik teruggebeld worden",
        "ik wil graag gebeld worden",
        "kan er iemand mij mailen",
    ],
)
@pytest.mark.parametrize("read_as", sorted(QUESTION_READINGS))
def test_a_call_back_request_read_as_a_question_asks_for_a_human(text, read_as):
    assert classified(text, read_as) == "request_human"


@pytest.mark.parametrize(
    "text",
    [
        "wat is jullie telefoonnummer",  # Wegwijzer's own number: actions/reach_wegwijzer.py
        "kan ik u bellen",
        "jullie mogen mij niet bellen",
        "liever geen telefoon, mail mij",
        "kan het vaph mij bellen",
        "wat is mijn telefoonnummer",
        "mag ik iemand meenemen als de commissie mij belt",
    ],
)
def test_other_messages_about_calls_stay_what_they_are(text):
    assert classified(text, "faq") == "faq"


def test_an_answer_to_the_contact_question_is_left_alone():
    assert classified("belt ge mij maar", "inform") == "inform"
    assert classified("kunnen jullie mij bellen", "crisis") == "crisis"


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_example_of_a_question_intent_asks_to_be_called(where):
    """So the check never turns a message the assistant was taught (or is measured on) as a
    question into a request for a human."""
    found = examples(where)
    wrong = {
        intent: text
        for intent, texts in found.items()
        if intent.split("/")[0] in QUESTION_READINGS
        for text in texts
        if asks_to_be_called(text)
    }
    assert found.get("request_human")
    assert wrong == {}
