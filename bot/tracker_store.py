"""Rasa's SQL tracker store, plus forgetting a conversation on request ("vergeet mij").

`action_delete_my_data` deletes the application data and the stored events, but Rasa saves
the tracker after the turn and would write every event back. This store sees that the
action ran in the turn being saved and deletes the conversation's events instead.
Configured in endpoints.yml (a custom tracker store, as Rasa documents them).

While a worker has the conversation (Rasa's `pause` event, appended by the portal) the bot
is silent, but every channel's message still passes here: a new user message with the
intent `crisis` or a crisis signal (bot/crisis_signals.txt) flags the open case as urgent
at once (bot.handoff.cases.flag_crisis), so the worker sees it in the portal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.crisis_signals import CRISIS, load_signals, signals_crisis

FORGET_ACTION = "action_delete_my_data"
logger = logging.getLogger(__name__)


def forgets(tracker: DialogueStateTracker) -> bool:
    """True when the latest turn ran the action that deletes everything."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


def crisis_in(events: Iterable[Event]) -> bool:
    """Whether one of these events is a user message with a crisis intent or signal."""
    signals = None
    for event in events:
        if not isinstance(event, UserUttered):
            continue
        if (event.intent or {}).get("name") == CRISIS:
            return True
        signals = load_signals() if signals is None else signals
        if signals_crisis(event.text or "", signals):
            return True
    return False


def flag_crisis_while_paused(conversation_id: str) -> None:
    """Mark the conversation's open case urgent with a crisis flag, and notify its team in
    the background (never raises: saving the tracker must go on)."""
    from bot.handoff import cases, notify
    from bot.storage import db

    try:
        with db.session() as session:
            flagged = cases.flag_crisis(session, conversation_id)
            found = (flagged.id, flagged.team_id) if flagged is not None else None
    except Exception:
        logger.exception("Could not flag a crisis on the case of a paused conversation")
        return
    if found is not None:
        notify.send_later(*found, notify.CRISIS_WHILE_PAUSED)


class ForgettingSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.is_paused():
            with self.session_scope() as session:
                new_events = list(self._additional_events(session, tracker))
            if crisis_in(new_events):
                flag_crisis_while_paused(tracker.sender_id)
        if not forgets(tracker):
            await super().save(tracker)
            return
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(
                self.SQLEvent.sender_id == tracker.sender_id
            ).delete(synchronize_session=False)
            session.commit()
