"""The plan-share check in the NLU pipeline (bot/plan_share_signal.py): a request to send
one's plan to someone asks for the plan's link, not for a new plan; a question about what
Wegwijzer shares, or a "no", stays what the classifier read."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.config import PROJECT_ROOT
from bot.plan_share_signal import LOST_READINGS, PlanShareClassifier
from bot.plan_share_words import asks_to_send_plan
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def classified(text: str, intent: str) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 1.0}})
    PlanShareClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    "text",
    [
        # start_intake 0.95 on the model of 2026-12-06: the consent for a new plan came.
        "ik wil mijn plan delen met mijn begeleider",
        # inform 0.65, then the fallback.
        "kan ik mijn plan mailen",
        "kan mijn plan naar mijn begeleider gestuurd worden",
        "kan ik mijn plan doorsturen naar mijn zus",
        "kunt ge da plan naar mijn begeleidster sturen",
        "hoe stuur ik het plan naar ons moeder",
        "mag ik het plan aan mijn broer geven",
    ],
)
@pytest.mark.parametrize("read_as", sorted(LOST_READINGS))
def test_a_request_to_send_the_plan_asks_for_the_plan(text, read_as):
    assert classified(text, read_as) == "show_plan"


@pytest.mark.parametrize(
    "text",
    [
        "wordt mijn plan gedeeld met zorgaanbieders of met het ziekenfonds",
        "delen jullie mijn plan met de gemeente",
        "ik wil niet dat mijn plan gedeeld wordt",
        "wie krijgt mijn plan",
        "kan ik mijn plan naar het vaph sturen",
        "ik wil een plan maken voor mijn zoon",
        "stuur mij mijn plan",
    ],
)
def test_other_messages_about_the_plan_stay_what_they_are(text):
    assert not asks_to_send_plan(text)
    assert classified(text, "start_intake") == "start_intake"


def test_a_question_or_a_crisis_is_left_alone():
    assert classified("ik wil mijn plan delen met mijn begeleider", "faq") == "faq"
    assert classified("ik wil mijn plan delen met mijn begeleider", "crisis") == "crisis"


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_training_or_held_out_example_is_read_as_a_request_to_send_the_plan(where):
    """So the check changes no reading the assistant was taught or is measured on."""
    found = examples(where)
    sent = {
        intent: text for intent, texts in found.items() for text in texts if asks_to_send_plan(text)
    }
    assert found.get("show_plan")
    assert sent == {}
