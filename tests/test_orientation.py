"""FAQ answers, reading levels and crisis, over the REST channel with the real servers."""

from __future__ import annotations

import pytest

from tests.chat import knowledge_answer, new_sender, texts, titles

pytestmark = pytest.mark.rasa

CONTACT_QUESTION = "Hoe wil je dat de trajectondersteuner contact met je opneemt?"


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


@pytest.mark.parametrize(
    "question",
    [
        "wat is een trajectondersteuner",
        "wa is nen trajectondersteuner",
        "wat doet die eigenlijk, zo een trajectondersteuner",
    ],
)
def test_asking_what_a_trajectondersteuner_is_explains_it_and_starts_no_hand_off(
    assistant, question
):
    """A question about the word is answered; it is no request for a human (it opened a case
    and asked how to reach the person). "Met een mens praten" under the answer still does."""
    sender = new_sender()
    replies = assistant.replies(sender, question)

    assert texts(replies)[0] == knowledge_answer("what_is_trajectondersteuner")
    assert CONTACT_QUESTION not in texts(replies)
    assert not any(text.startswith("Ik geef je vraag door") for text in texts(replies))

    asked = assistant.replies(sender, "/request_human")
    assert texts(asked)[-1] == CONTACT_QUESTION


@pytest.mark.parametrize(
    "question",
    [
        "wat als ons moeder er ni meer is",
        "wie gaat er later voor onze zoon zorgen als wij er niet meer zijn",
        "ons pa doet alles voor mij maar hij is nu ziek, wat dan",
    ],
)
def test_a_worry_about_who_cares_later_gets_an_answer_not_a_fallback_or_crisis_lines(
    assistant, question
):
    """A carer's worry about later ("als ons moeder er ni meer is") fell back to "Sorry, dat
    heb ik niet goed begrepen"; it gets the answer about planning ahead, the noodprocedure
    and who decides, and no crisis lines."""
    replies = assistant.replies(new_sender(), question)

    assert texts(replies)[0] == knowledge_answer("when_carers_stop")
    assert "noodprocedure" in texts(replies)[0]
    assert not any("1813" in text for text in texts(replies))


@pytest.mark.parametrize(
    "message",
    [
        "ik heb een brief gekregen van het vaph",
        "wat wil da zeggen, nen voornemen van beslissing",
        "ons zoon kreeg post van het vaph en we verstaan er niks van",
    ],
)
def test_a_letter_from_the_vaph_gets_what_its_letters_say_and_a_human_to_read_it_with(
    assistant, message
):
    """A letter from the VAPH fell back to "Sorry, dat heb ik niet goed begrepen"."""
    replies = assistant.replies(new_sender(), message)

    answer = texts(replies)[0]
    assert answer == knowledge_answer("vaph_letter")
    assert "voornemen van beslissing" in answer and "Met een mens praten" in answer
    assert "Met een mens praten" in titles(replies)


@pytest.mark.parametrize(
    "message",
    [
        "ik heb geen internet thuis",
        "ze slaapt slecht en roept veel snachts",
        "ik heb pijn aan mijn rug",
        "mijn broer zit in de gevangenis",
    ],
)
def test_an_everyday_fact_about_care_gets_no_crisis_lines(assistant, message):
    """These got the crisis lines from the classifier alone (no keyword signal), at
    confidence 0.63 to 0.99: a carer telling how things are is not in danger. ("mijn broer
    zit in de gevangenis" kept them until the family facts of docs/nlu.md, last section.)"""
    replies = assistant.replies(new_sender(), message)

    assert not any("1813" in text for text in texts(replies))


def test_asking_to_speak_to_a_trajectondersteuner_still_starts_the_hand_off(assistant):
    replies = assistant.replies(new_sender(), "kan ik met een trajectondersteuner spreken")
    assert texts(replies)[-1] == CONTACT_QUESTION


