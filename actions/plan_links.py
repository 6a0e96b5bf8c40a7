"""The plan link of a conversation's plan: whether this conversation may still reach the
plan, "maak een nieuwe link" (the old link stops working at once) and "verleng mijn link"
(it works the plan link days from now again)."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.plan_summary import plan_url
from bot.config import load_settings
from bot.plan_document import dutch_date
from bot.storage import db, plans
from bot.storage.models import Plan


def linked_plan_id(session: Session, tracker: Tracker) -> str | None:
    """The plan of the `plan_id` slot, if this conversation is still linked to it: the
    owner may have unlinked it ("wat weet je over mij"), or the plan may be gone."""
    plan_id = tracker.get_slot("plan_id")
    if plan_id and plans.is_linked(session, plan_id, tracker.sender_id):
        return plan_id
    return None


def no_plan(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Say there is no plan; a `plan_id` this conversation may no longer use is forgotten."""
    dispatcher.utter_message(response="utter_no_plan_yet")
    return [SlotSet("plan_id", None)] if tracker.get_slot("plan_id") else []


def link_details(plan: Plan) -> dict[str, str]:
    """The kwargs of the plan link responses: the link and until when it works."""
    settings = load_settings()
    return {
        "plan_url": plan_url(settings, plan.document_token),
        "until": dutch_date(plans.link_expires_at(plan, settings.plan_link_days)),
    }


class _PlanLinkCommand(Action, metaclass=ABCMeta):
    """Change the link of this conversation's plan, then say `response` with the link and
    until when it works."""

    response = ""

    @abstractmethod
    def change(self, session: Session, plan_id: str) -> Plan | None:
        """The plan after the change; None when there is no such plan."""

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        with db.session() as session:
            plan_id = linked_plan_id(session, tracker)
            plan = None if plan_id is None else self.change(session, plan_id)
            if plan is None:
                return no_plan(dispatcher, tracker)
            details = link_details(plan)
        days = load_settings().plan_link_days
        dispatcher.utter_message(response=self.response, days=days, **details)
        return []


class ActionNewPlanLink(_PlanLinkCommand):
    """ "Maak een nieuwe link": a new link to the plan; the old one stops working at once."""

    response = "utter_plan_link_new"

    def name(self) -> str:
        return "action_new_plan_link"

    def change(self, session: Session, plan_id: str) -> Plan | None:
        return plans.new_plan_link(session, plan_id)


class ActionExtendPlanLink(_PlanLinkCommand):
    """ "Verleng mijn link": the same link works the plan link days from now."""

    response = "utter_plan_link_extended"

    def name(self) -> str:
        return "action_extend_plan_link"

    def change(self, session: Session, plan_id: str) -> Plan | None:
        return plans.extend_plan_link(session, plan_id)
