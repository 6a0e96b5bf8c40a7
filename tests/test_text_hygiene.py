"""What is removed at the edge, and what stays."""

import pytest

from bot.text_hygiene import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Ik ben Sara\x00", "Ik ben Sara"),
        ("Sara\ud800", "Sara"),  # a lone surrogate: PostgreSQL cannot store it
        ("\u202egnaL", "gnaL"),  # a right-to-left override
        ("a\u2066b\u2069c", "abc"),
        ("bel\x1b[31m me", "bel[31m me"),
        ("\ufeffhallo", "hallo"),
        ("regel 1\r\nregel 2\rregel 3", "regel 1\nregel 2\nregel 3"),
    ],
)
def test_hidden_and_unstorable_characters_are_removed(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    "kept",
    ["Zoë gaat naar de dagbesteding 😊👍", "Tab\tstaat hier", "مرحبا", "שלום", "Ĳsselmeer"],
)
def test_ordinary_text_emoji_and_other_scripts_stay(kept):
    assert clean_text(kept) == kept


def test_the_result_can_be_encoded_as_utf8():
    clean_text("x\udfff\ud83dy").encode("utf-8")
