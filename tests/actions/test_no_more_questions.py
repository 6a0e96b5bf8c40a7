"""'nee dank u', 'nee, dat is alles' after an answer: no more questions, so the goodbye
(actions/hello_or_goodbye.py). Found as a new user on the model of 2026-12-07: "nee dank u"
and "nee merci" after a FAQ answer got "Sorry, dat heb ik niet goed begrepen" (the fallback
at 0.60, thank 0.45 under it), "nee, dat is alles" got the menu "Waarmee kan ik je helpen?"
(deny)."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.hello_or_goodbye import ActionAnswerNo
from tests.actions.conftest import load_tracker, run_action, user


@pytest.mark.parametrize("text", ["nee dank u", "nee merci", "neen bedankt, da was alles"])
async def test_no_thanks_misunderstood_after_an_answer_is_a_goodbye_not_a_miss(text):
    turn = await run_action(
        ActionFallback(), load_tracker("faq_answered", user(text, "nlu_fallback"))
    )

    assert turn.responses == ["utter_goodbye"]
    assert turn.text.startswith("Tot later!")
    assert {"event": "rewind"} not in turn.events


@pytest.mark.parametrize("text", ["nee, dat is alles", "nee dank je"])
async def test_no_that_is_all_read_as_a_no_is_a_goodbye(text):
    turn = await run_action(ActionAnswerNo(), load_tracker("faq_answered", user(text, "deny")))

    assert turn.responses == ["utter_goodbye"]


async def test_a_bare_no_still_gets_the_menu():
    turn = await run_action(ActionAnswerNo(), load_tracker("faq_answered", user("neeje", "deny")))

    assert turn.responses == ["utter_what_next"]
    assert "Mijn plan maken" in turn.buttons


async def test_no_thanks_to_the_crisis_answers_offer_of_a_human_gets_the_menu_not_a_goodbye():
    earlier = [
        user("ik zie het niet meer zitten", "crisis"),
        {"event": "action", "name": "action_crisis"},
        {"event": "action", "name": "action_listen"},
    ]
    tracker = load_tracker("welcome", user("nee dank u", "deny"), earlier=earlier)

    turn = await run_action(ActionAnswerNo(), tracker)

    assert turn.responses == ["utter_what_next"]


async def test_in_a_form_no_thanks_is_left_to_the_form():
    tracker = load_tracker("contact_asks_preference", user("nee bedankt", "nlu_fallback"))

    turn = await run_action(ActionFallback(), tracker)

    assert "utter_goodbye" not in turn.responses
