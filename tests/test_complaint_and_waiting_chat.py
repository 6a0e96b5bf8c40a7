"""Short questions people type, over the REST channel with the real servers: a question
about the waiting list the classifier could not place gets the waiting-time answer
(bot/waiting_question_signal.py), a complaint gets where it goes (actions/complaints.py);
before, both got "Sorry, dat heb ik niet goed begrepen"."""

from __future__ import annotations

import pytest

from tests.chat import knowledge_answer, new_sender, texts

pytestmark = pytest.mark.rasa

NOT_UNDERSTOOD = "Sorry, dat heb ik niet goed begrepen"


@pytest.mark.parametrize("question", ["zijn er wachtlijsten", "is er een wachtlijst"])
def test_a_short_question_about_the_waiting_list_gets_the_waiting_time(assistant, question):
    said = texts(assistant.replies(new_sender(), question))

    assert knowledge_answer("waiting_time") in said
    assert not any(NOT_UNDERSTOOD in text for text in said)


@pytest.mark.parametrize(
    "complaint",
    ["ik heb een klacht over mijn begeleider", "waar kan ik klagen over mijn zorgaanbieder"],
)
def test_a_complaint_about_ones_help_gets_what_to_do(assistant, complaint):
    said = texts(assistant.replies(new_sender(), complaint))

    assert knowledge_answer("change_provider") in said
    assert not any(NOT_UNDERSTOOD in text for text in said)


def test_a_complaint_about_the_vaph_gets_its_klachtendienst(assistant):
    said = texts(assistant.replies(new_sender(), "ik wil een klacht indienen tegen het vaph"))

    assert any("klachten@vaph.be" in text for text in said), said
    assert knowledge_answer("change_provider") not in said
