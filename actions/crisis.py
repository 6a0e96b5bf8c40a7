"""Crisis: the crisis lines and the VAPH's noodprocedure, from the knowledge base.

The answer comes first and is never held up; then an urgent case is opened for the team
(bot.handoff), so a trajectondersteuner sees it at once. Opening it never breaks the answer.

A crisis stops any form (data/rules/). When no strong signal of bot/crisis_signals.txt is
in the message (a weak signal: only the classifier read a crisis, or only a soft signal of
bot/crisis_signals_soft.txt such as loneliness matched), the answer still gives every line
and adds a button "Dat bedoelde ik niet"; that answer, typed or pressed soon after any
crisis answer, takes the person back to the form they were in (action_return_after_crisis).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.faq import answer_objection_or_document
from actions.form_switch import INTAKE
from actions.handoff_trigger import open_case
from actions.intake import answer_read_as_crisis
from bot.crisis_keywords import load_signals, signals_crisis
from bot.handoff.cases import CRISIS
from knowledge import db, queries

# The form a crisis answer stopped ("" outside a form), for "dat bedoelde ik niet".
LEFT_FORM_SLOT = "crisis_left_form"
NOT_MEANT_BUTTON = {"title": "Dat bedoelde ik niet", "payload": "/not_meant"}
# "Dat bedoelde ik niet" goes back only when it comes within this many messages after the
# crisis answer (itself included); later it is an ordinary "you misunderstood me".
NOT_MEANT_WITHIN_MESSAGES = 2
SIGNALS = load_signals()  # the strong ones: after a soft signal the way back stays open


def _lines(session: Session) -> str:
    return "\n".join(f"- {line.description}" for line in queries.crisis_lines(session))


def crisis_lines_text() -> str | None:
    """The crisis lines as a list the user reads, or None when the knowledge base fails."""
    try:
        with db.session() as session:
            return _lines(session)
    except Exception:
        return None


def weak_signal(tracker: Tracker) -> bool:
    """True when no strong crisis signal is in the message: only the classifier or a soft
    signal read a crisis."""
    return is_weak(str((tracker.latest_message or {}).get("text") or ""))


def is_weak(text: str) -> bool:
    return not signals_crisis(text, SIGNALS)


class ActionCrisis(Action):
    """Interrupts whatever is going on; opens an urgent case; the response offers a human."""

    def name(self) -> str:
        return "action_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        events = [SlotSet(LEFT_FORM_SLOT, tracker.active_loop_name or "")]
        buttons = [NOT_MEANT_BUTTON] if weak_signal(tracker) else []
        try:
            with db.session() as session:
                lines = _lines(session)
                procedure = queries.emergency_procedure(session)
                procedure_name = procedure.name if procedure else "noodprocedure PVB"
                procedure_name = procedure_name[:1].lower() + procedure_name[1:]
        except Exception:  # never leave a person in crisis without an answer
            dispatcher.utter_message(response="utter_crisis_without_knowledge", buttons=buttons)
            open_case(tracker, CRISIS)
            return events
        dispatcher.utter_message(
            response="utter_crisis",
            crisis_lines=lines,
            emergency_procedure=procedure_name,
            buttons=buttons,
        )
        open_case(tracker, CRISIS)
        return events


def messages_since_crisis(tracker: Tracker) -> int | None:
    """How many user messages came after the last crisis answer (None: there was none)."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            count += 1
        elif event.get("event") == "action" and event.get("name") == "action_crisis":
            return count
    return None


def before_crisis(tracker: Tracker) -> tuple[str, str | None]:
    """The text of the message the last crisis answer followed, and the form's question it
    answered (Rasa clears `requested_slot` when the crisis stops the form): ("", None)
    when there is none."""
    text: str | None = None
    crisis_seen = False
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == "action_crisis":
            crisis_seen = True
        elif crisis_seen and text is None and event.get("event") == "user":
            text = str(event.get("text") or "")
        elif text is not None and event.get("event") == "slot":
            if event.get("name") == "requested_slot" and event.get("value"):
                return text, str(event["value"])
    return text or "", None


class ActionReturnAfterCrisis(Action):
    """ "Dat bedoelde ik niet": back to the form the crisis answer stopped, with every
    answer kept. The crisis lines stay above in the chat, and the team's case stays open."""

    def name(self) -> str:
        return "action_return_after_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        since = messages_since_crisis(tracker)
        if since is None or since > NOT_MEANT_WITHIN_MESSAGES:
            # "ik versta het formulier niet" (not_meant 0.88) asks for help with the form.
            if (answered := answer_objection_or_document(dispatcher, tracker)) is not None:
                return answered
            dispatcher.utter_message(response="utter_not_meant")
            return []
        form = tracker.get_slot(LEFT_FORM_SLOT) or ""
        dispatcher.utter_message(response="utter_crisis_not_meant")
        events: list[EventType] = [SlotSet(LEFT_FORM_SLOT, None)]
        if form and tracker.active_loop_name != form:
            misread, asked = before_crisis(tracker)
            if form == INTAKE and asked and since == 1 and is_weak(misread):
                # Only the classifier read a crisis in it: it was the answer, and is kept.
                events += answer_read_as_crisis(tracker, dispatcher, misread, asked)
            events += [SlotSet("requested_slot", None), ActiveLoop(form)]
        elif not form:
            dispatcher.utter_message(response="utter_what_next")
        return events
