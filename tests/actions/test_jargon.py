"""Jargon explained at its first use, with the glossary's own sentences (actions/jargon.py)."""

from __future__ import annotations

from actions import jargon
from tests.knowledge.test_eenvoudig import problems

VAPH = "Het VAPH is de Vlaamse dienst voor mensen met een handicap."
ERKEND = "Erkend zijn betekent dat het VAPH vaststelt dat je een handicap hebt."
DOP = "Een Dienst Ondersteuningsplan helpt je gratis zoeken welke hulp je nodig hebt."


def test_a_term_is_explained_right_after_the_line_that_first_uses_it() -> None:
    lines = ["Vraag het aan het VAPH.", "Het VAPH beslist."]

    assert jargon.explained(lines) == ["Vraag het aan het VAPH.", VAPH, "Het VAPH beslist."]


def test_a_second_new_term_is_explained_just_before_the_line() -> None:
    said = jargon.explained(["Je hebt geen erkenning van het VAPH nodig."])

    assert said == [VAPH, "Je hebt geen erkenning van het VAPH nodig.", ERKEND]
    assert problems("\n".join(said)) == []


def test_a_term_in_an_explanation_is_explained_too() -> None:
    said = jargon.explained(["Ben je al erkend?"])

    assert said == ["Ben je al erkend?", ERKEND, VAPH]
    assert problems("\n".join(said)) == []


def test_a_term_before_the_last_sentence_of_a_line_is_explained_before_it() -> None:
    said = jargon.explained(["Bel een DOP. Die helpt je."])

    assert said == [DOP, "Bel een DOP. Die helpt je."]
    assert problems("\n".join(said)) == []


def test_a_line_that_holds_the_explanation_needs_no_other() -> None:
    assert jargon.explained([VAPH, "Het VAPH beslist."]) == [VAPH, "Het VAPH beslist."]


def test_plain_words_need_nothing() -> None:
    assert jargon.explained(["Je zoekt hulp.", "Dat kan."]) == ["Je zoekt hulp.", "Dat kan."]


def test_a_place_is_named_by_the_explanation_of_the_term_it_is() -> None:
    assert jargon.naming_term("Dienst Ondersteuningsplan") == jargon.term_named("DOP")
    assert jargon.naming_term("OCMW of Sociaal Huis van je gemeente") is not None
    assert jargon.naming_term("Gebruikersvereniging met informatieloket") is None
    assert jargon.term_named("Vlaams Agentschap voor Personen met een Handicap").name == "VAPH"  # type: ignore[union-attr]


def test_an_abbreviation_the_glossary_lacks_is_found() -> None:
    assert jargon.unknown_abbreviation("FOD Sociale Zekerheid")
    assert not jargon.unknown_abbreviation("OCMW of Sociaal Huis van je gemeente")
