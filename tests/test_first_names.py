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
        # Lower case outside "de mama van …", the first word, an organisation; an age, a
        # number and a pronoun after "van".
        "Lotte is mijn dochter",
        "ik zoek een voorziening voor mijn zoon van achttien",
        "ik ben de mama van twee kinderen",
        "ik ben de begeleider van hem",
        "ik zoek hulp voor mijn zoon",
        "hij heet bram",
        "een dagcentrum voor VAPH erkende mensen",
    ],
)
def test_no_first_name_where_there_is_none(text):
    assert find_first_name(text) is None


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("ik ben de mama van lotte", "lotte"),
        ("ik ben de papa van lotte en ze is 15", "lotte"),
        ("ik ben de begeleider van jan-pieter.", "jan-pieter"),
    ],
)
def test_a_name_typed_in_lower_case_after_a_relation_and_van_is_read(text, typed):
    """DIET read these; since it left the pipeline only this rule does (docs/decisions.md)."""
    found = find_first_name(text)
    assert found is not None
    name, start, end = found
    assert text[start:end] == typed
    assert name == "-".join(part.capitalize() for part in typed.split("-"))


def test_a_span_another_entity_holds_is_no_name():
    text = "ik zoek iets in de buurt van Gent"
    start = text.index("Gent")
    assert find_first_name(text, [(start, start + 4)]) is None
