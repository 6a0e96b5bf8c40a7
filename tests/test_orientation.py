"""FAQ answers, reading levels and crisis, over the REST channel with the real servers."""

from __future__ import annotations

import secrets

import pytest

from knowledge import db, queries

pytestmark = pytest.mark.rasa


def new_sender() -> str:
    return secrets.token_hex(12)


def knowledge_answer(topic: str, level: str) -> str:
    with db.session() as session:
        return queries.faq_answer(session, topic, level).text


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("wat is een persoonsvolgend budget", "what_is_pvb"),
        ("wat doet een dop", "what_is_dop"),
        ("hoe lang moet ik wachten op mijn budget", "waiting_time"),
    ],
)
def test_a_question_gets_the_knowledge_base_answer_and_next_steps(assistant, question, topic):
    replies = assistant.replies(new_sender(), question)

    assert replies[0]["text"] == knowledge_answer(topic, "gewoon")
    titles = [button["title"] for button in replies[1]["buttons"]]
    assert "Eenvoudiger uitleg" in titles and "Met een mens praten" in titles


def test_asking_for_simpler_words_repeats_the_answer_in_easy_language(assistant):
    sender = new_sender()
    assistant.replies(sender, "wat is een persoonsvolgend budget")

    simpler = assistant.replies(sender, "ik snap het niet, kan het eenvoudiger")
    assert simpler[0]["text"] == "Goed. Ik schrijf nu in makkelijke taal."
    assert simpler[1]["text"] == knowledge_answer("what_is_pvb", "eenvoudig")

    # The level stays for the next answers, and the user can switch back.
    next_answer = assistant.replies(sender, "wat is een dop")
    assert next_answer[0]["text"] == knowledge_answer("what_is_dop", "eenvoudig")
    back = assistant.replies(sender, "je mag weer de gewone uitleg geven")
    assert back[1]["text"] == knowledge_answer("what_is_dop", "gewoon")


@pytest.mark.parametrize(
    "message",
    [
        "ik kan niet meer",
        "ik wil er niet meer zijn",
        "hij slaat mij",
        "het gaat thuis echt niet meer",
        "ik zie het echt niet meer zitten",
    ],
)
def test_a_crisis_gets_the_crisis_lines_and_the_offer_of_a_human(assistant, message):
    replies = assistant.replies(new_sender(), message)

    text = replies[0]["text"]
    for number in ("112", "1813", "106"):
        assert number in text
    assert "noodprocedure PVB" in text
    assert "Ja, met een mens praten" in [b["title"] for b in replies[0]["buttons"]]


def test_a_crisis_in_the_middle_of_an_answer_interrupts_it(assistant):
    sender = new_sender()
    assistant.replies(sender, "wat is een persoonsvolgend budget")

    replies = assistant.replies(sender, "mijn mama is plots weggevallen en ik kan niet meer")
    assert "112" in replies[0]["text"]
