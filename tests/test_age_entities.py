"""The trained pipeline finds ages by rule (bot/age_extractor.py) and no age in other numbers."""

from __future__ import annotations

import pytest

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
