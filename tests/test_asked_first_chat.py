"""What the message asked is answered, over the REST channel with the real servers (issue 14,
answer first): a move to Wallonia gets whom the VAPH helps, not "which of these two topics?";
a question about chatting in French that Wegwijzer only speaks Dutch, not "Sorry, dat heb ik
niet goed begrepen"; the wish to leave one's support worker the answer about changing
providers; a question about paying one's mother with the budget starts with that line;
reading aloud asked gets where the button is, typing that is hard a kind answer; a question
about one's own budget its answer, not the check's questions."""

from __future__ import annotations

import pytest

from knowledge import db, queries
from tests.chat import knowledge_answer, new_sender, texts, titles

pytestmark = pytest.mark.rasa

NOT_SURE = "Ik weet niet zeker wat je bedoelt"
NOT_UNDERSTOOD = "Sorry, dat heb ik niet goed begrepen"


@pytest.mark.parametrize(
    "question",
    [
        "ik verhuis naar wallonie kan ik mijn budget meenemen",
        # change_provider, sure, on the model of 2026-12-07: the answer on changing providers.
        "kan ik mijn pvb meenemen naar nederland",
    ],
)
def test_moving_to_wallonia_gets_whom_the_vaph_helps(assistant, question):
    said = texts(assistant.replies(new_sender(), question))

    assert any(
        text.startswith("De hulp van het VAPH is voor wie in Vlaanderen of Brussel woont")
        for text in said
    )
    assert not any(text.startswith(NOT_SURE) for text in said)


def test_a_question_about_chatting_in_french_says_only_dutch_is_understood(assistant):
    said = texts(assistant.replies(new_sender(), "kan ik met jou ook in het frans praten"))

    assert said[0].startswith("Sorry, ik begrijp alleen Nederlands.")


def test_the_wish_to_leave_ones_support_worker_gets_the_answer_about_changing(assistant):
    said = texts(assistant.replies(new_sender(), "ik wil mijn begeleider ontslaan"))

    assert said[0] == knowledge_answer("change_provider")


def test_paying_ones_mother_with_the_budget_is_answered_in_the_first_line(assistant):
    with db.session() as session:
        family_line = queries.statement_wording(session, "cash_familie")
    assert family_line

    said = texts(assistant.replies(new_sender(), "kan ik mijn mama betalen met mijn pvb"))

    assert said[0].startswith(family_line + "\n")
    assert not any(text.startswith(NOT_UNDERSTOOD) for text in said)


def test_reading_aloud_asked_says_where_the_button_is_and_keeps_the_words(assistant):
    # simpler_language 0.75 on the model of 2026-12-06: "Ik schrijf nu in makkelijke taal".
    said = texts(assistant.replies(new_sender(), "kan je het voorlezen"))

    assert said[0].startswith('Bovenaan de chat staat de knop "Voorlezen"')
    assert not any("makkelijke taal" in text for text in said)


def test_typing_that_is_hard_gets_a_kind_answer_and_buttons(assistant):
    replies = assistant.replies(new_sender(), "ik kan niet goed typen")

    assert texts(replies)[0].startswith("Dat is niet erg. Typ maar een paar woorden")
    assert "Met een mens praten" in titles(replies)


def test_a_question_about_ones_own_budget_gets_the_answer_not_the_check(assistant):
    # check_eligibility 0.80 on the model of 2026-12-06: "Zoek je hulp voor jezelf ...?"
    said = texts(assistant.replies(new_sender(), "mag ik op reis met mijn budget"))

    assert said[0] == knowledge_answer("budget_spending")
    assert not any("voor jezelf of voor iemand anders" in text for text in said)


def test_a_question_announced_about_ones_zorgbudget_is_waited_for(assistant):
    # check_eligibility 0.82 on the model of 2026-12-06: the check's first question.
    said = texts(assistant.replies(new_sender(), "ik heb een vraag over mijn zorgbudget"))

    assert said[0].startswith("Ik help je graag. Stel je vraag")


def test_a_complaint_about_the_chatbot_gets_an_apology_not_the_providers_answer(assistant):
    # faq, change_provider 0.89 on the model of 2026-12-06: the answer on changing providers.
    replies = assistant.replies(new_sender(), "ik wil klagen over de chatbot")

    assert texts(replies)[0].startswith("Dat spijt me.")
    assert "Met een mens praten" in titles(replies)
    assert knowledge_answer("change_provider") not in texts(replies)


@pytest.mark.parametrize(
    "message",
    [
        "kan ik iemand anders laten chatten voor mij",  # request_human 0.83: the hand-off
        "mag mijn mama voor mij chatten",  # identify_as_network 0.69: questions about mama
        "kan mijn zus in mijn plaats typen",  # other_place 0.78: "Waar zoek je hulp?"
    ],
)
def test_asking_whether_someone_else_may_chat_gets_yes_and_how(assistant, message):
    """On the model of 2026-12-06 the hand-off started, the questions went to the mother
    instead of the person, or the provider search asked for a place."""
    sender = new_sender()
    said = texts(assistant.replies(sender, message))

    assert said[0].startswith("Ja, dat mag. Iemand die je vertrouwt mag met je mee chatten")
    assert not any("trajectondersteuner" in text for text in said)
    # The person can go on: the mother introduces herself.
    after = texts(assistant.replies(sender, "ik ben de mama van Lotte"))
    assert after[0] == "Goed, dan stel ik mijn vragen over Lotte."


def test_a_flemish_compliment_is_taken_as_thanks(assistant):
    """ "ge zijt ne schat" was inform 0.97 on the model of 2026-12-06: "Sorry, dat heb ik
    niet goed begrepen"."""
    said = texts(assistant.replies(new_sender(), "ge zijt ne schat"))

    assert said[0] == "Graag gedaan! Heb je nog een vraag?"


@pytest.mark.parametrize(
    "message",
    [
        "mijn zoon heeft een pvb maar vindt geen plaats",  # inform 0.70: "Ik lees: je zoon."
        "mijn zoon heeft een pvb maar vindt geen voorziening",  # faq, no topic sure
    ],
)
def test_a_budget_and_no_place_found_gets_who_helps_find_one(assistant, message):
    said = texts(assistant.replies(new_sender(), message))

    assert said[0] == knowledge_answer("assistance_organisation")
