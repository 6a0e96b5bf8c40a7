"""'wat is jullie telefoonnummer', 'kan ik u bellen': Wegwijzer has no phone number; the
person hears that, with a human one button away (actions/reach_wegwijzer.py). The privacy
answer (what the selector read) and "niet begrepen" (the fallback) answered nothing."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.out_of_scope import ActionOutOfScope
from actions.reach_wegwijzer import (
    asks_for_a_visit,
    asks_how_to_reach_wegwijzer,
    asks_to_phone_instead,
    asks_to_write_instead,
)
from tests.actions.conftest import faq_selection, load_tracker, ranked_selection, run_action, user


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wat is jullie telefoonnummer", True),
        ("hebben jullie een telefoonnummer", True),
        ("kan ik u bellen", True),
        ("wat is uw adres", True),
        ("wat is jullie mailadres", True),
        ("kan ik iemand van jullie bellen", False),  # a person: the hand-off
        ("wat is het nummer van het vaph", False),  # the VAPH's contact answer
        ("hoe kan ik de dop bellen", False),  # a service the glossary names
        ("wat is jullie mening over het zorgbudget", False),  # no way to reach
        ("wat is het nummer van de eerste", False),  # not Wegwijzer
    ],
)
def test_what_counts_as_asking_how_to_reach_wegwijzer(text, expected):
    assert asks_how_to_reach_wegwijzer(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik heb geen internet thuis, kan ik ook bellen", True),
        ("mag ik eens telefoneren", True),
        ("kan ik u bellen", True),  # Wegwijzer's number, as above
        ("kan ik iemand bellen", False),  # a person: the hand-off
        ("kan ik het vaph bellen", False),  # the VAPH's contact answer
        ("kan ik bellen naar de dop", False),  # a service the glossary names
        ("mijn zoon kan niet bellen", False),  # no question to phone
    ],
)
def test_what_counts_as_asking_to_phone_instead(text, expected):
    assert asks_to_phone_instead(text) is expected


async def test_asking_to_phone_instead_misunderstood_gets_there_is_no_number_and_a_human():
    """Found as a new user: "ik heb geen internet thuis, kan ik ook bellen" got "Sorry, dat
    heb ik niet goed begrepen"."""
    said = user("ik heb geen internet thuis, kan ik ook bellen", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.responses == ["utter_reach_wegwijzer"]
    assert turn.buttons == ["Met een mens praten", "Iets anders vragen"]


async def test_jullie_telefoonnummer_read_as_the_privacy_topic_says_there_is_none():
    said = user("wat is jullie telefoonnummer", "faq", response_selector=faq_selection("privacy"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses == ["utter_reach_wegwijzer"]
    assert "geen telefoonnummer" in turn.text
    assert turn.buttons == ["Met een mens praten", "Iets anders vragen"]


async def test_kan_ik_u_bellen_misunderstood_is_answered_not_a_miss():
    said = user("kan ik u bellen", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.responses == ["utter_reach_wegwijzer"]
    assert {"event": "rewind"} not in turn.events


async def test_in_easy_language_it_is_said_simply():
    said = user("kan ik u bellen", "nlu_fallback")
    tracker = load_tracker("welcome", said, slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionFallback(), tracker)

    assert turn.text.startswith("Ik ben een computer. Je kan mij niet bellen.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik ben doof kan ik via sms", True),
        ("kan ik ook gewoon typen", True),
        ("mag ik mailen", True),
        ("kan ik via whatsapp", True),
        ("kan ik u mailen", False),  # Wegwijzer's own address: utter_reach_wegwijzer
        ("kan ik de aanbieder mailen", False),  # not Wegwijzer
        ("kan ik het vaph mailen", False),  # the VAPH's contact answer
        ("kan ik via mail een trajectondersteuner bereiken", False),  # a person: the hand-off
        ("ik kan niet goed typen", False),  # the screen help (actions/screen_help.py)
    ],
)
def test_what_counts_as_asking_to_write_instead(text, expected):
    assert asks_to_write_instead(text) is expected


async def test_a_deaf_person_asking_for_sms_hears_typing_here_is_fine_not_the_facts():
    """Found as a new user: "ik ben doof kan ik via sms" (inform 1.00 on the model of
    2026-12-07) got "Ik lees: auditieve beperking. Waarmee kan ik je helpen?"."""
    said = user(
        "ik ben doof kan ik via sms",
        "inform",
        entities={"target_group": ("auditieve_beperking", "doof")},
    )

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.responses == ["utter_writing_is_fine"]
    assert "bellen hoeft niet" in turn.text
    assert "met een e-mail" in turn.text
    assert turn.buttons == ["Met een mens praten", "Iets anders vragen"]
    assert {"event": "rewind"} not in turn.events


async def test_asking_to_type_read_as_a_faq_question_gets_the_same_answer():
    said = user("kan ik ook gewoon typen", "faq", response_selector=faq_selection("privacy"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses == ["utter_writing_is_fine"]


async def test_in_the_contact_form_asking_for_sms_is_left_to_the_form():
    said = user("kan ik via sms", "nlu_fallback")
    tracker = load_tracker("contact_asks_preference", said)

    turn = await run_action(ActionFallback(), tracker)

    assert "utter_writing_is_fine" not in turn.responses


# --- a visit at home ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kunnen jullie bij mij thuis langskomen", True),
        ("kan er iemand bij ons thuis komen", True),
        ("komt ge eens op bezoek", True),
        ("kan iemand langskomen want ik kan niet goed typen", True),
        ("komt het mdt aan huis", False),  # a service the glossary names: its FAQ answer
        ("kan de begeleider van de thuisbegeleiding langskomen", False),  # not Wegwijzer
        ("mijn zus komt vaak op bezoek", False),  # a fact, nobody asked
        ("komt het vaph langs voor mijn budget", False),  # the VAPH
    ],
)
def test_what_counts_as_asking_for_a_visit(text, expected):
    assert asks_for_a_visit(text) is expected


async def test_asking_for_a_visit_hears_a_program_cannot_come_and_a_human_is_near():
    """Found as a new user: "kunnen jullie bij mij thuis langskomen" (faq on the model of
    2026-12-07, no topic sure) got "Gaat je vraag over een van deze onderwerpen?" with the
    privacy and the zorgzwaarte-instrument topics."""
    unsure = ranked_selection(("privacy", 0.2), ("zzi_interview", 0.09))
    said = user("kunnen jullie bij mij thuis langskomen", "faq", response_selector=unsure)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses == ["utter_no_visits"]
    assert turn.text.startswith("Ik ben een computerprogramma: ik kan niet bij je langskomen.")
    assert turn.buttons == ["Met een mens praten", "Iets anders vragen"]


async def test_a_visit_asked_that_fell_back_gets_the_same_answer_in_easy_words():
    said = user("kan er iemand bij ons thuis komen", "nlu_fallback")
    tracker = load_tracker("welcome", said, slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionFallback(), tracker)

    assert turn.responses == ["utter_no_visits"]
    assert turn.text.startswith("Ik ben een computer. Ik kan niet bij je langskomen.")
    assert {"event": "rewind"} not in turn.events


async def test_in_a_form_a_visit_asked_is_left_to_the_form():
    said = user("kunnen jullie langskomen", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("eligibility_asks_place", said))

    assert "utter_no_visits" not in turn.responses


async def test_a_visit_asked_read_as_another_matter_gets_the_same_answer():
    said = user("kunnen jullie eens op bezoek komen", "out_of_scope")

    turn = await run_action(ActionOutOfScope(), load_tracker("welcome", said))

    assert turn.responses == ["utter_no_visits"]
