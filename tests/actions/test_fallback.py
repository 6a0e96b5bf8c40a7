"""action_fallback: explain first, offer a human after the second miss in a row."""

from __future__ import annotations

import pytest

from actions import answers
from actions.eligibility_start import right_answer
from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from bot.other_languages import asks_for_another_language
from knowledge import db, queries
from knowledge.models import Right
from tests.actions.conftest import load_tracker, ranked_selection, run_action, slot_event, user

REVERTED = [{"event": "rewind", "timestamp": None}]


async def test_first_miss_explains_with_buttons_and_reverts_the_message():
    turn = await run_action(ActionFallback(), load_tracker("welcome", user("qzxv", "nlu_fallback")))

    assert turn.responses == ["utter_fallback"]
    assert turn.texts == [
        "Sorry, dat heb ik niet goed begrepen. Kan je het anders zeggen? "
        "Of kies hieronder wat je wilt doen."
    ]
    assert turn.buttons == [
        "Wat kan je?",
        "Wat past bij mij?",
        "Ondersteuning zoeken",
        "Met een mens praten",
    ]
    assert turn.events == REVERTED


async def test_first_miss_in_easy_language():
    tracker = load_tracker(
        "welcome", user("qzxv", "nlu_fallback"), slots={"reading_level": "eenvoudig"}
    )

    turn = await run_action(ActionFallback(), tracker)

    assert turn.texts == [
        "Sorry, dat begrijp ik niet.\nKies een knop. Of schrijf het op een andere manier."
    ]


async def test_second_miss_in_a_row_offers_a_human():
    tracker = load_tracker("after_one_miss", user("sdfkj", "gibberish"))

    turn = await run_action(ActionFallback(), tracker)

    assert turn.responses == ["utter_fallback_offer_human"]
    assert turn.text.startswith("Het lukt me niet goed om je te begrijpen, sorry.")
    assert turn.buttons == ["Ja, met een mens praten", "Nee, opnieuw proberen"]
    assert turn.events == REVERTED


async def test_a_miss_after_an_understood_message_starts_counting_again():
    tracker = load_tracker("after_miss_and_answer", user("sdfkj", "nlu_fallback"))

    turn = await run_action(ActionFallback(), tracker)

    assert turn.responses == ["utter_fallback"]


