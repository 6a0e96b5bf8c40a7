"""action_identify_speaker and the speaker question of the forms: the person themself, or
someone from their network, and the words the questions then use for the person."""

from __future__ import annotations

import pytest

from actions.eligibility import ValidateEligibilityForm
from actions.fallback import ActionFallback
from actions.intake import ValidateIntakeForm
from actions.who_is_talking import ActionIdentifySpeaker, about_the_writer
from tests.actions.conftest import (
    Turn,
    load_tracker,
    run_action,
    saved_state,
    stored_answers,
    user,
)


async def identify(text: str, entities: dict | None = None, intent="identify_as_network"):
    tracker = load_tracker("welcome", user(text, intent, entities))
    return await run_action(ActionIdentifySpeaker(), tracker)


async def test_a_parent_naming_the_child_gets_questions_about_the_child_by_name():
    turn = await identify("ik ben de mama van Lotte", {"relation": ("ouder", "mama")})

    assert turn.texts[:1] == ["Goed, dan stel ik mijn vragen over Lotte."]
    assert turn.slots == {
        "speaker": "network",
        "person_name": "Lotte",
        "relation": "ouder",
        "person_ref": "Lotte",
    }


@pytest.mark.parametrize(
    "text",
    [
        # "Goed, dan stel ik mijn vragen over je partner." on 2026-12-06.
        "ik ben de buurvrouw van een man met autisme, hoe kan ik helpen",
        "ik help de vrouw van hiernaast",
    ],
)
async def test_a_man_or_a_woman_is_no_partner(text):
    word = "man" if " man " in text else "vrouw"
    turn = await identify(text, {"relation": ("partner", word)})

    assert turn.slots["relation"] is None
    assert "partner" not in " ".join(turn.texts)


async def test_my_man_is_a_partner():
    turn = await identify("ik vraag het voor mijn man", {"relation": ("partner", "man")})

    assert turn.slots["relation"] == "partner"
    assert turn.slots["person_ref"] == "je man"


async def test_a_first_name_found_by_the_nlu_is_written_with_a_capital():
    turn = await identify(
        "ik zoek iets voor mijn broer jens",
        {"relation": ("broer_zus", "broer"), "first_name": "jens"},
    )

    assert turn.slots["person_name"] == "Jens"
    assert turn.texts[:1] == ["Goed, dan stel ik mijn vragen over Jens."]


@pytest.mark.parametrize(
    ("text", "relation", "person_ref"),
    [
        ("ik zoek hulp voor mijn zoon", ("kind", "zoon"), "je zoon"),
        # The relation word with a capital is not taken for a name.
        ("ik vraag het voor mijn Broer", ("broer_zus", "broer"), "je broer"),
        # The speaker's own role: the person is the other side of it.
        ("ik ben de mama", ("ouder", "mama"), "je kind"),
        ("ik ben zijn begeleider", ("begeleider", "begeleider"), "de persoon die je begeleidt"),
        # Flemish: the entity ruler finds "ons ma" and "mijne pa" with their possessive.
        ("voor ons ma", ("ouder", "ons ma"), "je ma"),
        ("het is voor mijne pa", ("ouder", "mijne pa"), "je pa"),
    ],
)
async def test_without_a_name_the_questions_use_the_relation(text, relation, person_ref):
    turn = await identify(text, {"relation": relation})

    assert turn.slots["person_name"] is None
    assert turn.slots["person_ref"] == person_ref
    assert turn.texts[:1] == [f"Goed, dan stel ik mijn vragen over {person_ref}."]


async def test_someone_else_without_a_relation_is_the_person_you_search_for():
    turn = await identify("ik vraag het voor iemand anders")

    assert turn.slots == {
        "speaker": "network",
        "person_name": None,
        "relation": None,
        "person_ref": "de persoon voor wie je zoekt",
    }


async def test_the_person_themself_clears_what_was_said_about_someone_else():
    turn = await identify("het is voor mezelf", intent="identify_as_person")

    assert turn.texts[:1] == ["Goed, het gaat over jou."]
    assert turn.slots == {
        "speaker": "person",
        "person_name": None,
        "person_ref": None,
        "relation": None,
    }


# --- the speaker question inside the eligibility form (also used by the intake) ---------------


