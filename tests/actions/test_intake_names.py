"""A name question takes a name: "ik ben Sam" gives Sam, and a sentence about something
else ("ik kan goed tekenen") is asked again instead of becoming the name in the plan."""

from __future__ import annotations

import pytest

from actions.intake import ActionAskPlanName, ValidateIntakeForm
from actions.intake_answers import first_name_in, name_answer
from tests.actions.conftest import load_tracker, run_action, user

NOT_A_NAME = "Dat lijkt me geen naam. Typ alleen een naam, zoals Sam of 'de buurvrouw'."


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("Sam", "Sam"),
        ("ik ben Sam", "Sam"),
        ("Ik heet Marie-Louise Van den Broeck.", "Marie-Louise Van den Broeck"),
        ("mijn naam is Ann", "Ann"),
        ("mijn zus Ann", "mijn zus Ann"),
        ("ons moeder", "ons moeder"),
        ("de buurvrouw", "de buurvrouw"),
        ("Ben", "Ben"),
        ("Dan", "Dan"),
        # As people say it in Flanders.
        ("ge moogt Ward zetten", "Ward"),
        ("zet maar Ward", "Ward"),
        ("je mag er gewoon Ward Peeters schrijven", "Ward Peeters"),
        ("mijn voornaam is Ward", "Ward"),
        ("Ward is goed", "Ward"),
        ("het mag ons moeder zijn", "ons moeder"),
        # A name told first, then a story: "Dat lijkt me geen naam" before.
        ("ik ben Sarah en ik heb een verstandelijke beperking, ik woon in Aalst", "Sarah"),
        ("ik heet Jens, ik ben 19 en ik hou van voetbal", "Jens"),
        ("mijn naam is Anne-Sophie. Ik werk graag in de tuin", "Anne-Sophie"),
    ],
)
def test_a_name_is_taken(said, name):
    assert name_answer(said) == name


@pytest.mark.parametrize(
    "said",
    [
        "ik kan goed tekenen",
        "ik weet het niet",
        "wat moet ik hier typen?",
        "hij gaat elke dag naar de dagbesteding",
        "graag",
        "ze is heel lief en ze helpt me altijd met alles wat ik nodig heb",
        "ge moogt dat zelf kiezen",
        "je mag niks zetten",
        "ik ben moe en ik wil niet meer praten",  # no capital: no name told
        "ik ben Blij maar ik weet het niet",  # no clause after it with "en" or a comma
        "",
    ],
)
def test_a_sentence_is_not_a_name(said):
    assert name_answer(said) is None


async def plan_name_turn(text: str, intent: str = "inform", **slots):
    tracker = load_tracker(
        "intake_asks_strengths",
        user(text, intent),
        extracted={},
        slots={"requested_slot": "plan_name", "plan_name": None, **slots},
    )
    return await run_action(ValidateIntakeForm(), tracker)


NETWORK_ABOUT_A_SON = {
    "speaker": "network",
    "relation": "kind",
    "person_name": None,
    "person_ref": "je zoon",
}


@pytest.mark.parametrize(
    ("said", "first"), [("Tibo", "Tibo"), ("tibo janssens", "Tibo"), ("mijn zoon Tibo", "Tibo")]
)
async def test_the_name_a_network_member_gives_for_the_plan_is_used_in_the_questions(said, first):
    """The questions went on with "je zoon" after the parent had named him for the plan."""
    turn = await plan_name_turn(said, **NETWORK_ABOUT_A_SON)

    assert turn.slots["person_name"] == first
    assert turn.slots["person_ref"] == first


@pytest.mark.parametrize("said", ["ons moeder", "de buurvrouw", "De Smet", "zet maar T."])
async def test_a_name_without_a_first_name_keeps_the_words_of_the_questions(said):
    turn = await plan_name_turn(said, **NETWORK_ABOUT_A_SON)

    assert turn.slots.get("plan_name")
    assert "person_ref" not in turn.slots


async def test_the_person_themself_and_a_name_told_before_are_left_alone():
    themself = await plan_name_turn("Sam", speaker="person")
    told = await plan_name_turn("Tibo", **{**NETWORK_ABOUT_A_SON, "person_name": "Lotte"})

    assert "person_ref" not in themself.slots
    assert "person_ref" not in told.slots


