"""Asking for a human: a case for a trajectondersteuner, the contact preference, and an
honest answer about who can help and when.

Four triggers open a case (bot.handoff.cases): asking for a human (also inside a form),
the second misunderstanding in a row (actions/fallback.py), a crisis (actions/crisis.py)
and the review of a finished or paused plan (the button sends `request_human` with the
entity `handoff_reason: plan_review`). After a crisis in the same conversation the crisis
lines always come first, before any question. The logic is in bot.handoff.assistant.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import ACTION_LISTEN_NAME

from actions.answers import latest_entities, latest_intent
from actions.crisis import crisis_lines_text
from actions.handoff_trigger import channel, had_crisis, open_case
from actions.provider_search import say_how_to_reach_the_providers
from actions.reach_wegwijzer import asks_to_call_wegwijzer, say_how_to_reach_wegwijzer
from bot.handoff import assistant, cases, contact
from bot.intake_catalogue import SKIPPED

logger = logging.getLogger(__name__)

CONTACT_SLOTS = ("contact_preference", "contact_value", "contact_when")
# The response that says how the team will get in touch, per contact preference.
HOW_CONTACTED = {
    contact.PHONE: "utter_handoff_by_phone",
    contact.EMAIL: "utter_handoff_by_email",
    contact.CHAT: "utter_handoff_in_chat",
    contact.NO_CONTACT: "utter_handoff_no_contact",
}


def worker_had_it_since(tracker: Tracker, *since: dict[str, Any]) -> bool:
    """Whether a worker handed the conversation back (Rasa's `resume`) after the latest
    event like one of `since`: the contact question asked before is no longer open then."""
    events = list(tracker.events)
    start = max(
        (i for i, e in enumerate(events) for pattern in since if pattern.items() <= e.items()),
        default=0,
    )
    return any(e.get("event") == "resume" for e in events[start:])


ASKED = {"event": "active_loop", "name": "contact_form"}
REQUESTED = {"event": "action", "name": "action_request_human"}


def say_crisis_lines(dispatcher: CollectingDispatcher) -> None:
    lines = crisis_lines_text()
    if lines is None:  # never leave a person in crisis without a number
        dispatcher.utter_message(response="utter_crisis_without_knowledge")
    else:
        dispatcher.utter_message(response="utter_human_after_crisis", crisis_lines=lines)


class ActionRequestHuman(Action):
    """Opens (or updates) the case, then the contact form asks how to get in touch.

    "hoe kan ik die bellen" right after search results is about the providers shown: it
    says where their numbers are and offers a human, without a case or the question."""

    def name(self) -> str:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        # "kan ik u bellen" read as a request for a human: Wegwijzer has no number of its own.
        if say_how_to_reach_the_providers(dispatcher, tracker) or say_how_to_reach_wegwijzer(
            dispatcher, tracker, asks=asks_to_call_wegwijzer
        ):
            return [FollowupAction(ACTION_LISTEN_NAME)]  # not the rule's contact question
        if had_crisis(tracker):  # the crisis lines first, before any question
            say_crisis_lines(dispatcher)
        review = latest_entities(tracker).get("handoff_reason") == cases.PLAN_REVIEW
        opened = open_case(tracker, cases.PLAN_REVIEW if review else cases.REQUEST_HUMAN)
        if opened is None:
            dispatcher.utter_message(response="utter_handoff_failed")
            return [SlotSet("case_id", None)]
        started = "utter_plan_review_started" if review else "utter_handoff_started"
        dispatcher.utter_message(response=started, team_name=opened.team.name)
        events: list[EventType] = [SlotSet("case_id", opened.case_id)]
        if not opened.has_contact:  # a case that knows how to reach the person is not asked again
            events += [SlotSet(slot, None) for slot in CONTACT_SLOTS]
        return events


class ValidateContactForm(FormValidationAction):
    """How to get in touch: here in the chat, by phone, by e-mail or not at all; and when."""

    def name(self) -> str:
        return "validate_contact_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher, tracker: Tracker, domain: dict
    ) -> list[str]:
        if not tracker.get_slot("case_id"):
            return []  # no case could be stored: nothing to ask
        preference = tracker.get_slot("contact_preference")
        slots = ["contact_preference"]
        if preference in (contact.PHONE, contact.EMAIL):
            slots.append("contact_value")
        if preference != contact.NO_CONTACT:
            slots.append("contact_when")
        return slots

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if worker_had_it_since(tracker, REQUESTED, ASKED):
            # A worker took the conversation while the question was open and gave it back:
            # the message now is not an answer. The form ends; action_tell_handoff goes on.
            return [SlotSet(slot, None) for slot in CONTACT_SLOTS] + [
                SlotSet("requested_slot", None)
            ]
        return await super().run(dispatcher, tracker, domain)

    # The Rasa server fills these from its slot mappings; nothing more to extract here.
    async def extract_contact_value(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return {}

    async def extract_contact_when(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return {}

    def validate_contact_preference(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        text = latest_entities(tracker).get("contact_preference") or str(value or "")
        if assistant.names_any_way(text):  # "maakt niet uit" is not a "no": choose one way
            dispatcher.utter_message(response="utter_contact_preference_any_way")
            return {"contact_preference": None}
        preference = assistant.parse_preference(text, latest_intent(tracker))
        if preference is None:
            dispatcher.utter_message(response="utter_contact_preference_not_understood")
            return {"contact_preference": None}
        if preference == contact.CHAT and not cases.live_reply_possible(channel(tracker)):
            dispatcher.utter_message(response="utter_contact_chat_not_live")
            return {"contact_preference": None}
        slots: dict[str, Any] = {"contact_preference": preference}
        typed = assistant.value_in_answer(preference, (tracker.latest_message or {}).get("text"))
        if typed:
            slots["contact_value"] = typed
        return slots

    def validate_contact_value(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if latest_intent(tracker) in ("deny", "skip"):  # rather not give it after all
            return {"contact_preference": contact.NO_CONTACT, "contact_value": None}
        checked = contact.check_contact(tracker.get_slot("contact_preference"), str(value or ""))
        if not checked.ok:
            dispatcher.utter_message(response="utter_contact_problem", problem=checked.problem)
            return {"contact_value": None}
        return {"contact_value": checked.value}

    def validate_contact_when(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return {"contact_when": assistant.parse_when(str(value or ""), latest_intent(tracker))}


class ActionTellHandoff(Action):
    """After the contact form: store the preference and say honestly who can help, when,
    and how the team will get in touch. A human is only said to come when one can."""

    def name(self) -> str:
        return "action_tell_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        case_id = tracker.get_slot("case_id")
        if not case_id:
            return []
        if worker_had_it_since(tracker, REQUESTED):  # a worker has been and gone: no news
            dispatcher.utter_message(response="utter_what_next")
            return [SlotSet("requested_slot", None)]
        preference = tracker.get_slot("contact_preference")
        value = tracker.get_slot("contact_value")
        when = tracker.get_slot("contact_when")
        try:
            if preference:
                assistant.save_contact(case_id, preference, value, when)
            who = assistant.who_can_help(case_id, channel(tracker))
        except Exception:
            logger.exception("Could not finish the hand-off of case %s", case_id)
            who = None
        if who is None:
            dispatcher.utter_message(response="utter_handoff_failed")
            return [SlotSet("requested_slot", None)]
        if who.joins_now:
            dispatcher.utter_message(response="utter_handoff_joins", team_name=who.team_name)
        else:
            dispatcher.utter_message(
                response="utter_handoff_later", team_name=who.team_name, team_hours=who.hours
            )
            if who.open_until:
                dispatcher.utter_message(response="utter_team_works_now", until=who.open_until)
            elif who.back:
                dispatcher.utter_message(response="utter_team_back", back=who.back)
            dispatcher.utter_message(
                response=HOW_CONTACTED.get(preference or "", "utter_handoff_no_contact"),
                contact_shown=assistant.shown_value(preference, value),
            )
            if when and when != SKIPPED and preference != contact.NO_CONTACT:
                dispatcher.utter_message(response="utter_handoff_when", contact_when=when)
            if had_crisis(tracker):
                dispatcher.utter_message(response="utter_handoff_crisis_reminder")
        return [SlotSet("requested_slot", None)]
