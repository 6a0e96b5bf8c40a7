"""action_crisis: the crisis lines and the VAPH's noodprocedure, whatever is going on."""

from __future__ import annotations

import pytest

from actions.crisis import ActionCrisis
from tests.actions.conftest import load_tracker, run_action, user

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
    assert turn.events == []


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
    # No slot is reset and the form is left to the rules (action_deactivate_loop).
    assert turn.events == []


async def test_without_the_knowledge_base_the_crisis_still_gets_112(tmp_path, monkeypatch):
    monkeypatch.setenv("WEGWIJZER_KNOWLEDGE_DB_URL", f"sqlite:///{tmp_path / 'empty.db'}")

    turn = await run_action(ActionCrisis(), load_tracker("welcome", crisis()))

    assert turn.responses == ["utter_crisis_without_knowledge"]
    assert turn.texts == [
        "Wat je vertelt, klinkt ernstig. Ben je of is iemand in gevaar? Bel dan meteen 112.\n"
        "Wil je met een mens praten?"
    ]
    assert turn.buttons == ["Ja, met een mens praten"]
