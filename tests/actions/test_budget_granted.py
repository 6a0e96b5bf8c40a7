"""A person who just got a budget and asks what now gets how to use it
(actions/budget_granted.py), not what a PVB is nor how to apply for one."""

from __future__ import annotations

import pytest

from actions.budget_granted import (
    ASSISTANCE_TOPIC,
    BUDGET_TOPIC,
    asks_what_now_with_a_budget,
    finds_no_provider_with_a_budget,
)
from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from knowledge import db, queries
from tests.actions.conftest import load_tracker, ranked_selection, run_action, user


def answer(topic: str) -> str:
    with db.session() as session:
        found = queries.faq_answer(session, topic, "gewoon")
        assert found is not None
        return found.text


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("ik heb een pvb gekregen, wat nu", ("what_is_pvb", 0.86)),  # model of 2026-12-06
        ("ons zoon heeft zijn budget gekregen, hoe begin ik eraan", ("how_to_apply", 0.93)),
        ("het vaph heeft mijn budget ter beschikking gesteld wat nu", ("contact_vaph", 0.2)),
        ("we hebben eindelijk een budget toegekend gekregen hoe moeten we nu verder",
         ("how_to_apply", 0.41)),
    ],
)  # fmt: skip
async def test_a_budget_just_given_and_what_now_gets_how_to_use_it(text, read_as):
    question = user(text, "faq", response_selector=ranked_selection(read_as, ("costs", 0.1)))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", question))

    assert turn.texts[0] == answer(BUDGET_TOPIC)
    assert turn.slots == {"last_faq_topic": BUDGET_TOPIC}


@pytest.mark.parametrize(
    "text",
    [
        "ik heb nog geen budget gekregen wat moet ik doen",  # still waiting
        "mijn pvb is goedgekeurd wat moet ik doen",  # an approved plan, no budget yet
        "ik heb een brief gekregen, hoe vraag ik een pvb aan",
        "wat is een pvb",
    ],
)
def test_no_budget_given_is_no_such_question(text):
    assert not asks_what_now_with_a_budget(text, None)


def test_another_sure_topic_about_a_given_budget_stays():
    text = "ik heb net mijn pvb gekregen, hoe begin ik, is er een organisatie die helpt"
    assert not asks_what_now_with_a_budget(text, "assistance_organisation")
    assert asks_what_now_with_a_budget(text, "what_is_pvb")


# --- a budget, and no provider found ----------------------------------------------------------


async def test_a_budget_and_no_place_found_read_unsure_gets_who_helps():
    """ "mijn zoon heeft een pvb maar vindt geen voorziening": faq with no topic sure
    (budget_spending 0.18) on the model of 2026-12-06, "which of these two topics?"."""
    text = "mijn zoon heeft een pvb maar vindt geen voorziening"
    question = user(
        text, "faq", response_selector=ranked_selection(("budget_spending", 0.18), ("costs", 0.1))
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", question))

    assert turn.texts[0] == answer(ASSISTANCE_TOPIC)
    assert turn.slots == {"last_faq_topic": ASSISTANCE_TOPIC}


async def test_a_budget_and_no_place_found_under_the_fallback_gets_who_helps():
    """ "mijn zoon heeft een pvb maar vindt geen plaats": inform 0.70 on the model of
    2026-12-06, then "Ik lees: je zoon." and the menu."""
    said = user(
        "mijn zoon heeft een pvb maar vindt geen plaats", "inform", {"relation": ("kind", "zoon")}
    )

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0] == answer(ASSISTANCE_TOPIC)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # A held-out budget_spending question: the time to start the budget, kept.
        (
            "we hebben het budget voor ons zoon maar nog geen voorziening gevonden hoelang "
            "hebben we om het te beginnen gebruiken",
            "budget_spending",
        ),
        ("ik heb nog geen pvb en vind geen plaats", None),  # no budget yet
        ("ik heb een budget en zoek een dagcentrum", None),  # a search, not none found
        ("we vinden geen plaats voor onze zoon", None),  # no budget named
    ],
)
def test_other_messages_are_no_budget_without_a_provider(text, topic):
    assert not finds_no_provider_with_a_budget(text, topic)
