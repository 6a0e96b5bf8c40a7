"""A carer who died gets a word for the loss and the answer about the noodprocedure
(actions/loss_of_care.py), not "which of these two topics did you mean?"."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.loss_of_care import EMERGENCY_TOPIC, loss_of_care_topic
from tests.actions.conftest import fallen_back, load_tracker, ranked_selection, run_action, user
from tests.chat import knowledge_answer

SORRY = "Wat erg dat je dit meemaakt."


def test_the_answer_names_care_that_falls_away():
    assert "de zorg van je netwerk plots wegvalt" in knowledge_answer(EMERGENCY_TOPIC)


@pytest.mark.parametrize(
    "text",
    [
        "mijn ma is gestorven en nu weet ik niet hoe het verder moet met mijn broer",
        "ons vader is vorige week overleden, hij zorgde voor mijn zus",
        "de man die voor mijn zoon zorgde stierf vorige maand",
        "mijn man is plots dood en ik kan niet alleen voor onze dochter zorgen",
    ],
)
def test_a_carer_who_died_is_the_noodprocedure(text):
    assert loss_of_care_topic(text) == EMERGENCY_TOPIC


@pytest.mark.parametrize(
    "text",
    [
        "als mijn zoon overlijdt, wat gebeurt er dan met zijn budget",  # not told as happened
        "wat als ik later dood ben, wie zorgt dan voor mijn zoon",  # a worry for later
        "mijn hond is gestorven",  # no carer
    ],
)
def test_no_carer_who_died(text):
    assert loss_of_care_topic(text) is None


async def test_read_as_a_faq_question_no_topic_is_sure_of_it_gets_the_noodprocedure():
    """The selector's best was when_carers_stop at 0.20 on the model of 2026-12-06."""
    said = user(
        "mijn ma is gestorven en nu weet ik niet hoe het verder moet met mijn broer",
        "faq",
        response_selector=ranked_selection(("when_carers_stop", 0.20), ("zzi_interview", 0.18)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[:2] == [SORRY, knowledge_answer(EMERGENCY_TOPIC)]
    assert turn.slots == {"last_faq_topic": EMERGENCY_TOPIC}


async def test_under_the_fallback_too():
    text = "ons vader is vorige week overleden, hij zorgde voor mijn zus"

    turn = await run_action(ActionFallback(), load_tracker("welcome", fallen_back(text)))

    assert turn.texts[:2] == [SORRY, knowledge_answer(EMERGENCY_TOPIC)]
    assert "utter_fallback" not in turn.responses
