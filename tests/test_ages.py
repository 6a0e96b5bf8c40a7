"""Ages read by rule (bot/ages.py): the forms people really use, and numbers that are no age."""

from __future__ import annotations

import pytest

from actions.answers import parse_age
from bot.ages import find_age, number_in, turning_age

AGES = [
    ("mijn zoon van 19", 19),
    ("ons moeder van 82 heeft hulp nodig", 82),
    ("ze is 34", 34),
    ("mijn broer is 40 en woont alleen", 40),
    ("34 jaar", 34),
    ("34j", 34),
    ("achttien jaar", 18),
    ("ik ben vierendertig jaar", 34),
    ("tweeëntwintig jaar oud", 22),
    ("tweeentwintig jaar oud", 22),
    ("een 8-jarige jongen", 8),
    ("hij wordt 18 in mei", 18),
    ("bijna 18", 17),
    ("hij is bijna 18", 17),
    ("ik ben 65", 65),
    ("ik  ben   34", 34),
    ("ons zoon heeft een verstandelijke beperking en is 17", 17),
    ("mijn dochter woont nog thuis en wordt 18", 18),
]

NO_AGE = [
    "het is 3 uur",
    "ik ben 2 keer gevallen",
    "ik heb 2 kinderen",
    "postcode 9000",
    "ik woon in 3000 leuven",
    "ik wacht al 3 jaar op mijn budget",
    "ze is al 3 jaar ziek",
    "wachttijd van 2 jaar",
    "ik ben een moeder",
    "ik ben de mama van 2 kinderen",
    "ik ben 150",
    "hij is 5 dagen per week thuis",
    "mijn zoon werkt en is 3 dagen per week thuis",
    "het dagcentrum is ver en is 3 keer per week open",
]


@pytest.mark.parametrize(("text", "age"), AGES)
def test_the_usual_forms_give_the_age(text, age):
    found = find_age(text)
    assert found is not None and found[0] == age
    start, end = found[1:]
    assert text.lower()[start:end].strip() != ""  # the span points at the number


@pytest.mark.parametrize("text", NO_AGE)
def test_numbers_that_are_no_age_are_left_alone(text):
    assert find_age(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Found as a new user: "Ik lees: je zoon, 70 jaar." (the speaker's age for the son's).
        "ik ben 70 en mijn zoon van 40 woont bij mij",
        "mijn zoon van 40 woont bij mij en ik ben 70",
        "ik ben 70 jaar oud en ons zoon is 40",
    ],
)
def test_someone_elses_age_goes_before_the_speakers_own(text):
    age, start, end = find_age(text)
    assert age == 40 and text[start:end] == "40"


def test_the_speakers_own_age_alone_is_still_the_age():
    assert find_age("ik ben 70 en ik zorg voor mijn zoon")[0] == 70


def test_the_entity_span_is_the_number_itself():
    text = "Mijn zoon van 19"
    _, start, end = find_age(text)
    assert text[start:end] == "19"
    text = "ik  ben   achttien"
    _, start, end = find_age(text)
    assert text[start:end] == "achttien"


@pytest.mark.parametrize(
    ("text", "value"),
    [("achttien", "18"), ("vierendertig", "34"), ("34", "34"), ("hij is bijna 18", "17"),
     ("mijn dochter van 12", "12"), ("jonger dan 18", "0-17"), ("weet ik niet", None),
     ("honderdvijftig", None)],
)  # fmt: skip
def test_the_age_question_understands_words_and_sentences(text, value):
    assert parse_age(text) == value


def test_a_number_word_alone_is_a_number():
    assert number_in("Achttien.") == 18
    assert number_in("hallo") is None


@pytest.mark.parametrize(
    ("text", "turning"),
    [
        ("ons ma wordt 65 volgend jaar", 65),
        ("ik word zeventien in mei", 17),
        ("mijn dochter woont nog thuis en wordt 18", 18),
        ("hij is 65", None),  # the age now
        ("ze wordt bijna 65", None),  # "bijna": the age now is read as one less already
        ("ik word 2 keer per week geholpen", None),
    ],
)
def test_the_age_someone_turns(text, turning):
    assert turning_age(text) == turning
