"""The contact question of the hand-off in a real conversation over the REST channel: a
person who says "maakt niet uit" wants to be reached, so the choices come again; it is
not taken as "liever geen contact"."""

from __future__ import annotations

import pytest

from tests.chat import new_sender, texts, titles

pytestmark = pytest.mark.rasa

CHOICES = ["Hier in de chat", "Met de telefoon", "Met een e-mail", "Liever geen contact"]


@pytest.mark.parametrize("message", ["maakt niet uit", "om het even", "geen idee"])
def test_no_preference_shows_the_choices_again(assistant, message):
    sender = new_sender()
    asked = assistant.replies(sender, "ik wil met een mens praten")
    assert texts(asked)[-1] == "Hoe wil je dat de trajectondersteuner contact met je opneemt?"

    replies = assistant.replies(sender, message)
    assert texts(replies) == [
        "Geen probleem. Kies dan de manier die voor jou het makkelijkst is.",
        "Hoe wil je dat de trajectondersteuner contact met je opneemt?",
    ]
    assert titles(replies) == CHOICES

    # The question is still open: the next answer is the way of contact.
    replies = texts(assistant.replies(sender, "bel mij maar"))
    assert replies[-1] == "Op welk telefoonnummer kan het team je bellen?"


@pytest.mark.parametrize("message", ["wat is jullie telefoonnummer", "kan ik u bellen"])
def test_asking_for_wegwijzers_own_number_says_there_is_none_and_offers_a_person(
    assistant, message
):
    """The first was answered with the privacy topic, the second with "niet begrepen"."""
    sender = new_sender()
    replies = assistant.replies(sender, message)

    assert texts(replies)[0].startswith("Ik ben een computerprogramma: ik heb geen telefoonnummer")
    assert titles(replies) == ["Met een mens praten", "Iets anders vragen"]
    # The button is the hand-off, which asks how the team can reach the person.
    asked = texts(assistant.replies(sender, "/request_human"))
    assert asked[-1] == "Hoe wil je dat de trajectondersteuner contact met je opneemt?"


def test_asking_to_be_called_back_starts_the_hand_off(assistant):
    """ "kunnen jullie mij bellen" asks for a call from a person, not for Wegwijzer's number."""
    replies = texts(assistant.replies(new_sender(), "kunnen jullie mij bellen"))
    assert replies[-1] == "Hoe wil je dat de trajectondersteuner contact met je opneemt?"
