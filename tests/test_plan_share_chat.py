"""Sending one's plan to someone, over the REST channel with the real servers: the plan's
link with the words that it can be passed on and a trajectondersteuner can review it, not
the consent for a new plan; where the PDF is for printing. And someone moving to Wallonia
is told whom the VAPH helps, not asked which of two FAQ topics they meant."""

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
    assert said[-1] == "Hoe ziet een goede dag er voor jou uit?"  # the intake goes on


def test_a_request_to_send_a_plan_without_a_plan_offers_one_not_the_consent(assistant):
    said = texts(assistant.replies(new_sender(), "ik wil mijn plan delen met mijn begeleider"))

    assert said == ["Je hebt nog geen plan. Wil je er een beginnen?"]


def test_asking_to_print_the_plan_says_where_the_pdf_is(assistant):
    sender = new_sender()
    start_plan(assistant, sender)

    said = texts(assistant.replies(sender, "hoe kan ik mijn plan printen"))

    assert "Open de link. Op die pagina kan je je plan als pdf downloaden of afdrukken." in said


def test_moving_to_wallonia_gets_whom_the_vaph_helps(assistant):
    said = texts(
        assistant.replies(new_sender(), "ik verhuis naar wallonie kan ik mijn budget meenemen")
    )

    assert any(
        text.startswith("De hulp van het VAPH is voor wie in Vlaanderen of Brussel woont")
        for text in said
    )
    assert not any(text.startswith("Ik weet niet zeker wat je bedoelt") for text in said)
