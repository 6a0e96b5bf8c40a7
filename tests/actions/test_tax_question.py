"""Whether a budget is taxed (actions/tax_question.py): "moet ik belastingen betalen op mijn
budget" got "Daar kan ik je helaas niet mee helpen"; the knowledge base says there is no tax
on a PVB nor on the zorgbudget, and that line now comes first."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.out_of_scope import ActionOutOfScope
from actions.tax_question import tax_topic
from bot.config import PROJECT_ROOT
from tests.actions.conftest import faq_selection, load_tracker, ranked_selection, run_action, user
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR

NO_TAX_ON_A_PVB = "Op een persoonsvolgend budget (PVB) betaal je geen belastingen."


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("moet ik belastingen betalen op mijn budget", "costs"),
        ("is een pvb belastbaar", "costs"),
        ("moet ons ma belasting betalen op haar zorgbudget", "what_is_bob"),
        ("moet ik belasting betalen op mijn huis", None),  # no budget
        ("hoeveel is mijn budget", None),  # no tax
    ],
)
def test_which_answer_says_whether_a_budget_is_taxed(text, topic):
    assert tax_topic(text) == topic


async def test_tax_on_a_budget_read_as_another_matter_is_answered_first():
    """out_of_scope 0.80 on the model of 2026-12-07, the selector sure of costs at 1.00."""
    said = user(
        "moet ik belastingen betalen op mijn budget",
        "out_of_scope",
        response_selector=ranked_selection(("costs", 1.0)),
    )

    turn = await run_action(ActionOutOfScope(), load_tracker("welcome", said))

    assert "utter_out_of_scope" not in turn.responses
    assert turn.texts[0].split("\n")[0] == NO_TAX_ON_A_PVB
    assert turn.slots == {"last_faq_topic": "costs"}


async def test_tax_on_the_zorgbudget_gets_the_zorgbudget_line_first():
    said = user("moet ik belasting betalen op het zorgbudget", "out_of_scope")
    tracker = load_tracker("welcome", said, slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionOutOfScope(), tracker)

    assert turn.texts[0].split("\n")[0] == "Op het zorgbudget betaal je geen belasting."


async def test_a_question_about_costs_with_tax_has_the_tax_line_first():
    said = user("betaal ik belasting op een pvb", "faq", response_selector=faq_selection("costs"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0].split("\n")[0] == NO_TAX_ON_A_PVB
    assert turn.texts[0].count("\n") >= 4  # the rest of the answer follows


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_out_of_scope_example_asks_about_tax_on_a_budget(where):
    assert [text for text in examples(where)["out_of_scope"] if tax_topic(text)] == []


async def test_tax_on_a_budget_that_fell_back_gets_the_same_answer():
    said = user("belastingen op pvb??", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0].split("\n")[0] == NO_TAX_ON_A_PVB
    assert {"event": "rewind"} not in turn.events


async def test_in_a_form_tax_is_left_to_the_form():
    said = user("moet ik belasting betalen op mijn budget", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("eligibility_asks_place", said))

    assert not any(NO_TAX_ON_A_PVB in text for text in turn.texts)
