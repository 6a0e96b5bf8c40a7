"""A bare "dag" (or "salut") is Flemish for both hello and goodbye, so the classifier cannot
tell which: bot/closing_phrases.py leaves it out of the goodbyes on purpose, and
bot/closing_phrase_signal.py sends it to the fallback every time. The conversation can
tell: as the first message of a session it is a greeting, later it is a goodbye."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.closing_phrases import is_hello_or_goodbye


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
    if not is_hello_or_goodbye(str((tracker.latest_message or {}).get("text") or "")):
        return None
    first = first_message_of_session(tracker)
    dispatcher.utter_message(response="utter_welcome" if first else "utter_goodbye")
    return []
