"""Another request in the middle of a form (issue 14, point 7): the validator lets a clear
request that does not answer the question stop the form; action_offer_switch offers the
other part with what the message named, or the way back; coming back to "wat past bij mij?"
goes on where it stopped."""

from __future__ import annotations

import json

import pytest

from actions.eligibility import ValidateEligibilityForm
from actions.eligibility_start import ActionEligibilityStart
from actions.form_switch import ActionOfferSwitch
from actions.intake import ValidateIntakeForm
from actions.provider_search import ValidateProviderSearchForm
from tests.actions.conftest import load_tracker, run_action, saved_state, stored_answers, user


def rejected(turn) -> list[str]:
    """The forms whose run the validator rejected (for the rules to go on)."""
    return [e["name"] for e in turn.events if e.get("event") == "action_execution_rejected"]


SEARCH_IN_GENT = "ik zoek woonondersteuning in Gent"


def search_request(confidence: float = 0.95) -> dict:
    said = user(SEARCH_IN_GENT, "find_provider", {"municipality": "Gent", "support_type": "wonen"})
    said["parse_data"]["intent"]["confidence"] = confidence
    return said


def eligibility_asks(slot: str, said: dict, extracted: dict):
    """The check asked `slot` (after speaker and age 34) and the user said `said`."""
    return load_tracker(
        "eligibility_asks_place", said, extracted=extracted, slots={"requested_slot": slot}
    )


@pytest.mark.parametrize(
    ("slot", "before"), [("age", "34"), ("vaph_known", None), ("help_kind", None)]
)
async def test_a_search_request_instead_of_an_answer_stops_the_check_and_fills_nothing(
    slot, before
):
    extracted = {slot: SEARCH_IN_GENT, "place": "Gent"}
    tracker = eligibility_asks(slot, search_request(), extracted)
    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert rejected(turn) == ["eligibility_form"]
    assert turn.slots == {slot: before, "place": None}  # as before the message
    assert turn.texts == []  # no "Dat begrijp ik niet" before the offer


async def test_at_the_place_question_the_place_in_a_search_request_is_the_answer():
    tracker = eligibility_asks("place", search_request(), {"place": "Gent"})
    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert rejected(turn) == []
    assert turn.slots == {"place": "Gent"}


async def test_an_answer_stays_an_answer_even_when_it_was_read_as_a_search_request():
    said = user("nee nog niet", "find_provider")
    turn = await run_action(
        ValidateEligibilityForm(),
        eligibility_asks("vaph_known", said, {"vaph_known": "nee nog niet"}),
    )

    assert turn.slots == {"vaph_known": "nee"}
    assert rejected(turn) == []


async def test_an_unsure_request_is_an_answer_not_understood_as_before():
    extracted = {"vaph_known": SEARCH_IN_GENT}
    tracker = eligibility_asks("vaph_known", search_request(confidence=0.4), extracted)
    turn = await run_action(ValidateEligibilityForm(), tracker)

    assert rejected(turn) == []
    assert turn.slots == {"vaph_known": None}
    assert turn.texts == ['Dat begrijp ik niet goed. Kies een knop, of typ "sla over".']


async def test_the_offer_goes_to_the_search_with_the_place_and_help_named_or_back_to_the_check():
    tracker = load_tracker("eligibility_asks_place", search_request())
    turn = await run_action(ActionOfferSwitch(), tracker)

    assert turn.texts[0].startswith("Wil je nu hulp zoeken in de buurt?")
    assert "onthoud ik" in turn.texts[0]
    search, back = turn.replies[0]["buttons"]
    assert search["title"] == "Ja, zoek een aanbieder"
    assert search["payload"].startswith("/find_provider{")
    assert json.loads(search["payload"].removeprefix("/find_provider")) == {
        "municipality": "Gent",
        "support_type": "wonen",
    }
    assert back == {"title": "Nee, ga verder met de vragen", "payload": "/check_eligibility"}


async def test_in_the_search_a_question_about_rights_is_offered_with_the_age_it_names():
    said = user("wat past bij mij, ik ben 17", "check_eligibility", {"age": "17"})
    extracted = {"place": "wat past bij mij, ik ben 17"}
    validation = load_tracker("provider_search_asks_place", said, extracted=extracted)
    turn = await run_action(ValidateProviderSearchForm(), validation)

    assert rejected(turn) == ["provider_search_form"]

    offer = await run_action(ActionOfferSwitch(), load_tracker("provider_search_asks_place", said))
    assert offer.texts[0].startswith("Wil je nu weten welke hulp bij je past?")
    assert [b["payload"] for b in offer.replies[0]["buttons"]] == [
        '/check_eligibility{"age": "17"}',
        "/find_provider",
    ]