async def test_a_message_in_another_language_is_told_in_dutch_that_only_dutch_is_understood():
    said = user("I need help for my son", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.responses == ["utter_fallback_other_language"]
    assert turn.texts[0].startswith("Sorry, ik begrijp alleen Nederlands.")
    assert "Met een mens praten" in turn.buttons
    assert turn.events == REVERTED


@pytest.mark.parametrize(
    "text",
    [
        "kan ik met jou ook in het frans praten",
        "spreek je engels",
        "kan ik in het arabisch schrijven",
    ],
)
async def test_a_dutch_question_about_another_language_is_told_only_dutch_is_understood(text):
    # nlu_fallback on the model of 2026-12-06; the answer was "Sorry, dat heb ik niet goed
    # begrepen".
    turn = await run_action(ActionFallback(), load_tracker("welcome", user(text, "nlu_fallback")))

    assert turn.responses == ["utter_fallback_other_language"]


@pytest.mark.parametrize(
    "text", ["mijn mama spreekt alleen frans", "wat is een pvb", "hij woont in frankrijk"]
)
def test_a_language_named_as_a_fact_is_no_question_about_this_chat(text):
    assert not asks_for_another_language(text)


async def test_a_second_miss_in_another_language_still_offers_a_human():
    tracker = load_tracker("after_one_miss", user("je cherche de l'aide pour mon fils", "greet"))

    turn = await run_action(ActionFallback(), tracker)

    assert turn.responses == ["utter_fallback_offer_human"]


# --- a place right after search results -------------------------------------------------------

SHOWN_RESULTS = [
    {"event": "action", "name": "action_show_providers"},
    slot_event("provider_page", 1.0),
    {"event": "action", "name": "action_listen"},
]


def after_results(said: dict, answer: list[dict] = SHOWN_RESULTS):
    """The saved search (Leuven, "maakt niet uit" twice), its results, then `said`."""
    tracker = load_tracker("provider_search_done", said)
    tracker.events[-1:-1] = answer
    return tracker


async def test_a_place_right_after_the_results_searches_there_and_ends_the_turn():
    said = user("en in gent", "inform", {"municipality": "Gent"})

    turn = await run_action(ActionFallback(), after_results(said))

    assert turn.texts[1].startswith("Ik zocht alle soorten hulp voor alle doelgroepen in Gent.")
    assert turn.slots["place"] == "Gent"
    assert {"event": "followup", "name": "action_listen"} in [
        {key: event.get(key) for key in ("event", "name")} for event in turn.events
    ]
    assert REVERTED[0] not in turn.events


async def test_a_target_group_right_after_the_results_searches_again_for_that_group():
    said = user("en voor mensen met autisme?", "inform", {"target_group": "autisme"})

    turn = await run_action(ActionFallback(), after_results(said))

    autism = answers.category_words("autisme")
    assert turn.texts[1].startswith(f"Ik zocht alle soorten hulp voor mensen met {autism} in ")
    assert turn.slots["target_group"] == "autisme"
    assert "place" not in turn.slots  # the place of the search stays as it was
    assert REVERTED[0] not in turn.events


async def test_a_kind_of_help_and_a_place_after_the_results_change_both():
    said = user(
        "en woonondersteuning in gent",
        "inform",
        {"support_type": "woonondersteuning", "municipality": "Gent"},
    )

    turn = await run_action(ActionFallback(), after_results(said))

    assert turn.texts[1].startswith("Ik zocht woonondersteuning voor alle doelgroepen in Gent.")
    assert turn.slots["support_type"] == "woonondersteuning"
    assert turn.slots["place"] == "Gent"


async def test_an_unknown_target_group_after_the_results_is_no_search():
    said = user("en voor mijn buurman", "inform", {"target_group": "buurman"})

    turn = await run_action(ActionFallback(), after_results(said))

    assert turn.responses == ["utter_fallback"]


SEARCHED_BY_FALLBACK = [  # "en in gent" answered with the search in Gent
    {"event": "user", "text": "en in gent", "parse_data": {"intent": {"name": "inform"}}},
    {"event": "action", "name": "action_fallback"},
    slot_event("place", "Gent"),
    slot_event("provider_page", 1.0),
    {"event": "followup", "name": "action_listen"},
    {"event": "action", "name": "action_listen"},
]


async def test_a_second_place_after_the_search_of_the_first_searches_there_too():
    said = user("en in 9000", "inform", {"postcode": "9000"})

    turn = await run_action(ActionFallback(), after_results(said, SEARCHED_BY_FALLBACK))

    assert any("in Gent (postcode 9000)." in text for text in turn.texts)


async def test_a_miss_after_a_search_by_place_is_a_first_miss():
    said = user("sdfkj", "gibberish")

    turn = await run_action(ActionFallback(), after_results(said, SEARCHED_BY_FALLBACK))

    assert turn.responses == ["utter_fallback"]


async def test_a_place_without_results_before_it_is_read_back_with_the_menu():
    said = user("en in gent", "inform", {"municipality": "Gent"})

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.responses == ["utter_read_as", "utter_what_next"]  # no search
    assert turn.texts[0] == "Ik lees: Gent."


# --- facts told outside a form ----------------------------------------------------------------


async def test_facts_told_outside_a_form_are_read_back_kept_and_followed_by_the_menu():
    said = user(
        "ik ben de mama van Jonas, hij is 19 en heeft autisme",
        "inform",
        {
            "relation": ("ouder", "mama"),
            "first_name": "Jonas",
            "age": "19",
            "target_group": "autisme",
        },
    )

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts == ["Ik lees: Jonas, 19 jaar, autisme.", "Waarmee kan ik je helpen?"]
    assert "Wat past bij mij?" in turn.buttons
    assert turn.slots["speaker"] == "network"
    assert turn.slots["person_name"] == "Jonas"
    assert REVERTED[0] not in turn.events  # the age and target group Rasa took stay


async def test_a_question_after_facts_read_as_a_bare_answer_gets_the_residence_rule():
    """ "ik woon in Anderlecht, kan ik naar het vaph" (inform 0.97) got only "Ik lees:
    Anderlecht." and the menu: the question was not answered."""
    said = user(
        "ik woon in Anderlecht, kan ik naar het vaph", "inform", {"municipality": "Anderlecht"}
    )

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0] == "Ik lees: Anderlecht."
    assert (
        "Je woont in Anderlecht, en dit is voor wie in Vlaanderen of Brussel woont."
        in (turn.texts[1])
    )
    assert turn.texts[-1] == "Waarmee kan ik je helpen?"


