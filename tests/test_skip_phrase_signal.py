"""The skip check in the NLU pipeline (bot/skip_phrase_signal.py): a message that only
passes on the question is `skip`, whatever the classifier guessed; a crisis signal still
wins, and no crisis message of the training data or the held-out set is such a pass."""

from __future__ import annotations

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.config import PROJECT_ROOT
from bot.skip_phrase_signal import SkipPhraseClassifier
from bot.skip_phrases import is_skip_phrase
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def classified(text: str, intent: str) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}})
    SkipPhraseClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("hou ik liever voor mij", "identify_as_person"),
        ("laat die vraag maar vallen", "stop"),
        ("doe maar de volgende", "more_results"),
        ("moet ik daar echt op antwoorden, liever overslaan", "faq"),
        ("da kan mij ni schelen", "nlu_fallback"),
        # DIET's crisis 0.66 on the model of 2026-12-01: the phrase says only "no answer".
        ("kan mij ni schelen", "crisis"),
        # nlu_fallback in the intake on the model of 2026-12-06: stored as the answer.
        ("mag ik dit later invullen", "nlu_fallback"),
        ("mag ik die vraag later doen", "nlu_fallback"),
        ("kan ik dit later beantwoorden", "pause"),
    ],
)
def test_a_typed_pass_is_a_skip_whatever_the_classifier_guessed(text, guess):
    assert classified(text, guess) == "skip"


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("ik weet het niet meer", "crisis"),  # not a pass: "meer" says something else
        ("laat mij maar vallen", "crisis"),
        ("stop met de vragen", "stop"),
        ("geen idee, iets met dieren", "inform"),
        ("/skip_not_a_phrase", "nlu_fallback"),
        ("het kan me niet meer schelen", "crisis"),  # not a pass: "meer" says something else
        ("ik vul dit later in", "pause"),  # a pause of the intake, with a code
        ("kan ik later verder doen", "pause"),
        ("mag ik mijn plan later invullen", "start_intake"),
    ],
)
def test_anything_else_keeps_the_classifiers_intent(text, guess):
    assert classified(text, guess) == guess


@pytest.mark.parametrize(
    "check",
    [
        "bot.skip_phrase_signal.SkipPhraseClassifier",
        "bot.closing_phrase_signal.ClosingPhraseClassifier",  # goodbyes and thanks
        "bot.too_hard_signal.TooHardComplaintClassifier",  # "dat is moeilijke taal"
        "bot.faq_question_signal.FaqQuestionClassifier",  # "bedankt, en hoe ..."
    ],
)
def test_the_check_runs_before_the_crisis_signals_so_a_crisis_still_wins(check):
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
    names = [component["name"] for component in pipeline]
    assert names.index(check) > names.index("FallbackClassifier")
    assert names.index(check) < names.index("bot.crisis_signals.CrisisSignalClassifier")


def test_a_button_payload_is_never_read_as_a_phrase():
    assert not is_skip_phrase('/inform{"age": "geen idee"}')


def test_no_crisis_message_of_the_training_data_or_the_held_out_set_is_a_pass():
    crisis = [
        *examples(PROJECT_ROOT / "data" / "nlu")["crisis"],
        *examples(HOLDOUT_DIR)["crisis"],
    ]
    assert len(crisis) > 100
    assert [text for text in crisis if is_skip_phrase(text)] == []
