"""An objection to a decision, or a form or letter not understood, gets the answer that says
who helps (actions/hard_documents.py), not "Sorry, dat heb ik niet goed begrepen" nor "Sorry,
dan begreep ik je verkeerd"."""

from __future__ import annotations

import pytest

from actions.crisis import ActionReturnAfterCrisis
from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.hard_documents import (
    FORM_TOPIC,
    LETTER_TOPIC,
    ZORGBUDGET_TOPIC,
    document_topic,
    objection_topic,
)
from bot.config import PROJECT_ROOT
from tests.actions.conftest import fallen_back, load_tracker, ranked_selection, run_action, user
from tests.chat import knowledge_answer as answer
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def test_the_answers_say_who_helps():
    """What these messages get: to ask the VAPH when one does not agree with its letter, the
    bezwaar about the zorgbudget, and a DOP's free help with the plan."""
    assert "niet mee eens? Vraag dan uitleg aan het VAPH" in answer(LETTER_TOPIC)
    assert "bezwaar" in answer(ZORGBUDGET_TOPIC)
    assert "gratis" in answer(FORM_TOPIC) and "ondersteuningsplan" in answer(FORM_TOPIC)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("kan ik bezwaar maken", LETTER_TOPIC),  # nlu_fallback 0.60 on 2026-12-06
        ("hoe teken ik beroep aan tegen de beslissing", LETTER_TOPIC),
        ("kan ik bezwaar indienen tegen mijn zorgbudget", ZORGBUDGET_TOPIC),
        ("wat heb ik aan een klacht", None),  # complaints: actions/complaints.py
        # Not agreeing with a decision, as people say it.
        ("ik ben het niet eens met de beslissing van het vaph", LETTER_TOPIC),
        ("ik ben het nie eens met mijn budgetcategorie", LETTER_TOPIC),
        ("ik ben het niet eens met het zorgbudget dat ik krijg", ZORGBUDGET_TOPIC),
        ("ik ben het niet eens met mijn begeleider", None),  # no decision
        ("ik ben niet akkoord", None),
        # The decision told first: found as a new user on 2026-12-07 (vaph_letter, its
        # letters listed first and the line on not agreeing further down).
        ("ik heb een beslissing gekregen maar ik ben het er niet mee eens", LETTER_TOPIC),
        ("de vtc heeft beslist en ik ben ni akkoord", LETTER_TOPIC),
        ("mijn begeleider is lief maar ik ben het niet eens", None),  # no decision
    ],
)
def test_an_objection_gets_the_answer_about_that_decision(text, topic):
    assert objection_topic(text) == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("ik versta het formulier niet", FORM_TOPIC),  # not_meant 0.88 on 2026-12-06
        ("ik snap dat formulier niet", FORM_TOPIC),
        ("ik begrijp niks van het ondersteuningsplan pvb", FORM_TOPIC),
        ("ik snap die brief van het vaph ni", LETTER_TOPIC),
        ("ik begrijp je niet", None),  # no document
        ("het formulier is klaar", None),  # nothing not understood
    ],
)
def test_a_document_not_understood_gets_the_answer_about_who_helps(text, topic):
    assert document_topic(text) == topic


def test_no_not_meant_example_is_about_a_document_or_an_objection():
    """ "Dat bedoelde ik niet" after a crisis answer still goes back to where the person was."""
    said = [
        text
        for source in (examples(PROJECT_ROOT / "data" / "nlu"), examples(HOLDOUT_DIR))
        for text in source.get("not_meant", [])
        if document_topic(text) or objection_topic(text)
    ]
    assert said == []


async def test_a_form_not_understood_read_as_not_meant_gets_the_help_of_a_dop():
    said = user("ik versta het formulier niet", "not_meant")

    turn = await run_action(ActionReturnAfterCrisis(), load_tracker("welcome", said))

    assert turn.texts[0] == answer(FORM_TOPIC)
    assert "utter_not_meant" not in turn.responses


async def test_an_objection_the_classifier_was_unsure_of_gets_the_answer_about_the_letter():
    turn = await run_action(
        ActionFallback(), load_tracker("welcome", fallen_back("kan ik bezwaar maken"))
    )

    # The same answer, with its line about not agreeing first.
    said = turn.texts[0].splitlines()
    assert said[0].startswith("Begrijp je de brief niet, of ben je het er niet mee eens?")
    assert sorted(said) == sorted(answer(LETTER_TOPIC).splitlines())
    assert "utter_fallback" not in turn.responses


async def test_not_agreeing_with_ones_priority_group_gets_the_review_line_first():
    """ "ik ben het niet eens met mijn prioriteitengroep" (priority_groups, sure) had "dan kun
    je een herziening vragen" in the sixth line of the answer."""
    said = user(
        "ik ben het niet eens met mijn prioriteitengroep",
        "faq",
        response_selector=ranked_selection(("priority_groups", 0.95), ("waiting_time", 0.02)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    first = turn.texts[0].splitlines()[0]
    assert first.startswith("Verandert je situatie sterk, dan kun je een herziening vragen")
    assert sorted(turn.texts[0].splitlines()) == sorted(answer("priority_groups").splitlines())


async def test_a_question_without_an_objection_keeps_the_order_of_its_answer():
    said = user(
        "wat is een prioriteitengroep",
        "faq",
        response_selector=ranked_selection(("priority_groups", 0.95), ("waiting_time", 0.02)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == answer("priority_groups")


async def test_a_decision_told_first_then_not_agreeing_gets_the_line_on_not_agreeing_first():
    said = user(
        "ik heb een beslissing gekregen maar ik ben het er niet mee eens",
        "faq",
        response_selector=ranked_selection(("vaph_letter", 0.95), ("herziening", 0.02)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    first = turn.texts[0].splitlines()[0]
    assert "niet mee eens" in first or "herziening" in first, first