async def test_a_question_without_a_comma_after_a_place_gets_the_residence_rule():
    """ "ik woon in Brussel kan ik bij het vaph" (nlu_fallback 0.60, check_eligibility 0.52
    under it on the model of 2026-12-06) got only "Ik lees: Brussel." and the menu: with no
    comma, no clause opens as a question."""
    text = "ik woon in Brussel kan ik bij het vaph"
    said = under_the_fallback(
        user(text, "check_eligibility", {"municipality": "Brussel"}),
        [("check_eligibility", 0.52), ("find_provider", 0.12)],
    )

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0] == "Ik lees: Brussel."
    assert (
        "Je woont in Brussel, en dit is voor wie in Vlaanderen of Brussel woont." in (turn.texts[1])
    )
    assert turn.texts[-1] == "Waarmee kan ik je helpen?"


async def test_a_right_asked_for_after_facts_gets_whom_it_is_for():
    """ "mijn dochter heeft down, krijgt ze een pvb" (nlu_fallback 0.60, check_eligibility
    0.58 under it on the model of 2026-12-06) got only "Ik lees: je dochter." and the menu."""
    said = under_the_fallback(
        user("mijn dochter heeft down, krijgt ze een pvb", "check_eligibility",
             {"relation": ("kind", "dochter")}),
        [("check_eligibility", 0.58), ("faq", 0.36)],
    )  # fmt: skip

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0] == "Ik lees: je dochter."
    with db.session() as session:
        pvb = session.get(Right, queries.FIRST_REQUEST_RIGHT)
        assert pvb is not None
        assert turn.texts[1] == right_answer(pvb, "gewoon")
    assert turn.texts[-1] == "Waarmee kan ik je helpen?"


async def test_facts_without_a_question_get_no_rule():
    said = user("ik woon in Anderlecht", "inform", {"municipality": "Anderlecht"})

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts == ["Ik lees: Anderlecht.", "Waarmee kan ik je helpen?"]


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("dagbesteding in 9000",
         {"support_type": ("dagondersteuning", "dagbesteding"), "postcode": "9000"}),
        ("dagcentrum 3500",
         {"support_type": ("dagondersteuning", "dagcentrum"), "postcode": "3500"}),
        ("logeren in de buurt van Brugge voor autisme",
         {"support_type": ("logeren", "logeren"), "municipality": "Brugge",
          "target_group": "autisme"}),
    ],
)  # fmt: skip
async def test_a_kind_of_help_and_a_place_and_nothing_else_start_the_search(text, entities):
    """ "dagcentrum 3500" (inform 0.82) got "Ik lees: dagondersteuning, Hasselt." and the
    menu, and the person had to ask for the search again."""
    turn = await run_action(
        ActionFallback(), load_tracker("welcome", user(text, "inform", entities))
    )

    assert turn.texts == []
    assert {"event": "followup", "name": "provider_search_form", "timestamp": None} in turn.events


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        # A fact about one's life, no search.
        ("ik ga naar een dagcentrum in Gent",
         {"support_type": ("dagondersteuning", "dagcentrum"), "municipality": "Gent"}),
        ("dagbesteding", {"support_type": "dagondersteuning"}),  # no place
    ],
)  # fmt: skip
async def test_a_kind_of_help_told_with_more_words_or_without_a_place_is_read_back(text, entities):
    turn = await run_action(
        ActionFallback(), load_tracker("welcome", user(text, "inform", entities))
    )

    assert turn.texts[0].startswith("Ik lees: dagondersteuning")
    assert not any(event.get("name") == "provider_search_form" for event in turn.events)


