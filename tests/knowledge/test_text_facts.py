"""knowledge.text_facts, and issue 15's rule: every figure in a bot text comes from a record.

An FAQ text (knowledge/data/faq.yml) or a response (domain.yml) that states a number, an age,
an amount, a phone number or a date itself, instead of through a placeholder filled in from
a record, fails here. The few figures a response must say literally are in ALLOWED, each
with its reason and the record whose value it must equal.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

import pytest
import yaml

from knowledge.loader import PROJECT_ROOT, KnowledgeData, load
from knowledge.text_facts import literal_facts

DOMAIN = PROJECT_ROOT / "domain.yml"


# --- the detector ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("Je moet jonger zijn dan 65 jaar.", ["65 jaar"]),
        ("Bel 02 553 46 90 of mail.", ["02 553 46 90"]),
        ("Je krijgt €300 per maand.", ["€300"]),
        ("Dat is € 1.800 per jaar.", ["€ 1.800"]),
        ("Start binnen vier maanden.", ["vier maanden"]),
        ("Tot vijfenzestig jaar.", ["vijfenzestig jaar"]),
        ("Sinds 1 januari kan dat.", ["1 januari"]),
        ("Sinds februari 2023.", ["februari 2023"]),
        ("Het gesprek duurt 2,5 uur.", ["2,5 uur"]),
        ("Bel 112.", ["112"]),
        ("Ik vond 1 aanbieder.", ["1"]),
        ("Een jaar, {PVB.min_age} jaar en 17 jaar.", ["17 jaar"]),
    ],
)
def test_finds_figures(text: str, facts: list[str]) -> None:
    assert literal_facts(text) == facts


@pytest.mark.parametrize(
    "text",
    [
        "Je kunt het vragen vanaf {PVB.min_age} jaar.",
        "Je krijgt {BOB.amount.per_maand}.",
        "Bel {vaph_klachtendienst.phone}.",
        "Een budget is geld voor hulp op maat.",
        "Dat duurt een jaar.",
        "Er zijn twee trappen.",  # a written-out number without a unit
        "Hier zijn de hulplijnen:\n{crisis_lines}",
        "Je code is {code}, tot {days} dagen lang.",
    ],
)
def test_ignores_placeholders_and_plain_words(text: str) -> None:
    assert literal_facts(text) == []


# --- FAQ texts ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data() -> KnowledgeData:
    return load()


def test_no_faq_text_states_a_figure_itself(data: KnowledgeData) -> None:
    offenders = [
        f"faq.yml {entry.topic} ({level}): {', '.join(facts)}"
        for entry in data.faq
        for level, text in entry.texts.items()
        if (facts := literal_facts(text))
    ]
    assert not offenders, "Use a {RECORD.field} placeholder for:\n" + "\n".join(offenders)


# --- responses ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Allowed:
    """A figure a response says literally, and the record values it must be one of."""

    reason: str
    record_values: Callable[[KnowledgeData], Collection[str | None]]


def service_field(service_id: str, field: str) -> Callable[[KnowledgeData], list[str | None]]:
    return lambda data: [getattr(s, field) for s in data.services if s.id == service_id]


def postcodes_of(name: str) -> Callable[[KnowledgeData], list[str]]:
    return lambda data: [
        code for m in data.municipalities if m.name == name for code in m.postcodes
    ]


# The only place where a response may state a figure itself: (response, figure) -> why.
ALLOWED = {
    ("utter_crisis_without_knowledge", "112"): Allowed(
        "said when the knowledge base cannot be read, so it cannot be filled in from it; "
        "the emergency number must still be there (safety)",
        service_field("noodnummer_112", "phone"),
    ),
    ("utter_place_not_found", "9000"): Allowed(
        "an example of what to type, not a fact about support: a postcode of Gent",
        postcodes_of("Gent"),
    ),
}

# What a response variant may hold; `text` and button titles are what the user reads.
VARIANT_KEYS = {"text", "buttons", "condition"}


def response_texts() -> Iterator[tuple[str, str]]:
    """(response name, text) for the text and every button title of every variant."""
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        for variant in variants:
            unknown = set(variant) - VARIANT_KEYS
            assert not unknown, f"{name}: teach this test to read {sorted(unknown)}"
            if variant.get("text"):
                yield name, variant["text"]
            for button in variant.get("buttons") or []:
                yield name, button["title"]


def test_no_response_states_a_figure_itself() -> None:
    offenders = {  # a dict keeps the order and says a text shared by variants once
        f"{name}: {fact!r} in {text!r}": None
        for name, text in response_texts()
        for fact in literal_facts(text)
        if (name, fact) not in ALLOWED
    }
    assert not offenders, "Fill these in from a record (a slot):\n" + "\n".join(offenders)


@pytest.mark.parametrize(("response", "figure"), list(ALLOWED))
def test_an_allowed_figure_is_said_and_equals_its_record(
    data: KnowledgeData, response: str, figure: str
) -> None:
    said = [
        fact for name, text in response_texts() if name == response for fact in literal_facts(text)
    ]
    assert figure in said, f"{response} no longer says {figure!r}: remove it from ALLOWED"
    values = ALLOWED[(response, figure)].record_values(data)
    assert figure in values, (
        f"{response} says {figure!r}, the record says {sorted(map(str, values))}"
    )
