"""Opening the hand-off case from a trigger (asking for a human, the second fallback, a
crisis, the plan review): shared by actions/human.py, crisis.py and fallback.py."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker

from bot.handoff import assistant, cases

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
        return assistant.open_case(
            reason=reason,
            conversation_id=tracker.sender_id,
            channel=channel(tracker),
            slots=tracker.slots,
            crisis_before=reason != cases.CRISIS and had_crisis(tracker),
        )
    except Exception:
        logger.exception("Could not open a hand-off case (%s)", reason)
        return None
