"""Larger letters, reading aloud and typing that is hard, said in words.

"kan de tekst groter" and "kan je het voorlezen" were read as a wish for makkelijke taal
(simpler_language 0.93 and 0.75 on the model of 2026-12-06), "de letters zijn te klein" fell
back. A person who sees badly gets nothing from easier words. In the web chat Wegwijzer turns
on its own "Grotere letters" switch (a custom message for bot/web/static/chat.js) and says
where the switch and the "Voorlezen" button are; on the other channels (Telegram, Facebook,
SMS, WhatsApp) the phone or computer sets the size of the letters. "ik kan niet goed typen"
(nlu_fallback) is told that a few words with mistakes are fine, and that there are buttons.
"ik ben blind, werkt dit met mijn schermlezer" (inform 0.97 on the model of 2026-12-07: "Ik
lees: visuele beperking.") is told that it does: the web chat's replies are a live region and
every control works by keyboard; on other channels the app's screen reader reads them.

Used by action_use_simple_language and by the fallback.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.channels.web_chat import WEB_CHANNELS

LARGE_TEXT_WISH = {"wegwijzer": {"large_text": True}}

_TEXT = re.compile(r"\b(letters?|lettertjes|lettertype|tekst|tekstje|schrift)\b")
_LARGER = re.compile(r"\b(groter|grotere|klein|kleine|vergro\w*|zoom\w*|dikker)\b")
_SEES_BADLY = re.compile(
    r"\bslecht\s?ziend\w*|\bslecht\s+zien\b|\bzie\s+(?:\w+\s+)?slecht\b|\bmijn\s+ogen\b"
)
_SCREEN_READER = re.compile(
    r"\bscherm\s?lezer\w*|\bscreen\s?reader\w*|\bbrailleleesregel\w*|\bnvda\b|\bjaws\b"
    r"|\bvoice\s?over\b|\btalkback\b"
)
_READ_ALOUD = re.compile(r"\bvoor\s?lezen\b|\bvoorlees\w*|\blees\b.*\bvoor\b|\b(?:hardop|luidop)\b")


_TYPING_IS_HARD = re.compile(
    r"\bik\s+(?:kan|kun)\s+(?:\w+\s+)?(?:niet|ni|nie)\s+(?:zo\s+)?(?:goed\s+|vlug\s+|snel\s+)?"
    r"(?:typen|tikken|schrijven)\b|\b(?:typen|tikken)\s+(?:is|gaat)\s+(?:\w+\s+)?"
    r"(?:moeilijk|lastig|traag)\b"
)


def asks_for_larger_text(text: str) -> bool:
    """ "kan de tekst groter", "de letters zijn te klein", "ik ben slechtziend en kan de
    tekst niet goed lezen"; not "mijn zoon is slechtziend" (no word about the text)."""
    folded = text.lower()
    if _TEXT.search(folded) is None and "lezen" not in folded:
        return False
    return _LARGER.search(folded) is not None or _SEES_BADLY.search(folded) is not None


def asks_about_a_screen_reader(text: str) -> bool:
    """ "werkt dit met mijn schermlezer", "ik gebruik nvda"."""
    return _SCREEN_READER.search(text.lower()) is not None


def asks_to_read_aloud(text: str) -> bool:
    """ "kan je het voorlezen", "lees het eens voor"."""
    return _READ_ALOUD.search(text.lower()) is not None


def answer_screen_request(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[Any] | None:
    """A screen reader, larger letters or reading aloud, as the channel allows, or that
    typing a few words is fine; None (nothing said) when the message says none of these."""
    text = str((tracker.latest_message or {}).get("text") or "")
    on_the_web = tracker.get_latest_input_channel() in WEB_CHANNELS
    if asks_about_a_screen_reader(text):
        response = "utter_screen_reader" if on_the_web else "utter_screen_reader_device"
        dispatcher.utter_message(response=response)
        return []
    if asks_to_read_aloud(text):
        response = "utter_read_aloud" if on_the_web else "utter_read_aloud_device"
        dispatcher.utter_message(response=response)
        return []
    if _TYPING_IS_HARD.search(text.lower()):
        dispatcher.utter_message(response="utter_typing_is_hard")
        return []
    if asks_for_larger_text(text):
        if not on_the_web:
            dispatcher.utter_message(response="utter_larger_text_device")
            return []
        dispatcher.utter_message(response="utter_larger_text")
        dispatcher.utter_message(json_message=LARGE_TEXT_WISH)
        return []
    return None
