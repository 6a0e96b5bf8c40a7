"""The network introduction check in the NLU pipeline (bot/network_introduction_signal.py):
"ik ben de mama van Olivia" is identify_as_network whatever the name made the classifier
read; anything more, or a crisis, keeps the classifier's intent."""

from __future__ import annotations

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.complaint_words import COMPLAINS
from bot.config import PROJECT_ROOT
from bot.network_introduction_signal import NetworkIntroductionClassifier
from bot.network_introductions import is_network_introduction
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def classified(text: str, intent: str) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}})
    NetworkIntroductionClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        # Read so on the model of 2026-12-02, where Lotte or Jonas gave identify_as_network.
        ("ik ben de mama van Olivia", "out_of_scope"),
        ("ik ben de papa van Kevin", "inform"),
        ("ik ben de broer van Olivia.", "out_of_scope"),
        ("'k ben de begeleider van Seppe", "faq"),
        ("ik ben Fleur haar mama", "identify_as_person"),
        ("we zijn de ouders van Liam", "nlu_fallback"),
    ],
)
def test_an_introduction_is_identify_as_network_whatever_the_name(text, guess):
    assert classified(text, guess) == "identify_as_network"


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("ik ben de mama van Jonas, hij is 19 en heeft autisme", "inform"),  # more than that
        ("ik ben de mama van olivia en ik kan niet meer", "crisis"),
        ("ik ben de mama van Olivia", "crisis"),  # a crisis the classifier read is kept
        ("ik ben 34", "inform"),
        ("ik ben Jan", "identify_as_person"),
        ("wat krijgt de mama van Olivia", "faq"),
    ],
)
def test_anything_else_keeps_the_classifiers_intent(text, guess):
    assert classified(text, guess) == guess


def test_the_check_runs_before_the_crisis_signals_so_a_crisis_still_wins():
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
    names = [component["name"] for component in pipeline]
    check = "bot.network_introduction_signal.NetworkIntroductionClassifier"
    assert names.index("FallbackClassifier") < names.index(check)
    assert names.index(check) < names.index("bot.crisis_signals.CrisisSignalClassifier")


def test_only_network_introductions_of_the_nlu_data_are_introductions():
    """No message of another intent, in the training data or the held-out set, is read as
    an introduction."""
    found = {
        intent
        for directory in (PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR)
        for intent, texts in examples(directory).items()
        for text in texts
        if is_network_introduction(text)
    }
    assert found <= {"identify_as_network"}


@pytest.mark.parametrize(
    "text",
    ["ik heb een klacht over mijn begeleider", "ik ben ni content van ons ma haar begeleidster"],
)
def test_a_complaint_read_as_an_introduction_is_a_faq_question(text):
    """identify_as_network 0.84 on a model of 2026-12-07: "Goed, dan stel ik mijn vragen over
    je begeleider." The FAQ action says where the complaint goes."""
    assert classified(text, "identify_as_network") == "faq"


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_introduction_of_the_nlu_data_has_a_word_of_complaint(where):
    introductions = examples(where)["identify_as_network"]
    assert len(introductions) > 15
    assert [text for text in introductions if COMPLAINS.search(text)] == []
