"""The text-only layer (bot/channels/text_only.py): options as a numbered list, a typed
choice read back from the tracker store, long replies in parts, markup removed.

The choices are read from real Rasa trackers in Rasa's InMemoryTrackerStore, and every
response of domain.yml with buttons (both reading levels) is checked: its numbered text
lists every title with the instruction, and each title and its label typed back pick it.
"""

from __future__ import annotations

import asyncio
import re
from functools import cache
from typing import Any

import pytest
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.text_only import (
    chosen_text,
    numbered_text,
    plain,
    split_message,
    without_buttons_wording,
)
from bot.config import PROJECT_ROOT
from bot.storage.resume_codes import EXAMPLE_CODE, find_code


@cache
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


def response(name: str, index: int = 0) -> dict[str, Any]:
    return domain().responses[name][index]


def button_responses() -> list[tuple[str, int]]:
    return [
        (name, index)
        for name, variations in domain().responses.items()
        for index, variation in enumerate(variations)
        if variation.get("buttons")
    ]


CONSENT = response("utter_ask_consent", 1)  # the `gewoon` variation
LABEL_LINE = re.compile(r"^([0-9]+|[a-z])\. (.+)$")
LABEL = "[0-9a-z]+"
LISTED = rf"{LABEL}(?:, {LABEL})* of {LABEL}"
RANGE = rf"een (?:nummer|letter) van {LABEL} tot {LABEL}"
INSTRUCTION = re.compile(rf"^Typ (?:{LISTED}|{LABEL}|{RANGE})\.$")


