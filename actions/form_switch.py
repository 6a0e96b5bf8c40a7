"""Another request in the middle of a form: offer to switch, keep the answers, come back.

"Ik zoek woonondersteuning in Gent" while "wat past bij mij?" asks an age is not an age: it
is a request for the provider search. A form validator built on `SwitchingFormValidation`
first reads the message as an answer, as always. Only when it does not answer the question
and the classifier read a request for another part of Wegwijzer (`requested_switch`), the
validator takes back what the message filled and rejects the form; the rules in
data/rules/forms.yml then run `action_offer_switch` and stop the form. Its slots stay: the
offer's buttons either start the other part (with the place and kind of help the message
named) or take the person back to the form, which asks the next question not yet answered.

The intake's answers are free text, so there every message answers the question; its
validator (actions/intake.py, `interrupts`) offers the switch only at the questions about
the person and only for a message in the form of a request (intake_answers.is_request).
"""

from __future__ import annotations

import json
from abc import abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, places
from actions.forms import NOT_UNDERSTOOD, NOT_UNDERSTOOD_RESPONSES, previous_value
from actions.intake_answers import is_question
from bot.button_values import SAFE_VALUE

ELIGIBILITY = "eligibility_form"
PROVIDER_SEARCH = "provider_search_form"
INTAKE = "intake_form"
# The intent that starts each form, and the entities of a request that the form uses.
START_INTENT = {
    ELIGIBILITY: "check_eligibility",
    PROVIDER_SEARCH: "find_provider",
    INTAKE: "start_intake",
}
CARRIED_ENTITIES = {
    ELIGIBILITY: ("age", "municipality", "postcode", "province"),
    PROVIDER_SEARCH: ("municipality", "postcode", "province", "support_type", "target_group"),
    INTAKE: (),
}
# The buttons of the offer: go to the other part, or go on with this one.
SWITCH_TITLES = {
    ELIGIBILITY: "Ja, kijk wat bij mij past",
    PROVIDER_SEARCH: "Ja, zoek een aanbieder",
    INTAKE: "Ja, vertel mijn verhaal",
}
BACK_TITLES = {
    ELIGIBILITY: "Nee, ga verder met de vragen",
    PROVIDER_SEARCH: "Nee, ga verder met zoeken",
    INTAKE: "Nee, ga verder met mijn verhaal",
}
# Place answers that are not read back as "Ik lees: …" (the form says its own word on them).
NOT_READ_BACK = (places.WALLONIA, places.ABROAD, places.EVERYWHERE, answers.SKIPPED)
# Below this confidence a request is not clear enough to offer a switch; the form says it
# did not understand the answer, as before.
MIN_CONFIDENCE = 0.6


def requested_switch(tracker: Tracker, form: str | None) -> str | None:
    """The form the latest message asks for instead of `form`, or None."""
    intent = (tracker.latest_message or {}).get("intent") or {}
    target = next((f for f, name in START_INTENT.items() if name == intent.get("name")), None)
    if target is None or target == form or form not in BACK_TITLES:
        return None
    return target if (intent.get("confidence") or 0.0) >= MIN_CONFIDENCE else None


def _answers_question(events: list[EventType], requested: str | None) -> bool:
    return any(
        event.get("event") == "slot"
        and event.get("name") == requested
        and event.get("value") is not None
        for event in events
    )


