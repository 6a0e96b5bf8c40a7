"""The trained pipeline finds ages by rule (bot/age_extractor.py) and no age in other numbers."""

from __future__ import annotations

import pytest

from tests.chat import new_sender, texts

pytestmark = pytest.mark.rasa


def _ages(assistant, text: str) -> list[str]:
    parsed = assistant.parse(text)
    return [e["value"] for e in parsed.get("entities", []) if e["entity"] == "age"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("mijn zoon van 19 zoekt een dagcentrum", "19"),
        ("ze is 34 en heeft autisme", "34"),
        ("ik ben achttien jaar", "18"),
        ("onze dochter is bijna 18", "17"),
    ],
)
def test_the_pipeline_finds_the_age(assistant, text, age):
    assert _ages(assistant, text) == [age]


@pytest.mark.parametrize(
    "text", ["ik heb 2 kinderen", "ik wacht al 3 jaar op mijn budget", "postcode 9000"]
)
def test_other_numbers_are_no_age(assistant, text):
    assert _ages(assistant, text) == []


def test_an_age_in_the_question_is_not_asked_again(assistant):
    """The check uses the age the person already gave ("mijn zoon van 19")."""
    sender = new_sender()
    assistant.replies(sender, "wat past er bij mijn zoon van 19, hij woont in Gent")
    replies = assistant.replies(sender, "/identify_as_network")
    assert assistant.tracker(sender)["slots"]["age"] == "19"
    assert not any(text.startswith("Hoe oud") for text in texts(replies))


def test_the_age_question_takes_a_number_in_words(assistant):
    sender = new_sender()
    assistant.replies(sender, "wat past bij mij")
    assert texts(assistant.replies(sender, "/identify_as_person"))[-1].startswith("Hoe oud")
    replies = assistant.replies(sender, "achttien")
    assert texts(replies)[-1].startswith("In welke gemeente woon je?")
    assert assistant.tracker(sender)["slots"]["age"] == "18"
