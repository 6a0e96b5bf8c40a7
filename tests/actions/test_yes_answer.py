"""A typed "ja" to a question an action asked (actions/hello_or_goodbye.ActionAnswerYes).
Found as a new user on the model of 2026-12-07: "toon mijn plan", "Je hebt nog geen plan.
Wil je er een beginnen?", "ja" got the menu "Waarmee kan ik je helpen?"; so did "ja" to
"Zullen we breder zoeken?" after a search without result. A yes to the offer of the check
that the FAQ action made ("mijn ma zit in een rolstoel ..., wie kan helpen") starts it."""

from __future__ import annotations

from typing import Any

from actions.hello_or_goodbye import ActionAnswerYes
from tests.actions.conftest import load_tracker, run_action, slot_event, user


def asked(action: str, response: str) -> list[dict[str, Any]]:
    """The events of an answer by `action` that said `response`, then the wait for a reply."""
    return [
        {"event": "action", "name": action},
        {"event": "bot", "text": "…", "metadata": {"utter_action": response}},
        {"event": "action", "name": "action_listen"},
    ]


async def test_yes_to_starting_a_plan_starts_the_intake():
    earlier = [user("toon mijn plan", "show_plan"), *asked("action_show_plan", "utter_no_plan_yet")]
    tracker = load_tracker("welcome", user("ja", "affirm"), earlier=earlier)

    turn = await run_action(ActionAnswerYes(), tracker)

    assert turn.events == [{"event": "followup", "name": "intake_form", "timestamp": None}]
    assert turn.texts == []


async def test_yes_to_a_wider_search_searches_wider():
    earlier = [
        user("ik zoek logeren voor autisme in leuven", "find_provider"),
        *asked("action_show_providers", "utter_providers_none"),
    ]
    tracker = load_tracker(
        "provider_search_done",
        user("ja", "affirm"),
        slots={"support_type": "logeren", "target_group": "autisme"},
        earlier=earlier,
    )

    turn = await run_action(ActionAnswerYes(), tracker)

    assert turn.texts[0] == "Ik zoek nu breder: voor alle doelgroepen."
    assert slot_event("target_group", "alle") in [
        {k: v for k, v in e.items() if k != "timestamp"} for e in turn.events
    ]


async def test_a_yes_without_a_question_gets_the_menu():
    turn = await run_action(ActionAnswerYes(), load_tracker("faq_answered", user("jaa", "affirm")))

    assert turn.responses == ["utter_what_next"]
    assert turn.events == []


async def test_yes_to_the_offer_of_the_check_after_facts_starts_the_check():
    earlier = [
        user("mijn ma zit in een rolstoel, wie kan helpen", "faq"),
        *asked("action_answer_faq", "utter_eligibility_offer_someone"),
    ]
    tracker = load_tracker("welcome", user("ja", "affirm"), earlier=earlier)

    turn = await run_action(ActionAnswerYes(), tracker)

    assert turn.responses == ["utter_eligibility_agreed"]
    assert turn.events[-1] == {"event": "followup", "name": "eligibility_form", "timestamp": None}
