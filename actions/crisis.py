"""Crisis: the crisis lines and the VAPH's noodprocedure, from the knowledge base.

The answer comes first and is never held up; then an urgent case is opened for the team
(bot.handoff), so a trajectondersteuner sees it at once. Opening it never breaks the answer.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.handoff_trigger import open_case
from bot.handoff.cases import CRISIS
from knowledge import db, queries


def _lines(session: Session) -> str:
    return "\n".join(f"- {line.description}" for line in queries.crisis_lines(session))


def crisis_lines_text() -> str | None:
    """The crisis lines as a list the user reads, or None when the knowledge base fails."""
    try:
        with db.session() as session:
            return _lines(session)
    except Exception:
        return None


class ActionCrisis(Action):
    """Interrupts whatever is going on; opens an urgent case; the response offers a human."""

    def name(self) -> str:
        return "action_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            with db.session() as session:
                lines = _lines(session)
                procedure = queries.emergency_procedure(session)
                procedure_name = procedure.name if procedure else "noodprocedure PVB"
                procedure_name = procedure_name[:1].lower() + procedure_name[1:]
        except Exception:  # never leave a person in crisis without an answer
            dispatcher.utter_message(response="utter_crisis_without_knowledge")
            open_case(tracker, CRISIS)
            return []
        dispatcher.utter_message(
            response="utter_crisis", crisis_lines=lines, emergency_procedure=procedure_name
        )
        open_case(tracker, CRISIS)
        return []
