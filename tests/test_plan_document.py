"""The draft ondersteuningsplan as a structured document (bot/plan_document.py): pure."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from bot.intake_catalogue import DOMAINS, STORY_SLOTS, URGENCY_SLOTS, WHO
from bot.plan_document import FORMAT, NOT_FILLED, NOTICE, build_document

CREATED = datetime(2026, 11, 3, 9, 15, tzinfo=timezone.utc)
UPDATED = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)

ANSWERS = {
    "consent": "ja",
    "speaker": "network",
    "person_name": "Lotte",
    "relation": "ouder",
    "plan_name": "Lotte gaat op kamers",
    "good_day": "Koffie drinken in het café met Jens.",
    "what_matters": "Mijn kat Mimi.",
    "strengths": "onbekend",
    "hard_now": "Alleen de trein nemen.",
    "wonen_now": "Ik woon bij mama en papa.",
    "wonen_wish": "woonondersteuning",
    "wonen_often": "3",
    "wonen_who": "netwerk,vergund",
    "dagbesteding_now": "Ik ga naar school.",
    "dagbesteding_wish": "dagondersteuning",
    "dagbesteding_often": "4",
    "dagbesteding_who": "vergund",
    "huishouden_wish": "individuele_praktische_hulp",
    "huishouden_often": "2,5",
    "huishouden_who": "niet_vergund, eigen",
    "zelfzorg_wish": "oproepbare_permanentie",
    "zelfzorg_often": "nodig",
    "zelfzorg_who": "vergund",
    "relaties_wish": "logeren",
    "relaties_often": "twee weekends per jaar",
    "relaties_who": "rth",
    "communicatie_wish": "Iemand die gebarentaal kent",
    "communicatie_often": "onbekend",
    "communicatie_who": "welzijn, mijn buurvrouw",
    "vrije_tijd_wish": "geen",
    "mobiliteit_wish": "onbekend",
    "network.1.name": "Mama",
    "network.1.relation": "moeder",
    "network.1.does_now": "Ze kookt elke dag.",
    "network.1.could_do": "onbekend",
    "network.2.name": "Jens",
    "network.2.relation": "vriend",
    "network.2.does_now": "We gaan samen zwemmen.",
    "network.2.could_do": "Mee naar de winkel.",
    "urgency_sustainable": "Nee, mama wordt moe.",
    "urgency_gap": "onbekend",
    "spending": "combinatie",
    "providers": "De Brug in Gent",
    "plan_confirmed": "ja",
}


def build(answers: dict[str, str] | None = None, version: int = 2) -> dict:
    return build_document(CREATED, UPDATED, version, ANSWERS if answers is None else answers)


def part(document: dict, part_id: str) -> dict:
    return next(p for p in document["parts"] if p["id"] == part_id)


def wish(document: dict, domain: str) -> dict:
    return next(w for w in part(document, "vraag")["wishes"] if w["domain"]["id"] == domain)


def test_five_parts_in_the_order_of_the_official_form():
    document = build()

    assert document["format"] == FORMAT == "wegwijzer-ondersteuningsplan/1"
    assert [p["id"] for p in document["parts"]] == [
        "identificatie",
        "huidige_situatie",
        "vraag",
        "vraagverheldering",
        "dringendheid",
    ]
    assert [p["number"] for p in document["parts"]] == [1, 2, 3, 4, 5]
    assert document["notice"] == (
        "Dit is een voorbereiding op het officiële ondersteuningsplan PVB. Het is geen aanvraag."
    )
    assert document["notice"] == NOTICE
    assert document["version"]["number"] == 2
    assert document["version"]["text"] == "Versie 2 van 24 november 2026"
    assert json.loads(json.dumps(document)) == document  # JSON-ready


def test_unconfirmed_plan_says_so():
    version = build(version=0)["version"]

    assert version == {
        "number": 0,
        "confirmed": False,
        "date": "24 november 2026",
        "text": "Versie 0 van 24 november 2026: nog niet bevestigd",
    }


def test_identification_has_only_the_chosen_name_and_who_filled_it_in():
    identification = part(build(), "identificatie")

    assert identification["plan_name"] == "Lotte gaat op kamers"
    assert identification["filled_in_by"] == {
        "speaker": "network",
        "person_name": "Lotte",
        "relation": "ouder",
        "text": "Iemand uit het netwerk: een ouder van Lotte",
    }
    no_name = part(build({"speaker": "person"}), "identificatie")
    assert no_name["plan_name"] is None
    assert no_name["filled_in_by"]["text"] == "De persoon zelf"


def test_current_situation_has_story_domains_and_network():
    situation = part(build(), "huidige_situatie")

    assert [item["key"] for item in situation["story"]] == list(STORY_SLOTS)
    story = {item["key"]: item for item in situation["story"]}
    assert story["good_day"]["label"] == "Een goede dag"
    assert story["good_day"]["value"] == "Koffie drinken in het café met Jens."
    assert [d["id"] for d in situation["domains"]] == list(DOMAINS)
    assert situation["domains"][0] == {
        "id": "wonen",
        "label": "Wonen",
        "now": "Ik woon bij mama en papa.",
    }
    assert situation["network"] == [
        {
            "name": "Mama",
            "relation": "moeder",
            "does_now": "Ze kookt elke dag.",
            "could_do": NOT_FILLED,
        },
        {
            "name": "Jens",
            "relation": "vriend of vriendin",  # the relation id in words
            "does_now": "We gaan samen zwemmen.",
            "could_do": "Mee naar de winkel.",
        },
    ]


@pytest.mark.parametrize(
    ("domain", "support", "text", "amount", "unit"),
    [
        ("wonen", "Woonondersteuning", "3 nachten per week", 3, "nachten per week"),
        ("dagbesteding", "Dagondersteuning", "4 dagen per week", 4, "dagen per week"),
        ("huishouden", "Individuele praktische hulp", "2,5 uren per week", 2.5, "uren per week"),
        ("zelfzorg", "Oproepbare permanentie", "nodig", None, None),
        ("relaties", "Logeren (kortverblijf)", "twee weekends per jaar", None, None),
        ("communicatie", "Iemand die gebarentaal kent", NOT_FILLED, None, None),
    ],
)
def test_support_and_frequency_in_the_unit_of_each_support_function(
    domain, support, text, amount, unit
):
    wished = wish(build(), domain)

    assert wished["support"]["label"] == support
    assert wished["frequency"] == {"amount": amount, "unit": unit, "text": text}


def test_free_text_wish_has_no_support_type_id():
    wished = wish(build(), "communicatie")

    assert wished["support"] == {"id": None, "label": "Iemand die gebarentaal kent"}
    assert wished["support_function"] is False
    assert wish(build(), "wonen")["support"]["id"] == "woonondersteuning"


def circles(wished: dict) -> dict[str, str]:
    return {circle["id"]: circle["helps_text"] for circle in wished["circles"]}


def test_four_circles_and_the_vaph_flag():
    document = build()

    housing = wish(document, "wonen")
    assert [c["label"] for c in housing["circles"]] == [
        WHO["eigen"],
        WHO["netwerk"],
        WHO["welzijn"],
        "Het VAPH",
    ]
    assert circles(housing) == {"eigen": "nee", "netwerk": "ja", "welzijn": "nee", "vaph": "ja"}
    assert housing["circles"][3]["details"] == [WHO["vergund"]]
    assert housing["vaph"] is True and housing["vaph_text"] == "ja"

    household = wish(document, "huishouden")
    assert circles(household) == {"eigen": "ja", "netwerk": "nee", "welzijn": "nee", "vaph": "ja"}
    assert household["vaph"] is True

    # RTH is VAPH help without a request for a budget.
    short_stay = wish(document, "relaties")
    assert circles(short_stay)["vaph"] == "ja"
    assert short_stay["vaph"] is False and short_stay["vaph_text"] == "nee"

    # Free text next to a known circle stays, as text.
    talking = wish(document, "communicatie")
    assert talking["who"]["ids"] == ["welzijn"]
    assert talking["who"]["other"] == "mijn buurvrouw"
    assert talking["who"]["text"] == f"{WHO['welzijn']}; mijn buurvrouw"
    assert circles(talking) == {"eigen": "nee", "netwerk": "nee", "welzijn": "ja", "vaph": "nee"}
    assert talking["vaph"] is False


def test_vaph_summary_lists_the_support_functions_with_amount_and_unit():
    request = part(build(), "vraag")

    summary = [
        (s["support"]["id"], s["frequency"]["text"], s["domains"]) for s in request["vaph_summary"]
    ]
    assert summary == [
        ("woonondersteuning", "3 nachten per week", ["Wonen"]),
        ("dagondersteuning", "4 dagen per week", ["Dagbesteding en werk"]),
        ("individuele_praktische_hulp", "2,5 uren per week", ["Huishouden en administratie"]),
        ("oproepbare_permanentie", "nodig", ["Zelfzorg en gezondheid"]),
    ]
    assert request["vaph_summary"][0]["frequency"] == {
        "amount": 3,
        "unit": "nachten per week",
        "text": "3 nachten per week",
    }
    assert request["vaph_other"] == []


def test_vaph_summary_adds_up_one_function_asked_in_two_domains():
    answers = {
        "huishouden_wish": "individuele_praktische_hulp",
        "huishouden_often": "2",
        "huishouden_who": "vergund",
        "zelfzorg_wish": "individuele_praktische_hulp",
        "zelfzorg_often": "5",
        "zelfzorg_who": "niet_vergund",
        "mobiliteit_wish": "individuele_praktische_hulp",
        "mobiliteit_often": "9",
        "mobiliteit_who": "netwerk",
    }

    (line,) = part(build(answers), "vraag")["vaph_summary"]

    assert line["frequency"]["text"] == "7 uren per week"
    assert line["domains"] == ["Zelfzorg en gezondheid", "Huishouden en administratie"]


def test_skipped_and_unwanted_help():
    document = build()
    request = part(document, "vraag")

    assert request["no_help"] == ["Vrije tijd"]
    assert request["skipped"] == ["Je verplaatsen (mobiliteit)"]
    wished = {w["domain"]["id"] for w in request["wishes"]}
    assert "vrije_tijd" not in wished and "mobiliteit" not in wished
    story = {item["key"]: item["value"] for item in part(document, "huidige_situatie")["story"]}
    assert story["strengths"] == "Niet ingevuld"
    assert story["dream_leren"] == "Niet ingevuld"  # never asked


def test_life_domains_not_chosen_are_not_discussed_and_say_so():
    answers = {
        "life_domains": "wonen,huishouden",
        "wonen_now": "Ik woon bij mama en papa.",
        "dagbesteding_now": "Ik ga naar school.",
        "dream_wonen": "Op kamers in Gent.",
        "huishouden_now": "Koken lukt niet.",
        "huishouden_wish": "onbekend",
    }
    document = build(answers)

    now = {d["id"]: d["now"] for d in part(document, "huidige_situatie")["domains"]}
    assert now["wonen"] == "Ik woon bij mama en papa."
    assert now["huishouden"] == "Koken lukt niet."
    # Not chosen, but answered before the choice changed: what was said stays.
    assert now["dagbesteding"] == "Ik ga naar school."
    assert now["vrije_tijd"] == now["communicatie"] == "Niet besproken"
    story = {item["key"]: item["value"] for item in part(document, "huidige_situatie")["story"]}
    assert story["dream_wonen"] == "Op kamers in Gent."
    assert story["dream_relaties"] == "Niet besproken"
    assert story["strengths"] == "Niet ingevuld"  # chosen part of the story, skipped
    request = part(document, "vraag")
    assert request["not_discussed"] == [
        "Vrije tijd",
        "Relaties en netwerk",
        "Zelfzorg en gezondheid",
        "Je verplaatsen (mobiliteit)",
        "Communicatie",
    ]
    assert request["skipped"] == ["Huishouden en administratie"]


def test_a_plan_from_before_the_choice_discussed_every_domain():
    request = part(build(), "vraag")

    assert request["not_discussed"] == []


def test_clarification_says_how_and_who():
    clarification = part(build(), "vraagverheldering")

    assert (
        clarification["how"] == "Met Wegwijzer, een chat, van 3 november 2026 tot 24 november 2026."
    )
    assert clarification["participants"] == "Een ouder van Lotte"

    same_day = build_document(UPDATED, UPDATED, 1, {"speaker": "person"})
    assert part(same_day, "vraagverheldering")["how"] == (
        "Met Wegwijzer, een chat, op 24 november 2026."
    )
    assert part(same_day, "vraagverheldering")["participants"] == "De persoon zelf"

    mama = build({"speaker": "network", "person_name": "Lotte", "relation": "mama"})
    assert part(mama, "vraagverheldering")["participants"] == "De mama van Lotte"
    unnamed = build({"speaker": "network", "relation": "broer_zus"})
    assert part(unnamed, "vraagverheldering")["participants"] == "Een broer of zus van de persoon"


def test_urgency_spending_and_providers():
    document = build()

    urgency = part(document, "dringendheid")
    assert urgency["optional"] is True
    assert [item["key"] for item in urgency["items"]] == list(URGENCY_SLOTS)
    values = {item["key"]: item["value"] for item in urgency["items"]}
    assert values["urgency_sustainable"] == "Nee, mama wordt moe."
    assert values["urgency_gap"] == "Niet ingevuld"
    assert document["budget"]["spending"] == {
        "id": "combinatie",
        "text": "Een combinatie van cash en voucher",
    }
    assert document["budget"]["providers"] == "De Brug in Gent"


def test_an_empty_plan_still_has_every_part():
    document = build({}, version=0)

    assert len(document["parts"]) == 5
    request = part(document, "vraag")
    assert request["wishes"] == [] and request["vaph_summary"] == []
    assert part(document, "huidige_situatie")["network"] == []
    assert part(document, "identificatie")["filled_in_by"]["text"] == NOT_FILLED
    assert document["budget"]["spending"]["text"] == NOT_FILLED