async def test_the_intake_can_be_offered_from_the_check_in_easy_language():
    said = user("ik wil mijn verhaal vertellen", "start_intake")
    tracker = load_tracker("eligibility_asks_place", said, slots={"reading_level": "eenvoudig"})
    turn = await run_action(ActionOfferSwitch(), tracker)

    assert turn.texts[0].splitlines()[0] == "Wil je nu je verhaal vertellen voor je plan?"
    assert turn.buttons == ["Ja, vertel mijn verhaal", "Nee, ga verder met de vragen"]


async def test_coming_back_to_the_check_says_it_goes_on_not_that_it_starts():
    back = user("/check_eligibility", "check_eligibility")
    turn = await run_action(ActionEligibilityStart(), load_tracker("eligibility_asks_place", back))
    assert turn.responses == ["utter_eligibility_continue"]

    fresh = await run_action(ActionEligibilityStart(), load_tracker("welcome", back))
    assert fresh.responses == ["utter_eligibility_start"]


async def test_a_place_the_payload_guard_would_drop_is_not_put_on_the_button():
    """bot/slot_guard.py lets only plain one-word values through; "De Panne" is left for the
    search to ask, rather than sent and silently dropped."""
    said = user("ik zoek een dagcentrum in De Panne", "find_provider", {"municipality": "De Panne"})
    turn = await run_action(ActionOfferSwitch(), load_tracker("eligibility_asks_place", said))

    assert turn.replies[0]["buttons"][0]["payload"] == "/find_provider"


# --- the omgekeerde intake: every message is an answer, so only a request is offered ------


async def intake_answers(saved: str, said: dict):
    turn = await run_action(ValidateIntakeForm(), load_tracker(saved, said, extracted={}))
    return turn, stored_answers(saved_state(saved)["stored_plan"]["id"])


async def test_a_search_request_at_a_question_about_the_person_is_not_stored_as_the_answer():
    turn, stored = await intake_answers("intake_asks_strengths", search_request())

    assert "strengths" not in turn.slots  # the form is rejected: the rules offer the switch
    assert "strengths" not in stored
    assert stored["what_matters"] == "Dat ik zelf mag kiezen wat ik doe."  # kept


@pytest.mark.parametrize(
    ("saved", "said"),
    [
        # A wish names support: "iemand die helpt met wonen" reads as a search.
        ("intake_asks_wonen_wish", search_request()),
        # Read as a search, but told as a story: an answer.
        ("intake_asks_strengths", user("ik kan goed koken voor anderen", "find_provider")),
        # Too unsure to be a request.
        ("intake_asks_strengths", search_request(confidence=0.4)),
    ],
)
async def test_other_messages_read_as_a_search_stay_answers_in_the_intake(saved, said):
    turn, stored = await intake_answers(saved, said)

    asked = saved_state(saved)["slots"]["requested_slot"]
    assert turn.slots[asked] is not None  # answered, not rejected
    assert stored[asked] == turn.slots[asked]


async def test_the_offer_in_the_intake_goes_to_the_search_or_back_to_the_story():
    turn = await run_action(
        ActionOfferSwitch(), load_tracker("intake_asks_strengths", search_request())
    )

    assert turn.texts[0].startswith("Wil je nu hulp zoeken in de buurt?")
    assert "onthoud ik" in turn.texts[0]
    search, back = turn.replies[0]["buttons"]
    assert json.loads(search["payload"].removeprefix("/find_provider")) == {
        "municipality": "Gent",
        "support_type": "wonen",
    }
    assert back == {"title": "Nee, ga verder met mijn verhaal", "payload": "/start_intake"}


async def test_the_check_asked_at_the_name_question_is_offered():
    said = user("wat past er bij mij?", "check_eligibility")
    turn = await run_action(
        ValidateIntakeForm(),
        load_tracker(
            "intake_asks_strengths",
            said,
            extracted={},
            slots={"requested_slot": "plan_name", "plan_name": None},
        ),
    )

    assert "plan_name" not in turn.slots
