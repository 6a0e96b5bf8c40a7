"""A question about another matter than help for people with a disability."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.assistive_devices import answer_device_question
from actions.provider_search import say_how_to_reach_the_providers
from bot.device_words import names_a_device


class ActionOutOfScope(Action):
    """Say what Wegwijzer can do and where to go instead (utter_out_of_scope).

    Right after search results, "wat is het nummer van de eerste" reads as another matter
    to the classifier; it asks how to reach the providers shown, whose numbers are in the
    results (actions/provider_search.py). "waar kan ik een rollator kopen in gent" names an
    assistive device: the VAPH's help for devices, not "Daar kan ik je niet mee helpen"
    (actions/assistive_devices.py). No out_of_scope example of the training data or the
    held-out set names a device (tests/actions/test_assistive_devices.py)."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if say_how_to_reach_the_providers(dispatcher, tracker):
            return []
        text = str((tracker.latest_message or {}).get("text") or "")
        if names_a_device(text) and answer_device_question(
            dispatcher, answers.reading_level(tracker), text
        ):
            return []
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
