"""Every text the assistant shows is easy enough to read for its reader (issue 11, point 7).

Flesch-Douma reading ease (textstat with Dutch hyphenation, see tests/reading_ease.py) of
every response variation in domain.yml, every form question and every FAQ answer at both
reading levels: an eenvoudig text scores at least 70, a gewoon text at least 55.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.config import PROJECT_ROOT
from tests.reading_ease import (
    MINIMUM,
    ScoredText,
    all_scored,
    domain_texts,
    faq_texts,
    prepared,
    score,
)


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[ScoredText]:
    return all_scored(tmp_path_factory.mktemp("knowledge"))


def test_every_text_reads_easily_enough_for_its_level(texts: list[ScoredText]) -> None:
    failing = [text for text in texts if not text.passes]
    report = "\n".join(
        f"{t.score:.1f} < {MINIMUM[t.level]:.0f} ({t.level}) {t.source}: {t.text!r}"
        for t in failing
    )
    assert failing == [], f"{len(failing)} texts read too hard:\n{report}"


def test_every_kind_of_text_is_scored(
    texts: list[ScoredText], tmp_path_factory: pytest.TempPathFactory
) -> None:
    sources = {text.source for text in texts}
    assert "utter_welcome #1" in sources  # a response's text
    assert "utter_welcome #1 with its buttons" in sources  # read with its options
    assert "utter_ask_good_day #1" in sources  # a form question
    assert "faq what_is_pvb" in sources
    assert "how to get RTH" in sources  # a follow-up's way to get a right
    assert "answer about devices" in sources  # actions/assistive_devices.py
    faq = list(faq_texts(tmp_path_factory.mktemp("faq")))
    assert {level for _, level, _ in faq} == {"eenvoudig", "gewoon"}
    assert len(faq) == 2 * len({source for source, _, _ in faq})
    assert all("{" not in text for _, _, text in faq)  # facts filled in from the records


def test_the_score_is_flesch_douma() -> None:
    # "Ik ben een computer." 4 words, 6 syllables (com-pu-ter by pyphen's nl dictionary).
    assert score("Ik ben een computer.") == pytest.approx(206.835 - 0.93 * 4 - 77 * 6 / 4)


def test_long_words_in_long_sentences_score_low() -> None:
    hard = (
        "Persoonsvolgende financiering is de regeling waarmee het Vlaams Agentschap voor "
        "Personen met een Handicap ondersteuningsbudgetten toekent aan meerderjarigen."
    )
    assert score(hard) < MINIMUM["gewoon"]
    assert score("Je krijgt geld. Met dat geld koop je hulp.") >= MINIMUM["eenvoudig"]


def test_a_line_is_a_sentence_and_a_link_one_word() -> None:
    assert prepared("Dit kan ik:\n- uitleg geven\n- hulp zoeken") == (
        "Dit kan ik. uitleg geven. hulp zoeken."
    )
    assert prepared("Open je plan: https://example.org/plan/abc") == "Open je plan: link."


def test_slots_are_filled_and_a_response_without_an_eenvoudig_variant_counts_for_both(
    tmp_path: Path,
) -> None:
    domain = tmp_path / "domain.yml"
    domain.write_text(
        """
responses:
  utter_simple_only_once:
    - text: "Wat doet {person_ref} graag?"
  utter_two_levels:
    - condition:
        - {type: slot, name: reading_level, value: eenvoudig}
      text: "Kort."
      buttons:
        - {title: "Ja", payload: "/affirm"}
    - text: "Lang."
  utter_faq/what_is_pvb:
    - text: "Uitleg over het persoonsvolgend budget."
""",
        encoding="utf-8",
    )
    assert sorted(domain_texts(domain)) == [
        ("utter_simple_only_once #1", "eenvoudig", "Wat doet je zoon graag?"),
        ("utter_simple_only_once #1", "gewoon", "Wat doet je zoon graag?"),
        ("utter_two_levels #1", "eenvoudig", "Kort."),
        ("utter_two_levels #1 with its buttons", "eenvoudig", "Kort.\nJa"),
        ("utter_two_levels #2", "gewoon", "Lang."),
    ]


# Words that start a second clause inside a sentence ("..., als het over werk gaat").
SUBORDINATE = re.compile(r"\b(als|die|dat|omdat|wanneer|terwijl|zodat|waar\w*)\b")


def clauses(text: str) -> int:
    """A rough count of clauses: sentences (and lines), commas, and subordinate words after
    a sentence's first word ("Waar zoek je hulp?" is one clause)."""
    text = re.sub(r"\{[^{}]+\}", "X", text)
    sentences = [part.strip() for part in re.split(r"[.?!:\n]+", text) if part.strip()]
    inner = sum(len(SUBORDINATE.findall(s.lower().partition(" ")[2])) for s in sentences)
    return len(sentences) + inner + text.count(",")


def has_eenvoudig(variations: list[dict]) -> bool:
    return any(
        condition.get("value") == "eenvoudig"
        for variation in variations
        for condition in variation.get("condition") or []
    )


def test_clauses_are_counted_roughly_but_on_the_safe_side():
    assert clauses("Waar zoek je hulp?") == 1
    assert clauses("Hoe oud ben je? Typ je leeftijd of kies een groep.") == 2
    assert clauses("Waar droom je van als het over werk gaat?") == 2
    assert clauses("Wat is {member_name} voor jou?") == 1


def test_every_form_question_of_more_than_one_clause_has_an_eenvoudig_variant():
    """Issue 14, point 8: the form questions (`utter_ask_*`) with more than one clause have
    a variation for the eenvoudig reading level."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    missing = [
        name
        for name, variations in domain["responses"].items()
        if name.startswith("utter_ask_")
        and max(clauses(v.get("text") or "") for v in variations) > 1
        and not has_eenvoudig(variations)
    ]
    assert missing == []