def test_an_initial_is_no_first_name():
    assert first_name_in("T.") is None
    assert first_name_in("anne-sophie") == "Anne-Sophie"


async def test_a_sentence_at_the_name_question_is_asked_again():
    turn = await plan_name_turn("ik kan goed tekenen")

    assert turn.texts == [NOT_A_NAME]
    assert turn.slots.get("plan_name") is None


async def test_ik_ben_sam_puts_sam_in_the_plan():
    turn = await plan_name_turn("ik ben Sam")

    assert turn.texts == []
    assert turn.slots["plan_name"] == "Sam"


@pytest.mark.parametrize(("said", "intent"), [("Mila", "skip"), ("Hanne", "deny")])
async def test_a_bare_name_is_the_name_whatever_the_classifier_read(said, intent):
    # On the model of 2026-11-30 23:24 DIET read "Mila" as skip (0.65), "Hanne" as deny.
    turn = await plan_name_turn(said, intent)

    assert turn.slots["plan_name"] == said


@pytest.mark.parametrize("said", ["Pas", "/skip"])
async def test_a_skip_at_the_name_question_is_still_a_skip(said):
    turn = await plan_name_turn(said, "skip")

    assert turn.slots["plan_name"] == "onbekend"


async def test_a_sentence_at_the_member_question_is_asked_again():
    tracker = load_tracker("intake_asks_member_name", user("ik kan goed tekenen", "inform"))

    turn = await run_action(ValidateIntakeForm(), tracker)

    assert turn.texts == [NOT_A_NAME]
    assert turn.slots.get("member_name") is None


@pytest.mark.parametrize(
    ("said", "member"),
    [
        ("mijn zus Ann", "je zus Ann"),
        ("mijn vrouw Ria en mijn dochter Els", "je vrouw Ria en je dochter Els"),
        ("m'n buurman", "je buurman"),
        ("Ria", "Ria"),
    ],
)
async def test_a_member_is_named_as_the_questions_say_it(said, member):
    """ "mijn vrouw Ria en mijn dochter Els" was asked about as "je vrouw Ria en mijn
    dochter Els"."""
    tracker = load_tracker("intake_asks_member_name", user(said, "inform"))

    turn = await run_action(ValidateIntakeForm(), tracker)

    assert turn.slots["member_name"] == member


# --- the name question offers a name already told -------------------------------------------


async def ask_plan_name(slots: dict, earlier: list | None = None):
    tracker = load_tracker("intake_asks_consent", slots=slots, earlier=earlier)
    return await run_action(ActionAskPlanName(), tracker)


async def test_the_name_of_the_person_a_network_member_named_is_a_button():
    """ "ik ben de mama van Lotte", then "Welke naam mag in het plan staan?": Lotte need not
    be typed again, and the choice stays the person's (skip, or another name)."""
    turn = await ask_plan_name({"speaker": "network", "person_name": "Lotte"})

    assert turn.texts == ["Welke naam mag in het plan staan? Dat hoeft niet, je mag dit overslaan."]
    assert turn.buttons == ["Lotte", "Sla over"]
    assert [b["payload"] for b in turn.replies[0]["buttons"]] == ["Lotte", "/skip"]


async def test_the_name_of_a_person_who_introduced_themself_is_a_button():
    turn = await ask_plan_name(
        {"speaker": "person"}, earlier=[user("Ik ben Sarah", "identify_as_network")]
    )

    assert turn.texts == ["Welke naam mag in je plan staan? Dat hoeft niet, je mag dit overslaan."]
    assert turn.buttons == ["Sarah", "Sla over"]


@pytest.mark.parametrize(
    ("slots", "earlier"),
    [
        ({"speaker": "person"}, [user("Over mezelf", "identify_as_person")]),
        ({"speaker": "network", "person_name": None}, [user("mijn zoon", "identify_as_network")]),
    ],
)
async def test_without_a_name_told_only_skip_is_offered(slots, earlier):
    turn = await ask_plan_name(slots, earlier)

    assert turn.buttons == ["Sla over"]
