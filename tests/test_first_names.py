"""First names read by rule (bot/first_names.py), as the NLU pipeline adds them."""

from __future__ import annotations

import pytest

from bot.first_names import find_first_name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ik ben de mama van Lotte", "Lotte"),
        ("het is voor mijn zoon Jens", "Jens"),
        ("ik vraag het voor ons dochter Mira", "Mira"),
        ("ik ben Fleur haar mama", "Fleur"),
        ("ik ben de begeleider van Anne-Sophie", "Anne-Sophie"),
        ("mijne nonkel Marc woont alleen", "Marc"),
        ("hij heet Bram", "Bram"),
        ("Ze heet Lotte en is 12", "Lotte"),
        ("haar naam is Mira", "Mira"),
    ],
)
def test_a_first_name_is_read_where_people_write_one(text, name):
    found = find_first_name(text)
    assert found is not None and found[0] == name
    assert text[found[1] : found[2]] == name


@pytest.mark.parametrize(
    "text",
    [
        # Lower case, a place another entity holds, the first word, an organisation.
        "ik ben de mama van lotte",
        "Lotte is mijn dochter",
        "ik zoek hulp voor mijn zoon",
        "hij heet bram",
        "een dagcentrum voor VAPH erkende mensen",
    ],
)
def test_no_first_name_where_there_is_none(text):
    assert find_first_name(text) is None


def test_a_span_another_entity_holds_is_no_name():
    text = "ik zoek iets in de buurt van Gent"
    start = text.index("Gent")
    assert find_first_name(text, [(start, start + 4)]) is None
