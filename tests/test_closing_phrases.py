"""The goodbye and thanks check in the NLU pipeline (bot/closing_phrase_signal.py): a
message that is only a goodbye or a thanks is `goodbye` or `thank`, whatever the
classifier guessed; an answer or a question with a thanks in it is left alone, and no
crisis message of the training data or the held-out set is such a formula. Its place in
the pipeline, before the crisis signals, is tested with the skip check's
(tests/test_skip_phrase_signal.py)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.closing_phrase_signal import ClosingPhraseClassifier
from bot.closing_phrases import asks_after_thanks, closing_intent
from bot.config import PROJECT_ROOT
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR

TRAINING = examples(PROJECT_ROOT / "data" / "nlu")
HELD_OUT = examples(HOLDOUT_DIR / "intents.yml")


def classified(text: str, guess: str) -> str:
    message = Message(data={TEXT: text, INTENT: {"name": guess, "confidence": 0.4}})
    ClosingPhraseClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    ("text", "guess", "meant"),
    [
        ("ik ben u dankbaar", "nlu_fallback", "thank"),
        ("we horen elkaar nog", "nlu_fallback", "goodbye"),
        ("allee merci he", "affirm", "thank"),
        ("merci voor alles en tot ziens", "thank", "goodbye"),  # a goodbye wins
        ("ik ga afsluiten", "crisis", "goodbye"),  # a DIET-only crisis on ending the chat
        ("Tot ziens!!", "nlu_fallback", "goodbye"),
    ],
)
def test_a_whole_goodbye_or_thanks_gets_its_intent_whatever_the_classifier_guessed(
    text, guess, meant
):
    assert classified(text, guess) == meant


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("nee bedankt", "deny"),  # an answer to a question
        ("ja merci", "affirm"),
        ("merci, en wat is een pvb", "faq"),
        ("een dag", "inform"),  # "how many days?"
        ("ik ga alles afsluiten", "crisis"),
        ("ik ga voor altijd slapen", "crisis"),
        ("dank u voor niets", "nlu_fallback"),
        ("/goodbye_not_a_phrase", "nlu_fallback"),
    ],
)
def test_anything_else_keeps_the_classifiers_intent(text, guess):
    assert classified(text, guess) == guess


@pytest.mark.parametrize("text", ["dag", "Dag!", "salut", "dag allemaal", "salu"])
@pytest.mark.parametrize("guess", ["greet", "goodbye", "nlu_fallback"])
def test_a_bare_dag_goes_to_the_fallback_whatever_the_classifier_guessed(text, guess):
    """It greets as well as it says goodbye in Flanders: the fallback action tells which by
    where it comes in the conversation. One training read "dag" as goodbye (0.85), and a
    person who had just arrived was told "Tot later!"."""
    assert classified(text, guess) == "nlu_fallback"


def test_every_held_out_goodbye_and_thanks_is_read_as_such():
    for intent in ("goodbye", "thank"):
        assert len(HELD_OUT[intent]) >= 15
        assert [text for text in HELD_OUT[intent] if closing_intent(text) != intent] == []


def test_no_message_of_another_intent_in_the_training_data_or_held_out_set_is_a_formula():
    other = [
        (intent, text)
        for source in (TRAINING, HELD_OUT)
        for intent, texts in source.items()
        if intent not in ("goodbye", "thank")
        for text in texts
    ]
    assert len(other) > 2000
    assert [(intent, text) for intent, text in other if closing_intent(text)] == []


def test_no_crisis_message_is_a_formula():
    crisis = [*TRAINING["crisis"], *examples(HOLDOUT_DIR)["crisis"]]
    assert len(crisis) > 100
    assert [text for text in crisis if closing_intent(text)] == []


def with_faq_topic(text: str, guess: str, topic_confidence: float) -> str:
    """The intent the check leaves when the FAQ selector chose a topic with this confidence."""
    selected = {"response": {"intent_response_key": "faq/how_to_apply", "confidence": 0.0}}
    selected["response"]["confidence"] = topic_confidence
    message = Message(
        data={
            TEXT: text,
            INTENT: {"name": guess, "confidence": 0.68},
            "response_selector": {"default": selected},
        }
    )
    ClosingPhraseClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    "text",
    [
        "bedankt, en hoe vraag ik zo'n plek aan",  # thank 0.68 on the model of 2026-12-06
        "dank je, hoe lang moet ik wachten",  # thank 0.92
        "bedankt voor de uitleg, hoe vraag ik het aan",
        "allee merci, waar kan ik dat vinden",
    ],
)
@pytest.mark.parametrize("guess", ["thank", "goodbye"])
def test_thanks_then_a_question_the_selector_is_sure_of_is_that_question(text, guess):
    """Only "Graag gedaan! Heb je nog een vraag?" was said, and the question was lost."""
    assert with_faq_topic(text, guess, 0.97) == "faq"


@pytest.mark.parametrize(
    ("text", "guess", "topic_confidence"),
    [
        ("bedankt, en hoe vraag ik zo'n plek aan", "thank", 0.3),  # the selector unsure
        ("bedankt, kan ik nu een plan maken", "start_intake", 0.97),  # not read as thanks
        ("bedankt voor alles", "thank", 0.97),  # no question
        ("bedankt voor de uitleg", "thank", 0.97),
        ("nee bedankt, hoe lang duurt dat", "thank", 0.97),  # an answer first
    ],
)
def test_thanks_without_a_sure_question_after_them_keeps_its_reading(text, guess, topic_confidence):
    assert with_faq_topic(text, guess, topic_confidence) == guess


def test_no_goodbye_or_thanks_example_asks_a_question_after_the_thanks():
    closing = [
        text
        for source in (TRAINING, HELD_OUT)
        for intent in ("goodbye", "thank")
        for text in source[intent]
    ]
    assert len(closing) > 60
    assert [text for text in closing if asks_after_thanks(text)] == []
