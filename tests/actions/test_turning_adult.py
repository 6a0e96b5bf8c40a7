"""Turning 18 (actions/turning_adult.py): "ze wordt 18 volgend jaar wa moet ik regelen" got
"Ik weet niet zeker wat je bedoelt"; it gets the answer about children and young people,
with its lines about the persoonsvolgend budget first."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.turning_adult import turning_adult_topic
from tests.actions.conftest import load_tracker, ranked_selection, run_action, user

ASKED = "ik heb een dochter met down en ze wordt 18 volgend jaar wa moet ik regelen"
PVB_FROM_17 = "Een persoonsvolgend budget (PVB) vraag je aan vanaf 17 jaar."
# No topic sure (on the model of 2026-12-07, AMD host, the two options were these).
UNSURE = ranked_selection(("costs", 0.4), ("minors", 0.35), ("what_is_pvb", 0.1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ASKED, "minors"),
        ("als hij 18 wordt wat dan", "minors"),
        ("mijn zoon wordt binnenkort achttien", "minors"),
        ("wat verandert er als ze meerderjarig wordt", "minors"),
        ("ze is 18", None),  # an age, not turning 18
        ("mijn vader wordt 81", None),
        ("hoe oud moet je zijn", None),
    ],
)
def test_what_counts_as_turning_18(text, expected):
    assert turning_adult_topic(text) == expected


@pytest.mark.parametrize(
    ("selection", "topic"),
    [
        (UNSURE, "minors"),
        # a topic the selector is sure of stays that topic
        (ranked_selection(("automatic_grant", 0.97)), "automatic_grant"),
    ],
)
async def test_turning_18_answered_by_the_topic_the_selector_is_sure_of_else_young_people(
    selection, topic
):
    said = user(ASKED, "faq", response_selector=selection)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.slots == {"last_faq_topic": topic}


async def test_turning_18_with_no_topic_sure_gets_the_lines_about_the_pvb_first():
    said = user(ASKED, "faq", response_selector=UNSURE)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0].startswith(PVB_FROM_17)
    # the lines about an MFC and a PAB that go on into a PVB come next
    assert "(MFC)" in turn.texts[0].split("\n")[1]
    assert "Ik weet niet zeker wat je bedoelt" not in turn.text
    assert turn.slots == {"last_faq_topic": "minors"}


async def test_turning_18_misunderstood_gets_the_same_answer():
    said = user(ASKED, "nlu_fallback", response_selector=UNSURE)

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0].startswith(PVB_FROM_17)
    assert turn.slots == {"last_faq_topic": "minors"}
    assert {"event": "rewind"} not in turn.events


async def test_in_easy_language_the_answer_keeps_its_order():
    said = user(ASKED, "faq", response_selector=UNSURE)
    tracker = load_tracker("welcome", said, slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionAnswerFaq(), tracker)

    lines = turn.texts[0].split("\n")
    assert lines[0] == "Ook voor kinderen is er hulp."
    assert "Vanaf 17 jaar kun je een persoonsvolgend budget vragen." in lines
