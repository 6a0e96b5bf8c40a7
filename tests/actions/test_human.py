"""action_request_human: honest that nobody can join yet, and the crisis lines first after
a crisis, so that asking for a person never ends on a dead end."""

from __future__ import annotations

import pytest

from actions.human import ActionRequestHuman
from tests.actions.conftest import load_tracker, run_action, user

CRISIS_LINES = (
    "Bel 112 bij gevaar",
    "Bel gratis 1813",
    "Bel gratis en anoniem 106",
    "Bel 1712",
)


def ask_for_a_human() -> dict:
    return user("ik wil met een mens praten", "request_human")


async def test_without_a_crisis_it_says_honestly_that_nobody_can_join_and_where_to_go():
    turn = await run_action(ActionRequestHuman(), load_tracker("welcome", ask_for_a_human()))

    assert turn.responses == ["utter_human_not_ready_yet"]
    assert "kan hier nog niet" in turn.text
    assert "binnenkort" not in turn.text, "no promise of a hand-off nobody can keep"
    assert "Dienst Ondersteuningsplan (DOP) helpt je gratis" in turn.text
    assert "vragenformulier op www.vaph.be" in turn.text
    assert not any(line in turn.text for line in CRISIS_LINES)


async def test_after_a_crisis_the_crisis_lines_come_first_again():
    tracker = load_tracker("intake_after_crisis", ask_for_a_human())

    turn = await run_action(ActionRequestHuman(), tracker)

    assert turn.responses == ["utter_human_after_crisis"]
    text = turn.text
    assert text.startswith("Eerst het belangrijkste. Ben je of is iemand in gevaar")
    positions = [text.index(line) for line in CRISIS_LINES]
    assert positions == sorted(positions), "112 first, then 1813, 106 and 1712"
    # Only after the lines: that no person can join here.
    assert text.index("hier in de chat kan nog niet") > positions[-1]
    assert turn.events == []


async def test_after_a_crisis_in_easy_language():
    tracker = load_tracker(
        "intake_after_crisis", ask_for_a_human(), slots={"reading_level": "eenvoudig"}
    )

    turn = await run_action(ActionRequestHuman(), tracker)

    assert turn.text.startswith("Ben je in gevaar? Of is iemand anders in gevaar?")
    assert all(line in turn.text for line in CRISIS_LINES)
    assert "Hier in de chat kan je nog niet met een mens praten." in turn.text


@pytest.mark.parametrize("reading_level", ["gewoon", "eenvoudig"])
async def test_violence_and_abuse_have_their_own_line(reading_level):
    tracker = load_tracker(
        "intake_after_crisis", ask_for_a_human(), slots={"reading_level": reading_level}
    )

    turn = await run_action(ActionRequestHuman(), tracker)

    assert "geweld, misbruik of kindermishandeling? Bel 1712" in turn.text


async def test_after_a_crisis_without_the_knowledge_base_it_still_gives_112(tmp_path, monkeypatch):
    monkeypatch.setenv("WEGWIJZER_KNOWLEDGE_DB_URL", f"sqlite:///{tmp_path / 'empty.db'}")

    turn = await run_action(
        ActionRequestHuman(), load_tracker("intake_after_crisis", ask_for_a_human())
    )

    assert turn.responses == ["utter_crisis_without_knowledge"]
    assert "Bel dan meteen 112." in turn.text
