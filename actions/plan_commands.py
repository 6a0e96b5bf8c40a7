"""What someone can ask about their plan at any time: change an answer, show it, pause,
resume with a code, see what is stored (and unlink another conversation), delete everything."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import ACTION_LISTEN_NAME
from sqlalchemy.orm import Session

from actions import answers
from actions import intake_answers as read
from actions import intake_flow as flow
from actions.intake import clear_topic, store
from actions.open_requests import answer_announced_question
from actions.plan_links import link_details, linked_plan_id, no_plan
from actions.plan_summary import answer_label, answer_value, filled_in
from bot.plan_share_words import asks_to_let_someone_see_plan, asks_to_print_plan
from bot.storage import db, plans, privacy, resume_codes
from bot.storage.models import utcnow

INTAKE = "intake_form"
# The entity of the unlink buttons' payload (domain.yml).
UNLINK_ENTITY = "linked_conversation"
# "ik ben mijn code kwijt", "ik weet mijn code niet meer", "ik heb geen code": no code to ask.
LOST_CODE = re.compile(
    r"\bkwijt\b|\bvergeten\b|\bverloren\b|\bgeen code\b|\bweet\b.*\bniet meer\b"
    r"|\bniet\b.*\bvinden\b|\bniet meer\b.*\bweet\b",
    re.IGNORECASE,
)
CODE = re.compile(r"\bcode\b", re.IGNORECASE)
# "kan ik mijn plan later nog aanpassen": a question about changing later, not a change now.
LATER = re.compile(r"\b(later|achteraf|nadien|daarna|na afloop|altijd)\b", re.IGNORECASE)


def continue_intake(tracker: Tracker) -> list[EventType]:
    """Events that make the intake form ask its next question."""
    if tracker.active_loop_name == INTAKE:
        return []
    return [SlotSet("requested_slot", None), ActiveLoop(INTAKE)]


def listen_outside_a_form(tracker: Tracker) -> list[EventType]:
    """Wait for the person after a command that does not continue the intake. The rules for
    changing an answer and for a code go on after the action (`wait_for_user_input: false`,
    for the intake's next question); outside a form no rule follows, and "Je hebt nog geen
    plan" was followed by "Sorry, dat heb ik niet goed begrepen" (the core fallback). In a
    form, the rule asks the form's question again."""
    return [] if tracker.active_loop_name else [FollowupAction(ACTION_LISTEN_NAME)]


def _text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


class ActionChangeAnswer(Action):
    """ "Ik wil mijn antwoord over wonen aanpassen": ask those questions again. A question
    announced outside a form ("ik heb een vraag over mijn budget": change_answer 0.63 on the
    model of 2026-12-07, for "de vraag over ..." in its examples) gets help offered."""

    def name(self) -> str:
        return "action_change_answer"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if answer_announced_question(dispatcher, tracker):
            return listen_outside_a_form(tracker)
        with db.session() as session:
            if linked_plan_id(session, tracker) is None:
                if LATER.search(_text(tracker)):
                    # "kan ik mijn plan later nog aanpassen" (change_answer 0.81): yes, first.
                    dispatcher.utter_message(response="utter_change_later_yes")
                return no_plan(dispatcher, tracker) + listen_outside_a_form(tracker)
        topic = read.topic(_text(tracker), answers.latest_entities(tracker).get("intake_topic"))
        if topic is None:
            dispatcher.utter_message(response="utter_ask_change_topic")
            return listen_outside_a_form(tracker)
        dispatcher.utter_message(response="utter_change_answer", topic=read.TOPICS[topic][0])
        events = [SlotSet(name, value) for name, value in clear_topic(topic).items()]
        store(tracker, events)
        return events + continue_intake(tracker)


class ActionShowPlan(Action):
    """What is in the plan so far and its link; for "kan ik mijn plan doorsturen naar mijn
    zus" or "mag mijn mama mijn plan zien" also that the person can pass the link on (and a
    trajectondersteuner can review the plan), for "hoe kan ik mijn plan printen" where the
    PDF and printing are."""

    def name(self) -> str:
        return "action_show_plan"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if not tracker.get_slot("plan_id"):
            dispatcher.utter_message(response="utter_no_plan_yet")
            return []
        with db.session() as session:
            plan_id = linked_plan_id(session, tracker)
            if plan_id is None:
                return no_plan(dispatcher, tracker)
            dispatcher.utter_message(text=filled_in(tracker.slots))
            plan = plans.plan_by_id(session, plan_id)
            if plan is None:
                return []
            details = link_details(plan)
            live = plans.link_expires_at(plan) > utcnow()
        dispatcher.utter_message(
            response="utter_plan_link" if live else "utter_plan_link_expired", **details
        )
        if live and asks_to_let_someone_see_plan(_text(tracker)):
            dispatcher.utter_message(response="utter_plan_share")
        elif live and asks_to_print_plan(_text(tracker)):
            dispatcher.utter_message(response="utter_plan_print")
        return []


def asked_for_consent(tracker: Tracker) -> bool:
    """Whether the intake is asking for the consent, not given yet."""
    return (
        tracker.active_loop_name == INTAKE
        and tracker.get_slot("requested_slot") == "consent"
        and tracker.get_slot("consent") != "ja"
    )


class ActionPauseIntake(Action):
    """ "Ik doe later verder": a code to come back with, on any channel, for 30 days. At the
    consent question nothing is kept yet: a stop there is a no."""

    def name(self) -> str:
        return "action_pause_intake"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        if asked_for_consent(tracker):
            # "stop" at "Ga je akkoord?" got "Je hebt nog geen plan. Wil je er een
            # beginnen?": it is a no, and nothing is kept, as after "Nee" (the consent set to
            # "nee" in this turn wipes the conversation, bot/tracker_store.py).
            dispatcher.utter_message(response="utter_consent_refused")
            return [SlotSet("consent", "nee"), SlotSet("consent", None)]
        with db.session() as session:
            plan_id = linked_plan_id(session, tracker)
            if plan_id is None:
                return no_plan(dispatcher, tracker)
            code = resume_codes.issue_code(session, plan_id)
        dispatcher.utter_message(response="utter_paused", code=code, days=resume_codes.VALID_DAYS)
        return []


def restored_slots(answers_by_key: dict[str, str], plan_id: str) -> list[EventType]:
    slots = flow.slots_from_answers(answers_by_key)
    return [SlotSet("plan_id", plan_id)] + [SlotSet(k, v) for k, v in slots.items()]


def _client_key(tracker: Tracker) -> str | None:
    """The web app's client id of the message (an HMAC of the address), if it has one."""
    metadata = (tracker.latest_message or {}).get("metadata")
    return (
        resume_codes.client_key(metadata.get("client_id")) if isinstance(metadata, dict) else None
    )


class ActionResumeIntake(Action):
    """ "Verder met ZON-MAAN-STER-4821": the intake continues where it stopped."""

    def name(self) -> str:
        return "action_resume_intake"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        with db.session() as session:
            result = resume_codes.redeem(
                session, _text(tracker), tracker.sender_id, client=_client_key(tracker)
            )
            if result.status == "no_code":
                return self.without_code(dispatcher, tracker, session)
            if result.status == "throttled":
                dispatcher.utter_message(
                    response="utter_resume_throttled", minutes=result.wait_minutes
                )
                return listen_outside_a_form(tracker)
            if result.status != "ok":
                dispatcher.utter_message(
                    response=f"utter_resume_{result.status}",
                    days=resume_codes.VALID_DAYS,
                    example_code=resume_codes.EXAMPLE_CODE,
                )
                return listen_outside_a_form(tracker)
            plan_id = result.plan_id
            assert plan_id is not None  # an "ok" redemption always names its plan
            privacy.record_consent(session, plan_id, tracker.sender_id)
            stored = plans.answers(session, plan_id)
        dispatcher.utter_message(response="utter_resumed")
        return restored_slots(stored, plan_id) + continue_intake(tracker)

    def without_code(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session
    ) -> list:
        if tracker.active_loop_name == INTAKE:  # the form asks its question again
            return []
        if linked_plan_id(session, tracker):  # "verder" in the same conversation
            dispatcher.utter_message(response="utter_resumed")
            return continue_intake(tracker)
        if LOST_CODE.search(_text(tracker)):
            # "ik ben mijn code kwijt" got "Typ 'verder met' en dan je code.": only the code
            # finds a plan from another conversation; a new plan or a human can help.
            dispatcher.utter_message(response="utter_resume_lost")
        else:
            dispatcher.utter_message(
                response="utter_resume_ask_code", example_code=resume_codes.EXAMPLE_CODE
            )
        # A plan this conversation may no longer reach (unlinked by its owner) is forgotten.
        forgotten = [SlotSet("plan_id", None)] if tracker.get_slot("plan_id") else []
        return forgotten + listen_outside_a_form(tracker)


def answer_lost_code(dispatcher: CollectingDispatcher, tracker: Tracker) -> list | None:
    """For the fallback: "ik weet mijn code niet meer" (nlu_fallback, resume 0.37 under it
    on the model of 2026-12-06) says what a lost code means, as `without_code` does; None
    (nothing said) in a form, or when the message speaks of no lost code."""
    text = _text(tracker)
    if tracker.active_loop_name is not None or not CODE.search(text):
        return None
    if not LOST_CODE.search(text):
        return None
    dispatcher.utter_message(response="utter_resume_lost")
    return []


def _moment(moment: datetime) -> str:
    return str(moment)[:16].replace("T", " ")


def _conversation_lines(linked: list[plans.LinkedConversation]) -> list[str]:
    """ "  - gesprek 2: gekoppeld op ..., (dit gesprek)": numbered, no ids."""
    return [
        f"  - gesprek {number}: gekoppeld op {_moment(conversation.linked_at)}"
        + (" (dit gesprek)" if conversation.current else "")
        for number, conversation in enumerate(linked, start=1)
    ]


def _unlink_buttons(linked: list[plans.LinkedConversation]) -> list[dict[str, str]]:
    """A button per other conversation; the payload holds only its reference, which is
    worthless for another plan (bot.storage.plans.conversation_ref)."""
    return [
        {
            "title": f"Koppel gesprek {number} los",
            "payload": f'/unlink_conversation{{"{UNLINK_ENTITY}": "{conversation.ref}"}}',
        }
        for number, conversation in enumerate(linked, start=1)
        if not conversation.current
    ]


def consent_lines(consents: list[dict[str, Any]]) -> list[str]:
    """One line per consent text: a plan resumed in three conversations was agreed to three
    times, which is one line with the count, the first and the last moment."""
    moments: dict[str, list[str]] = {}
    for consent in consents:
        moments.setdefault(consent["text_version"], []).append(_moment(consent["given_at"]))
    lines = []
    for version, given in moments.items():
        if len(given) == 1:
            lines.append(f"- Je toestemming: gegeven op {given[0]} (tekst van {version})")
        else:
            lines.append(
                f"- Je toestemming: {len(given)} keer gegeven, eerst op {min(given)}, "
                f"het laatst op {max(given)} (tekst van {version})"
            )
    return lines


def _stored_lines(data: dict[str, Any], linked: list[plans.LinkedConversation]) -> list[str]:
    lines = consent_lines(data["consents"])
    lines.append(f"- Je antwoorden: {len(data['answers'])}")
    for key, value in data["answers"].items():
        label = answer_label(key)
        lines.append(f"  - {label}: {answer_value(key, value)[:80]}")
    lines.append(f"- Bevestigde versies van je plan: {data['versions']}")
    lines.append(f"- Codes om verder te doen: {data['active_codes']}")
    lines.append(f"- Gesprekken met je plan: {len(linked)}")
    lines.extend(_conversation_lines(linked))
    lines.append("- De berichten van dit gesprek")
    return lines


class ActionShowMyData(Action):
    """ "Wat weet je over mij?": everything stored about this conversation."""

    def name(self) -> str:
        return "action_show_my_data"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        with db.session() as session:
            data = privacy.stored_data(session, tracker.sender_id)
            plan = plans.plan_for_conversation(session, tracker.sender_id)
            linked = (
                []
                if plan is None
                else plans.linked_conversations(session, plan.id, tracker.sender_id)
            )
        if data is None:
            dispatcher.utter_message(response="utter_nothing_stored")
            return []
        summary = "\n".join(_stored_lines(data, linked))
        dispatcher.utter_message(
            response="utter_stored_data", summary=summary, buttons=_unlink_buttons(linked)
        )
        return []


class ActionUnlinkConversation(Action):
    """ "Koppel gesprek 2 los" (a button of "wat weet je over mij"): that conversation can
    no longer reach the plan. This conversation cannot unlink itself: that is "vergeet mij"."""

    def name(self) -> str:
        return "action_unlink_conversation"

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        ref = answers.latest_entities(tracker).get(UNLINK_ENTITY)
        with db.session() as session:
            plan = plans.plan_for_conversation(session, tracker.sender_id)
            if plan is None:
                return no_plan(dispatcher, tracker)
            ref = ref if isinstance(ref, str) else ""
            if plans.unlink_conversation(session, plan.id, ref, tracker.sender_id):
                dispatcher.utter_message(response="utter_conversation_unlinked")
                return []
            linked = plans.linked_conversations(session, plan.id, tracker.sender_id)
        if any(conversation.current and conversation.ref == ref for conversation in linked):
            dispatcher.utter_message(response="utter_unlink_this_conversation")
        elif len(linked) <= 1:
            dispatcher.utter_message(response="utter_nothing_to_unlink")
        else:
            dispatcher.utter_message(
                response="utter_ask_unlink",
                conversations="\n".join(_conversation_lines(linked)),
                buttons=_unlink_buttons(linked),
            )
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
