"""Reading typed answers to form questions, and where someone lives (no Rasa needed)."""

from __future__ import annotations

import pytest

from actions import answers, places
from actions.who_is_talking import SOMEONE, first_name, person_ref
from knowledge import db


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("34", "34"),
        ("ik ben 8 jaar", "8"),
        ("hij is 72", "72"),
        ("0-17", "0-17"),
        ("ze is nog minderjarig", "0-17"),
        ("volwassen", "18-64"),
        ("ouder dan 65", "65-120"),
        ("hallo", None),
        ("250", None),
        ("tussen 3 en 5", None),
    ],
)
def test_age_answers(text, age):
    assert answers.parse_age(text) == age


def test_age_bands_become_ranges():
    assert answers.age_range("34") == (34, 34)
    assert answers.age_range("0-17") == (0, 17)
    assert answers.age_range(answers.SKIPPED) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nee nog niet", "nee"),
        ("ik ben niet erkend", "nee"),
        ("we hebben al een budget", "budget"),
        ("ze staat in een prioriteitengroep", "prioriteitengroep"),
        ("ja ik ben erkend", "erkend"),
        ("ja", "erkend"),
        ("ik ben 34 jaar", None),  # "ja" inside "jaar" is not a yes
    ],
)
def test_known_at_the_vaph_answers(text, value):
    assert answers.parse_vaph_known(text) == value


@pytest.mark.parametrize(
    ("text", "passes"),
    [
        ("geen idee", True),
        ("euh, geen flauw benul hoor", True),
        ("k zou het echt ni weten", True),
        ("dat weet ik eigenlijk niet", True),
        ("doe maar door naar de volgende vraag", True),
        ("sla deze over", True),
        ("zeg ik liever niet", True),
        ("ik heb er echt geen idee van", True),
        # Indifference is a pass, as in the training data (the provider search reads a
        # pass as "alle").
        ("maakt niet uit", True),
        ("allee da maakt mij niks uit hoor", True),
        ("egaal", True),
        # An answer next to the words is an answer.
        ("geen idee, iets met dieren", False),
        ("ik weet het niet goed, misschien wonen", False),
        ("maakt niet uit, als het maar dichtbij is", False),
        ("om het even wat", False),
        ("nee", False),
        ("34", False),
    ],
)
def test_typed_ways_to_pass_on_a_question(text, passes):
    assert answers.is_skip_phrase(text) is passes


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("het is niet dringend", "nee"),
        ("het kan wachten", "nee"),
        ("ja heel dringend", "ja"),
        ("zo rap mogelijk", "ja"),
        ("banaan", None),
    ],
)
def test_urgency_answers(text, value):
    assert answers.parse_urgent(text) == value


@pytest.mark.parametrize(
    ("text", "support_type", "kind"),
    [
        ("een rolstoel", None, "hulpmiddelen"),
        ("iets om overdag te doen", None, "dagbesteding"),
        ("hulp bij het wonen", None, "wonen"),
        ("begeleiding aan huis", "individuele_psychosociale_begeleiding", "begeleiding"),
        ("een dagcentrum", "dagondersteuning", "dagbesteding"),
        ("geld", None, "geld"),
        ("blauw", None, None),
    ],
)
def test_help_kind_answers(text, support_type, kind):
    assert answers.parse_help_kind(text, support_type) == kind


@pytest.mark.parametrize(
    ("text", "entities", "place"),
    [
        ("ik woon in leuvn", {}, "Leuven"),
        ("3500", {"postcode": "3500"}, "Hasselt"),
        ("provincie Limburg", {"province": "Limburg"}, "provincie Limburg"),
        ("in Namen", {}, places.WALLONIA),
        ("ik woon in Nederland", {}, places.ABROAD),
        ("Bruxelles", {}, "Brussel"),
        ("ergens", {}, None),
    ],
)
def test_places_from_answers(text, entities, place):
    with db.session() as session:
        assert places.normalise(session, text, entities) == place


def test_a_normalised_place_is_described_for_the_queries():
    with db.session() as session:
        leuven = places.describe(session, "Leuven")
        limburg = places.describe(session, "provincie Limburg")
        wallonia = places.describe(session, places.WALLONIA)
        assert leuven.municipality.name == "Leuven" and leuven.province_id == "vlaams_brabant"
        assert limburg.municipality is None and limburg.province_id == "limburg"
        assert wallonia.outside and places.describe(session, "onbekend") is None


@pytest.mark.parametrize(
    ("text", "name", "relation", "written", "expected"),
    [
        ("ik ben de mama van Lotte", "Lotte", "ouder", "mama", "Lotte"),
        ("ik vraag het voor mijn broer", None, "broer_zus", "broer", "je broer"),
        ("het is voor m'n zoon", None, "kind", "zoon", "je zoon"),
        ("ik ben de papa", None, "ouder", "papa", "je kind"),
        ("ik ben zijn begeleider", None, "begeleider", "begeleider", "de persoon die je begeleidt"),
        ("ik vraag het voor iemand anders", None, None, None, SOMEONE),
    ],
)
def test_the_words_used_for_the_person(text, name, relation, written, expected):
    assert person_ref(text, name, relation, written) == expected


@pytest.mark.parametrize(
    ("text", "entities", "relation_word", "name"),
    [
        ("ik ben de mama van Lotte", {}, "mama", "Lotte"),
        ("het is voor mijn zoon Jens", {}, "zoon", "Jens"),
        ("ik vraag het voor mijn Broer", {}, "broer", None),
        ("ik ben de begeleider van emma", {"first_name": "emma"}, "begeleider", "Emma"),
        ("ik vraag het voor mijn broer", {}, "broer", None),
    ],
)
def test_the_first_name_of_the_person(text, entities, relation_word, name):
    assert first_name(text, entities, relation_word) == name


def test_has_budget_is_only_known_from_the_vaph_answer():
    assert answers.has_budget("budget") is True
    assert [answers.has_budget(v) for v in ("nee", "erkend", "prioriteitengroep")] == [False] * 3
    assert answers.has_budget("onbekend") is None and answers.has_budget(None) is None
