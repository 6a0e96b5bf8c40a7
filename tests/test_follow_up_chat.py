"""A short question right after a FAQ answer is about what was just explained, over the
REST channel with the real servers (actions/follow_up.py): "en hoe vraag ik dat aan"
after the answer about RTH is not the persoonsvolgend budget's procedure."""

from __future__ import annotations

import pytest

from knowledge import db
from knowledge.models import Right
from tests.chat import knowledge_answer, new_sender, texts

pytestmark = pytest.mark.rasa


def how_to_get(right_id: str) -> str:
    with db.session() as session:
        right = session.get(Right, right_id)
        assert right is not None
        return " ".join(right.how_to_apply.split())


@pytest.mark.parametrize(
    ("question", "follow_up", "right_id"),
    [
        ("wat is rth", "en hoe vraag ik dat aan", "RTH"),
        ("wat is het zorgbudget", "waar moet ik dat aanvragen", "BOB"),
    ],
)
def test_how_to_apply_after_an_answer_is_about_what_was_explained(
    assistant, question, follow_up, right_id
):
    sender = new_sender()
    assert assistant.replies(sender, question)

    said = texts(assistant.replies(sender, follow_up))

    assert how_to_get(right_id) in [text.replace("\n", " ") for text in said]
    assert knowledge_answer("how_to_apply") not in said


def test_how_to_apply_on_its_own_is_the_budget_procedure(assistant):
    said = texts(assistant.replies(new_sender(), "hoe vraag ik een persoonsvolgend budget aan"))

    assert knowledge_answer("how_to_apply") in said


def test_waiting_for_a_place_after_the_costs_of_a_dagcentrum(assistant):
    sender = new_sender()
    assert assistant.replies(sender, "hoeveel kost een dagcentrum")

    said = texts(assistant.replies(sender, "en hoe lang moet ik wachten op een plaats"))

    assert knowledge_answer("waiting_time") not in said
    assert any("Vraag het aan de aanbieder zelf" in text for text in said), said


def test_who_decides_after_the_pvb_answer_is_said_from_that_answer(assistant):
    """ "en wie beslist dat" asked "over minderjarigen of de noodprocedure?" before."""
    sender = new_sender()
    assert texts(assistant.replies(sender, "wat is een pvb"))[0] == knowledge_answer("what_is_pvb")

    said = texts(assistant.replies(sender, "en wie beslist dat"))

    decides = [line for line in knowledge_answer("what_is_pvb").splitlines() if "beslissen" in line]
    assert said[0] == decides[0], said
    assert knowledge_answer("minors") not in said
    assert knowledge_answer("emergency_procedure") not in said


def test_how_much_after_the_zorgbudget_is_its_amount(assistant):
    """ "en hoeveel krijg je dan" after the zorgbudget was "Sorry, dat heb ik niet goed
    begrepen"; the answer just given names the amount."""
    sender = new_sender()
    assert texts(assistant.replies(sender, "wat is het zorgbudget"))[0] == knowledge_answer(
        "what_is_bob"
    )

    said = texts(assistant.replies(sender, "en hoeveel krijg je dan"))

    amount = next(line for line in knowledge_answer("what_is_bob").splitlines() if "euro" in line)
    assert said[0].splitlines()[0] == amount, said
    assert "Sorry" not in " ".join(said)


@pytest.mark.parametrize("follow_up", ["en hoeveel krijg je dan", "en hoeveel krijg ik dan"])
def test_how_much_after_the_pvb_answer_is_how_big_a_budget_is(assistant, follow_up):
    """The second was read as a request for the check and started its questions."""
    sender = new_sender()
    assert texts(assistant.replies(sender, "wat is een pvb"))[0] == knowledge_answer("what_is_pvb")

    said = texts(assistant.replies(sender, follow_up))

    assert said[0] == knowledge_answer("budget_categories"), said


def test_who_decides_after_thanks_is_said_from_the_answer_just_given(assistant):
    """ "bedankt, en wie beslist daarover" was read as thanks (0.93): "Graag gedaan!" only."""
    sender = new_sender()
    assert assistant.replies(sender, "wat is een pvb")

    said = texts(assistant.replies(sender, "bedankt, en wie beslist daarover"))

    decides = [line for line in knowledge_answer("what_is_pvb").splitlines() if "beslissen" in line]
    assert said[0] == decides[0], said


def test_how_to_apply_for_the_zorgbudget_is_not_the_budget_procedure(assistant):
    """ "hoe vraag ik het zorgbudget aan" got the persoonsvolgend budget's procedure."""
    said = texts(assistant.replies(new_sender(), "hoe vraag ik het zorgbudget aan"))

    assert how_to_get("BOB") in [text.replace("\n", " ") for text in said]
    assert knowledge_answer("how_to_apply") not in said