def read_back(said: dict) -> list[dict]:
    """`said`, and Wegwijzer's read-back of its facts with the menu (actions/facts_told.py)."""
    return [
        said,
        {"event": "action", "name": "action_fallback"},
        {"event": "bot", "text": "Ik lees: …", "metadata": {"utter_action": "utter_read_as"}},
        {"event": "bot", "text": "Waarmee …", "metadata": {"utter_action": "utter_what_next"}},
        {"event": "action", "name": "action_listen"},
    ]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (user("in kortrijk", "inform", {"municipality": "Kortrijk"}),
         user("dagbesteding", "inform", {"support_type": ("dagondersteuning", "dagbesteding")})),
        (user("logeren", "nlu_fallback", {"support_type": ("logeren", "logeren")}),
         user("in 9000", "inform", {"postcode": "9000"})),
    ],
)  # fmt: skip
async def test_a_kind_of_help_and_a_place_told_in_two_messages_start_the_search(first, then):
    """Found as a new user (2026-12-07): "ik zoek iets voor ons dochter, ze heeft down",
    "in kortrijk", "dagbesteding" were each read back ("Ik lees: Kortrijk.") with the menu,
    and no search started although all it needs was told."""
    tracker = load_tracker("welcome", then, earlier=read_back(first))

    turn = await run_action(ActionFallback(), tracker)

    assert turn.texts == []
    assert {"event": "followup", "name": "provider_search_form", "timestamp": None} in turn.events
    assert turn.slots["support_type"] in ("dagondersteuning", "logeren")
    assert turn.slots["place"] in ("Kortrijk", "Gent")


async def test_a_second_piece_without_a_read_back_before_it_is_read_back():
    earlier = [user("in kortrijk", "inform", {"municipality": "Kortrijk"})]
    then = user("dagbesteding", "inform", {"support_type": ("dagondersteuning", "dagbesteding")})

    turn = await run_action(ActionFallback(), load_tracker("welcome", then, earlier=earlier))

    assert turn.texts[0].startswith("Ik lees: dagondersteuning")


async def test_two_places_in_a_row_are_no_search():
    first = user("in kortrijk", "inform", {"municipality": "Kortrijk"})
    then = user("in gent", "inform", {"municipality": "Gent"})

    turn = await run_action(
        ActionFallback(), load_tracker("welcome", then, earlier=read_back(first))
    )

    assert turn.texts[0].startswith("Ik lees: Gent")


def under_the_fallback(said: dict, ranking: list[tuple[str, float]]) -> dict:
    """`said` as the FallbackClassifier leaves it: nlu_fallback first, then the ranking."""
    parse = said["parse_data"]
    parse["intent"] = {"name": "nlu_fallback", "confidence": 0.6}
    parse["intent_ranking"] = [
        {"name": name, "confidence": confidence}
        for name, confidence in [("nlu_fallback", 0.6), *ranking]
    ]
    return said


async def test_facts_read_as_a_bare_answer_just_under_the_threshold_are_read_back():
    text = "kunde mij helpen, ons zoon heeft een verstandelijke beperking en is 17"
    facts = {"relation": ("kind", "zoon"), "target_group": "verstandelijke_beperking", "age": "17"}
    said = under_the_fallback(user(text, "inform", facts), [("inform", 0.58), ("faq", 0.16)])

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0].startswith("Ik lees: je zoon, 17 jaar, ")
    assert "utter_fallback" not in turn.responses
    assert REVERTED[0] not in turn.events


