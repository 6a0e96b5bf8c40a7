"""Opening the hand-off case from a trigger (asking for a human, the second fallback, a
crisis, the plan review): shared by actions/human.py, crisis.py and fallback.py."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker

from bot.handoff import assistant, cases, notify

logger = logging.getLogger(__name__)


def had_crisis(tracker: Tracker) -> bool:
    """Whether the crisis answer was given earlier in this conversation."""
    return any(
        event.get("event") == "action" and event.get("name") == "action_crisis"
        for event in tracker.events
    )


def channel(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "onbekend"


def open_case(tracker: Tracker, reason: str) -> assistant.Opened | None:
    """The conversation's case for this trigger (urgent after a crisis); None when it
    cannot be stored. Never raises: the answer to the person must go on."""
    try:
        opened = assistant.open_case(
            reason=reason,
            conversation_id=tracker.sender_id,
            channel=channel(tracker),
            slots=tracker.slots,
            crisis_before=reason != cases.CRISIS and had_crisis(tracker),
        )
    except Exception:
        logger.exception("Could not open a hand-off case (%s)", reason)
        return None
    notify_team_if_urgent(opened)
    return opened


def notify_team_if_urgent(opened: assistant.Opened) -> None:
    """A case that became urgent goes to the team's webhook and e-mail too, in the
    background (bot.handoff.notify): the answer to the person does not wait for it."""
    if opened.became_urgent:
        event = notify.OPENED if opened.is_new else notify.ESCALATED
        notify.send_later(opened.case_id, opened.team.id, event)
