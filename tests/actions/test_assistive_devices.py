"""A question about an assistive device or an adaptation at home gets the VAPH's
tegemoetkoming for them (actions/assistive_devices.py), from the right's record."""

from __future__ import annotations

import pytest

from actions.assistive_devices import DEVICES_RIGHT, asks_about_a_device
from actions.eligibility_start import ActionEligibilityStart
from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.out_of_scope import ActionOutOfScope
from bot.config import PROJECT_ROOT
from bot.device_words import names_a_device
from knowledge import db
from knowledge.models import Right
from tests.actions.conftest import fallen_back, load_tracker, ranked_selection, run_action, user

MOBILITY = "Een rolstoel vraag je aan bij de Vlaamse sociale bescherming, niet bij het VAPH."
FIRST_ASK = "Vraag de hulp thuis eerst aan bij het VAPH."


def the_right() -> Right:
    with db.session() as session:
        right = session.get(Right, DEVICES_RIGHT)
        assert right is not None
        session.expunge(right)
        return right


async def ask(text: str, *scores: tuple[str, float], level: str = "gewoon"):
    question = user(text, "faq", response_selector=ranked_selection(*scores))
    tracker = load_tracker("welcome", question, slots={"reading_level": level})
    return await run_action(ActionAnswerFaq(), tracker)


@pytest.mark.parametrize(
    "text",
    [
        "mijn dochter heeft een rolstoel nodig wie betaalt dat",
        "krijg ik geld voor een traplift",
        "wie betaalt de aanpassingen aan ons huis",
        "kan ik hulp krijgen voor een aangepaste auto",
        "hulpmiddelen aanvragen hoe doe ik dat",
    ],
)
def test_devices_and_adaptations_at_home_are_named(text):
    assert names_a_device(text)


@pytest.mark.parametrize(
    "text",
    ["hoeveel kost een dagcentrum", "ik zoek hulp thuis", "wat is een aanpassing van mijn plan"],
)
def test_other_help_names_no_device(text):
    assert not names_a_device(text)


def test_only_an_unsure_or_general_topic_gives_way_to_the_device_answer():
    text = "hoeveel kost een rolstoel"
    assert asks_about_a_device(text, None)
    assert asks_about_a_device(text, "costs")
    assert not asks_about_a_device(text, "mdt")  # "wat doet een mdt voor mijn rolstoel"
    assert not asks_about_a_device("hoeveel kost een dagcentrum", None)


def test_a_device_that_only_says_who_asks_is_no_device_question():
    # The device answer came for this PVB question on the model of 2026-12-06.
    assert not asks_about_a_device("kan ik een pvb krijgen als ik in een rolstoel zit", None)
    assert asks_about_a_device(
        "ik zit in een rolstoel, krijg ik geld voor een nieuwe rolstoel", None
    )


async def test_an_unsure_question_about_a_wheelchair_gets_where_to_ask_first():
    """ "mijn dochter heeft een rolstoel nodig wie betaalt dat" was asked "which topic?"
    (costs 0.39, other_support close under it)."""
    turn = await ask(
        "mijn dochter heeft een rolstoel nodig wie betaalt dat",
        ("costs", 0.39),
        ("other_support", 0.31),
    )

    lines = turn.texts[0].splitlines()
    assert lines[0] == f"{the_right().name}:"
    assert lines[1] == MOBILITY
    assert FIRST_ASK in lines
    assert turn.responses == [None, "utter_faq_next_steps_gewoon"]


async def test_a_device_question_read_as_costs_gets_the_device_answer_not_the_costs():
    """ "hoeveel kost een rolstoel en krijg ik daar geld voor" got the answer about the costs
    of a DOP, an MDT and RTH (costs 0.87)."""
    turn = await ask("hoeveel kost een traplift en krijg ik daar geld voor", ("costs", 0.87))

    lines = turn.texts[0].splitlines()
    assert lines[0] == f"{the_right().name}:"
    assert lines[1] != MOBILITY  # no mobility aid named: the right's order
    assert FIRST_ASK in lines
    assert "utter_faq_which_topic" not in turn.responses


