"""Sending one's plan to someone, over the REST channel with the real servers: the plan's
link with the words that it can be passed on and a trajectondersteuner can review it, not
the consent for a new plan; where the PDF is for printing."""

from __future__ import annotations

import pytest

from tests.chat import new_sender, texts, titles
from tests.test_intake_chat import start_plan

pytestmark = pytest.mark.rasa

LINK = "Je plan tot nu toe: "
SHARE = "Je kan deze link zelf doorsturen"
REVIEW = "Laat een trajectondersteuner het nakijken"
CONSENT = "Ga je akkoord?"


@pytest.mark.parametrize(
    "request_to_send",
    [
        # start_intake 0.95 on the model of 2026-12-06: the consent for a new plan came.
        "ik wil mijn plan delen met mijn begeleider",
        # show_plan 0.83: the link came, but not that it may be passed on.
        "kan ik mijn plan doorsturen naar mijn zus",
    ],
)
def test_a_request_to_send_the_plan_gets_its_link_and_how_to_pass_it_on(assistant, request_to_send):
    sender = new_sender()
    start_plan(assistant, sender)

    replies = assistant.replies(sender, request_to_send)

    said = texts(replies)
    link_at = next(at for at, text in enumerate(said) if text.startswith(LINK))
    assert said[link_at + 1].startswith(SHARE)
    assert REVIEW in titles(replies)
    assert not any(CONSENT in text for text in said)
    assert "goede dag" in said[-1]  # the intake asks its question again


def test_a_request_to_send_a_plan_without_a_plan_offers_one_not_the_consent(assistant):
    said = texts(assistant.replies(new_sender(), "ik wil mijn plan delen met mijn begeleider"))

    assert said == ["Je hebt nog geen plan. Wil je er een beginnen?"]


def test_asking_to_print_the_plan_says_where_the_pdf_is(assistant):
    sender = new_sender()
    start_plan(assistant, sender)

    said = texts(assistant.replies(sender, "hoe kan ik mijn plan printen"))

    assert "Open de link. Op die pagina kan je je plan als pdf downloaden of afdrukken." in said
