"""Messages of a new user (2026-12-07, forty-eighth session), over the REST channel with the
real servers: still waiting told as a complaint gets the answer about waiting (actions/faq.py,
actions/out_of_scope.py), a screen reader asked about is told it works
(actions/screen_help.py), a visit asked for hears that a program cannot come, with a human one
button away (actions/reach_wegwijzer.py), and tax on a budget is answered first
(actions/tax_question.py), and "ja" to when the team may call is any time
(bot/handoff/assistant.py). Each was "Sorry, dat heb ik niet goed begrepen", "Daar kan ik je
helaas niet mee helpen", "Ik lees: visuele beperking." or "which of these topics?". From the
forty-ninth session: help without a budget gets the answer about RTH
(actions/help_without_budget.py; it got the one about a budget granted without waiting), and
a problem with one's help told without the word complaint gets the answer about one's help
(actions/complaints.py; it was "another matter"), and a relative described with "wie kan
helpen" gets the facts read back and the offer of the check (actions/facts_told.py; it was
"which of these topics?"), which a typed "ja" starts; asked whether this is the VAPH, the
first thing said is that Wegwijzer is not (actions/not_the_vaph.py; "Sorry, dat heb ik niet
goed begrepen"); help asked with the application gets how to apply and who helps
(actions/help_applying.py; "which of these topics?")."""

from __future__ import annotations

import pytest

from tests.chat import knowledge_answer, new_sender, texts

pytestmark = pytest.mark.rasa

NOT_UNDERSTOOD = "Sorry, dat heb ik niet goed begrepen"
OTHER_MATTER = "Daar kan ik je helaas niet mee helpen"
NO_TAX_ON_A_PVB = "Op een persoonsvolgend budget (PVB) betaal je geen belastingen."


@pytest.mark.parametrize(
    "complaint",
    [
        "ik heb een aanvraag gedaan in 2019 en nog altijd niks",
        "nog altijd niks gehoord van het vaph",
        "ik heb nog steeds geen antwoord van het vaph",
    ],
)
def test_still_waiting_gets_the_answer_about_waiting(assistant, complaint):
    said = texts(assistant.replies(new_sender(), complaint))

    assert knowledge_answer("waiting_time") in said, said
    assert not any(NOT_UNDERSTOOD in text or OTHER_MATTER in text for text in said)


def test_a_blind_person_hears_the_chat_works_with_a_screen_reader(assistant):
    said = texts(assistant.replies(new_sender(), "ik ben blind, werkt dit met mijn schermlezer"))

    assert said[0].startswith("Ja. Deze chat werkt met een schermlezer"), said
    assert not any(text.startswith("Ik lees:") for text in said)


def test_asking_for_a_visit_hears_a_program_cannot_come(assistant):
    replies = assistant.replies(new_sender(), "kunnen jullie bij mij thuis langskomen")

    assert texts(replies)[0].startswith("Ik ben een computerprogramma: ik kan niet bij je")
    buttons = [button["title"] for reply in replies for button in reply.get("buttons", [])]
    assert "Met een mens praten" in buttons


def test_tax_on_a_budget_is_answered_first(assistant):
    said = texts(assistant.replies(new_sender(), "moet ik belastingen betalen op mijn budget"))

    assert said[0].split("\n")[0] == NO_TAX_ON_A_PVB
    assert not any(OTHER_MATTER in text for text in said)


def test_yes_to_when_the_team_may_call_is_any_time_not_a_moment(assistant):
    """ "ja" to "Wanneer past het jou het best?" was told back as "Je zei wanneer het je
    past: ja." (bot/handoff/assistant.py, parse_when)."""
    sender = new_sender()
    assistant.replies(sender, "ik wil met iemand praten")
    assistant.replies(sender, "via mail")
    asked = texts(assistant.replies(sender, "jan@voorbeeld.be"))
    assert any(text.startswith("Wanneer past het jou het best?") for text in asked), asked

    said = texts(assistant.replies(sender, "ja"))

    assert any("jan@voorbeeld.be" in text for text in said), said
    assert not any("Je zei wanneer het je past" in text for text in said), said


def test_help_without_a_budget_gets_the_answer_about_rth(assistant):
    said = texts(assistant.replies(new_sender(), "kan ik hulp krijgen zonder budget"))

    assert knowledge_answer("what_is_rth") in said, said
    assert knowledge_answer("automatic_grant") not in said


def test_a_problem_with_ones_help_gets_the_answer_about_help(assistant):
    said = texts(
        assistant.replies(new_sender(), "mijn begeleider is altijd te laat wat kan ik doen")
    )

    assert knowledge_answer("change_provider") in said, said
    assert not any(OTHER_MATTER in text for text in said)


def test_a_relative_described_with_who_can_help_is_offered_the_check(assistant):
    sender = new_sender()
    text = "mijn ma zit in een rolstoel en kan ni meer alleen naar de wc, wie kan helpen"
    first = texts(assistant.replies(sender, text))
    assert any("Wil je weten welke hulp" in said and "je ma" in said for said in first), first
    assert not any("Ik weet niet zeker wat je bedoelt" in said for said in first)

    then = texts(assistant.replies(sender, "ja"))

    assert any(said.startswith("Hoe oud is je ma?") for said in first + then), then


@pytest.mark.parametrize("asked", ["goeiendag, is dit de vaph?", "is dit het vaph"])
def test_asked_whether_this_is_the_vaph_it_says_it_is_not_first(assistant, asked):
    said = texts(assistant.replies(new_sender(), asked))

    assert "niet het VAPH" in said[0].split("\n")[0], said
    assert not any(NOT_UNDERSTOOD in text for text in said)


def test_help_with_the_application_gets_how_to_apply(assistant):
    said = texts(assistant.replies(new_sender(), "help mij met de aanvraag"))

    assert knowledge_answer("how_to_apply") in said, said


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        (
            "mijn zus is 30 en heeft een verstandelijke beperking, ze woont bij ons in brugge, "
            "wat kan ze krijgen",
            "je zus",
        ),
        ("ik ben mama van een zoon met autisme, hij is 12, wat bestaat er allemaal", "je kind"),
    ],
)
def test_a_relative_described_with_what_can_she_get_is_offered_the_check(assistant, text, relative):
    """It was read back ("Ik lees: je zus, 30 jaar, ...") with the menu only."""
    said = texts(assistant.replies(new_sender(), text))

    assert any("Wil je weten welke hulp" in line and relative in line for line in said), said


def test_the_wish_to_change_day_centre_with_a_budget_gets_the_answer_about_changing(assistant):
    """It was read back ("Ik lees: je dochter, dagondersteuning.") with the menu only."""
    text = "mijn dochter heeft een pvb en wil naar een ander dagcentrum"
    said = texts(assistant.replies(new_sender(), text))

    assert knowledge_answer("change_provider") in said, said
