"""What someone can ask about their plan at any time: change an answer, show it, pause,
resume with a code, see what is stored, delete everything."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions import intake_answers as read
from actions import intake_flow as flow
from actions.intake import clear_topic, store
from actions.plan_summary import answer_label, answer_value, filled_in, plan_url
from bot.config import load_settings
from bot.storage import db, plans, privacy, resume_codes

INTAKE = "intake_form"


def continue_intake(tracker: Tracker) -> list[EventType]:
    """Events that make the intake form ask its next question."""
    if tracker.active_loop_name == INTAKE:
        return []
    return [SlotSet("requested_slot", None), ActiveLoop(INTAKE)]


def _text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


class ActionChangeAnswer(Action):
    """ "Ik wil mijn antwoord over wonen aanpassen": ask those questions again."""

    def name(self) -> str:
        return "action_change_answer"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if not tracker.get_slot("plan_id"):
            dispatcher.utter_message(response="utter_no_plan_yet")
            return []
        topic = read.topic(_text(tracker), answers.latest_entities(tracker).get("intake_topic"))
        if topic is None:
            dispatcher.utter_message(response="utter_ask_change_topic")
            return []
        dispatcher.utter_message(response="utter_change_answer", topic=read.TOPICS[topic][0])
        events = [SlotSet(name, value) for name, value in clear_topic(topic).items()]
        store(tracker, events)
        return events + continue_intake(tracker)


class ActionShowPlan(Action):
    def name(self) -> str:
        return "action_show_plan"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        plan_id = tracker.get_slot("plan_id")
        if not plan_id:
            dispatcher.utter_message(response="utter_no_plan_yet")
            return []
        dispatcher.utter_message(text=filled_in(tracker.slots))
        with db.session() as session:
            plan = plans.plan_by_id(session, plan_id)
            if plan:
                url = plan_url(load_settings(), plan.document_token)
                dispatcher.utter_message(response="utter_plan_link", plan_url=url)
        return []


class ActionPauseIntake(Action):
    """ "Ik doe later verder": a code to come back with, on any channel, for 30 days."""

    def name(self) -> str:
        return "action_pause_intake"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        plan_id = tracker.get_slot("plan_id")
        if not plan_id:
            dispatcher.utter_message(response="utter_no_plan_yet")
            return []
        with db.session() as session:
            code = resume_codes.issue_code(session, plan_id)
        dispatcher.utter_message(response="utter_paused", code=code, days=resume_codes.VALID_DAYS)
        return []


def restored_slots(answers_by_key: dict[str, str], plan_id: str) -> list[EventType]:
    slots = flow.slots_from_answers(answers_by_key)
    return [SlotSet("plan_id", plan_id)] + [SlotSet(k, v) for k, v in slots.items()]


class ActionResumeIntake(Action):
    """ "Verder met ZON-BOOM-4821": the intake continues where it stopped."""

    def name(self) -> str:
        return "action_resume_intake"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        with db.session() as session:
            result = resume_codes.redeem(session, _text(tracker), tracker.sender_id)
            if result.status == "no_code":
                return self.without_code(dispatcher, tracker)
            if result.status == "throttled":
                minutes = resume_codes.wait_minutes(session, tracker.sender_id)
                dispatcher.utter_message(response="utter_resume_throttled", minutes=minutes)
                return []
            if result.status != "ok":
                dispatcher.utter_message(
                    response=f"utter_resume_{result.status}",
                    days=resume_codes.VALID_DAYS,
                    example_code=resume_codes.EXAMPLE_CODE,
                )
                return []
            plan_id = result.plan_id
            assert plan_id is not None  # an "ok" redemption always names its plan
            privacy.record_consent(session, plan_id, tracker.sender_id)
            stored = plans.answers(session, plan_id)
        dispatcher.utter_message(response="utter_resumed")
        return restored_slots(stored, plan_id) + continue_intake(tracker)

    def without_code(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list:
        if tracker.active_loop_name == INTAKE:  # the form asks its question again
            return []
        if tracker.get_slot("plan_id"):  # "verder" in the same conversation
            dispatcher.utter_message(response="utter_resumed")
            return continue_intake(tracker)
        dispatcher.utter_message(
            response="utter_resume_ask_code", example_code=resume_codes.EXAMPLE_CODE
        )
        return []


def _stored_lines(data: dict[str, Any]) -> list[str]:
    lines = []
    for consent in data["consents"]:
        given = str(consent["given_at"])[:16].replace("T", " ")
        lines.append(f"- Je toestemming: gegeven op {given} (tekst van {consent['text_version']})")
    lines.append(f"- Je antwoorden: {len(data['answers'])}")
    for key, value in data["answers"].items():
        label = answer_label(key)
        lines.append(f"  - {label}: {answer_value(key, value)[:80]}")
    lines.append(f"- Bevestigde versies van je plan: {data['versions']}")
    lines.append(f"- Codes om verder te doen: {data['active_codes']}")
    lines.append("- De berichten van dit gesprek")
    return lines


class ActionShowMyData(Action):
    """ "Wat weet je over mij?": everything stored about this conversation."""

    def name(self) -> str:
        return "action_show_my_data"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        with db.session() as session:
            data = privacy.stored_data(session, tracker.sender_id)
        if data is None:
            dispatcher.utter_message(response="utter_nothing_stored")
            return []
        summary = "\n".join(_stored_lines(data))
        dispatcher.utter_message(response="utter_stored_data", summary=summary)
        return []


class ActionDeleteMyData(Action):
    """After "ja, wis alles": everything of this conversation, of every conversation that
    touched its plans, and of the earlier conversations of the same browser (the web app
    sends their ids as metadata). This conversation's events are dropped by
    bot/tracker_store.py after this turn; the page is told to forget its stored ids."""

    def name(self) -> str:
        return "action_delete_my_data"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        metadata = (tracker.latest_message or {}).get("metadata") or {}
        browser = privacy.valid_conversation_ids(
            metadata.get("browser_conversations") if isinstance(metadata, dict) else None
        )
        with db.session() as session:
            privacy.delete_everything(session, tracker.sender_id, browser_conversations=browser)
        dispatcher.utter_message(response="utter_data_deleted")
        dispatcher.utter_message(json_message={"wegwijzer": {"forget_browser": True}})
        return [Restarted()]