@pytest.mark.parametrize("under", ["find_provider", "identify_as_network"])
async def test_facts_about_someone_else_under_the_threshold_are_read_back(under):
    """ "ik zoek hulp voor ons moeder, ze is 82" (nlu_fallback, find_provider 0.33 under it)
    was "niet begrepen"; the mother and her age are facts to keep."""
    text = "ik zoek hulp voor ons moeder, ze is 82"
    facts = {"relation": ("ouder", "ons moeder"), "age": "82"}
    said = under_the_fallback(user(text, "inform", facts), [(under, 0.33), ("inform", 0.14)])

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0] == "Ik lees: je moeder, 82 jaar."
    assert turn.slots["speaker"] == "network"
    assert "utter_fallback" not in turn.responses
    assert REVERTED[0] not in turn.events


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        (
            "ik zoek begeleiding thuis in Hasselt",
            {"support_type": ("individuele_psychosociale_begeleiding", "begeleiding thuis"),
             "municipality": "Hasselt"},
        ),
        ("waar vind ik een dagcentrum", {"support_type": ("dagondersteuning", "dagcentrum")}),
    ],
)  # fmt: skip
async def test_a_search_request_just_under_the_threshold_starts_the_search(text, entities):
    """ "ik zoek begeleiding thuis in Hasselt" (nlu_fallback 0.60, find_provider 0.59) got
    "Ik lees: Hasselt. Waarmee kan ik je helpen?" and the search was never started."""
    said = under_the_fallback(user(text, "inform", entities), [("find_provider", 0.59)])

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts == []
    assert {"event": "followup", "name": "provider_search_form", "timestamp": None} in turn.events
    assert REVERTED[0] not in turn.events


def ranked(said: dict, ranking: list[tuple[str, float]]) -> dict:
    """`said` with this intent ranking, its first the intent."""
    parse = said["parse_data"]
    parse["intent"] = {"name": ranking[0][0], "confidence": ranking[0][1]}
    parse["intent_ranking"] = [{"name": name, "confidence": c} for name, c in ranking]
    return said


async def test_a_search_request_read_as_a_bare_answer_starts_the_search():
    """ "ik zoek iets voor ons vader hij is blind en woont in Brugge" (inform 0.74,
    find_provider 0.23) got "Ik lees: ..." and the menu; the person asked for a search."""
    text = "ik zoek iets voor ons vader hij is blind en woont in Brugge"
    entities = {
        "relation": ("ouder", "ons vader"),
        "target_group": ("visuele_beperking", "blind"),
        "municipality": "Brugge",
    }
    said = ranked(user(text, "inform", entities), [("inform", 0.74), ("find_provider", 0.23)])

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts == []
    assert {"event": "followup", "name": "provider_search_form", "timestamp": None} in turn.events


async def test_a_bare_answer_with_another_intent_after_it_reads_the_facts_back():
    text = "ik zoek iets voor ons vader hij is blind en woont in Brugge"
    entities = {"relation": ("ouder", "ons vader"), "municipality": "Brugge"}
    said = ranked(user(text, "inform", entities), [("inform", 0.74), ("faq", 0.23)])

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0].startswith("Ik lees: je vader")
    assert not any(event.get("name") == "provider_search_form" for event in turn.events)


@pytest.mark.parametrize(
    ("text", "entities", "under"),
    [
        # Nothing to search with: the facts are read back (above).
        (
            "ik zoek hulp voor ons moeder, ze is 82",
            {"relation": ("ouder", "ons moeder")},
            "find_provider",
        ),
        # No search asked.
        ("begeleiding thuis in Hasselt is dat duur", {"municipality": "Hasselt"}, "find_provider"),
        # Another intent just under the threshold.
        ("ik zoek uitleg over dagcentra in Gent", {"municipality": "Gent"}, "faq"),
    ],
)  # fmt: skip
async def test_no_search_starts_without_a_search_request_for_a_place_or_kind_of_help(
    text, entities, under
):
    said = under_the_fallback(user(text, "inform", entities), [(under, 0.55)])

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert not any(event.get("name") == "provider_search_form" for event in turn.events)


