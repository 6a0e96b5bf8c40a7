"""The pain check in the NLU pipeline (bot/pain_statement_signal.py): everyday bodily pain
read as a crisis is `inform`; pain with harm, a fall, the chest or despair stays a crisis,
and a crisis keyword always wins."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.config import PROJECT_ROOT
from bot.crisis_signals import CrisisSignalClassifier
from bot.pain_statement_signal import PainStatementClassifier
from bot.pain_words import describes_bodily_pain, tells_of_happiness
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def classified(text: str, intent: str = "crisis") -> str:
    """The intent after the pain check and the crisis keyword check, in config.yml's order."""
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.93}})
    PainStatementClassifier().process([message])
    CrisisSignalClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    "text",
    [
        # crisis 0.93 on the training of 2026-12-05 (docs/nlu.md)
        "ik heb pijn aan mijn rug",
        "ik heb veel pijn aan mijn been",
        "mijn knieen doen pijn",
        "ze heeft vaak hoofdpijn",
        "ons moeder heeft chronische pijn",
    ],
)
def test_everyday_pain_read_as_a_crisis_is_information(text):
    assert classified(text) == "inform"


@pytest.mark.parametrize(
    "text",
    [
        "ik heb pijn in mijn borst",
        "ik heb pijn",
        "ik ben gevallen en heb pijn aan mijn knie",
        "ik heb pijn aan mijn arm, ik heb mezelf gesneden",
        "hij slaat mij, mijn arm doet pijn",
        "ik heb zoveel pijn in mijn hoofd, ik wil niet meer leven",
        "mijn buik doet ondraaglijk pijn help",
    ],
)
def test_pain_with_harm_a_fall_the_chest_or_despair_stays_a_crisis(text):
    assert classified(text) == "crisis"


def test_other_intents_are_left_alone():
    assert classified("mijn rug doet pijn", "inform") == "inform"
    assert classified("ik heb pijn aan mijn rug", "nlu_fallback") == "nlu_fallback"


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_crisis_example_is_everyday_pain(where):
    """So the check never takes the crisis answer from a message the assistant was taught
    (or is measured on) as a crisis."""
    crisis = examples(where).get("crisis", [])
    assert crisis
    assert [text for text in crisis if describes_bodily_pain(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        # crisis 0.90-0.97 on the model trained on 2026-12-06, at "Wat is belangrijk?"
        "dat ze gelukkig is",
        "dat hij gelukkig is",
        "gelukkig zijn",
        "ik wil gelukkig zijn",
        "dat ik gelukkig ben op mijn werk",
    ],
)
def test_happiness_read_as_a_crisis_is_information(text):
    assert classified(text) == "inform"


@pytest.mark.parametrize(
    "text",
    [
        "ik ben nooit gelukkig",
        "ik ben niet gelukkig meer",
        "ze zouden allemaal gelukkiger zijn als ik er niet meer ben",
        "ik zou gelukkig zijn als ik dood was",
        "ik ben ongelukkig en bang",
    ],
)
def test_unhappiness_or_happiness_with_despair_stays_a_crisis(text):
    assert classified(text) == "crisis"


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_crisis_example_tells_of_happiness(where):
    crisis = examples(where).get("crisis", [])
    assert [text for text in crisis if tells_of_happiness(text)] == []
