"""Questions the classifier could not place, over the REST channel with the real servers: a
question about the waiting list gets the waiting-time answer (bot/waiting_question_signal.py),
a question about spending a budget the answer about that (bot/faq_question_signal.py), a
complaint where it goes (actions/complaints.py); before, all got "Sorry, dat heb ik niet
goed begrepen". An objection, a form not understood, a carer who died and a lost code get
their own answers (actions/hard_documents.py, actions/loss_of_care.py, actions/plan_commands.py)."""

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


def test_a_question_about_spending_a_budget_on_a_cleaner_gets_what_cash_pays_for(assistant):
    said = texts(
        assistant.replies(new_sender(), "kan ik mijn budget gebruiken voor een poetsvrouw")
    )

    assert knowledge_answer("budget_spending") in said
    assert any("dienstencheques" in text for text in said), said


def test_a_long_wait_told_gets_the_answer_about_waiting(assistant):
    said = texts(assistant.replies(new_sender(), "ik sta al 3 jaar op de wachtlijst"))

    assert knowledge_answer("waiting_time") in said
    assert not any(NOT_UNDERSTOOD in text for text in said)


def test_information_asked_about_the_pvb_is_what_it_is_not_the_privacy_answer(assistant):
    """ "ik wil info over het pvb" got the answer on stored data (privacy 0.70, for "info")."""
    said = texts(assistant.replies(new_sender(), "ik wil info over het pvb"))

    assert knowledge_answer("what_is_pvb") in said
    assert knowledge_answer("privacy") not in said


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("kan ik bezwaar maken", "vaph_letter"),  # nlu_fallback on 2026-12-06
        ("ik versta het formulier niet", "what_is_dop"),  # not_meant 0.88
    ],
)
def test_an_objection_or_a_form_not_understood_gets_who_helps(assistant, message, topic):
    said = texts(assistant.replies(new_sender(), message))

    # The answer's lines (an objection gets its line about not agreeing first).
    lines = sorted(knowledge_answer(topic).splitlines())
    assert any(sorted(text.splitlines()) == lines for text in said), said
    assert not any(NOT_UNDERSTOOD in text or "begreep ik je verkeerd" in text for text in said)


def test_not_agreeing_with_a_decision_gets_first_what_to_do_about_it(assistant):
    """ "ik ben het niet eens met de beslissing van het vaph" got the answer on the VAPH's
    letters with "ben je het er niet mee eens? Vraag dan uitleg aan het VAPH." in line 5."""
    said = texts(
        assistant.replies(new_sender(), "ik ben het niet eens met de beslissing van het vaph")
    )

    assert said[0].startswith("Begrijp je de brief niet, of ben je het er niet mee eens?")


def test_a_carer_who_died_gets_a_word_for_the_loss_and_the_noodprocedure(assistant):
    """Read as a FAQ question no topic was sure of: "which of these two topics?"."""
    message = "mijn ma is gestorven en nu weet ik niet hoe het verder moet met mijn broer"
    said = texts(assistant.replies(new_sender(), message))

    assert said[:2] == ["Wat erg dat je dit meemaakt.", knowledge_answer("emergency_procedure")]


@pytest.mark.parametrize("message", ["ik ben mijn code kwijt", "ik weet mijn code niet meer"])
def test_a_lost_code_gets_what_can_be_done_instead_of_the_code_asked_for(assistant, message):
    said = texts(assistant.replies(new_sender(), message))

    assert said == [
        "Zonder je code kan ik je plan niet terugvinden. Je kan een nieuw plan beginnen, of "
        "hulp vragen aan een mens."
    ]
