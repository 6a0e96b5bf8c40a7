"""Answer the FAQ topics from the knowledge base, at the user's reading level."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge import db, queries

READING_LEVELS = ("gewoon", "eenvoudig")


def reading_level(tracker: Tracker) -> str:
    level = tracker.get_slot("reading_level")
    return level if level in READING_LEVELS else "gewoon"


def faq_topic(tracker: Tracker) -> str | None:
    """The topic of the latest message: `what_is_pvb` for `faq/what_is_pvb`."""
    latest = tracker.latest_message or {}
    selectors = latest.get("response_selector") or {}
    # Keyed "default" when the ResponseSelector serves every retrieval intent (config.yml).
    selected = selectors.get("faq") or selectors.get("default") or {}
    key = (selected.get("response") or {}).get("intent_response_key") or ""
    if not key:  # a button payload such as /faq/what_is_pvb
        key = (latest.get("intent") or {}).get("name") or ""
    return key.split("/", 1)[1] if key.startswith("faq/") else None


def say_faq_answer(
    dispatcher: CollectingDispatcher, topic: str, level: str, next_steps: bool = True
) -> bool:
    """Say the knowledge base's answer and the next steps; False when there is none.

    In the middle of a form the next-step buttons are left out: the form asks its question
    again instead. The next steps are chosen by `level`, not by a condition on the slot:
    Rasa renders an action's responses with the slots from before the action's own events,
    so after a switch of reading level a condition would still see the old level."""
    with db.session() as session:
        answer = queries.faq_answer(session, topic, level)
        text = answer.text if answer else None
    if text is None:
        return False
    dispatcher.utter_message(text=text)
    if next_steps:
        dispatcher.utter_message(response=f"utter_faq_next_steps_{level}")
    return True


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        topic = faq_topic(tracker)
        in_form = tracker.active_loop_name is not None
        level = reading_level(tracker)
        if topic is None or not say_faq_answer(dispatcher, topic, level, not in_form):
            dispatcher.utter_message(response="utter_faq_unknown")
            return []
        return [SlotSet("last_faq_topic", topic)]