async def test_the_device_answer_in_easy_language_is_its_plain_text():
    turn = await ask(
        "wie betaalt een rolstoel", ("costs", 0.4), ("other_support", 0.35), level="eenvoudig"
    )

    lines = turn.texts[0].splitlines()
    assert lines[0] == MOBILITY  # no name of the right above it
    assert set(str(the_right().how_to_apply_eenvoudig).splitlines()) <= set(lines)
    assert "Het VAPH is de Vlaamse dienst voor mensen met een handicap." in lines
    assert turn.responses[-1] == "utter_faq_next_steps_eenvoudig"


async def test_a_sure_topic_about_something_else_keeps_its_answer():
    turn = await ask("wat doet een mdt voor mijn rolstoel", ("mdt", 0.95))

    assert not turn.texts[0].startswith(the_right().name)


async def test_a_device_question_the_classifier_was_unsure_of_gets_the_device_answer():
    """ "krijgen we iets voor een traplift" was nlu_fallback: "Sorry, dat heb ik niet goed
    begrepen"."""
    tracker = load_tracker("welcome", fallen_back("krijgen we iets voor een traplift"))

    turn = await run_action(ActionFallback(), tracker)

    assert turn.texts[0].splitlines()[0] == f"{the_right().name}:"
    assert "utter_fallback" not in turn.responses
    assert {"event": "rewind", "timestamp": None} not in turn.events


@pytest.mark.parametrize("text", ["een traplift", "mijn zoon heeft een traplift gekregen"])
async def test_a_device_named_without_a_question_is_still_a_miss(text):
    turn = await run_action(ActionFallback(), load_tracker("welcome", fallen_back(text)))

    assert turn.responses == ["utter_fallback"]


async def test_a_device_read_as_another_matter_gets_the_device_answer():
    """ "waar kan ik een rollator kopen in gent" was out_of_scope 1.00: "Daar kan ik je
    helaas niet mee helpen"."""
    said = user("waar kan ik een rollator kopen in gent", "out_of_scope")

    turn = await run_action(ActionOutOfScope(), load_tracker("welcome", said))

    assert turn.texts[0].splitlines()[:2] == [f"{the_right().name}:", MOBILITY]
    assert "utter_out_of_scope" not in turn.responses


async def test_another_matter_without_a_device_is_still_out_of_scope():
    said = user("waar kan ik een fiets kopen in gent", "out_of_scope")

    turn = await run_action(ActionOutOfScope(), load_tracker("welcome", said))

    assert turn.responses == ["utter_out_of_scope"]


def test_no_out_of_scope_example_names_a_device():
    from tests.holdout_honesty import examples
    from tests.nlu_quality import HOLDOUT_DIR

    texts = [
        *examples(PROJECT_ROOT / "data" / "nlu").get("out_of_scope", []),
        *examples(HOLDOUT_DIR).get("out_of_scope", []),
    ]
    assert texts
    assert [text for text in texts if names_a_device(text)] == []


async def test_a_device_question_read_as_a_request_for_the_check_gets_the_device_answer():
    """ "krijgen we iets voor een traplift" was check_eligibility 0.80 on the model of
    2026-12-06: the check's first question instead of the VAPH's help for devices."""
    said = user("krijgen we iets voor een traplift", "check_eligibility")

    turn = await run_action(ActionEligibilityStart(), load_tracker("welcome", said))

    assert turn.texts[0].splitlines()[0] == f"{the_right().name}:"
    assert turn.events[-1] == {"event": "followup", "name": "action_listen", "timestamp": None}


@pytest.mark.parametrize(
    "text", ["ik zit in een rolstoel, wat past bij mij", "kom ik met mijn rolstoel in aanmerking?"]
)
async def test_the_check_asked_for_by_someone_with_a_device_starts(text):
    turn = await run_action(
        ActionEligibilityStart(), load_tracker("welcome", user(text, "check_eligibility"))
    )

    assert turn.responses == ["utter_eligibility_start"]