def listed_options(text: str) -> dict[str, str]:
    """The label -> title lines of a numbered text."""
    found = {}
    for line in text.splitlines():
        match = LABEL_LINE.match(line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


# --- numbered_text ---------------------------------------------------------------------------


def test_consent_question_lists_its_options_with_numbers_and_one_instruction() -> None:
    text = numbered_text(CONSENT["text"], CONSENT["buttons"])

    assert text.startswith(CONSENT["text"].rstrip() + "\n")
    assert text.endswith("\n1. Ja, dat is goed\n2. Nee\n3. Meer over privacy\nTyp 1, 2 of 3.")


def test_two_options_and_many_options_have_a_plain_instruction() -> None:
    thanks = response("utter_thank")
    assert numbered_text(thanks["text"], thanks["buttons"]).endswith("\nTyp 1 of 2.")
    many = [{"title": f"Keuze {word}", "payload": f"/x{n}"} for n, word in enumerate("abcdefg")]
    assert numbered_text("Wat kies je?", many).endswith("\n7. Keuze g\nTyp een nummer van 1 tot 7.")


def test_a_question_that_asks_for_a_number_gets_letters() -> None:
    """The age question: a typed "2" is an age, so the groups are a, b, c."""
    age_question = response("utter_ask_age", 1)["text"]
    groups = [
        {"title": "Jonger dan 18", "payload": '/inform{"age": "0-17"}'},
        {"title": "18 tot 64 jaar", "payload": '/inform{"age": "18-64"}'},
        {"title": "Zeg ik liever niet", "payload": "/skip"},
    ]

    text = numbered_text(age_question, groups)

    assert text.endswith(
        "\na. Jonger dan 18\nb. 18 tot 64 jaar\nc. Zeg ik liever niet\nTyp a, b of c."
    )


def test_without_buttons_the_text_is_unchanged() -> None:
    assert numbered_text("Tot later!", []) == "Tot later!"


@pytest.mark.parametrize(("name", "index"), button_responses())
def test_every_response_with_buttons_reads_and_answers_as_text(name: str, index: int) -> None:
    """Both reading levels: every title listed with a label, the instruction last, and each
    title and each label typed back picks that option's payload."""
    variation = response(name, index)
    bot_text, buttons = variation["text"], variation["buttons"]
    text = numbered_text(bot_text, buttons)
    listed = listed_options(text)

    assert list(listed.values()) == [button["title"] for button in buttons]
    assert INSTRUCTION.match(text.splitlines()[-1]), text.splitlines()[-1]
    for (label, title), button in zip(listed.items(), buttons, strict=True):
        assert chosen_for(bot_text, buttons, title) == button["payload"]
        assert chosen_for(bot_text, buttons, label) == button["payload"]
        assert chosen_for(bot_text, buttons, title.upper() + "!") == button["payload"]


# --- chosen_text on real trackers ------------------------------------------------------------


def offered(bot_text: str, buttons: list[dict[str, Any]], *before: Any) -> list[Any]:
    return [
        ActionExecuted("action_listen"),
        UserUttered("ik wil een plan maken", intent={"name": "start_intake", "confidence": 1.0}),
        *before,
        BotUttered(bot_text, data={"buttons": buttons}),
        ActionExecuted("action_listen"),
    ]


async def store_with(sender: str, events: list[Any]) -> InMemoryTrackerStore:
    store = InMemoryTrackerStore(domain())
    await store.save(DialogueStateTracker.from_events(sender, events, domain().slots))
    return store


def chosen_for(bot_text: str, buttons: list[dict[str, Any]], typed: str) -> str:
    async def run() -> str:
        store = await store_with("s", offered(bot_text, buttons))
        return await chosen_text(store, "s", typed)

    return asyncio.run(run())


CONSENT_IN_FORM = (
    ActionExecuted("intake_form"),
    ActiveLoop("intake_form"),
    SlotSet("requested_slot", "consent"),
)


@pytest.mark.parametrize(
    ("typed", "payload"),
    [
        ("2", "/deny"),
        ("twee", "/deny"),
        ("tweede", "/deny"),
        ("nummer 2", "/deny"),
        ("de tweede", "/deny"),
        ("Nee", "/deny"),
        ("NÉÉ!", "/deny"),
        ("neee", "/deny"),
        ("1", "/affirm"),
        ("één", "/affirm"),
        ("ja dat is goed", "/affirm"),
        ("Ja, dat is goed.", "/affirm"),
        ("3", "/faq/privacy"),
        ("de laatste", "/faq/privacy"),
        ("privacy", "/faq/privacy"),
        ("Privasy?", "/faq/privacy"),
        ("meer over privacy", "/faq/privacy"),
    ],
)
async def test_a_typed_choice_inside_the_intake_form_becomes_its_payload(
    typed: str, payload: str
) -> None:
    store = await store_with("form", offered(CONSENT["text"], CONSENT["buttons"], *CONSENT_IN_FORM))

    assert await chosen_text(store, "form", typed) == payload


@pytest.mark.parametrize(
    "typed",
    [
        "ik ben 2 keer gevallen",
        "4",
        "0",
        "vijf",
        "ik weet het nog niet zo goed",
        "wat gebeurt er met mijn gegevens",
        "ja maar eerst een vraag",
        f"verder met {EXAMPLE_CODE}",
        "/affirm",
    ],
)
async def test_a_free_answer_passes_unchanged(typed: str) -> None:
    store = await store_with("free", offered(CONSENT["text"], CONSENT["buttons"]))

    assert await chosen_text(store, "free", typed) == typed


async def test_a_near_match_that_says_no_is_not_the_yes_option() -> None:
    urgent = response("utter_ask_urgent", 1)
    store = await store_with("urgent", offered(urgent["text"], urgent["buttons"]))

    assert await chosen_text(store, "urgent", "het is niet dringend") == "het is niet dringend"
    yes, no = (button["payload"] for button in urgent["buttons"][:2])
    assert await chosen_text(store, "urgent", "nee") == no
    assert await chosen_text(store, "urgent", "het is dringend") == yes


async def test_a_number_answers_a_number_question_and_a_letter_picks_a_group() -> None:
    age_question = response("utter_ask_age", 1)["text"]
    groups = [
        {"title": "Jonger dan 18", "payload": '/inform{"age": "0-17"}'},
        {"title": "18 tot 64 jaar", "payload": '/inform{"age": "18-64"}'},
        {"title": "65 jaar of ouder", "payload": '/inform{"age": "65-120"}'},
        {"title": "Zeg ik liever niet", "payload": "/skip"},
    ]
    store = await store_with("age", offered(age_question, groups))

    for typed in ("2", "twee", "34", "ik ben 40"):
        assert await chosen_text(store, "age", typed) == typed
    assert await chosen_text(store, "age", "b") == '/inform{"age": "18-64"}'
    assert await chosen_text(store, "age", "de tweede") == '/inform{"age": "18-64"}'
    assert await chosen_text(store, "age", "zeg ik liever niet") == "/skip"


async def test_only_the_latest_offer_after_the_last_message_counts() -> None:
    thanks = response("utter_thank")
    events = [
        *offered(CONSENT["text"], CONSENT["buttons"]),
        UserUttered("/deny", intent={"name": "deny", "confidence": 1.0}),
        BotUttered(thanks["text"], data={"buttons": thanks["buttons"]}),
        BotUttered("Nog iets zonder knoppen."),
        ActionExecuted("action_listen"),
    ]
    store = await store_with("latest", events)
    assert await chosen_text(store, "latest", "2") == "/goodbye"
    assert await chosen_text(store, "latest", "3") == "3"

    events.append(UserUttered("hallo", intent={"name": "greet", "confidence": 1.0}))
    store = await store_with("answered", events)
    assert await chosen_text(store, "answered", "2") == "2"


async def test_an_unknown_conversation_passes_unchanged() -> None:
    store = InMemoryTrackerStore(domain())

    assert await chosen_text(store, "nobody", "2") == "2"


# --- split_message ---------------------------------------------------------------------------

LINK = "https://wegwijzer.example.be/plan/Xy_9-abcdefghijklmnopqrstuvwxyz0123456789"


def long_text() -> str:
    sentences = [
        f"Dit is zin {n} over persoonsvolgende financiering, met wat uitleg erbij."
        for n in range(40)
    ]
    sentences[7] = f"Open je plan met deze link {LINK}."
    sentences[23] = f"Je code is {EXAMPLE_CODE}! Schrijf hem op."
    return " ".join(sentences)


@pytest.mark.parametrize("limit", [160, 300, 1600])
def test_a_long_reply_is_cut_at_sentence_ends_within_the_limit(limit: int) -> None:
    text = long_text()

    parts = split_message(text, limit)

    assert all(len(part) <= limit for part in parts)
    assert " ".join(parts) == text
    assert all(part.endswith((".", "!")) for part in parts)
    assert sum(LINK in part for part in parts) == 1
    assert sum(EXAMPLE_CODE in part for part in parts) == 1
    assert len(parts) >= 2


def test_a_sentence_longer_than_the_limit_is_cut_at_a_space_not_in_a_link_or_code() -> None:
    words = " ".join(["woord"] * 20)
    text = f"{words} {LINK} {words} zon maan ster 4821 {words}"

    parts = split_message(text, 110)

    assert all(len(part) <= 110 for part in parts)
    assert " ".join(parts) == text
    assert any(LINK in part for part in parts)
    assert any("zon maan ster 4821" in part for part in parts)


def test_a_short_reply_stays_one_part_and_lines_are_kept() -> None:
    text = response("utter_capabilities", 1)["text"]

    assert split_message(text, 1600) == [text]


# --- plain -----------------------------------------------------------------------------------


def test_markup_is_removed_and_links_and_codes_read_well() -> None:
    marked = (
        "## Je plan\n"
        f"**Let op**: open [je plan]({LINK}) of <{LINK}>.\n"
        f"* Je code is `{EXAMPLE_CODE}`, _schrijf hem op_.\n"
        "Meer op https://www.vaph.be/pvf_info__budget."
    )

    text = plain(marked)

    assert text == (
        "Je plan\n"
        f"Let op: open je plan: {LINK} of {LINK}.\n"
        f"- Je code is {EXAMPLE_CODE}, schrijf hem op.\n"
        "Meer op https://www.vaph.be/pvf_info__budget."
    )
    assert find_code(text) == EXAMPLE_CODE


def test_a_link_whose_text_is_the_link_appears_once() -> None:
    assert plain(f"[{LINK}]({LINK})") == LINK


def test_no_text_of_domain_yml_is_changed_by_plain() -> None:
    """domain.yml is already plain text: nothing of it may be lost on a text-only channel."""
    for variations in domain().responses.values():
        for variation in variations:
            text = variation.get("text") or ""
            assert plain(text) == text.strip()


def test_no_text_of_domain_yml_asks_for_a_button_on_a_text_only_channel() -> None:
    asking = [
        variation["text"]
        for variations in domain().responses.values()
        for variation in variations
        if "een knop" in (variation.get("text") or "")
    ]
    assert asking, "domain.yml no longer says 'Kies een knop': drop this adaptation"
    for text in asking:
        adapted = without_buttons_wording(text)
        assert "knop" not in adapted and "ies uit de lijst" in adapted
