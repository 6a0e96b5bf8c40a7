"""The rights the eligibility check shows, as the user reads them, hold no figure typed in code.

Issue 15: every figure in a bot text comes from a record. The FAQ texts and the responses are
scanned by test_text_facts.py; the texts the eligibility check builds in Python are scanned
here. For the five profiles of tests/actions/test_rights_profiles.py, each right that may fit
is rendered as ActionShowRights sends it (`actions.eligibility.describe_right`, with the
reasons of `knowledge.queries.rights_for_profile`), at both reading levels, on the knowledge
base built from knowledge/data/. A figure in it must be the person's own age, an age field of
the right's record, or a figure that the record's own texts (name, summary) or the names of
the services shown state. At eenvoudig the text is also plain (issue 15, point 4): the checker
of test_eenvoudig.py finds nothing, and it reads as easily as the other eenvoudig texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import eligibility, places
from knowledge import db, queries
from knowledge.build import build
from knowledge.models import Right, Service
from knowledge.text_facts import literal_facts
from tests.knowledge.test_eenvoudig import problems
from tests.reading_ease import MINIMUM, score

LEVELS = ("gewoon", "eenvoudig")
# (place, profile): a child, an adult under 65, 65+ recognised, 65+ not recognised, Brussels.
PROFILES: dict[str, tuple[str, dict[str, Any]]] = {
    "child": ("Leuven", {"age": 8}),
    "adult": ("Gent", {"age": 34, "recognised": True, "help_kind": "geld"}),
    "65_recognised": ("Hasselt", {"age": 70, "recognised": True}),
    "65_not_recognised": ("Hasselt", {"age": 70, "recognised": False}),
    "brussels": ("Elsene", {"age": 40}),
}
AGE_FIELDS = ("min_age", "max_age", "first_request_before_age", "exceptional_max_age")
LEADING_NUMBER = re.compile(r"^\d+")


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    url = f"sqlite:///{tmp_path_factory.mktemp('knowledge') / 'knowledge.db'}"
    build(url)
    with db.session(url) as session:
        yield session


def shown(session: Session, profile: str, level: str) -> list[tuple[Right, str]]:
    """(right, the text the user reads about it) for each right that may fit `profile`."""
    place_name, answers = PROFILES[profile]
    place = places.describe(session, place_name)
    matches = queries.rights_for_profile(session, lives_in=places.lives_in(place), **answers)
    assert matches, profile
    return [
        (match.right, eligibility.describe_right(session, match, place, level)) for match in matches
    ]


def figures_from_records(session: Session, right: Right, age: int) -> tuple[set[str], set[str]]:
    """(figures the records' texts state, numbers of the right's age fields and the age)."""
    services = session.execute(select(Service.name)).scalars()
    texts = [right.name, right.abbreviation or "", right.summary, *services]
    numbers = {str(getattr(right, field)) for field in AGE_FIELDS if getattr(right, field)}
    return set(literal_facts("\n".join(texts))), {*numbers, str(age)}


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("profile", PROFILES)
def test_every_figure_in_the_rights_shown_comes_from_a_record(
    session: Session, profile: str, level: str
) -> None:
    age = PROFILES[profile][1]["age"]
    typed = []
    for right, text in shown(session, profile, level):
        stated, numbers = figures_from_records(session, right, age)
        for fact in literal_facts(text):
            number = LEADING_NUMBER.match(fact)
            if fact not in stated and not (number and number.group() in numbers):
                typed.append(f"{right.id}: {fact!r} in {text!r}")
    assert not typed, "A figure typed in code, not filled in from a record:\n" + "\n".join(typed)


def test_the_check_finds_a_figure_typed_in_code(session: Session) -> None:
    """The scan above would see an age that no record holds (it once said 'onder 18')."""
    right, text = shown(session, "child", "gewoon")[0]
    stated, numbers = figures_from_records(session, right, 8)
    typed = f"{text}\nWaarom dit misschien past: dit is voor wie jonger is dan 18."
    assert [f for f in literal_facts(typed) if f not in stated and f not in numbers] == ["18"]


@pytest.mark.parametrize(
    ("level", "said"),
    [
        ("gewoon", "je bent 8 en dit is alleen voor minderjarigen"),
        ("eenvoudig", "- Je bent 8 jaar.\n- Dit is alleen voor minderjarigen.\n"),
    ],
)
def test_a_right_for_minors_says_so_without_a_typed_age(
    session: Session, level: str, said: str
) -> None:
    texts = {right.id: text for right, text in shown(session, "child", level)}
    assert said in texts["PAB"]


@pytest.mark.parametrize("profile", PROFILES)
def test_the_rights_shown_at_eenvoudig_are_plain(session: Session, profile: str) -> None:
    """Short sentences, nothing in brackets, no promise, every term explained at its first
    use with the glossary's sentence (the checker of test_eenvoudig.py)."""
    found = {
        right.id: p for right, text in shown(session, profile, "eenvoudig") if (p := problems(text))
    }
    assert found == {}


@pytest.mark.parametrize("profile", PROFILES)
def test_the_rights_shown_at_eenvoudig_read_easily(session: Session, profile: str) -> None:
    """Each right at eenvoudig reads as easily as any eenvoudig text must (Flesch-Douma, as
    tests/reading_ease.py scores the responses and FAQ answers)."""
    scores = {right.id: round(score(text)) for right, text in shown(session, profile, "eenvoudig")}
    assert {r: s for r, s in scores.items() if s < MINIMUM["eenvoudig"]} == {}, scores


def test_eenvoudig_names_a_few_places_and_explains_them(session: Session) -> None:
    """At most three places, each a glossary explanation or a name without an aside; the
    province's VAPH office stands where the record names the VAPH."""
    texts = {right.id: text for right, text in shown(session, "brussels", "eenvoudig")}
    where = texts["IMB"].split(f"{eligibility.WHERE}:\n")[1].split("\n")
    assert where == [
        "- Een multidisciplinair team is een groep hulpverleners, onder wie een dokter.",
        "- Het kantoor van het VAPH in Vlaams-Brabant",
        "Het VAPH is de Vlaamse dienst voor mensen met een handicap.",
        "- Via de intersectorale toegangspoort vraag je hulp voor je kind aan.",
    ]
    # The bijstandsorganisaties are named all three: naming some would steer the choice.
    assert "- Onafhankelijk Leven vzw\n- Absoluut vzw\n- Alin vzw\n" in texts["BIJSTAND"]


def test_a_service_whose_abbreviation_the_glossary_lacks_is_left_out(session: Session) -> None:
    gewoon, eenvoudig = (
        {right.id: text for right, text in shown(session, "adult", level)} for level in LEVELS
    )
    assert "FOD Sociale Zekerheid" in gewoon["IVT_IT"]
    assert "FOD" not in eenvoudig["IVT_IT"]
    assert "Het OCMW of Sociaal Huis is de sociale dienst van je gemeente." in eenvoudig["IVT_IT"]
