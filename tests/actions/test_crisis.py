"""action_crisis: the crisis lines and the VAPH's noodprocedure, whatever is going on; and
"dat bedoelde ik niet" after it (action_return_after_crisis): back to where the person was."""

from __future__ import annotations

import pytest

from actions.crisis import ActionCrisis, ActionReturnAfterCrisis
from tests.actions.conftest import load_tracker, run_action, stored_answers, user

CRISIS_LINES = (
    "- Bel 112 bij gevaar, als je dringend een ziekenwagen of de brandweer nodig hebt.",
    "- Denk je aan zelfdoding, of maak je je zorgen over iemand? Bel gratis 1813,",
    "- Wil je met iemand praten over wat je zorgen maakt? Bel gratis en anoniem 106,",
    "- Gaat het over geweld, misbruik of kindermishandeling? Bel 1712, of mail of chat.",
)


def crisis() -> dict:
    return user("ik kan niet meer", "crisis")


async def test_crisis_gives_the_crisis_lines_the_noodprocedure_and_a_human():
    turn = await run_action(ActionCrisis(), load_tracker("welcome", crisis()))

    assert turn.responses == ["utter_crisis"]
    text = turn.text
    assert text.startswith("Wat je vertelt, klinkt ernstig. Je staat er niet alleen voor.\n")
    positions = [text.index(line) for line in CRISIS_LINES]
    assert positions == sorted(positions), "112 first, then 1813, 106 and 1712"
    assert "Het VAPH heeft ook een noodprocedure PVB: een snelle weg" in text
    # The brief gives the DOP no role in the noodprocedure; the VAPH decides.
    assert "Het VAPH beslist of je die krijgt." in text
    assert "DOP" not in text
    assert turn.buttons == ["Ja, met een mens praten", "Nee, verder met Wegwijzer"]
    assert turn.slots == {"crisis_left_form": ""}


async def test_crisis_in_easy_language():
    tracker = load_tracker("welcome", crisis(), slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionCrisis(), tracker)

    assert turn.text.startswith("Wat je schrijft, is ernstig.")
    assert all(line in turn.text for line in CRISIS_LINES)
    assert "Het VAPH heeft ook een noodprocedure.\nDat is snelle hulp" in turn.text
    assert "Het VAPH is de Vlaamse dienst voor mensen met een handicap." in turn.text


@pytest.mark.parametrize("saved", ["eligibility_asks_place", "intake_asks_wonen_wish"])
async def test_crisis_inside_a_form_answers_the_same_and_keeps_the_answers(saved):
    tracker = load_tracker(saved, crisis())

    turn = await run_action(ActionCrisis(), tracker)

    assert turn.responses == ["utter_crisis"]
    assert all(line in turn.text for line in CRISIS_LINES)
    # No answer is reset and the form is left to the rules (action_deactivate_loop); the
    # form is remembered for "dat bedoelde ik niet".
    assert turn.slots == {"crisis_left_form": tracker.active_loop_name}
    assert tracker.active_loop_name in ("eligibility_form", "intake_form")


async def test_without_the_knowledge_base_the_crisis_still_gets_112(tmp_path, monkeypatch):
    monkeypatch.setenv("WEGWIJZER_KNOWLEDGE_DB_URL", f"sqlite:///{tmp_path / 'empty.db'}")

    turn = await run_action(ActionCrisis(), load_tracker("welcome", crisis()))

    assert turn.responses == ["utter_crisis_without_knowledge"]
    assert turn.texts == [
        "Wat je vertelt, klinkt ernstig. Ben je of is iemand in gevaar? Bel dan meteen 112.\n"
        "Wil je met een mens praten?"
    ]
    assert turn.buttons == ["Ja, met een mens praten"]


# --- a weak signal, and "dat bedoelde ik niet" --------------------------------------------------

NOT_MEANT = "Dat bedoelde ik niet"


@pytest.mark.parametrize("saved", ["welcome", "intake_asks_wonen_wish"])
async def test_a_crisis_only_the_classifier_read_still_gets_every_line_and_a_way_back(saved):
    # No signal of bot/crisis_signals.txt in these words: only DIET read a crisis.
    said = user("lang slapen en dan wandelen", "crisis")

    turn = await run_action(ActionCrisis(), load_tracker(saved, said))

    assert all(line in turn.text for line in CRISIS_LINES)
    assert turn.buttons == ["Ja, met een mens praten", "Nee, verder met Wegwijzer", NOT_MEANT]
    assert turn.replies[0]["buttons"][-1]["payload"] == "/not_meant"


@pytest.mark.parametrize("said", ["ik voel mij zo eenzaam", "ik ben zo moe van alles"])
async def test_a_soft_signal_gets_every_line_and_a_way_back(said):
    # Loneliness and exhaustion (bot/crisis_signals_soft.txt) are often a fact of life.
    turn = await run_action(ActionCrisis(), load_tracker("welcome", user(said, "crisis")))

    assert all(line in turn.text for line in CRISIS_LINES)
    assert turn.buttons[-1] == NOT_MEANT