async def validate_speaker(said: dict, extracted: dict) -> Turn:
    tracker = load_tracker("eligibility_asks_speaker", said, extracted=extracted)
    return await run_action(ValidateEligibilityForm(), tracker)


async def test_the_network_button_in_the_form_asks_about_the_named_person():
    said = user("ik ben de papa van Noor", "identify_as_network", {"relation": ("ouder", "papa")})

    turn = await validate_speaker(said, {"speaker": "network"})

    assert turn.slots == {
        "speaker": "network",
        "person_name": "Noor",
        "relation": "ouder",
        "person_ref": "Noor",
    }
    assert turn.texts[:1] == []


async def test_a_relation_named_in_an_answer_read_as_another_intent_is_the_answer():
    """The classifier read "ik ben de mama van Olivia" as out_of_scope (0.88) on the model
    of 2026-12-02; the relation the entity ruler found says who talks."""
    text = "ik ben de mama van Olivia"
    said = user(text, "out_of_scope", {"relation": ("ouder", "mama"), "first_name": "Olivia"})

    turn = await validate_speaker(said, {"speaker": text})

    assert turn.slots["speaker"] == "network"
    assert turn.slots["person_ref"] == "Olivia"
    assert turn.texts == []


async def test_a_name_of_someone_else_answers_the_speaker_question():
    """ "Hij heet Bram" to "over jezelf of over iemand anders?": someone else, named Bram
    (it was "Dat begrijp ik niet goed")."""
    said = user("hij heet Bram", "inform", {"first_name": "Bram"})

    turn = await validate_speaker(said, {"speaker": "hij heet Bram"})

    assert (turn.slots["speaker"], turn.slots["person_ref"]) == ("network", "Bram")
    assert turn.texts == []


@pytest.mark.parametrize(
    ("text", "entities", "speaker"),
    [
        ("ze is 23", {"age": "23"}, "network"),
        ("hij woont nog bij ons thuis", {}, "network"),
        ("ik ben 23", {"age": "23"}, "person"),
        ("ik woon alleen in Lier", {"municipality": "Lier"}, "person"),
    ],
)
async def test_an_answer_about_someone_else_or_the_writer_answers_the_speaker_question(
    text, entities, speaker
):
    """ "ze is 23" to "over jezelf of over iemand anders?" was "Dat begrijp ik niet goed",
    and so was every next sentence about her."""
    turn = await validate_speaker(user(text, "inform", entities), {"speaker": text})

    assert turn.slots["speaker"] == speaker
    assert turn.texts == []


async def test_skipping_the_speaker_question_means_the_person_themself():
    turn = await validate_speaker(user("/skip", "skip"), {"speaker": "/skip"})

    assert turn.slots == {"speaker": "person"}


async def test_an_answer_that_is_no_speaker_is_asked_again():
    turn = await validate_speaker(user("blauw", "inform"), {"speaker": "blauw"})

    assert turn.slots == {"speaker": None}
    assert turn.texts[:1] == ['Dat begrijp ik niet goed. Kies een knop, of typ "sla over".']


@pytest.mark.parametrize(
    "text",
    [
        "ik ben Jan, ik woon bij mijn ouders in Lier en ik werk graag in de tuin",
        "ik heet Sofie",
        "k ben Ann, ik heb autisme",
        "mijn naam is Els",
    ],
)
async def test_a_person_who_introduces_themself_is_talking_about_themself(text):
    turn = await validate_speaker(user(text, "inform"), {"speaker": text})

    assert turn.slots["speaker"] == "person"
    assert turn.texts[:1] == []


@pytest.mark.parametrize("text", ["Ik ben Sarah", "ik heet Mohamed", "mijn naam is Els"])
async def test_a_name_read_as_someone_else_is_the_person_introducing_themself(text):
    """Found as a new user: "Ik ben Sarah" to "Vertel je over jezelf of over iemand
    anders?" was read as identify_as_network, and the intake asked about "Sarah" as if she
    were someone else."""
    name = text.split()[-1]
    said = user(text, "identify_as_network", {"first_name": name})

    answered = await validate_speaker(said, {"speaker": text})
    identified = await identify(text, {"first_name": name})

    assert answered.slots["speaker"] == "person"
    assert identified.slots == {
        "speaker": "person",
        "person_name": None,
        "relation": None,
        "person_ref": None,
    }
    assert identified.texts[0] == "Goed, het gaat over jou."


