"""Switch between `gewoon` and `eenvoudig` (makkelijk lezen) and repeat the last answer."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import say_faq_answer
from actions.screen_help import answer_screen_request


class SwitchReadingLevel:
    """Shared by the two actions below (not an Action itself, so rasa_sdk skips it)."""

    level = "gewoon"
    confirmation = "utter_reading_level_gewoon"
    # Said instead when the level is already this one; None: switch and repeat anyway.
    already: str | None = None

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if self.level == "eenvoudig":
            screen = answer_screen_request(dispatcher, tracker)
            if screen is not None:
                return screen  # "kan de tekst groter": larger letters, not easier words
        if self.already and tracker.get_slot("reading_level") == self.level:
            # The same words again would not help: say so, and offer a person.
            dispatcher.utter_message(response=self.already)
            return []
        topic = tracker.get_slot("last_faq_topic")
        dispatcher.utter_message(response=self.confirmation)
        if topic:
            say_faq_answer(dispatcher, topic, self.level)
        # The web chat's switch follows a level chosen by typing (bot/web/static/chat.js).
        dispatcher.utter_message(json_message={"wegwijzer": {"reading_level": self.level}})
        return [SlotSet("reading_level", self.level)]


class ActionUseSimpleLanguage(SwitchReadingLevel, Action):
    level = "eenvoudig"
    confirmation = "utter_reading_level_eenvoudig"
    already = "utter_simplest_already"

    def name(self) -> str:
        return "action_use_simple_language"


class ActionUseNormalLanguage(SwitchReadingLevel, Action):
    def name(self) -> str:
        return "action_use_normal_language"
