"""What both forms share: reading a place answer, and an answer that is not understood."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, places
from knowledge import db


def previous_value(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest user message. Turns Rasa took back do not count:
    a misunderstood message that the fallback reverted set slots that no longer hold."""
    events = tracker.applied_events()
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=0)
    for event in reversed(events[:last_user]):
        if event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


# What `not_understood` may say: its default, and the age and place answers' own wording.
NOT_UNDERSTOOD = "utter_not_understood_answer"
AGE_NOT_UNDERSTOOD = "utter_age_not_understood"
PLACE_NOT_UNDERSTOOD = "utter_place_not_found"
NOT_UNDERSTOOD_RESPONSES = (NOT_UNDERSTOOD, AGE_NOT_UNDERSTOOD, PLACE_NOT_UNDERSTOOD)


def not_understood(
    dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, response: str = NOT_UNDERSTOOD
) -> dict:
    """An answer to the question asked now is asked again; a value that came with an answer
    to another question (a postcode taken for an age) is dropped quietly."""
    if tracker.get_slot("requested_slot") != slot:
        return {slot: previous_value(tracker, slot)}
    dispatcher.utter_message(response=response)
    return {slot: None}


def validate_place_answer(
    value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
) -> dict[str, Any]:
    """Shared by both forms: a municipality, postcode or province, or outside Flanders."""
    if answers.skipped(tracker):
        return {"place": answers.SKIPPED}
    if value in (answers.SKIPPED, places.EVERYWHERE):
        return {"place": value}
    with db.session() as session:
        place = places.normalise(session, value, answers.latest_entities(tracker))
        if place is None:  # an earlier, already normalised value
            place = places.normalise(session, value, {})
    if place is None:
        return not_understood(dispatcher, tracker, "place", PLACE_NOT_UNDERSTOOD)
    if tracker.get_slot("requested_slot") == "place":
        confirm_place(dispatcher, tracker, place)
    return {"place": place}


def confirm_place(dispatcher: CollectingDispatcher, tracker: Tracker, place: str) -> None:
    """Say which municipality a postcode or a misspelled name was read as ("9000" is Gent),
    so a wrong guess is seen at once. A name typed as it is needs no word."""
    text = (tracker.latest_message or {}).get("text") or ""
    if not text or text.startswith("/") or place.lower() in text.lower():
        return
    if place in (places.WALLONIA, places.ABROAD) or place.startswith(places.PROVINCE_PREFIX):
        return
    postcode = answers.latest_entities(tracker).get("postcode") or _postcode(text)
    if postcode:
        dispatcher.utter_message(
            response="utter_place_from_postcode", postcode=postcode, place=place
        )
    else:
        dispatcher.utter_message(response="utter_read_as", words=place)


def _postcode(text: str) -> str | None:
    match = re.search(r"(?<!\d)\d{4}(?!\d)", text)
    return match.group(0) if match else None
