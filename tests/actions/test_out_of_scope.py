"""A question about one's own money read as another matter (actions/out_of_scope.py):
"wanneer krijg ik mijn geld" got "Daar kan ik je helaas niet mee helpen"; it gets the
budget topic the FAQ selector reads. Other matters keep the out-of-scope answer."""

from __future__ import annotations

import pytest

from actions.out_of_scope import ONES_MONEY, ActionOutOfScope
from bot.config import PROJECT_ROOT
from tests.actions.conftest import load_tracker, ranked_selection, run_action, user
from tests.chat import knowledge_answer
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


async def test_when_ones_money_comes_gets_the_budget_topic_the_selector_reads():
    # out_of_scope 1.00, waiting_time 0.85 on the model of 2026-12-07.
    sure = ranked_selection(("waiting_time", 0.85), ("privacy", 0.03))
    said = user("wanneer krijg ik mijn geld", "out_of_scope", response_selector=sure)

    turn = await run_action(ActionOutOfScope(), load_tracker("welcome", said))

    assert turn.texts[0] == knowledge_answer("waiting_time")
    assert "utter_out_of_scope" not in turn.responses
    assert turn.slots == {"last_faq_topic": "waiting_time"}


async def test_unsure_between_two_budget_topics_asks_which():
    unsure = ranked_selection(("waiting_time", 0.40), ("budget_spending", 0.35))
    said = user("wanneer komt mijn geld", "out_of_scope", response_selector=unsure)

    turn = await run_action(ActionOutOfScope(), load_tracker("welcome", said))

    assert turn.responses == ["utter_faq_which_topic"]
    assert turn.buttons[:2] == [
        "Hoe lang moet ik wachten?",
        "Cash of voucher: wat is het verschil?",
    ]


@pytest.mark.parametrize(
    ("text", "scores"),
    [
        ("wanneer krijg ik mijn pensioen", (("waiting_time", 0.55), ("privacy", 0.07))),
        ("wanneer krijg ik mijn geld", (("privacy", 0.9), ("costs", 0.01))),  # no budget topic
    ],
)
async def test_other_matters_keep_the_out_of_scope_answer(text, scores):
    said = user(text, "out_of_scope", response_selector=ranked_selection(*scores))

    turn = await run_action(ActionOutOfScope(), load_tracker("welcome", said))

    assert turn.responses == ["utter_out_of_scope"]


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_out_of_scope_example_names_ones_own_money(where):
    other_matters = examples(where)["out_of_scope"]
    assert len(other_matters) > 30
    assert [text for text in other_matters if ONES_MONEY.search(text)] == []
