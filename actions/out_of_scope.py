"""A question about another matter than help for people with a disability."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.provider_search import say_how_to_reach_the_providers


class ActionOutOfScope(Action):
    """Say what Wegwijzer can do and where to go instead (utter_out_of_scope).

    Right after search results, "wat is het nummer van de eerste" reads as another matter
    to the classifier; it asks how to reach the providers shown, whose numbers are in the
    results (actions/provider_search.py)."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if not say_how_to_reach_the_providers(dispatcher, tracker):
            dispatcher.utter_message(response="utter_out_of_scope")
        return []
