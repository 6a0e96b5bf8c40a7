"""'wat is jullie telefoonnummer', 'kan ik u bellen': Wegwijzer itself has no phone number
or address. The selector read the first as the privacy topic, the classifier the second as
nothing sure; the person gets that Wegwijzer is a computer program and a human one button
away (the hand-off asks how the team can reach them).

'ik ben doof kan ik via sms', 'kan ik ook gewoon typen': whether the person can write
instead of phoning. It got "Ik lees: auditieve beperking. Waarmee kan ik je helpen?"; the
answer is that here one types, and that a trajectondersteuner can answer in the chat or by
e-mail (the hand-off's contact question offers both).

'kunnen jullie bij mij thuis langskomen' (faq, no topic sure: "Gaat je vraag over een van
deze onderwerpen? privacy, zorgzwaarte-instrument") is told that a computer program cannot
come by, with a human one button away. Whether a trajectondersteuner visits is not promised:
nothing vetted says so."""

from __future__ import annotations

import re
from collections.abc import Callable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import jargon
from bot.reach_words import (
    ADDRESSES_WEGWIJZER,
    BUDGET_WORDS,
    MAX_WORDS,
    NAMES_A_PERSON,
    REACH_WORDS,
    THE_PERSON,
)


def asks_how_to_reach_wegwijzer(text: str) -> bool:
    """Whether `text` asks for Wegwijzer's own phone number, e-mail or address; not the
    VAPH's, a provider's or a service the glossary names."""
    return (
        _short_and_about_nobody_else(text)
        and REACH_WORDS.search(text) is not None
        and ADDRESSES_WEGWIJZER.search(text) is not None
    )


# "kan ik via sms", "kan ik ook gewoon typen", "mag ik mailen": writing instead of phoning.
# Sign language is not in it: nothing vetted says whether an interpreter can be asked.
_WRITE_INSTEAD = re.compile(
    r"\b(?:kan|kun|mag)\s+(?:ik|k)\s+(?:(?:ook|hier|gewoon|dan|iets|alles)\s+)*"
    r"(?:(?:via|met|per|over)\s+(?:de\s+|een\s+)?"
    r"(?:sms|whatsapp|mail|e-mail|email|chat|tekst|berichtjes|bericht|berichten)\b"
    r"|(?:sms'?en|smsen|whatsappen|mailen|e-mailen|typen|tikken|chatten|schrijven)\b)",
    re.IGNORECASE,
)


def asks_to_write_instead(text: str) -> bool:
    """Whether `text` asks if the person can write instead of phoning ("ik ben doof kan ik
    via sms"); not Wegwijzer's own e-mail address (`asks_how_to_reach_wegwijzer`), a person
    or the VAPH."""
    return (
        _WRITE_INSTEAD.search(text) is not None
        and not asks_how_to_reach_wegwijzer(text)
        and _short_and_about_nobody_else(text)
    )


def say_writing_is_fine(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Say that here one types and a human can answer in writing, when the latest message
    `asks_to_write_instead`, outside a form (in the contact form it answers how to be
    reached); else False (nothing said)."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if tracker.active_loop_name or text.startswith("/") or not asks_to_write_instead(text):
        return False
    dispatcher.utter_message(response="utter_writing_is_fine")
    return True


def _short_and_about_nobody_else(text: str) -> bool:
    """A short message that names no person ("kan ik iemand van jullie bellen" asks for a
    human: the hand-off answers that), no budget of the VAPH and no service of the glossary."""
    return (
        len(text.split()) <= MAX_WORDS
        and NAMES_A_PERSON.search(text) is None
        and BUDGET_WORDS.search(text) is None
        and not jargon.terms_in(text.upper())
    )


# "kunnen jullie langskomen", "kan er iemand bij ons thuis komen", "komt ge op bezoek".
_VISIT = re.compile(
    r"\blangs\s?(?:komen|komt|kom|gekomen)\b|\bop\s+bezoek\b|\bthuis\s+(?:komen|langs)\b"
    r"|\baan\s+huis\b",
    re.IGNORECASE,
)
# Who is asked to come: Wegwijzer ("jullie", "ge" in tussentaal) or "iemand".
_VISITOR = re.compile(r"\b(?:jullie|u|ge|gij|gulle|gullie|wegwijzer|iemand)\b", re.IGNORECASE)


def asks_for_a_visit(text: str) -> bool:
    """Whether `text` asks Wegwijzer (or "iemand") to come to the person's home ("kunnen
    jullie bij mij thuis langskomen"); not a provider, the VAPH or a service of the glossary
    ("komt het mdt aan huis")."""
    return (
        _VISIT.search(text) is not None
        and _VISITOR.search(text) is not None
        and len(text.split()) <= MAX_WORDS
        and BUDGET_WORDS.search(text) is None
        and not jargon.terms_in(text.upper())
    )


def say_no_visits(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Say that Wegwijzer cannot come by, with a human one button away, when the latest
    message `asks_for_a_visit`, outside a form; else False (nothing said)."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if tracker.active_loop_name or text.startswith("/") or not asks_for_a_visit(text):
        return False
    dispatcher.utter_message(response="utter_no_visits")
    return True


def asks_to_call_wegwijzer(text: str) -> bool:
    """Whether `text` asks for Wegwijzer's own number to call it ("kan ik u bellen"), not to
    be called back ("kunnen jullie mij bellen")."""
    # "kunnen jullie mij bellen" asks to be called back: the hand-off answers that.
    return asks_how_to_reach_wegwijzer(text) and THE_PERSON.search(text) is None


# "kan ik ook bellen", "mag ik eens telefoneren": whether the person can phone instead of
# chatting. Read only where nothing else understood the message (the fallback).
_PHONE_INSTEAD = re.compile(
    r"\b(?:kan|kun|mag)\s+(?:ik|k)\s+(?:ook\s+|hier\s+|eens\s+|ergens\s+)?"
    r"(?:bellen|opbellen|telefoneren)\b",
    re.IGNORECASE,
)


def asks_to_phone_instead(text: str) -> bool:
    """Whether `text` asks for Wegwijzer's number (`asks_how_to_reach_wegwijzer`) or
    whether the person can phone instead ("ik heb geen internet thuis, kan ik ook bellen");
    not for a person ("kan ik iemand bellen": the hand-off) or the VAPH."""
    return asks_how_to_reach_wegwijzer(text) or (
        _PHONE_INSTEAD.search(text) is not None and _short_and_about_nobody_else(text)
    )


def say_how_to_reach_wegwijzer(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    asks: Callable[[str], bool] = asks_how_to_reach_wegwijzer,
) -> bool:
    """Say that Wegwijzer cannot be called, with a human one button away, when the latest
    message `asks` how to reach it; else False (nothing said)."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if text.startswith("/") or not asks(text):
        return False
    dispatcher.utter_message(response="utter_reach_wegwijzer")
    return True
