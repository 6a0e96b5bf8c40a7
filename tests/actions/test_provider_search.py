"""The provider search: reading the answers (validate_provider_search_form), results five
at a time, "Meer tonen", "Andere gemeente" and the wider search."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from actions import places
from actions.provider_search import (
    ActionForgetPlace,
    ActionShowMoreProviders,
    ActionShowProviders,
    ActionWidenSearch,
    ValidateProviderSearchForm,
    _title,
    searched,
)
from knowledge import db
from tests.actions.conftest import Turn, load_tracker, run_action, slot_event, user

DEMO = "Let op, dit is een voorbeeld. Het zijn geen echte organisaties."
# After the results: more, or change the place, the support type or the target group.
CHANGE_BUTTONS = ["Andere gemeente", "Andere soort hulp", "Andere doelgroep"]
MORE_BUTTONS = ["Meer tonen", *CHANGE_BUTTONS, "Iets anders vragen"]
LAST_BUTTONS = [*CHANGE_BUTTONS, "Iets anders vragen"]
LAST = "Meer vond ik niet. Wil je de gemeente, de soort hulp of de doelgroep aanpassen?"
NONE_FOUND = (
    "Ik zocht logeren (kortverblijf) voor mensen met autisme in Leuven, maar vond geen "
    "aanbieders, sorry. Dat wil niet zeggen dat er geen hulp is.\nZullen we breder zoeken?"
)
# A search without result in Leuven; without the target group it finds one provider.
NOTHING_IN_LEUVEN = {"support_type": "logeren", "target_group": "autisme"}
# Said before the results outside the municipality searched.
ELSEWHERE_IN_VLAAMS_BRABANT = "Niet in Leuven zelf, maar wel elders in de provincie Vlaams-Brabant:"
# What the saved search (Leuven, "maakt niet uit" twice) is said as.
SEARCHED = "Ik zocht alle soorten hulp voor alle doelgroepen in Leuven."


async def answer(question: str, said: dict, extracted: dict) -> Turn:
    tracker = load_tracker(
        "provider_search_asks_place", said, extracted=extracted, slots={"requested_slot": question}
    )
    return await run_action(ValidateProviderSearchForm(), tracker)


@pytest.mark.parametrize(
    ("said", "extracted", "place", "told"),
    [
        (
            user("in Leuven", "inform", {"municipality": "Leuven"}),
            {"place": "Leuven"},
            "Leuven",
            [],
        ),
        (
            user("9000", "inform", {"postcode": "9000"}),
            {"place": "9000"},
            "Gent",
            ["Postcode 9000 is Gent."],
        ),
        (
            user("Limburg", "inform", {"province": "Limburg"}),
            {"place": "Limburg"},
            "provincie Limburg",
            [],
        ),
        # No place at all: search everywhere.
        (user("/skip", "skip"), {"place": "/skip"}, "overal", []),
    ],
)
async def test_the_place_to_search_is_understood(said, extracted, place, told):
    turn = await answer("place", said, extracted)

    assert turn.slots == {"place": place}
    assert turn.texts == told


async def test_a_target_group_told_while_the_kind_of_help_is_asked_is_read_back():
    """ "ze heeft een verstandelijke beperking" while the form asked the kind of help: the
    same question came again, with no sign that the target group was understood."""
    said = user(
        "ze heeft een verstandelijke beperking",
        "inform",
        {"target_group": ("verstandelijke_beperking", "verstandelijke beperking")},
    )

    turn = await answer("support_type", said, {"target_group": "verstandelijke_beperking"})

    assert turn.slots == {"target_group": "verstandelijke_beperking"}
    assert turn.texts == ["Ik lees: verstandelijke beperking."]


async def test_the_answer_asked_for_with_more_is_not_read_back():
    said = user(
        "een dagcentrum voor autisme",
        "inform",
        {"support_type": ("dagondersteuning", "dagcentrum"), "target_group": "autisme"},
    )

    turn = await answer(
        "support_type", said, {"support_type": "dagondersteuning", "target_group": "autisme"}
    )

    assert turn.slots == {"support_type": "dagondersteuning", "target_group": "autisme"}
    assert turn.texts == []


async def test_a_place_skipped_in_wat_past_bij_mij_is_asked_here():
    turn = await answer(
        "place", user("ik zoek een dagcentrum", "find_provider"), {"place": "onbekend"}
    )

    assert turn.slots == {"place": None}
    assert turn.texts == []


@pytest.mark.parametrize("text", ["Luik", "in Frankrijk"])
async def test_a_place_outside_flanders_and_brussels_is_asked_again(text):
    turn = await answer("place", user(text, "inform"), {"place": text})

    assert turn.slots == {"place": None}
    assert turn.texts == ["Ik ken alleen hulp in Vlaanderen en Brussel."]


async def test_an_unknown_place_is_asked_again():
    turn = await answer("place", user("Gotham", "inform"), {"place": "Gotham"})

    assert turn.slots == {"place": None}
    assert turn.responses == ["utter_place_not_found"]


@pytest.mark.parametrize(
    ("question", "said", "extracted", "value"),
    [
        (
            "support_type",
            user('/inform{"support_type": "logeren"}', "inform", {"support_type": "logeren"}),
            {"support_type": "logeren"},
            "logeren",
        ),
        (
            "support_type",
            user("iets voor overdag", "inform", {"support_type": "dagondersteuning"}),
            {"support_type": "iets voor overdag"},
            "dagondersteuning",
        ),
        ("support_type", user("/skip", "skip"), {"support_type": "/skip"}, "alle"),
        (
            "target_group",
            user("hij heeft autisme", "inform", {"target_group": "autisme"}),
            {"target_group": "hij heeft autisme"},
            "autisme",
        ),
        (
            "target_group",
            user("maakt niet uit", "skip"),
            {"target_group": "maakt niet uit"},
            "alle",
        ),
    ],
)
async def test_a_support_type_or_target_group_is_understood(question, said, extracted, value):
    turn = await answer(question, said, extracted)

    assert turn.slots == {question: value}
    assert turn.texts == []


@pytest.mark.parametrize("question", ["support_type", "target_group"])
async def test_words_that_name_no_category_are_asked_again(question):
    turn = await answer(question, user("iets leuks", "inform"), {question: "iets leuks"})

    assert turn.slots == {question: None}
    assert turn.texts == ['Dat begrijp ik niet goed. Kies een knop, of typ "sla over".']


def search_again(said: dict, extracted: dict, right_after_results: bool = False):
    """The form starting again after the saved search (Leuven, "maakt niet uit" twice):
    Rasa's validation at activation gets every prefilled answer, with what the new
    request filled. `right_after_results`: the results were the answer just before."""
    shown = {"provider_page": 1.0} if right_after_results else None
    tracker = load_tracker("provider_search_done", said, slots=shown)
    prefilled = {"place": "Leuven", "support_type": "alle", "target_group": "alle", **extracted}
    tracker.events += [slot_event(slot, value) for slot, value in prefilled.items()]
    tracker.slots.update(prefilled)
    return tracker


async def test_a_new_search_for_a_target_group_asks_the_kind_of_help_again():
    said = user(
        "ik zoek iets voor nah in antwerpen",
        "find_provider",
        {"target_group": "nah", "municipality": "Antwerpen"},
    )
    tracker = search_again(said, {"target_group": "nah", "place": "Antwerpen"})

    turn = await run_action(ValidateProviderSearchForm(), tracker)

    assert turn.slots["support_type"] is None  # asked again, not the earlier "alle"
    assert turn.slots["target_group"] == "nah"
    assert turn.slots["place"] == "Antwerpen"


async def test_a_follow_up_on_the_results_read_as_a_new_search_changes_only_what_it_names():
    """ "En woonondersteuning?" right after the results changes the kind of help of the search
    just shown, also when the classifier reads it as a new search (find_provider)."""
    said = user("En woonondersteuning?", "find_provider", {"support_type": "woonondersteuning"})
    tracker = search_again(said, {"support_type": "woonondersteuning"}, right_after_results=True)

    turn = await run_action(ValidateProviderSearchForm(), tracker)

    assert turn.slots["support_type"] == "woonondersteuning"
    assert turn.slots["target_group"] == "alle"  # kept, not asked again
    assert turn.slots["place"] == "Leuven"


async def test_a_new_search_for_a_target_group_later_on_still_asks_the_kind_of_help_again():
    """Only right after the results: the same words later start a new search."""
    said = user("en iets voor nah", "find_provider", {"target_group": "nah"})
    tracker = search_again(said, {"target_group": "nah"})

    turn = await run_action(ValidateProviderSearchForm(), tracker)

    assert turn.slots["support_type"] is None


async def test_a_new_search_without_a_kind_of_help_or_target_group_keeps_both():
    tracker = search_again(user("zoek opnieuw", "find_provider"), {})

    turn = await run_action(ValidateProviderSearchForm(), tracker)

    assert turn.slots["support_type"] == "alle"
    assert turn.slots["target_group"] == "alle"


async def start_search(said: dict, extracted: dict) -> Turn:
    """The provider search starting on the message `said` (Rasa's validation at activation)."""
    tracker = load_tracker("welcome", said)
    tracker.events += [slot_event(slot, value) for slot, value in extracted.items()]
    tracker.slots.update(extracted)
    return await run_action(ValidateProviderSearchForm(), tracker)


async def test_a_search_for_someone_past_65_first_says_the_age_rule():
    """Found as a new user: "mijn mama is 80 kan zij nog naar een dagcentrum" asked the
    place at once; the VAPH's help is for who first asks for it before 65."""
    said = user(
        "mijn mama is 80 kan zij nog naar een dagcentrum",
        "find_provider",
        {"relation": ("ouder", "mama"), "age": "80", "support_type": "dagondersteuning"},
    )

    turn = await start_search(said, {"support_type": "dagondersteuning"})

    assert turn.texts[0].splitlines()[1:] == [
        "Je mama is 80.",
        "Een eerste aanvraag kan tot 65 jaar.",
        "Wie vóór 65 jaar erkend werd, kan later nog hulp vragen.",
    ]
    assert turn.slots["support_type"] == "dagondersteuning"


@pytest.mark.parametrize(
    ("text", "entities", "extracted"),
    [
        # Brussels is searched, not explained (the check answers whom the VAPH helps there).
        (
            "ik zoek een dagcentrum in Schaarbeek",
            {"municipality": "Schaarbeek"},
            {"place": "Schaarbeek"},
        ),
        ("ik zoek begeleiding voor mijn zoon van 19", {"age": "19"}, {}),
    ],
)
async def test_a_search_without_an_age_past_65_starts_without_an_answer(text, entities, extracted):
    turn = await start_search(user(text, "find_provider", entities), extracted)

    assert turn.texts == []


# --- the results ------------------------------------------------------------------------------


async def show(action, **slots) -> Turn:
    """`action` after the saved search: Leuven, every support type, every target group."""
    return await run_action(action, load_tracker("provider_search_done", slots=slots))


def town_of(heading: str) -> str:
    """The municipality in a result's first line: every example provider's name ends with
    it ("1. Voorbeeld Dagcentrum De Berk (Leuven)")."""
    return heading.rsplit("(", 1)[1].rstrip(")")


async def test_the_first_five_results_nearest_first_with_more_to_come():
    turn = await show(ActionShowProviders())

    assert turn.responses == [
        "utter_providers_demo",
        "utter_providers_found",
        "utter_providers_more",
    ]
    assert turn.texts[0] == DEMO
    found = turn.texts[1]
    assert found.startswith(f"{SEARCHED} Ik vond 6 aanbieders. Dit zijn er 1 tot 5:\n\n")
    assert found.split("\n\n")[1] == (
        "1. Voorbeeld Assistentiedienst De Hazelaar (Leuven)\n"
        "Geen vergunning van het VAPH\n"
        "Telefoon: 000 00 20 20\n"
        "Website: https://voorbeeld-020.example.org"
    )
    # Leuven first, then the rest of the province, after a line that says so.
    blocks = found.split("\n\n")[1:]
    assert blocks[2] == ELSEWHERE_IN_VLAAMS_BRABANT
    headings = [block.split("\n")[0] for block in blocks if block != ELSEWHERE_IN_VLAAMS_BRABANT]
    assert [town_of(heading) for heading in headings] == [
        "Leuven",
        "Leuven",
        "Halle",
        "Halle",
        "Vilvoorde",
    ]
    assert (
        "2. Voorbeeld Dagcentrum De Berk (Leuven)\n"
        "Vergunde zorgaanbieder: erkend door het VAPH" in found
    )
    assert turn.buttons == MORE_BUTTONS
    assert turn.slots == {"requested_slot": None, "provider_page": 1.0}


@pytest.mark.parametrize(
    ("name", "town", "title"),
    [
        ("Dagcentrum De Berk (Leuven)", "Leuven", "Dagcentrum De Berk (Leuven)"),
        ("Dienstencentrum Ons Huis", "Leuven", "Dienstencentrum Ons Huis, Leuven"),
        ("Thuisbegeleiding Gentse Kanalen", "Gent", "Thuisbegeleiding Gentse Kanalen, Gent"),
        ("Woonzorg Sint-Truiden", "Sint-Truiden", "Woonzorg Sint-Truiden"),
    ],
)
def test_a_result_names_its_municipality_once(name, town, title):
    provider = SimpleNamespace(name=name, municipality=SimpleNamespace(name=town))

    assert _title(provider) == title


async def test_results_only_outside_the_place_searched_say_so_in_brussels_too():
    turn = await show(ActionShowProviders(), place="Elsene")

    blocks = turn.texts[1].split("\n\n")
    assert blocks[0].startswith("Ik zocht alle soorten hulp voor alle doelgroepen in Elsene.")
    assert blocks[1] == "Niet in Elsene zelf, maar wel elders in Brussel:"
    assert blocks[2].startswith("1. ")
    assert sum(block.startswith("Niet in ") for block in blocks) == 1


async def test_more_results_shows_the_next_page_and_says_that_was_all():
    turn = await show(ActionShowMoreProviders(), provider_page=1.0)

    assert turn.responses == [
        "utter_providers_demo",
        "utter_providers_found",
        "utter_providers_last",
    ]
    assert turn.texts[1] == (
        f"{SEARCHED} Ik vond 6 aanbieders. Dit zijn er 6 tot 6:\n\n"
        f"{ELSEWHERE_IN_VLAAMS_BRABANT}\n\n"
        "6. Voorbeeld Woongroep De Eik (Vilvoorde)\n"
        "Geen vergunning van het VAPH\n"
        "Telefoon: 000 00 22 22\n"
        "Website: https://voorbeeld-022.example.org"
    )
    assert turn.texts[2] == LAST
    assert turn.buttons == LAST_BUTTONS
    assert turn.slots == {"provider_page": 2.0}


async def test_more_results_after_the_last_page_says_that_was_all_and_keeps_the_page():
    turn = await show(ActionShowMoreProviders(), provider_page=2.0)

    assert turn.responses == ["utter_providers_last"]
    assert turn.texts == [LAST]
    assert turn.buttons == LAST_BUTTONS
    assert turn.events == []


async def test_more_results_after_nothing_found_searches_wider():
    """ "nog andere?" right after "vond geen aanbieders" repeated that nothing was found;
    more of nothing is the wider search the answer offered."""
    nothing_found = [
        {"event": "action", "name": "action_show_providers"},
        slot_event("provider_page", None),
    ]
    tracker = load_tracker(
        "provider_search_done",
        user("nog andere?", "more_results"),
        slots=NOTHING_IN_LEUVEN,
        earlier=nothing_found,
    )
    turn = await run_action(ActionShowMoreProviders(), tracker)

    assert turn.texts[0] == "Ik zoek nu breder: voor alle doelgroepen."
    assert turn.texts[2].startswith(
        "Ik zocht logeren (kortverblijf) voor alle doelgroepen in Leuven. Ik vond deze aanbieder:"
    )
    assert NONE_FOUND not in turn.texts


async def test_more_results_before_any_results_were_shown_shows_the_first_page():
    turn = await run_action(
        ActionShowMoreProviders(),
        load_tracker("provider_search_done", user("meer", "more_results")),
    )

    assert turn.responses[-2:] == ["utter_providers_found", "utter_providers_more"]
    assert turn.slots == {"provider_page": 1.0}


async def test_a_province_is_searched_as_a_whole():
    turn = await show(ActionShowProviders(), place="provincie Limburg")

    assert turn.texts[1].startswith(
        "Ik zocht alle soorten hulp voor alle doelgroepen in de provincie Limburg. "
        "Ik vond 6 aanbieders. Dit zijn er 1 tot 5:"
    )
    towns = {town_of(block.split("\n")[0]) for block in turn.texts[1].split("\n\n")[1:]}
    assert towns <= {"Hasselt", "Genk", "Sint-Truiden"}


async def test_no_result_offers_a_wider_search():
    turn = await show(ActionShowProviders(), **NOTHING_IN_LEUVEN)

    assert turn.texts == [NONE_FOUND]
    assert turn.buttons == ["Breder zoeken", *CHANGE_BUTTONS, "Met een mens praten"]
    assert turn.slots == {"requested_slot": None, "provider_page": None}


async def test_no_result_in_easy_language():
    turn = await show(ActionShowProviders(), **NOTHING_IN_LEUVEN, reading_level="eenvoudig")

    assert turn.texts == [
        "Ik zocht logeren (kortverblijf) voor mensen met autisme in Leuven.\n"
        "Ik vond niets, sorry.\nWil je breder zoeken?\nOf wil je iets anders zoeken?"
    ]


@pytest.mark.parametrize(
    ("place", "support_type", "target_group", "words"),
    [
        ("Gent", "dagondersteuning", "alle", "dagondersteuning voor alle doelgroepen in Gent"),
        (
            "provincie Limburg",
            "alle",
            "autisme",
            "alle soorten hulp voor mensen met autisme in de provincie Limburg",
        ),
        ("overal", None, None, "hulp in heel Vlaanderen en Brussel"),
    ],
)
def test_what_was_searched_is_said_in_words(place, support_type, target_group, words):
    with db.session() as session:
        described = places.describe(session, place)
    assert searched(described, support_type, target_group) == words


async def test_a_single_result_is_announced_in_the_singular():
    turn = await show(ActionWidenSearch(), **NOTHING_IN_LEUVEN)

    assert "Ik vond 1 aanbieders" not in turn.text
    assert turn.responses == [
        "utter_search_widened",
        "utter_providers_demo",
        "utter_providers_found_one",
        "utter_providers_last",
    ]
    assert turn.texts[2] == (
        "Ik zocht logeren (kortverblijf) voor alle doelgroepen in Leuven. "
        "Ik vond deze aanbieder:\n\n"
        f"{ELSEWHERE_IN_VLAAMS_BRABANT}\n\n"
        "1. Voorbeeld Permanentiedienst De Linde (Vilvoorde)\n"
        "Vergunde zorgaanbieder: erkend door het VAPH\n"
        "Telefoon: 000 00 21 21\n"
        "Website: https://voorbeeld-021.example.org"
    )


@pytest.mark.parametrize(
    ("slots", "widened", "changed", "found"),
    [
        (
            {"support_type": "logeren", "target_group": "autisme"},
            "voor alle doelgroepen",
            {"target_group": "alle"},
            "Ik zocht logeren (kortverblijf) voor alle doelgroepen in Leuven. "
            "Ik vond deze aanbieder:",
        ),
        (
            {"support_type": "logeren"},
            "voor alle soorten hulp",
            {"support_type": "alle"},
            f"{SEARCHED} Ik vond 6 aanbieders.",
        ),
        (
            {"place": "Boutersem"},
            "in de hele provincie",
            {"place": "provincie Vlaams-Brabant"},
            "Ik zocht alle soorten hulp voor alle doelgroepen in de provincie Vlaams-Brabant. "
            "Ik vond 6 aanbieders.",
        ),
        (
            {"place": "provincie Limburg"},
            "in heel Vlaanderen en Brussel",
            {"place": "overal"},
            "Ik zocht alle soorten hulp voor alle doelgroepen in heel Vlaanderen en Brussel. "
            "Ik vond 36 aanbieders.",
        ),
    ],
)
async def test_a_wider_search_leaves_out_one_thing_at_a_time(slots, widened, changed, found):
    turn = await show(ActionWidenSearch(), **slots)

    assert turn.texts[0] == f"Ik zoek nu breder: {widened}."
    assert turn.texts[2].startswith(found)
    assert turn.slots == {**changed, "provider_page": 1.0}


async def test_a_search_everywhere_cannot_be_widened():
    turn = await show(ActionWidenSearch(), place="overal")

    assert turn.texts == [
        "Breder zoeken kan niet meer. Een Dienst Ondersteuningsplan (DOP) kan samen met je zoeken."
    ]
    assert turn.buttons == ["Uitleg over de DOP", "Met een mens praten"]
    assert turn.events == []


@pytest.mark.parametrize(
    ("said", "forgotten"),
    [
        (user("andere gemeente", "other_place"), "place"),
        # The buttons "Andere soort hulp" and "Andere doelgroep" (domain.yml)
        (
            user(
                '/other_place{"intake_topic": "support_type"}',
                "other_place",
                {"intake_topic": "support_type"},
            ),
            "support_type",
        ),
        (
            user(
                '/other_place{"intake_topic": "target_group"}',
                "other_place",
                {"intake_topic": "target_group"},
            ),
            "target_group",
        ),
        # An answer the search does not ask is no answer to change: the place is asked.
        (
            user('/other_place{"intake_topic": "wonen"}', "other_place", {"intake_topic": "wonen"}),
            "place",
        ),
    ],
)
async def test_another_answer_forgets_that_answer_and_the_page(said, forgotten):
    tracker = load_tracker("provider_search_done", said, slots={"provider_page": 1.0})

    turn = await run_action(ActionForgetPlace(), tracker)

    assert turn.texts == []
    assert turn.slots == {forgotten: None, "provider_page": None}


# --- what was searched, said with the results ---------------------------------------------


async def test_the_results_in_easy_language_say_what_was_searched_one_thing_a_line():
    turn = await show(ActionShowProviders(), reading_level="eenvoudig")

    assert turn.texts[1].startswith(
        "Ik zocht alle soorten hulp voor alle doelgroepen in Leuven.\n"
        "Ik vond 6 aanbieders.\nDit zijn er 1 tot 5:\n\n1. "
    )
    assert turn.texts[2] == "Wil je er meer zien?\nOf wil je iets anders zoeken?"
    assert turn.buttons == MORE_BUTTONS


async def test_a_single_result_in_easy_language_says_what_was_searched():
    turn = await show(ActionWidenSearch(), **NOTHING_IN_LEUVEN, reading_level="eenvoudig")

    assert turn.texts[2].startswith(
        "Ik zocht logeren (kortverblijf) voor alle doelgroepen in Leuven.\n"
        f"Ik vond deze aanbieder:\n\n{ELSEWHERE_IN_VLAAMS_BRABANT}\n\n1. "
    )
    assert turn.texts[3] == "Meer vond ik niet.\nWil je iets anders zoeken?"
    assert turn.buttons == LAST_BUTTONS


POSTCODE_9000 = user("9000", "inform", {"postcode": "9000"})


@pytest.mark.parametrize(
    ("earlier", "place", "shown"),
    [
        # The postcode as an entity, or only typed (the form read the free text).
        ([POSTCODE_9000], "Gent", "in Gent (postcode 9000)."),
        ([user("9000", "inform")], "Gent", "in Gent (postcode 9000)."),
        ([user("in 9000 graag", "inform")], "Gent", "in Gent (postcode 9000)."),
        # A later answer to another question does not hide the postcode.
        ([POSTCODE_9000, user("/skip", "skip")], "Gent", "in Gent (postcode 9000)."),
        # A municipality named after the postcode: its name is enough.
        (
            [POSTCODE_9000, user("Leuven", "inform", {"municipality": "Leuven"})],
            "Leuven",
            "in Leuven.",
        ),
        # A postcode of another municipality is never shown with this one.
        ([user("3000", "inform", {"postcode": "3000"})], "Gent", "in Gent."),
        # A province has no postcode.
        ([POSTCODE_9000], "provincie Oost-Vlaanderen", "in de provincie Oost-Vlaanderen."),
    ],
)
async def test_a_postcode_is_shown_with_its_municipality(earlier, place, shown):
    tracker = load_tracker("provider_search_done", slots={"place": place})
    tracker.events.extend(earlier)  # the messages since the search was done

    turn = await run_action(ActionShowProviders(), tracker)

    found = next(text for text in turn.texts if text.startswith("Ik zocht "))
    assert found.split(" Ik vond ")[0].endswith(shown), found


async def test_no_result_shows_the_postcode_too():
    tracker = load_tracker(
        "provider_search_done",
        POSTCODE_9000,
        slots={"place": "Gent", "support_type": "logeren", "target_group": "autisme"},
    )

    turn = await run_action(ActionShowProviders(), tracker)

    assert turn.responses == ["utter_providers_none"]
    assert turn.texts[0].startswith(
        "Ik zocht logeren (kortverblijf) voor mensen met autisme in Gent (postcode 9000), "
    )


def new_search(said: dict, extracted: dict):
    """The form starting in a new conversation: Rasa's validation at activation gets what
    the request filled."""
    tracker = load_tracker("welcome", said)
    tracker.events += [slot_event(slot, value) for slot, value in extracted.items()]
    tracker.slots.update(extracted)
    return tracker


async def test_a_search_for_a_relative_says_for_whom_so_the_questions_name_him():
    """ "een logeerhuis voor ons zoon": the target group question was "Voor wie is de
    hulp?" right after he was named; with the speaker known it is "Wat past het best bij je
    zoon?" (domain.yml, utter_ask_target_group)."""
    said = user(
        "wij zoeken een logeerhuis voor ons zoon in leuven",
        "find_provider",
        {
            "support_type": ("logeren", "logeerhuis"),
            "relation": ("kind", "zoon"),
            "municipality": "Leuven",
        },
    )
    tracker = new_search(said, {"support_type": "logeren", "place": "Leuven"})

    turn = await run_action(ValidateProviderSearchForm(), tracker)

    assert (turn.slots["speaker"], turn.slots["person_ref"]) == ("network", "je zoon")
    assert turn.slots["support_type"] == "logeren" and turn.slots["place"] == "Leuven"


async def test_a_search_for_oneself_or_for_nobody_named_says_nothing_about_whom():
    said = user("ik zoek een dagcentrum in gent", "find_provider", {"municipality": "Gent"})

    turn = await run_action(ValidateProviderSearchForm(), new_search(said, {"place": "Gent"}))

    assert "speaker" not in turn.slots