@pytest.mark.parametrize(
    ("text", "name"),
    [("ik ben Jan, de papa van Noor", "Noor"), ("ik ben Fleur haar mama", "Fleur")],
)
async def test_an_introduction_that_names_someone_else_is_about_them(text, name):
    turn = await validate_speaker(user(text, "inform"), {"speaker": text})

    assert (turn.slots["speaker"], turn.slots["person_ref"]) == ("network", name)


@pytest.mark.parametrize(
    "text",
    [
        "ik ben Jan en ik zoek iets voor mijn zoon",  # no relation entity: not sure enough
        "ik ben blij",  # no name
    ],
)
async def test_an_introduction_that_speaks_for_someone_else_is_not_read_as_the_person(text):
    turn = await validate_speaker(user(text, "inform"), {"speaker": text})

    assert turn.slots == {"speaker": None}  # asked again


async def test_outside_a_form_what_can_be_done_follows_instead_of_nothing():
    """ "ik ben de mama van Jonas" as a first message: no question follows it, so the
    menu does, not silence."""
    turn = await identify("ik ben de mama van Jonas", {"relation": ("ouder", "mama")})

    assert turn.texts == ["Goed, dan stel ik mijn vragen over Jonas.", "Waarmee kan ik je helpen?"]
    assert "Wat past bij mij?" in turn.buttons


async def test_inside_a_form_its_next_question_follows_instead_of_the_menu():
    said = user("ik ben de mama van Jonas", "identify_as_network", {"relation": ("ouder", "mama")})

    turn = await run_action(ActionIdentifySpeaker(), load_tracker("eligibility_asks_speaker", said))

    assert turn.texts == ["Goed, dan stel ik mijn vragen over Jonas."]


@pytest.mark.parametrize(
    ("text", "writer"),
    [
        ("ik ben 70, kan ik nog een pvb krijgen", True),
        ("kben 67 wa kan ik nog krijgen", True),
        ("ik ben 70 en mijn zoon helpt mij", True),
        ("mijn oma is 80 kan zij hulp krijgen van het vaph", False),
        ("ik vraag het voor mijn broer, hij is 66", False),
        ("is 70 te oud voor een budget", False),
    ],
)
def test_a_question_is_the_writers_own_only_when_it_speaks_of_them_alone(text, writer):
    assert about_the_writer(text) is writer


async def test_help_asked_read_as_about_oneself_gets_the_offer_of_help():
    """ "ik heb hulp nodig" was identify_as_person 0.61 on the model trained on 2026-12-06:
    "Goed, het gaat over jou." with the menu, where the fallback offers help on others."""
    turn = await identify("ik heb hulp nodig", intent="identify_as_person")

    assert turn.responses == ["utter_glad_to_help"]
    assert turn.texts[0].startswith("Ik help je graag.")
    assert turn.slots["speaker"] == "person"


async def test_saying_it_is_about_oneself_is_still_noted_as_such():
    turn = await identify("het is voor mezelf", intent="identify_as_person")

    assert turn.texts[0] == "Goed, het gaat over jou."


# --- someone else chatting for the person ----------------------------------------------------


async def test_a_question_whether_someone_else_may_chat_gets_yes_and_how():
    """ "mag mijn mama voor mij chatten" was identify_as_network 0.69 on the model of
    2026-12-06: "Goed, dan stel ik mijn vragen over je mama" (the wrong person)."""
    tracker = load_tracker("welcome", user("mag mijn mama voor mij chatten", "nlu_fallback"))

    turn = await run_action(ActionFallback(), tracker)

    assert turn.responses[0] == "utter_someone_else_may_chat"
    assert turn.texts[0].startswith("Ja, dat mag.")
    assert '"ik ben de mama van Lotte"' in turn.texts[0]
    assert "speaker" not in turn.slots  # nobody said who is talking yet


async def test_in_the_intake_it_is_answered_and_nothing_is_stored():
    saved = "intake_asks_strengths"
    said = user("mag mijn begeleider dit invullen voor mij", "nlu_fallback")

    turn = await run_action(ValidateIntakeForm(), load_tracker(saved, said, extracted={}))

    assert turn.texts[0].startswith("Ja, dat mag.")
    assert turn.slots.get("strengths") is None  # asked again
    assert "strengths" not in stored_answers(saved_state(saved)["stored_plan"]["id"])
