"""Larger letters and reading aloud asked in words (actions/screen_help.py): the web chat
turns on its larger letters and says where the switch and the Voorlezen button are; other
channels are told that the device sets them; easier words are not what was asked."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.reading_level import ActionUseSimpleLanguage
from actions.screen_help import (
    LARGE_TEXT_WISH,
    asks_about_a_screen_reader,
    asks_for_larger_text,
    asks_to_read_aloud,
)
from tests.actions.conftest import faq_selection, load_tracker, run_action, user

EASIER = "utter_reading_level_eenvoudig"


@pytest.mark.parametrize(
    "text",
    [
        "kan de tekst groter",  # simpler_language 0.93 on the model of 2026-12-06
        "ik ben slechtziend en kan de tekst niet goed lezen",  # simpler_language 0.90
        "grotere letters aub",
    ],
)
async def test_larger_letters_asked_turn_them_on_in_the_web_chat(text):
    tracker = load_tracker("faq_answered", user(text, "simpler_language"))

    turn = await run_action(ActionUseSimpleLanguage(), tracker)

    assert turn.responses == ["utter_larger_text", None]
    assert turn.texts[0].startswith("Ik maak de letters groter.")
    assert turn.replies[1]["custom"] == LARGE_TEXT_WISH
    assert turn.slots == {}  # the reading level stays


async def test_larger_letters_in_easy_words_when_those_were_chosen():
    tracker = load_tracker(
        "welcome",
        user("kan de tekst groter", "simpler_language"),
        slots={"reading_level": "eenvoudig"},
    )

    turn = await run_action(ActionUseSimpleLanguage(), tracker)

    assert turn.texts[0].split("\n")[0] == "Ik maak de letters groter."
    assert 'Klik dan bovenaan op "Grotere letters".' in turn.texts[0]


async def test_letters_too_small_that_fell_back_get_larger_letters():
    # inform 0.95 on the model of 2026-12-06, then "Sorry, dat heb ik niet goed begrepen".
    tracker = load_tracker("welcome", user("de letters zijn te klein", "nlu_fallback"))

    turn = await run_action(ActionFallback(), tracker)

    assert turn.responses[:2] == ["utter_larger_text", None]
    assert "utter_fallback" not in turn.responses


async def test_on_another_channel_the_device_sets_the_letters():
    said = {**user("kan de tekst groter", "simpler_language"), "input_channel": "telegram"}

    turn = await run_action(ActionUseSimpleLanguage(), load_tracker("welcome", said))

    assert turn.responses == ["utter_larger_text_device"]
    assert all("custom" not in reply for reply in turn.replies)


@pytest.mark.parametrize(
    ("channel", "response"), [("rest", "utter_read_aloud"), ("telegram", "utter_read_aloud_device")]
)
async def test_reading_aloud_asked_says_how(channel, response):
    # simpler_language 0.75 on the model of 2026-12-06.
    said = {**user("kan je het voorlezen", "simpler_language"), "input_channel": channel}

    turn = await run_action(ActionUseSimpleLanguage(), load_tracker("welcome", said))

    assert turn.responses == [response]
    assert turn.slots == {}


@pytest.mark.parametrize(
    "text", ["kan het eenvoudiger", "kan het in kleine woorden", "ik kan de tekst niet goed lezen"]
)
async def test_easier_words_asked_still_give_easier_words(text):
    assert not asks_for_larger_text(text) and not asks_to_read_aloud(text)

    turn = await run_action(
        ActionUseSimpleLanguage(), load_tracker("welcome", user(text, "simpler_language"))
    )

    assert turn.responses[0] == EASIER


@pytest.mark.parametrize("text", ["mijn zoon is slechtziend", "ik wil een groter huis"])
def test_seeing_badly_or_larger_things_without_the_text_ask_for_nothing(text):
    assert not asks_for_larger_text(text)


async def test_in_a_form_the_fallback_leaves_small_letters_to_the_form():
    tracker = load_tracker(
        "eligibility_asks_place", user("de letters zijn te klein", "nlu_fallback")
    )

    turn = await run_action(ActionFallback(), tracker)

    assert "utter_larger_text" not in turn.responses


@pytest.mark.parametrize("text", ["ik kan niet goed typen", "typen is moeilijk voor mij"])
async def test_typing_that_is_hard_is_fine_with_a_few_words_or_a_button(text):
    # nlu_fallback on the model of 2026-12-06: "Sorry, dat heb ik niet goed begrepen".
    turn = await run_action(ActionFallback(), load_tracker("welcome", user(text, "nlu_fallback")))

    assert turn.responses == ["utter_typing_is_hard"]
    assert (
        turn.texts[0]
        == "Dat is niet erg. Typ maar een paar woorden, ook met fouten, of kies een knop."
    )
    assert "Met een mens praten" in turn.buttons


async def test_someone_else_who_cannot_write_is_no_typing_trouble():
    turn = await run_action(
        ActionFallback(),
        load_tracker("welcome", user("mijn zoon kan niet schrijven", "nlu_fallback")),
    )

    assert "utter_typing_is_hard" not in turn.responses


# --- a screen reader ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik ben blind, werkt dit met mijn schermlezer", True),
        ("kan ik dit gebruiken met een screenreader", True),
        ("ik gebruik nvda", True),
        ("werkt da met voiceover op mijn iphone", True),
        ("ik ben blind", False),  # a fact about the person, no question about the chat
        ("mijn scherm is kapot", False),
    ],
)
def test_what_counts_as_asking_about_a_screen_reader(text, expected):
    assert asks_about_a_screen_reader(text) is expected


@pytest.mark.parametrize(
    ("channel", "response", "words"),
    [
        ("rest", "utter_screen_reader", "Ja. Deze chat werkt met een schermlezer"),
        ("telegram", "utter_screen_reader_device", "Je schermlezer leest ze voor"),
    ],
)
async def test_a_blind_person_asking_about_a_screen_reader_hears_it_works(channel, response, words):
    """Found as a new user: "ik ben blind, werkt dit met mijn schermlezer" (inform 0.97 on
    the model of 2026-12-07) got "Ik lees: visuele beperking. Waarmee kan ik je helpen?"."""
    said = {
        **user(
            "ik ben blind, werkt dit met mijn schermlezer",
            "inform",
            entities={"target_group": ("visuele_beperking", "blind")},
        ),
        "input_channel": channel,
    }

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.responses == [response]
    assert turn.text.startswith("Ja.") and words in turn.text
    assert {"event": "rewind"} not in turn.events


async def test_the_screen_reader_answer_in_easy_words_when_those_were_chosen():
    said = user("werkt dit met een schermlezer", "simpler_language")
    tracker = load_tracker("welcome", said, slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionUseSimpleLanguage(), tracker)

    assert turn.responses == ["utter_screen_reader"]
    assert turn.texts[0].split("\n")[:2] == [
        "Ja. Deze chat werkt met een schermlezer.",
        "Je schermlezer leest elk nieuw antwoord voor.",
    ]
    assert turn.slots == {}  # the reading level stays


async def test_a_screen_reader_question_read_as_a_faq_question_gets_the_same_answer():
    said = user("werkt dit met nvda", "faq", response_selector=faq_selection("privacy"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses == ["utter_screen_reader"]
