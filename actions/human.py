"""Asking for a human: honest about what is possible, and safe after a crisis.

Until the hand-off to a trajectondersteuner exists (its own issue), nobody can join the
chat. Whoever asks for a person is told so, with where a person can be reached. After a
crisis in the same conversation the crisis lines come first again: a person in crisis who
asks for a human must never end on a dead end.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis import crisis_lines_text


def had_crisis(tracker: Tracker) -> bool:
    """Whether the crisis answer was given earlier in this conversation."""
    return any(
        event.get("event") == "action" and event.get("name") == "action_crisis"
        for event in tracker.events
    )


class ActionRequestHuman(Action):
    def name(self) -> str:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if not had_crisis(tracker):
            dispatcher.utter_message(response="utter_human_not_ready_yet")
            return []
        lines = crisis_lines_text()
        if lines is None:  # never leave a person in crisis without a number
            dispatcher.utter_message(response="utter_crisis_without_knowledge")
        else:
            dispatcher.utter_message(response="utter_human_after_crisis", crisis_lines=lines)
        return []
