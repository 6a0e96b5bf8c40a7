"""The chat-for-me check in the NLU pipeline (bot/chat_for_me_signal.py): a question whether
someone else may chat or type for the person goes to the fallback's answer, not to the
hand-off, a network introduction or a provider search; a "no", a human of the team, a plan
to send and a task someone could do stay what the classifier read."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.chat_for_me_signal import ChatForMeClassifier
from bot.chat_for_me_words import asks_if_someone_else_may_chat
from bot.config import PROJECT_ROOT
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def classified(text: str, intent: str) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 1.0}})
    ChatForMeClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        # The readings on the model of 2026-12-06.
        ("kan ik iemand anders laten chatten voor mij", "request_human"),  # 0.83
        ("mag mijn mama voor mij chatten", "identify_as_network"),  # 0.69
        ("mag mijn begeleider dit invullen voor mij", "start_intake"),  # 0.68
        ("kan mijn zus in mijn plaats typen", "other_place"),  # 0.78
        ("kan iemand anders dit voor mij doen", "nlu_fallback"),
        ("mag mijn broer meelezen", "request_human"),  # 0.95
        ("mogen ons ma en pa mee typen", "inform"),
        ("kunde mijne pa de vragen laten beantwoorden", "faq"),
    ],
)
def test_a_question_whether_someone_else_may_chat_goes_to_the_fallback(text, read_as):
    assert classified(text, read_as) == "nlu_fallback"


@pytest.mark.parametrize(
    "text",
    [
        "ik wil met een mens chatten",
        "kan mijn mama met een medewerker chatten",
        "mijn mama mag niet meelezen",
        "mag mijn mama mijn plan lezen",
        "misschien kan mijn zus helpen met papieren invullen",
        "kan mijn zus het doen",
        "ik ben de mama van Lotte",
        "mijn zus helpt me met typen",
    ],
)
def test_other_messages_stay_what_they_are(text):
    assert not asks_if_someone_else_may_chat(text)
    assert classified(text, "request_human") == "request_human"


def test_a_crisis_is_left_alone():
    assert classified("mag mijn mama voor mij chatten", "crisis") == "crisis"


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_training_or_held_out_example_is_read_as_chat_for_me(where):
    """So the check changes no reading the assistant was taught or is measured on."""
    found = examples(where)
    read = {
        intent: text
        for intent, texts in found.items()
        for text in texts
        if asks_if_someone_else_may_chat(text)
    }
    assert found.get("request_human")
    assert read == {}
