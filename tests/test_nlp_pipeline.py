"""The Dutch spaCy pipeline built by `python -m bot build-nlp` (make setup)."""

from __future__ import annotations

import pytest
import spacy

from bot import nlp_pipeline
from bot.config import SPACY_MODEL_DIR


@pytest.fixture(scope="module")
def nlp():
    if not (SPACY_MODEL_DIR / "meta.json").exists():
        pytest.fail("The Dutch spaCy pipeline is missing: run `make setup` first.")
    return spacy.load(SPACY_MODEL_DIR)


def entities(nlp, text: str) -> list[tuple[str, str]]:
    return [(entity.text, entity.label_) for entity in nlp(text).ents]


def test_lemmas_come_from_the_dutch_lookup_table(nlp):
    lemmas = [token.lemma_ for token in nlp("we gingen met mijn jasje naar buiten")]
    assert lemmas == ["we", "gaan", "met", "mijn", "jas", "naar", "buiten"]


def test_flemish_spoken_forms_and_frequent_verbs_share_the_written_lemma(nlp):
    # "kunde gij da ni" and "kun jij dat niet" give the word features the same lemmas.
    spoken = [token.lemma_ for token in nlp("kunde gij da ni")]
    written = [token.lemma_ for token in nlp("kun jij dat niet")]
    assert spoken == written == ["kunnen", "jij", "dat", "niet"]
    assert [token.lemma_ for token in nlp("kheb efkes gene goesting")] == [
        "hebben", "even", "geen", "zin",
    ]  # fmt: skip
    assert [token.lemma_ for token in nlp("hij gaat en zij heeft")] == [
        "hij", "gaan", "en", "zij", "hebben",
    ]  # fmt: skip
    # Every way of saying thanks shares one lemma with "bedankt".
    thanks = {nlp(word)[0].lemma_ for word in ("bedankt", "merci", "dankjewel", "mercikes")}
    assert thanks == {"bedanken"}
    # "voortdoen" (Flemish for going on) shares the lemma of "verder".
    assert {nlp(word)[0].lemma_ for word in ("voortdoen", "voort", "verder")} == {"verder"}


def test_places_support_types_and_target_groups_are_found(nlp):
    assert entities(nlp, "zoek een dagcentrum in Leuven voor iemand met autisme") == [
        ("dagcentrum", "support_type"),
        ("Leuven", "municipality"),
        ("autisme", "target_group"),
    ]


def test_plurals_of_support_types_and_target_groups_are_found(nlp):
    # "zijn er woonvormen in limburg voor mensen met nah" had no kind of help: the search
    # asked "Welke soort hulp zoek je?".
    assert entities(nlp, "zijn er woonvormen in Limburg voor mensen met nah") == [
        ("woonvormen", "support_type"),
        ("Limburg", "province"),
        ("nah", "target_group"),
    ]
    for words in ("woongroepen", "tehuizen", "dagcentrums", "logeerhuizen"):
        assert entities(nlp, f"ik zoek {words}") == [(words, "support_type")], words
    assert entities(nlp, "hulp voor doven") == [("doven", "target_group")]


def test_help_at_home_is_found_in_either_word_order(nlp):
    # "ik zoek begeleiding thuis in Hasselt" had no kind of help: the search asked it again.
    for words in ("begeleiding thuis", "begeleiding aan huis", "thuisbegeleiding"):
        assert entities(nlp, f"ik zoek {words} in Hasselt") == [
            (words, "support_type"),
            ("Hasselt", "municipality"),
        ]


def test_place_names_are_found_in_lower_case_and_without_hyphens(nlp):
    assert entities(nlp, "ik woon in sint genesius rode") == [
        ("sint genesius rode", "municipality")
    ]
    assert entities(nlp, "postcode 3000") == [("3000", "postcode")]


def test_a_province_wins_over_the_city_of_the_same_name(nlp):
    assert entities(nlp, "in de provincie Antwerpen") == [("provincie Antwerpen", "province")]


def test_place_names_that_are_ordinary_words_need_a_capital(nlp):
    assert entities(nlp, "mijn geel jasje hangt aan de boom") == []
    assert entities(nlp, "ik woon in Geel") == [("Geel", "municipality")]


def test_wonen_and_logeren_as_a_verb_are_no_support_type(nlp):
    # "we wonen in 2800" says where the family lives, not that they look for housing.
    found = entities(nlp, "ik zoek thuisbegeleiding voor ons Lisa, we wonen in 2800")
    assert [e for e in found if e[1] != "verb_phrase"] == [
        ("thuisbegeleiding", "support_type"),
        ("2800", "postcode"),
    ]
    for text in ("wij wonen in Gent", "nu wonen we in Aalst", "Lisa en ik wonen in Gent"):
        assert "support_type" not in {label for _, label in entities(nlp, text)}, text
    assert ("logeren", "support_type") not in entities(nlp, "we logeren soms bij oma")


def test_wonen_and_logeren_as_the_help_asked_for_stay_a_support_type(nlp):
    for text in ("waar kan ik logeren in limburg", "waar kunnen we wonen", "ik zoek wonen"):
        assert {label for _, label in entities(nlp, text)} & {"support_type"}, text
    assert entities(nlp, "ons ouders wonen in Lier")[0] == ("ouders", "relation")
    assert entities(nlp, "ik zoek begeleid wonen") == [("begeleid wonen", "support_type")]


def test_everyday_words_for_household_help_and_down_syndrome_are_found(nlp):
    # "ik zoek iemand die ons moeder kan helpen met het huishouden" fell back; "ze heeft
    # downsyndroom" was not understood at the target group question.
    found = entities(nlp, "ik zoek iemand die ons moeder kan helpen met het huishouden")
    assert ("helpen met het huishouden", "support_type") in found
    assert ("hulp bij het huishouden", "support_type") in entities(
        nlp, "hulp bij het huishouden in Gent"
    )
    for text in ("ze heeft downsyndroom", "hij heeft het down syndroom"):
        assert [label for _, label in entities(nlp, text)] == ["target_group"], text


def test_ma_and_pa_after_a_possessive_are_a_parent_and_alone_are_no_relation(nlp):
    # "voor ons ma" was someone else without a relation: "de persoon voor wie je zoekt".
    for text, words in (("voor ons ma", "ons ma"), ("mijne pa is 70", "mijne pa")):
        assert entities(nlp, text) == [(words, "relation")], text
    # "ma" is as often "maar" in Flemish chat.
    assert entities(nlp, "ma ik weet het niet") == []
    synonyms = nlp_pipeline.entity_synonyms()["ouder"]
    assert {"ons ma", "mijne pa", "onze pa"} <= set(synonyms)
