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
from bot.closing_phrases import closing_intent, says_no_more
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
        # nlu_fallback on the model of 2026-12-06: "Sorry, dat heb ik niet goed begrepen".
        ("ik wil dit gesprek beëindigen", "nlu_fallback", "goodbye"),
        ("ik wil stoppen met dit gesprek", "nlu_fallback", "goodbye"),
        # thank 0.92 on the model of 2026-12-06: "Graag gedaan! Heb je nog een vraag?".
        ("da's goe, merci, salu", "thank", "goodbye"),
        ("bedankt en dag", "thank", "goodbye"),
        ("salu, merci", "thank", "thank"),  # a greeting, then the thanks
        ("goed, bedankt", "affirm", "thank"),
        # A compliment is a thanks: inform 0.97 and out_of_scope 1.00 on the model of
        # 2026-12-06 (the fallback; "Wegwijzer can only help with ...").
        ("ge zijt ne schat", "inform", "thank"),
        ("gij zijt de beste", "out_of_scope", "thank"),
        ("je bent echt top, merci", "thank", "thank"),
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
        ("ik wil stoppen met de vragen", "stop"),  # a form's questions, not the talk
        ("ik wil stoppen met het dagcentrum", "inform"),
        ("ik ga voor altijd slapen", "crisis"),
        ("dank u voor niets", "nlu_fallback"),
        ("je bent een robot", "bot_challenge"),
        ("ge zijt de beste, hoe vraag ik een pvb aan", "faq"),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nee dank u", True),
        ("nee merci", True),
        ("neen bedankt, da was alles", True),
        ("nee, dat is alles", True),
        ("Nee hoor, dank je wel!", True),
        ("nee, verder niks", True),
        ("nee", False),  # may answer any question
        ("nee dat klopt niet", False),  # a correction
        ("nee dat is het niet", False),
        ("nee bedankt, ik wil liever een mens", False),  # says more
        ("nee, ik wil nog iets vragen", False),
    ],
)
def test_what_counts_as_no_more_questions(text, expected):
    assert says_no_more(text) is expected


def test_no_crisis_message_says_no_more_questions():
    crisis = [*TRAINING["crisis"], *examples(HOLDOUT_DIR)["crisis"]]
    assert [text for text in crisis if says_no_more(text)] == []