async def test_a_relative_and_a_fact_under_the_threshold_of_a_greeting_are_read_back():
    """ "goeiemiddag ik ben de zus van Tom, hij heeft nah sinds een ongeval" was
    nlu_fallback with greet 0.55 under it: "Sorry, dat heb ik niet goed begrepen", and the
    sister, Tom and his brain injury were dropped."""
    text = "goeiemiddag ik ben de zus van Tom, hij heeft nah sinds een ongeval"
    facts = {"relation": ("broer_zus", "zus"), "first_name": "Tom", "target_group": "nah"}
    said = under_the_fallback(user(text, "inform", facts), [("greet", 0.55), ("stop", 0.1)])

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0].startswith("Ik lees: Tom, "), turn.texts
    assert turn.slots["speaker"] == "network"
    assert turn.slots["person_name"] == "Tom"
    assert "utter_fallback" not in turn.responses
    assert REVERTED[0] not in turn.events


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("wat kost een dagcentrum", {"support_type": "dagondersteuning"}),
        # A relative without a fact about them.
        ("wat kost een dagcentrum voor mijn zoon", {"relation": ("kind", "zoon")}),
    ],
)
async def test_facts_under_the_threshold_of_another_intent_are_still_a_miss(text, entities):
    said = user(text, "faq", entities)
    said = under_the_fallback(said, [("faq", 0.5), ("inform", 0.3)])

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.responses == ["utter_fallback"]


# --- living outside Flanders and Brussels, told outside a form -------------------------------

OUTSIDE_FLANDERS = (
    "De hulp van het VAPH is voor wie in Vlaanderen of Brussel woont, dus daar kan ik je "
    "minder mee helpen. Vraag bij je eigen gemeente welke hulp er is waar je woont."
)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("ik woon in wallonie", "Wallonië"),
        ("wij wonen in luik", "Wallonië"),
        ("ik woon in nederland", "het buitenland"),
    ],
)
async def test_living_outside_flanders_is_read_back_with_whom_the_vaph_helps(text, place):
    """ "ik woon in wallonie" was nlu_fallback (inform 0.44, other_place 0.41 under it) and
    got "niet begrepen"; the knowledge base holds no place outside Flanders and Brussels."""
    said = under_the_fallback(user(text, "nlu_fallback"), [("other_place", 0.44)])

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts == [f"Ik lees: {place}.", OUTSIDE_FLANDERS, "Waarmee kan ik je helpen?"]
    assert REVERTED[0] not in turn.events


async def test_someone_else_living_in_wallonia_is_read_back_in_easy_language():
    said = user("mijn zoon woont in namen", "inform", {"relation": ("kind", "zoon")})
    tracker = load_tracker("welcome", said, slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionFallback(), tracker)

    assert turn.texts[0] == "Ik lees: je zoon, Wallonië."
    assert turn.texts[1].startswith("Het VAPH helpt alleen mensen uit Vlaanderen en Brussel.")


@pytest.mark.parametrize("text", ["ik heb geen namen", "ik woon in gent, niet in namen"])
async def test_a_place_word_without_living_there_or_a_flemish_place_is_no_outside_answer(text):
    entities = {"municipality": "Gent"} if "gent" in text else {}
    said = under_the_fallback(user(text, "inform", entities), [("inform", 0.5)])

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert "utter_lives_outside_flanders" not in turn.responses


async def test_a_bare_answer_without_facts_is_still_a_miss():
    turn = await run_action(ActionFallback(), load_tracker("welcome", user("ja dat", "inform")))

    assert turn.responses == ["utter_fallback"]
    assert turn.events == REVERTED


# --- a bare "dag": hello or goodbye -----------------------------------------------------------


def session_with_first_message(said: dict):
    """A new session whose first message is `said` (the saved 'welcome' before its 'hallo')."""
    tracker = load_tracker("welcome")
    first_user = next(i for i, e in enumerate(tracker.events) if e.get("event") == "user")
    tracker.events[first_user:] = [said]
    tracker.latest_message = said["parse_data"] | {"text": said["text"]}
    return tracker


