"""Who sees the plan (actions/plan_privacy.py): "kan iemand anders mijn plan zien" fell back
and "kan de trajectondersteuner mijn plan zien" got what a trajectondersteuner is; both get
the privacy answer with its lines about the plan first."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.plan_privacy import asks_who_sees_the_plan
from tests.actions.conftest import load_tracker, ranked_selection, run_action, user

SEES_IT = "Je plan zie jij met je eigen link; een trajectondersteuner ziet het alleen als jij"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kan iemand anders mijn plan zien", True),
        ("wie kan mijn plan lezen", True),
        ("wie ziet mijn plan", True),
        ("kan de trajectondersteuner mijn plan zien", True),
        ("kan ik mijn plan zien", False),  # the plan itself: show_plan
        ("ik wil mijn plan zien", False),
        ("toon mijn plan", False),
    ],
)
def test_what_counts_as_asking_who_sees_the_plan(text, expected):
    assert asks_who_sees_the_plan(text) is expected


async def test_who_sees_the_plan_misunderstood_gets_the_privacy_answer_plan_first():
    said = user(
        "kan iemand anders mijn plan zien",
        "nlu_fallback",
        response_selector=ranked_selection(("privacy", 0.6), ("change_provider", 0.06)),
    )

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0].startswith(SEES_IT)
    assert turn.slots == {"last_faq_topic": "privacy"}
    assert {"event": "rewind"} not in turn.events


async def test_the_trajectondersteuner_seeing_the_plan_is_a_privacy_question():
    said = user(
        "kan de trajectondersteuner mijn plan zien",
        "faq",
        response_selector=ranked_selection(("what_is_trajectondersteuner", 0.98)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0].startswith(SEES_IT)


async def test_in_easy_language_the_easy_lines_come_first():
    said = user("wie ziet mijn plan", "faq", response_selector=ranked_selection(("privacy", 0.9)))
    tracker = load_tracker("welcome", said, slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.texts[0].split("\n")[:2] == [
        "Je plan zie jij met je eigen link.",
        "Een trajectondersteuner ziet het alleen als jij dat vraagt.",
    ]