class SwitchingFormValidation(FormValidationAction):
    """A form validator that lets a clear request for another part of Wegwijzer stop the
    form (data/rules/forms.yml) when the message does not answer the question."""

    @abstractmethod  # abstract, so that the action server does not serve this base class
    def name(self) -> str: ...

    def answers_aside(self, tracker: Tracker) -> list[str]:
        """Answers to a question the latest message asked beside the form's question; a
        form whose start request can ask one ("kan ik nog een pvb aanvragen?") says them."""
        return []

    def told_words(self, told: dict[str, Any]) -> list[str]:
        """How the answers to the form's other questions are read back ("Ik lees: Gent.")."""
        place = told.get("place")
        return [place] if place and place not in NOT_READ_BACK else []

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        answer = answer_read_as_question(tracker, domain)
        return [*events, *(SlotSet(slot, value) for slot, value in answer.items())]

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if requested_switch(tracker, self.form_name()) is None:
            said = CollectingDispatcher()
            events = await super().run(said, tracker, domain)
            questions = self.domain_slots(domain)
            dispatcher.messages.extend(self._replies(said.messages, events, tracker, questions))
            return events
        as_answer = CollectingDispatcher()
        events = await super().run(as_answer, tracker, domain)
        if _answers_question(events, tracker.get_slot("requested_slot")):
            dispatcher.messages.extend(as_answer.messages)
            return events
        restored = [
            SlotSet(slot, previous_value(tracker, slot)) for slot in tracker.slots_to_validate()
        ]
        return [*restored, ActionExecutionRejected(self.form_name())]

    def _replies(
        self,
        messages: list[dict[str, Any]],
        events: list[EventType],
        tracker: Tracker,
        questions: list[str],
    ) -> list[dict[str, Any]]:
        """What the form says, with what the message asked or told beside the question.

        A message that does not answer the question but asks something the knowledge base
        answers, or answers another of the form's questions ("ik woon in Sint-Gillis" when
        the age is asked), gets that answer or "Ik lees: Sint-Gillis." instead of "Die
        leeftijd begrijp ik niet"; the form then asks its question again."""
        requested = tracker.get_slot("requested_slot")
        if requested is None:  # the form starts: its start action answered the message
            return messages
        aside = CollectingDispatcher()
        for text in self.answers_aside(tracker):
            aside.utter_message(text=text)
        if _answers_question(events, requested):
            return [*aside.messages, *messages]
        told = _other_answers(events, tracker, requested, questions)
        if not aside.messages and not told:
            return messages
        words = self.told_words(told)
        if not aside.messages and words:
            aside.utter_message(response="utter_read_as", words=", ".join(words))
        kept = [m for m in messages if m.get("response") not in NOT_UNDERSTOOD_RESPONSES]
        return [*aside.messages, *kept]


def answer_read_as_question(tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
    """The requested slot's value from an answer the classifier read as a FAQ question.

    "voor volwassenen met een verstandelijke beperking" at "Voor wie is de hulp?" names a
    target group, and the classifier may read it as a question about the PVB. The domain
    keeps FAQ questions from filling slots ("wat is een pvb voor mensen met autisme" is a
    question, not an answer); a message that is not in the form of a question and names
    what the question asks is the answer."""
    requested = tracker.get_slot("requested_slot")
    text = str((tracker.latest_message or {}).get("text") or "").strip()
    if requested is None or answers.latest_intent(tracker) != "faq" or is_question(text):
        return {}
    named = answers.latest_entities(tracker)
    for mapping in domain["slots"].get(requested, {}).get("mappings", []):
        if mapping.get("type") == "from_entity" and mapping.get("entity") in named:
            return {requested: named[mapping["entity"]]}
    return {}


def _other_answers(
    events: list[EventType], tracker: Tracker, requested: str, questions: list[str]
) -> dict[str, Any]:
    """The form's other `questions` that the latest message answered with a new value."""
    return {
        event["name"]: event["value"]
        for event in events
        if event.get("event") == "slot"
        and event.get("name") in questions
        and event.get("name") != requested
        and event.get("value") not in (None, previous_value(tracker, event.get("name")))
    }


def _payload(intent: str, entities: dict[str, str]) -> str:
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def offer_buttons(tracker: Tracker, form: str, target: str) -> list[dict[str, str]]:
    """Go to `target` with what the message named; or back to `form`."""
    named = answers.latest_entities(tracker)
    carried = {
        name: named[name]
        for name in CARRIED_ENTITIES[target]
        if name in named and SAFE_VALUE.match(named[name])  # what bot/slot_guard.py lets through
    }
    return [
        {"title": SWITCH_TITLES[target], "payload": _payload(START_INTENT[target], carried)},
        {"title": BACK_TITLES[form], "payload": _payload(START_INTENT[form], {})},
    ]


class ActionOfferSwitch(Action):
    """Runs when a form was stopped for another request; the rule then ends the form."""

    def name(self) -> str:
        return "action_offer_switch"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        form = tracker.active_loop_name
        target = requested_switch(tracker, form)
        if form is None or target is None:
            dispatcher.utter_message(response=NOT_UNDERSTOOD)
            return []
        dispatcher.utter_message(
            response=f"utter_offer_switch_to_{target.removesuffix('_form')}",
            buttons=offer_buttons(tracker, form, target),
        )
        return []