@pytest.mark.parametrize("text", ["dag", "Dag!", "salut"])
async def test_a_first_dag_is_a_greeting(text):
    turn = await run_action(
        ActionFallback(), session_with_first_message(user(text, "nlu_fallback"))
    )

    assert turn.responses == ["utter_welcome"]
    assert REVERTED[0] not in turn.events


async def test_a_later_dag_is_a_goodbye():
    turn = await run_action(
        ActionFallback(), load_tracker("faq_answered", user("dag", "nlu_fallback"))
    )

    assert turn.responses == ["utter_goodbye"]


async def test_dag_inside_a_sentence_is_no_greeting():
    said = user("dag en nacht zorg", "nlu_fallback")

    turn = await run_action(ActionFallback(), session_with_first_message(said))

    assert turn.responses == ["utter_fallback"]


# --- open requests and a stop with nothing to stop ------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ik heb hulp nodig", "inform"),  # inform 0.86 on the model of 2026-12-06
        ("ik heb een vraag over mijn budget", "nlu_fallback"),
        # nlu_fallback on this host's model of 2026-12-06 (an unsure FAQ reading on the last
        # host's): "zorgbudget" is a term, so only the announced question says it is none.
        ("ik heb een vraag over mijn zorgbudget", "nlu_fallback"),
        ("kheb een vraag over mijn pgb", "nlu_fallback"),
        ("ik heb nog een paar vragen", "inform"),
        ("ik heb een beperking", "inform"),  # inform 0.69 under the fallback, 2026-12-06
        ("ik heb vragen", "nlu_fallback"),  # nlu_fallback on the model of 2026-12-06
        ("ik zoek informatie", "nlu_fallback"),
        ("ik wou wat meer info aub", "inform"),
        ("Ik heb een handicap.", "nlu_fallback"),
    ],
)
async def test_help_asked_or_a_question_announced_gets_the_offer_of_help(text, intent):
    """All three were "Sorry, dat heb ik niet goed begrepen"."""
    turn = await run_action(ActionFallback(), load_tracker("welcome", user(text, intent)))

    assert turn.responses == ["utter_glad_to_help"]
    assert turn.texts[0].startswith("Ik help je graag.")
    assert "Met een mens praten" in turn.buttons
    assert REVERTED[0] not in turn.events  # understood: no miss


@pytest.mark.parametrize("text", ["ik weet het niet", "geen idee"])  # skip 1.00, 2026-12-06
async def test_a_pass_with_nothing_asked_gets_the_offer_of_help(text):
    turn = await run_action(ActionFallback(), load_tracker("welcome", user(text, "skip")))

    assert turn.responses == ["utter_glad_to_help"]
    assert REVERTED[0] not in turn.events  # understood: no miss


async def test_a_stop_with_nothing_to_stop_asks_whether_to_end_the_talk():
    """ "ik wil stoppen" as a first message was "Sorry, dat heb ik niet goed begrepen"."""
    turn = await run_action(
        ActionFallback(), load_tracker("welcome", user("ik wil stoppen", "stop"))
    )

    assert turn.responses == ["utter_nothing_to_stop"]
    assert turn.buttons == ["Iets anders doen", "We stoppen hier"]


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("ik heb hulp nodig voor mijn zoon", {"relation": ("kind", "zoon")}),
        ("ik heb hulp nodig in Gent", {"municipality": "Gent"}),
        ("blauw", {}),
        ("ik heb een beperking aan mijn been", {}),  # more than the disability alone
        ("ik wil info over mijn gegevens", {}),  # information about something named
        ("ik zoek informatie over het pvb", {}),
    ],
)
async def test_help_for_something_named_or_no_help_asked_is_no_open_request(text, entities):
    turn = await run_action(
        ActionFallback(), load_tracker("welcome", user(text, "inform", entities))
    )

    assert "utter_glad_to_help" not in turn.responses


