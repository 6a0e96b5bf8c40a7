"""A message in a form that does not answer the question asked, but asks a question of its
own or answers another question of the form: it gets that answer, or "Ik lees: …", instead
of "Dat begrijp ik niet", and the form asks its question again (actions/form_switch.py)."""

from __future__ import annotations

from actions.eligibility import ValidateEligibilityForm
from actions.provider_search import ValidateProviderSearchForm
from knowledge import db, queries
from knowledge.models import Right
from tests.actions.conftest import load_tracker, run_action, user

NOT_UNDERSTOOD = ("Dat begrijp ik niet", "Die leeftijd begrijp ik niet", "Die gemeente ken ik")


def eligibility_asks(slot: str, said: dict, extracted: dict):
    """The check asked `slot` (speaker and age 34 are known) and the user said `said`."""
    return load_tracker(
        "eligibility_asks_place", said, extracted=extracted, slots={"requested_slot": slot}
    )


def not_understood(texts: list[str]) -> list[str]:
    return [text for text in texts if text.startswith(NOT_UNDERSTOOD)]


async def test_a_place_told_when_the_age_is_asked_is_kept_and_read_back():
    said = user(
        "ik woon in sint-gillis", "inform", {"municipality": ("Sint-Gillis", "sint-gillis")}
    )
    tracker = eligibility_asks(
        "age", said, {"age": "ik woon in sint-gillis", "place": "Sint-Gillis"}
    )

    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert turn.slots == {"age": None, "place": "Sint-Gillis"}  # the age is asked again
    assert turn.texts == ["Ik lees: Sint-Gillis."]


async def test_a_residence_question_at_the_first_question_is_answered_not_refused():
    text = "en as ik in sint-gillis woon, kan ik dan naar het vaph"
    said = user(text, "check_eligibility", {"municipality": ("Sint-Gillis", "sint-gillis")})
    tracker = load_tracker(
        "eligibility_asks_speaker", said, extracted={"speaker": text, "place": "Sint-Gillis"}
    )

    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert not_understood(turn.texts) == []
    assert turn.slots["speaker"] is None  # "voor wie?" is asked again
    assert turn.slots["place"] == "Sint-Gillis"
    answer = turn.texts[0]
    assert "Sint-Gillis" in answer and "Brussel" in answer
    assert "Ik lees" not in turn.text  # the answer names the place already


async def test_an_age_question_that_also_answers_the_age_gets_the_rule_and_the_age_is_kept():
    with db.session() as session:
        right = session.get(Right, queries.FIRST_REQUEST_RIGHT)
        assert right is not None and right.first_request_before_age is not None
        limit = int(right.first_request_before_age)
    age = str(limit + 2)
    text = f"ik ben {age}, kan ik nog een budget aanvragen"
    said = user(text, "check_eligibility", {"age": age})
    tracker = eligibility_asks("age", said, {"age": age})

    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert turn.slots == {"age": age}
    assert f"vóór {limit}" in turn.texts[0]


async def test_an_answer_that_says_nothing_of_use_is_still_not_understood():
    said = user("blabla", "inform")
    turn = await run_action(
        ValidateEligibilityForm(), eligibility_asks("age", said, {"age": "blabla"})
    )

    assert turn.slots == {"age": None}
    assert turn.texts == ["Die leeftijd begrijp ik niet. Typ de leeftijd als getal."]


async def test_an_ordinary_message_in_the_check_gets_no_knowledge_base_answer():
    """Only a question ("kan ik…", the check's own request) is answered beside the form."""
    said = user(
        "ik woon in sint-gillis", "inform", {"municipality": ("Sint-Gillis", "sint-gillis")}
    )
    tracker = eligibility_asks("place", said, {"place": "Sint-Gillis"})

    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert turn.slots == {"place": "Sint-Gillis"}
    assert not any("VAPH" in text for text in turn.texts)


async def test_in_the_search_a_target_group_told_at_the_place_question_is_kept_quietly():
    text = "voor mijn zoon met autisme"
    said = user(text, "inform", {"target_group": ("autisme", "autisme")})
    tracker = load_tracker(
        "provider_search_asks_place", said, extracted={"place": text, "target_group": "autisme"}
    )

    turn = await run_action(ValidateProviderSearchForm(), tracker)

    assert turn.slots["place"] is None  # the place is asked again
    assert turn.slots["target_group"] == "autisme"
    assert not_understood(turn.texts) == []


def search_asks_target_group(text: str):
    """The search asked "Voor wie is de hulp?"; the classifier read the reply as a FAQ
    question, so Rasa's slot mappings (no slot from a FAQ question) extracted nothing."""
    said = user(
        text, "faq", {"target_group": ("verstandelijke_beperking", "verstandelijke beperking")}
    )
    return load_tracker(
        "provider_search_asks_place", said, extracted={}, slots={"requested_slot": "target_group"}
    )


async def test_an_answer_read_as_a_faq_question_still_answers_the_question():
    tracker = search_asks_target_group("voor volwassenen met een verstandelijke beperking")

    turn = await run_action(ValidateProviderSearchForm(), tracker)

    assert turn.slots == {"target_group": "verstandelijke_beperking"}


async def test_a_real_question_naming_a_target_group_is_left_to_the_faq_answer():
    tracker = search_asks_target_group(
        "wat is een pvb voor iemand met een verstandelijke beperking"
    )

    turn = await run_action(ValidateProviderSearchForm(), tracker)

    assert turn.slots == {}  # nothing filled: Rasa rejects the form and the FAQ rule answers


async def test_urgency_told_at_the_help_question_is_kept_and_read_back():
    """ "allee ja het is wel dringend" at "Aan welke hulp denk je vooral?" was "Dat begrijp
    ik niet goed", and "Is de situatie dringend?" was asked later all the same."""
    text = "allee ja het is wel dringend"
    tracker = eligibility_asks("help_kind", user(text, "inform"), {"help_kind": text})

    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert turn.slots == {"help_kind": None, "urgent": "ja"}  # the help is asked again
    assert turn.texts == ["Ik lees: dringend."]


async def test_recognition_told_with_the_age_is_kept_beside_the_age():
    text = "ze is 59 en erkend door het vaph"
    said = user(text, "inform", {"age": "59"})
    tracker = eligibility_asks("age", said, {"age": "59"})

    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert turn.slots == {"age": "59", "vaph_known": "erkend"}
    assert not_understood(turn.texts) == []


async def test_no_urgency_is_read_as_not_urgent_and_a_bare_yes_as_nothing():
    text = "het is niet dringend"
    tracker = eligibility_asks("help_kind", user(text, "inform"), {"help_kind": text})
    turn = await run_action(ValidateEligibilityForm(), tracker)
    assert turn.slots == {"help_kind": None, "urgent": "nee"}
    assert turn.texts == ["Ik lees: niet dringend."]

    tracker = eligibility_asks("help_kind", user("ja", "affirm"), {"help_kind": "ja"})
    turn = await run_action(ValidateEligibilityForm(), tracker)
    assert "urgent" not in turn.slots
    assert not_understood(turn.texts)


async def test_a_question_about_urgency_tells_no_answer():
    text = "wat is de noodprocedure als het dringend is"
    tracker = eligibility_asks("help_kind", user(text, "faq"), {})

    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert "urgent" not in turn.slots
