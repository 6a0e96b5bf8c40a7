"""Help without a budget (actions/help_without_budget.py): "kan ik hulp krijgen zonder
budget" got the answer about a budget granted without waiting; it gets the answer about
rechtstreeks toegankelijke hulp (RTH)."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.help_without_budget import help_without_budget_topic
from tests.actions.conftest import load_tracker, ranked_selection, run_action, user

RTH_FIRST_LINE = "Rechtstreeks toegankelijke hulp (RTH) is beperkte hulp"


@pytest.mark.parametrize(
    ("text", "read_as", "expected"),
    [
        ("ist mogelijk om hulp te krijgen zonder pvb", "automatic_grant", "what_is_rth"),
        ("kan ik hulp krijgen zonder budget", "automatic_grant", "what_is_rth"),
        ("welke hulp is er zonder pvb", "what_is_pvb", "what_is_rth"),
        ("kan ik zonder een persoonsvolgend budget naar een dagcentrum", None, "what_is_rth"),
        # a budget granted without waiting, as the selector read it
        ("zonder wachten een pvb hoe", "automatic_grant", None),
        ("zonder prioriteitengroep budget krijgen wie", "automatic_grant", None),
        # a topic that answers the question stays
        ("welke andere steun is er zonder pvb", "other_support", None),
    ],
)
def test_what_counts_as_asking_for_help_without_a_budget(text, read_as, expected):
    assert help_without_budget_topic(text, read_as) == expected


async def test_help_without_a_budget_read_as_a_budget_without_waiting_gets_rth():
    said = user(
        "kan ik hulp krijgen zonder budget",
        "faq",
        response_selector=ranked_selection(("automatic_grant", 0.79), ("what_is_pvb", 0.03)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0].startswith(RTH_FIRST_LINE)
    assert turn.slots == {"last_faq_topic": "what_is_rth"}


async def test_help_without_a_budget_misunderstood_gets_the_same_answer():
    said = user("ist mogelijk om hulp te krijgen zonder pvb", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0].startswith(RTH_FIRST_LINE)
    assert {"event": "rewind"} not in turn.events
