"""The too-hard check in the NLU pipeline (bot/too_hard_signal.py): a message that only says
the words or the explanation are too hard is `simpler_language`, whatever the classifier
guessed; an answer about the person's life that uses the same words is left alone, and no
message of another intent in the training data or the held-out set is such a complaint. That
the check runs before the crisis signals is tested with the other phrase checks
(tests/test_skip_phrase_signal.py)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.config import PROJECT_ROOT
from bot.too_hard_phrases import is_too_hard_complaint
from bot.too_hard_signal import TooHardComplaintClassifier
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def classified(text: str, intent: str) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}})
    TooHardComplaintClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        # The model of 2026-12-06: the opposite of what was asked, and nothing sure.
        ("dat is moeilijke taal", "normal_language"),
        ("dat is te moeilijk uitgelegd", "nlu_fallback"),
        ("allee da's veel te moeilijk uitgelegd", "inform"),
        ("pff wat een moeilijke woorden", "nlu_fallback"),
        ("ge gebruikt te moeilijke woorden", "faq"),
        ("da is ingewikkelde taal", "normal_language"),
        # Too long (the makkelijke taal is shorter): fallback, simpler_language 0.59 under it.
        ("amai da was veel uitleg, kan da korter", "nlu_fallback"),
        ("kan het wat korter", "ask_capabilities"),  # 0.68
        ("dat is te lange uitleg", "inform"),
        ("kunt ge dat korter zeggen", "nlu_fallback"),
        # Explained again: the fallback on the model of 2026-12-07 (ask_capabilities 0.49).
        ("kunt ge da nog eens uitleggen", "nlu_fallback"),
        ("leg het eens anders uit", "ask_capabilities"),
        ("kan je me dat opnieuw uitleggen?", "nlu_fallback"),
    ],
)
def test_a_complaint_about_hard_words_asks_for_makkelijke_taal(text, guess):
    assert classified(text, guess) == "simpler_language"


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        # Answers about the person's life: "Lukt koken?" - "dat is moeilijk".
        ("dat is moeilijk", "inform"),
        ("koken is te moeilijk voor mij", "inform"),
        ("lezen en schrijven is moeilijk", "inform"),
        ("ik gebruik moeilijke woorden op mijn werk", "inform"),
        # Asking for the harder text, or no complaint.
        ("het mag moeilijker", "normal_language"),
        ("dat is niet te moeilijk uitgelegd", "affirm"),
        ('/inform{"text": "moeilijke taal"}', "inform"),
        # Answers about the person's life.
        ("ik wil korter werken", "inform"),
        ("mijn dagen zijn te lang", "inform"),
        ("niet korter", "deny"),
        # The person tells it otherwise, or asks to explain something else.
        ("kan ik het anders zeggen", "inform"),
        ("ik wil het anders vertellen", "inform"),
        ("kunt ge uitleggen wat een pvb is", "faq"),
        ("kan je de vraag nog eens zeggen", "nlu_fallback"),
    ],
)
def test_anything_else_keeps_the_classifiers_intent(text, guess):
    assert classified(text, guess) == guess


def test_no_message_of_another_intent_in_the_training_data_or_held_out_set_is_a_complaint():
    found = [
        (intent, text)
        for folder in (PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR)
        for intent, texts in examples(folder).items()
        for text in texts
        if intent != "simpler_language" and is_too_hard_complaint(text)
    ]
    assert sum(len(texts) for texts in examples(HOLDOUT_DIR).values()) > 1000
    assert found == []