async def test_a_clear_crisis_signal_gets_no_not_meant_button():
    turn = await run_action(ActionCrisis(), load_tracker("welcome", user("ik wil dood", "crisis")))

    assert NOT_MEANT not in turn.buttons


def not_meant() -> dict:
    return user("dat bedoelde ik niet", "not_meant")


async def test_not_meant_after_a_crisis_in_the_intake_goes_back_to_the_intake():
    tracker = load_tracker(
        "intake_after_crisis", not_meant(), slots={"crisis_left_form": "intake_form"}
    )

    turn = await run_action(ActionReturnAfterCrisis(), tracker)

    assert turn.text.startswith("Sorry, dan heb ik je verkeerd begrepen.")
    assert "hulplijnen hierboven" in turn.text
    # The form asks its next question; every answer given is still in the slots.
    assert turn.events[-1] == {"event": "active_loop", "name": "intake_form", "timestamp": None}
    assert turn.slots == {"crisis_left_form": None, "requested_slot": None}
    assert tracker.get_slot("wonen_now") == "Ik woon bij mijn ouders."


async def test_not_meant_in_easy_language():
    tracker = load_tracker(
        "intake_after_crisis",
        not_meant(),
        slots={"crisis_left_form": "intake_form", "reading_level": "eenvoudig"},
    )

    turn = await run_action(ActionReturnAfterCrisis(), tracker)

    assert turn.texts[0].splitlines()[0] == "Sorry. Ik begreep je verkeerd."


async def test_not_meant_after_a_crisis_outside_a_form_asks_what_next():
    tracker = load_tracker("welcome", crisis())
    tracker.events.append({"event": "action", "name": "action_crisis"})
    tracker.events.append(not_meant())
    tracker.slots["crisis_left_form"] = ""

    turn = await run_action(ActionReturnAfterCrisis(), tracker)

    assert turn.responses == ["utter_crisis_not_meant", "utter_what_next"]
    assert not any(e.get("event") == "active_loop" for e in turn.events)


async def test_not_meant_without_a_crisis_before_asks_to_say_it_otherwise():
    turn = await run_action(ActionReturnAfterCrisis(), load_tracker("welcome", not_meant()))

    assert turn.responses == ["utter_not_meant"]
    assert turn.events == []


async def test_not_meant_long_after_the_crisis_does_not_reopen_the_form():
    tracker = load_tracker(
        "intake_after_crisis",
        user("wat is een pvb", "faq"),
        slots={"crisis_left_form": "intake_form"},
    )
    tracker.events += [user("en een bob", "faq"), not_meant()]

    turn = await run_action(ActionReturnAfterCrisis(), tracker)

    assert turn.responses == ["utter_not_meant"]
    assert turn.events == []


def misread_intake_answer(text: str, slot: str = "wonen_now") -> dict:
    """The intake after a crisis answer that followed `text`, the answer to `slot`; the
    crisis stopped the form, and Rasa cleared `requested_slot` (as it does when a rule
    deactivates a form)."""
    tracker = load_tracker(
        "intake_after_crisis",
        not_meant(),
        slots={"crisis_left_form": "intake_form", "requested_slot": None, slot: None},
    )
    events = tracker.events
    crisis_at = max(i for i, e in enumerate(events) if e.get("name") == "action_crisis")
    misread = max(i for i in range(crisis_at) if events[i].get("event") == "user")
    events[misread] = user(text, "crisis")
    asked = max(i for i in range(misread) if events[i].get("name") == "requested_slot")
    events[asked] = {**events[asked], "value": slot}
    events.insert(crisis_at + 1, {"event": "slot", "name": "requested_slot", "value": None})
    return tracker


async def test_not_meant_keeps_the_answer_only_the_classifier_read_as_a_crisis():
    """ "ik kan zelf niet koken vanuit mijn rolstoel want het aanrecht is te hoog" was read
    as a crisis (0.91, no crisis signal in it). After "dat bedoelde ik niet" it is the
    answer to the question it interrupted, not a message to type again."""
    said = "ik kan zelf niet koken vanuit mijn rolstoel want het aanrecht is te hoog"
    tracker = misread_intake_answer(said)

    turn = await run_action(ActionReturnAfterCrisis(), tracker)

    assert turn.slots["wonen_now"] == said
    assert turn.events[-1] == {"event": "active_loop", "name": "intake_form", "timestamp": None}
    assert stored_answers(tracker.get_slot("plan_id"))["wonen_now"] == said


async def test_not_meant_does_not_keep_a_message_with_a_crisis_signal():
    tracker = misread_intake_answer("ik wil dood")

    turn = await run_action(ActionReturnAfterCrisis(), tracker)

    assert "wonen_now" not in turn.slots
    assert stored_answers(tracker.get_slot("plan_id")).get("wonen_now") != "ik wil dood"


async def test_a_kept_answer_that_is_no_answer_is_asked_again():
    # A name question takes a name: the misread sentence is not stored as one.
    tracker = misread_intake_answer("ik kan het niet meer aan met de trap", "plan_name")

    turn = await run_action(ActionReturnAfterCrisis(), tracker)

    assert turn.slots.get("plan_name") is None
    assert turn.events[-1] == {"event": "active_loop", "name": "intake_form", "timestamp": None}