def test_asking_for_simpler_words_repeats_the_answer_in_easy_language(assistant):
    sender = new_sender()
    assistant.replies(sender, "wat is een persoonsvolgend budget")

    simpler = assistant.replies(sender, "ik snap het niet, kan het eenvoudiger")
    assert simpler[0]["text"] == "Goed. Ik schrijf nu in makkelijke taal."
    assert simpler[1]["text"] == knowledge_answer("what_is_pvb", "eenvoudig")

    # The level stays for the next answers, and the user can switch back.
    next_answer = assistant.replies(sender, "wat is een dop")
    assert next_answer[0]["text"] == knowledge_answer("what_is_dop", "eenvoudig")
    # Asking again in easy language gets no repeat of the same words, but a person offered.
    again = assistant.replies(sender, "ik snap het niet, kan het eenvoudiger")
    assert texts(again)[0].startswith("Eenvoudiger kan ik het niet schrijven.")
    assert "Met een mens praten" in titles(again)
    back = assistant.replies(sender, "je mag weer de gewone uitleg geven")
    assert back[1]["text"] == knowledge_answer("what_is_dop", "gewoon")


@pytest.mark.parametrize(
    "complaint",
    [
        "dat is moeilijke taal",
        "dat is te moeilijk uitgelegd",
        "amai da was veel uitleg, kan da korter",
    ],
)
def test_saying_the_words_are_too_hard_repeats_the_answer_in_easy_language(assistant, complaint):
    """The model of 2026-12-06 read "dat is moeilijke taal" as a wish for the normal words and
    "dat is te moeilijk uitgelegd" as nothing sure ("Sorry, dat heb ik niet goed begrepen"),
    and so "amai da was veel uitleg, kan da korter": the makkelijke taal is shorter."""
    sender = new_sender()
    assistant.replies(sender, "wat is een persoonsvolgend budget")

    simpler = assistant.replies(sender, complaint)

    assert simpler[0]["text"] == "Goed. Ik schrijf nu in makkelijke taal."
    assert simpler[1]["text"] == knowledge_answer("what_is_pvb", "eenvoudig")


@pytest.mark.parametrize(
    "message",
    [
        "ik kan niet meer",
        "ik wil er niet meer zijn",
        "hij slaat mij",
        "het gaat thuis echt niet meer",
        "ik zie het echt niet meer zitten",
        "ik voel mij alleen",  # fell back or was identify_as_person (thirtieth session)
        "ik ben zo moe van alles",  # fell back (thirtieth session)
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


def test_a_question_about_the_difference_between_two_terms_gets_both_answers(assistant):
    replies = texts(
        assistant.replies(new_sender(), "wat is het verschil tussen een pvb en een bob")
    )

    assert replies[:2] == [knowledge_answer("what_is_pvb"), knowledge_answer("what_is_bob")]


def test_waiting_for_a_place_in_a_kind_of_help_offers_a_search_for_it(assistant):
    """Not the VAPH's waiting times for a budget: Wegwijzer does not know the providers'
    places, says so, and the button searches that kind of help."""
    sender = new_sender()
    replies = assistant.replies(sender, "hoelang wachten voor een plek in een woongroep")

    assert texts(replies)[0].startswith("Of je moet wachten op een plaats voor woonondersteuning")
    assert knowledge_answer("waiting_time") not in texts(replies)
    search = next(b["payload"] for b in replies[0]["buttons"] if b["title"] == "Aanbieders zoeken")
    asked = assistant.replies(sender, search)
    assert texts(asked)[-1].startswith("Waar zoek je hulp?")
    assert assistant.tracker(sender)["slots"]["support_type"] == "woonondersteuning"


@pytest.mark.parametrize(
    "message",
    [
        "ik heb hulp nodig",
        "ik heb een vraag over mijn budget",
        "ik heb een beperking",
        "ik heb vragen",
    ],
)
def test_asking_for_help_without_saying_what_gets_help_offered(assistant, message):
    """All were "Sorry, dat heb ik niet goed begrepen" as a first message (the last two on
    the model of 2026-12-06)."""
    replies = assistant.replies(new_sender(), message)

    assert texts(replies)[0].startswith("Ik help je graag."), texts(replies)
    assert "Met een mens praten" in titles(replies)


def test_stopping_when_nothing_is_going_on_asks_whether_to_end(assistant):
    sender = new_sender()
    replies = assistant.replies(sender, "ik wil stoppen")
    assert texts(replies) == [
        "Goed, ik stel je nu geen vragen. Wil je iets anders doen, of stoppen we hier?"
    ]

    end = next(b["payload"] for b in replies[0]["buttons"] if b["title"] == "We stoppen hier")
    said = texts(assistant.replies(sender, end))

    assert said[0].startswith("Tot later!")
