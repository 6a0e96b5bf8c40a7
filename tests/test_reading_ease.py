"""Every text the assistant shows is easy enough to read for its reader (issue 11, point 7).

Flesch-Douma reading ease (textstat with Dutch hyphenation, see tests/reading_ease.py) of
every response variation in domain.yml, every form question and every FAQ answer at both
reading levels: an eenvoudig text scores at least 70, a gewoon text at least 55.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
