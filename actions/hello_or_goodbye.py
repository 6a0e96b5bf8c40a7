"""Greetings and goodbyes that only the conversation can tell.

A bare "dag" (or "salut") is Flemish for both hello and goodbye, so the classifier cannot
tell which: bot/closing_phrases.py leaves it out of the goodbyes on purpose, and
bot/closing_phrase_signal.py sends it to the fallback every time. The conversation can
tell: as the first message of a session it is a greeting, later it is a goodbye.

"nee dank u", "nee, dat is alles" after an answer says the person has no more questions
(it got "Sorry, dat heb ik niet goed begrepen" or the menu "Waarmee kan ik je helpen?"). In
a form it answers the form's question, and right after the crisis answer a no to its offer
of a human gets the menu, not a goodbye.

A typed "ja" to a question that an action asked ("Wil je er een beginnen?" after "Je hebt
nog geen plan", "Zullen we breder zoeken?" after a search without result, "Wil je weten welke
hulp bij je ma past?" after facts about a relative) got the menu: it does what the
question's first button does.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.eligibility_start import ActionEligibilityStart
from actions.provider_search import widen_search
from bot.closing_phrases import is_hello_or_goodbye, says_no_more


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


def answer_no_more(dispatcher: CollectingDispatcher, tracker: Tracker) -> list | None:
    """The goodbye for "nee dank u" outside a form, except right after the crisis answer;
    None for other messages."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if tracker.active_loop_name is not None or not says_no_more(text):
        return None
    if any(
        event.get("event") == "action" and event.get("name") == "action_crisis"
        for event in answers.last_answer_events(tracker)
    ):
        return None
    dispatcher.utter_message(response="utter_goodbye")
    return []


class ActionAnswerNo(Action):
    """A no outside a form and without a question before it: the goodbye when it says there
    are no more questions ("nee, dat is alles"), otherwise the menu (utter_what_next)."""

    def name(self) -> str:
        return "action_answer_no"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if answer_no_more(dispatcher, tracker) is None:
            dispatcher.utter_message(response="utter_what_next")
        return []


# The intake starts with its consent question, as after the button "Ja, begin een plan".
INTAKE = "intake_form"
ELIGIBILITY = "eligibility_form"


class ActionAnswerYes(Action):
    """A yes outside a form: what the question just before offered with its first button,
    or the menu (utter_what_next) when there was no such question."""

    def name(self) -> str:
        return "action_answer_yes"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[Any]:
        if answers.said_just_before(tracker, "utter_no_plan_yet"):
            return [FollowupAction(INTAKE)]  # "Wil je er een beginnen?"
        if answers.said_just_before(tracker, "utter_providers_none"):
            return widen_search(dispatcher, tracker)  # "Zullen we breder zoeken?"
        if answers.said_just_before(tracker, "utter_eligibility_offer"):
            # "Wil je weten welke hulp bij je mama past?" said by another action than
            # action_eligibility_start (whose own rule takes its yes): the check starts.
            started = await ActionEligibilityStart().run(dispatcher, tracker, domain)
            return [*started, FollowupAction(ELIGIBILITY)]
        dispatcher.utter_message(response="utter_what_next")
        return []
