"""Messages in English, French or German (bot/other_languages.py, bot/other_language_signal.py):
read as another language by their function words, so they get the Dutch answer that only Dutch
is understood; no Dutch message of the training data or the held-out set is read that way."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.other_language_signal import OtherLanguageClassifier
from bot.other_languages import asks_for_another_language, other_language
from tests.chat import new_sender, texts

ROOT = Path(__file__).resolve().parent.parent
ONLY_DUTCH = "Sorry, ik begrijp alleen Nederlands."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("what can you do", "en"),
        ("I need help for my son", "en"),
        ("is there someone who speaks english", "en"),
        ("bonjour, je cherche de l'aide pour mon fils", "fr"),
        ("c'est pour ma fille, elle est autiste", "fr"),
        ("ich brauche hilfe für meine tochter", "de"),
    ],
)
def test_messages_in_another_language_are_recognised(text, language):
    assert other_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "hello",  # a greeting says too little; the classifier reads it as greet
        "merci voor de info",
        "allee salut he",
        "please help me",
        "sorry ik begrijp het niet",
        "ik zoek een job coach for my son",
        "thank you",
        "wa kunde gij allemaal",
    ],
)
def test_dutch_with_a_loanword_or_two_stays_dutch(text):
    assert other_language(text) is None


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("kan ik met jou ook in het frans praten", "request_human"),  # 0.61, 2026-12-06
        ("spreek je engels", "nlu_fallback"),
        ("kunde gij ook turks verstaan", "faq"),
    ],
)
def test_a_dutch_question_to_chat_in_another_language_goes_to_the_fallback(text, read_as):
    message = Message(data={TEXT: text, INTENT: {"name": read_as, "confidence": 1.0}})
    OtherLanguageClassifier().process([message])
    assert message.get(INTENT)["name"] == "nlu_fallback"


def test_a_crisis_about_a_language_stays_a_crisis():
    text = "ik wil niet meer leven, kan ik in het frans praten"
    message = Message(data={TEXT: text, INTENT: {"name": "crisis", "confidence": 1.0}})
    OtherLanguageClassifier().process([message])
    assert message.get(INTENT)["name"] == "crisis"


def test_no_training_or_held_out_example_asks_to_chat_in_another_language():
    asked = [(intent, text) for intent, text in all_examples() if asks_for_another_language(text)]
    assert asked == []


def nlu_examples(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        (str(block["intent"]), line.strip()[2:])
        for block in data.get("nlu") or []
        if "intent" in block
        for line in str(block.get("examples") or "").splitlines()
        if line.strip().startswith("- ")
    ]


def all_examples() -> list[tuple[str, str]]:
    """Every NLU example of the training data and the held-out set, with its intent."""
    files = [
        *sorted((ROOT / "data").rglob("*.yml")),
        *sorted((ROOT / "tests/holdout").glob("*.yml")),
    ]
    return [example for path in files for example in nlu_examples(path)]


def test_only_the_foreign_out_of_scope_examples_of_the_nlu_data_are_another_language():
    read_as_foreign = [(intent, text) for intent, text in all_examples() if other_language(text)]
    assert read_as_foreign, "the training data has English and French out_of_scope examples"
    assert {intent for intent, _ in read_as_foreign} == {"out_of_scope"}, read_as_foreign


@pytest.mark.rasa
@pytest.mark.parametrize(
    "message", ["I need help for my son", "bonjour, je cherche de l'aide pour mon fils"]
)
def test_a_message_in_another_language_gets_the_dutch_answer_that_says_so(assistant, message):
    said = texts(assistant.replies(new_sender(), message))
    assert said[0].startswith(ONLY_DUTCH)


@pytest.mark.rasa
@pytest.mark.parametrize("message", ["I want to kill myself", "il me frappe, je veux mourir"])
def test_a_crisis_in_another_language_gets_the_crisis_answer_with_its_numbers(assistant, message):
    said = " ".join(texts(assistant.replies(new_sender(), message)))
    assert "112" in said and "1813" in said
    assert ONLY_DUTCH not in said
