"""Messages of a new user (2026-12-07), over the REST channel with the real servers:
"nee dank u" after an answer is a goodbye (actions/hello_or_goodbye.py), "wa is een
ondersteuningsplan eigenlijk" a question with the offer to make a draft, not the intake's
consent question (bot/faq_question_signal.py, actions/term_explained.py), "hoe lang duurt
het eer dat ik iets hoor van het vaph" gets the answer about waiting (actions/faq.py), and
"ik ben doof kan ik via sms" hears that typing here is fine (actions/reach_wegwijzer.py), and
"ik ben 16, kan ik al iets aanvragen" and "hoe oud moet ik zijn voor een pvb" get the PVB's
age rule first (actions/eligibility_start.py; "mag mijn papa mijn begeleider zijn" is in
tests/test_answer_first_chat.py), and "kunt ge da nog eens
uitleggen" gives the answer again in makkelijke taal (bot/too_hard_phrases.py), and a place and
a kind of help told one by one start the provider search (actions/provider_search.py)."""

from __future__ import annotations

import pytest

from tests.chat import knowledge_answer, new_sender, texts

pytestmark = pytest.mark.rasa

NOT_UNDERSTOOD = "Sorry, dat heb ik niet goed begrepen"
MENU = "Waarmee kan ik je helpen?"


@pytest.mark.parametrize("no_more", ["nee dank u", "nee merci", "nee, dat is alles"])
def test_no_thanks_after_an_answer_is_a_goodbye(assistant, no_more):
    sender = new_sender()
    assistant.replies(sender, "wat is een pvb")

    said = texts(assistant.replies(sender, no_more))

    # "Tot later!" (the goodbye), or "Graag gedaan!" where a training reads it as thanks.
    assert said and said[0].startswith(("Tot later!", "Graag gedaan!")), said
    assert not any(NOT_UNDERSTOOD in text or MENU in text for text in said)


def test_what_an_ondersteuningsplan_is_is_answered_with_the_offer_to_make_one(assistant):
    replies = assistant.replies(new_sender(), "wa is een ondersteuningsplan eigenlijk")
    said = texts(replies)

    assert said[0] == "Een ondersteuningsplan is een plan van de hulp die je nodig hebt."
    assert any("ontwerp van je ondersteuningsplan" in text for text in said), said
    assert not any("Ga je akkoord?" in text for text in said)  # not the intake's consent
    buttons = [button["title"] for reply in replies for button in reply.get("buttons", [])]
    assert "Mijn plan maken" in buttons


def test_when_the_vaph_answers_gets_the_answer_about_waiting(assistant):
    said = texts(
        assistant.replies(new_sender(), "hoe lang duurt het eer dat ik iets hoor van het vaph")
    )

    assert knowledge_answer("waiting_time") in said


def test_a_deaf_person_asking_for_sms_hears_that_typing_here_is_fine(assistant):
    said = texts(assistant.replies(new_sender(), "ik ben doof kan ik via sms"))

    assert any("bellen hoeft niet" in text for text in said), said
    assert not any(text.startswith("Ik lees:") for text in said)


@pytest.mark.parametrize(
    ("question", "first_lines"),
    [
        ("ik ben 16, kan ik al iets aanvragen", ["Je bent 16.", "Dit kan vanaf 17 jaar."]),
        ("hoe oud moet ik zijn voor een pvb", ["Dit kan vanaf 17 jaar."]),
    ],
)
def test_a_question_about_age_gets_the_age_rule_first(assistant, question, first_lines):
    """ "ik ben 16, kan ik al iets aanvragen" started the check without a word about the age;
    "hoe oud moet ik zijn voor een pvb" got "which of these two topics?"."""
    said = texts(assistant.replies(new_sender(), question))

    assert said[0].splitlines()[1 : 1 + len(first_lines)] == first_lines, said


def test_explain_that_again_after_an_answer_gives_it_in_makkelijke_taal(assistant):
    sender = new_sender()
    assistant.replies(sender, "wat is rth")

    said = texts(assistant.replies(sender, "kunt ge da nog eens uitleggen"))

    assert knowledge_answer("what_is_rth", "eenvoudig") in said
    assert not any(NOT_UNDERSTOOD in text for text in said)


def test_a_place_and_a_kind_of_help_told_one_by_one_start_the_search(assistant):
    """ "in kortrijk", then "dagbesteding": each was read back with the menu, and no search
    started (actions/provider_search.py, help_and_place_told_in_pieces)."""
    sender = new_sender()
    assistant.replies(sender, "ik zoek iets voor ons dochter")
    assistant.replies(sender, "in kortrijk")

    said = texts(assistant.replies(sender, "dagbesteding"))

    assert said == ["Wat past het best bij je dochter?"] or said == [
        "Voor wie is de hulp? Kies wat het best past."
    ], said

    result = texts(assistant.replies(sender, "verstandelijke beperking"))

    assert "dagondersteuning voor mensen met verstandelijke beperking in Kortrijk" in result[0]


def test_when_ones_money_comes_is_no_other_matter(assistant):
    """ "wanneer krijg ik mijn geld" (out_of_scope 1.00, waiting_time 0.85 on the model of
    2026-12-07) got "Daar kan ik je helaas niet mee helpen" (actions/out_of_scope.py)."""
    said = texts(assistant.replies(new_sender(), "wanneer krijg ik mijn geld"))

    assert knowledge_answer("waiting_time") in said or any(
        text.startswith("Ik weet niet zeker wat je bedoelt") for text in said
    ), said
    assert not any("Daar kan ik je helaas niet mee helpen" in text for text in said)
