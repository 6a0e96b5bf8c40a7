"""FAQ buttons (`/faq/<topic>`) over the REST channel with the real servers: Rasa 3.6 read
such a payload as plain text and answered with the fallback; now the button's topic is
answered, whatever the ResponseSelector makes of the payload's text."""

from __future__ import annotations

import secrets

import pytest

from tests.chat import knowledge_answer

pytestmark = pytest.mark.rasa


@pytest.mark.parametrize("topic", ["what_is_dop", "automatic_grant", "zzi_interview"])
def test_a_faq_button_gets_the_answer_of_its_topic(assistant, topic):
    replies = assistant.replies(f"faq-button-{secrets.token_hex(6)}", f"/faq/{topic}")

    assert replies[0]["text"] == knowledge_answer(topic)
    assert "Met een mens praten" in [button["title"] for button in replies[1]["buttons"]]


def test_a_faq_button_after_a_question_answers_the_button(assistant):
    sender = f"faq-button-{secrets.token_hex(6)}"
    assistant.replies(sender, "wat is een persoonsvolgend budget")

    replies = assistant.replies(sender, "/faq/what_is_bob")

    assert replies[0]["text"] == knowledge_answer("what_is_bob")
