"""What a word means (actions/term_explained.py): a question about one glossary term without
a FAQ topic of its own gets the glossary's sentence first, then the answer's lines about the
term first, or only the next steps when no sure answer uses the term."""

from __future__ import annotations

import pytest

from actions import jargon
from actions.faq import TERM_TOPICS, ActionAnswerFaq
from actions.term_explained import meaning_asked
from tests.actions.conftest import faq_selection, load_tracker, ranked_selection, run_action, user
from tests.chat import knowledge_answer

MFC = next(term for term in jargon.terms_in("MFC") if term.id == "mfc")
VTC = next(term for term in jargon.terms_in("VTC") if term.id == "vtc")


async def test_a_term_in_a_sure_answer_gets_its_sentence_and_its_lines_first():
    # faq 1.0, minors 0.94 on the model of 2026-12-06; the MFC was the answer's fourth line.
    said = user("wat is een mfc", "faq", response_selector=faq_selection("minors"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == MFC.explanation
    lines = turn.texts[1].splitlines()
    assert lines[0].startswith("Een multifunctioneel centrum (MFC) geeft begeleiding")
    assert sorted(lines) == sorted(knowledge_answer("minors").splitlines())  # nothing lost
    assert turn.responses[-1] == "utter_faq_next_steps_gewoon"
    assert turn.slots == {"last_faq_topic": "minors"}


async def test_a_term_without_a_sure_answer_gets_its_sentence_not_which_topic():
    # faq 1.0, zzi_interview 0.30 on the model of 2026-12-06: "which of these two?".
    unsure = ranked_selection(("zzi_interview", 0.30), ("priority_groups", 0.25))
    said = user("wat is de vtc", "faq", response_selector=unsure)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == VTC.explanation
    assert turn.responses[1:] == ["utter_faq_next_steps_gewoon"]
    assert turn.slots == {}


@pytest.mark.parametrize(
    "text",
    ["wat is een pvb", "wat is een mfc voor mijn zoon", "hoe vraag ik een pab aan", "wat is ges+"],
)
def test_other_questions_are_left_to_the_faq_answer(text):
    assert meaning_asked(text, TERM_TOPICS) is None


async def test_in_a_form_the_question_is_left_to_the_faq_answer():
    said = user("wat is een mfc", "faq", response_selector=faq_selection("minors"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("eligibility_asks_place", said))

    assert turn.texts[0] == knowledge_answer("minors")


async def test_a_term_whose_topic_has_no_answer_still_gets_its_sentence():
    said = user("wat is een zorgkas?", "faq", response_selector=faq_selection("zorgkas"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0].startswith("Een zorgkas")
    assert turn.responses[1:] == ["utter_faq_next_steps_gewoon"]


@pytest.mark.parametrize("level", ["gewoon", "eenvoudig"])
async def test_what_an_ondersteuningsplan_is_comes_with_the_offer_to_make_one(level):
    """ "wa is een ondersteuningsplan eigenlijk" started the intake (its consent question);
    "wat is een ondersteuningsplan" got one sentence and "Is dit duidelijk?"."""
    unsure = ranked_selection(("how_to_apply", 0.44), ("what_is_dop", 0.24))
    said = user("wa is een ondersteuningsplan eigenlijk", "faq", response_selector=unsure)
    tracker = load_tracker("welcome", said, slots={"reading_level": level})

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.texts[0] == "Een ondersteuningsplan is een plan van de hulp die je nodig hebt."
    assert turn.responses[1:] == ["utter_plan_offer"]
    assert "Mijn plan maken" in turn.buttons
    assert "schrijf het op" in turn.text
    assert ("ontwerp van je ondersteuningsplan" in turn.text) is (level == "gewoon")


async def test_a_sure_topic_does_not_take_the_offer_away():
    said = user(
        "wat is een ondersteuningsplan", "faq", response_selector=faq_selection("how_to_apply")
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses[1:] == ["utter_plan_offer"]
