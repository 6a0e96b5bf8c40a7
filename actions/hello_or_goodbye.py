"""A bare "dag" (or "salut") is Flemish for both hello and goodbye, so the classifier cannot
tell which (bot/closing_phrases.py leaves it out on purpose) and it reaches the fallback.
The conversation can tell: as the first message of a session it is a greeting, later it is
a goodbye."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.phrase_words import typed_words

_HELLO_OR_GOODBYE = re.compile(r"^\s*(?:dag|salu|salut|hallo dag)(?: (?:he|hé|wi|allemaal))?\s*$")


def first_message_of_session(tracker: Tracker) -> bool:
    """Whether the latest message is the first the person sent in this session."""
    said = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            said += 1
        elif event.get("event") == "session_started":
            break
    return said <= 1


def answer_hello_or_goodbye(dispatcher: CollectingDispatcher, tracker: Tracker) -> list | None:
    """The welcome for a first "dag", the goodbye for a later one; None for other messages."""
    words = typed_words(str((tracker.latest_message or {}).get("text") or ""))
    if words is None or not _HELLO_OR_GOODBYE.match(words):
        return None
    first = first_message_of_session(tracker)
    dispatcher.utter_message(response="utter_welcome" if first else "utter_goodbye")
    return []