async def test_a_question_announced_and_read_as_a_faq_question_gets_the_offer_of_help():
    """ "ik heb een vraag over mijn budget" was faq 0.92 (how_to_apply 0.64) on the model of
    2026-12-06 and got how to apply for a budget."""
    said = user(
        "ik heb een vraag over mijn budget",
        "faq",
        response_selector=ranked_selection(("how_to_apply", 0.64), ("costs", 0.1)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses == ["utter_glad_to_help"]


async def test_a_question_announced_in_spoken_flemish_gets_the_offer_of_help():
    """ "kheb een vraag over mijn budget" (faq 1.00, how_to_apply 0.69 on the model of
    2026-12-06) got how to apply for a budget: "kheb" is "ik heb"."""
    said = user(
        "kheb een vraag over mijn budget",
        "faq",
        response_selector=ranked_selection(("how_to_apply", 0.69), ("costs", 0.1)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses == ["utter_glad_to_help"]


@pytest.mark.parametrize(
    "text",
    [
        "ik heb een vraag: hoe vraag ik een pvb aan",
        "ik heb een vraag over mijn budget, hoeveel is dat",
        "ik heb een vraag over mijn budget?",
        "help bij de aanvraag van een pvb",  # help with something named: the FAQ answers it
    ],
)
async def test_a_question_asked_with_it_gets_its_answer(text):
    said = user(text, "faq", response_selector=ranked_selection(("how_to_apply", 0.9)))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert "utter_glad_to_help" not in turn.responses


async def test_facts_about_a_relative_with_what_can_she_get_offer_the_check():
    """ "mijn zus is 30 en heeft een verstandelijke beperking, ze woont bij ons in brugge, wat
    kan ze krijgen" (inform on the model of 2026-12-07) was read back with the menu only."""
    text = (
        "mijn zus is 30 en heeft een verstandelijke beperking, ze woont bij ons in brugge, "
        "wat kan ze krijgen"
    )
    facts = {
        "relation": ("broer_zus", "zus"),
        "age": "30",
        "target_group": ("verstandelijke_beperking", "verstandelijke beperking"),
        "municipality": "Brugge",
    }

    turn = await run_action(ActionFallback(), load_tracker("welcome", user(text, "inform", facts)))

    assert turn.texts[0] == "Ik lees: je zus, 30 jaar, verstandelijke beperking, Brugge."
    assert turn.responses[-1] == "utter_eligibility_offer_someone"
    assert turn.texts[-1].startswith("Wil je weten welke hulp bij je zus past")


def _crisis_second(text: str, confidence: float) -> dict:
    """A message the classifier read as crisis at `confidence`, under the gate's 0.9
    (bot/crisis_classifier_gate.py): crisis second, then the FallbackClassifier."""
    said = user(text, "nlu_fallback")
    said["parse_data"]["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.6},
        {"name": "more_results", "confidence": 1 - confidence},
        {"name": "crisis", "confidence": confidence},
    ]
    return said


async def test_a_message_almost_read_as_a_crisis_gets_the_crisis_lines_after_the_answer():
    turn = await run_action(
        ActionFallback(), load_tracker("welcome", _crisis_second("het is allemaal zo", 0.7))
    )

    assert turn.responses == ["utter_fallback", "utter_fallback_crisis_lines"]
    lines = turn.texts[1]
    assert lines.startswith("Gaat het niet goed met jou of met iemand anders?")
    assert "1813" in lines and "112" in lines
    assert turn.events == REVERTED


async def test_a_crisis_far_down_the_ranking_adds_no_lines():
    turn = await run_action(ActionFallback(), load_tracker("welcome", _crisis_second("meer", 0.1)))

    assert turn.responses == ["utter_fallback"]


async def test_a_message_the_fallback_can_answer_gets_no_crisis_lines():
    """ "ik weet mijn code niet meer" (crisis 0.42 beside resume 0.44 on the model of
    2026-12-07) is a lost code: its answer, without the lines."""
    turn = await run_action(
        ActionFallback(),
        load_tracker("welcome", _crisis_second("ik weet mijn code niet meer", 0.42)),
    )

    assert "utter_fallback_crisis_lines" not in turn.responses
    assert turn.responses != ["utter_fallback"]
