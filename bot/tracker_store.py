"""Rasa's SQL tracker store, plus forgetting a conversation ("vergeet mij", or consent
refused). Configured in endpoints.yml (a custom tracker store, as Rasa documents them).

- `action_delete_my_data` deletes the application data and the stored events, but Rasa
  saves the tracker after the turn and would write every event back. This store sees that
  the action ran in the turn being saved and deletes the conversation's events instead.
- "vergeet mij" may delete other conversations too (of the same plan or browser), which may
  be in the middle of a turn. Each deleted conversation leaves a tombstone: an HMAC of its
  id with the time (`ForgottenConversation`). A tracker of a tombstoned conversation that
  holds an event from before that time is never written (Rasa would write the whole
  conversation back into an empty table). A tracker started afresh after it is stored as
  usual. Tombstones are purged after a day (bot/storage/retention.py).
- When the person refuses consent (the intake's consent slot set to "nee" in this turn,
  and no plan), the conversation's events are deleted at once instead of being saved,
  unless a hand-off case is open for it (the worker needs the messages while it is open).

Saving a turn writes only its new events. Rasa's own store counts the stored events of the
conversation's session with a second query before each save; this one remembers how many
events it loaded for the tracker in this turn (`retrieve`, or the whole history) and writes
the ones after them. A tracker it did not load (a new conversation, a second save of the
same tracker) goes through Rasa's count. Two Rasa servers never run turns of one
conversation at the same time (the lock store), so the number loaded is the number stored.

While a worker has the conversation (Rasa's `pause` event, appended by the portal) the bot
is silent, but every channel's message still passes here: a new user message with the
intent `crisis` or a crisis signal (bot/crisis_signals*.txt) flags the open case as urgent
at once (bot.handoff.cases.flag_crisis), so the worker sees it in the portal.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import SQLAlchemyError

from bot.crisis_keywords import CRISIS, load_all_signals, signals_crisis
from bot.quiet_engine import QuietEngine

FORGET_ACTION = "action_delete_my_data"
# The attribute of a tracker that holds how many of its events are stored (set by
# `retrieve`, used once by `save`).
STORED_EVENTS = "_wegwijzer_stored_events"
logger = logging.getLogger(__name__)


def forgets(tracker: DialogueStateTracker) -> bool:
    """True when the latest turn ran the action that deletes everything."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


def latest_turn(tracker: DialogueStateTracker) -> list[Event]:
    """The events from the latest user message on (all events if there is none)."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return events[index:]
    return events


def refuses_consent(tracker: DialogueStateTracker) -> bool:
    """True when consent to store the intake was refused in the latest turn, without a plan."""
    if tracker.get_slot("plan_id"):
        return False
    return any(
        isinstance(event, SlotSet) and event.key == "consent" and event.value == "nee"
        for event in latest_turn(tracker)
    )


def forgotten_at(conversation_id: str) -> float | None:
    """When this conversation was forgotten (a Unix time), or None (also when the
    application database cannot tell: then nothing was forgotten in it either)."""
    from bot.storage import db, privacy

    try:
        with db.session() as session:
            moment = privacy.forgotten_at(session, conversation_id)
    except SQLAlchemyError as error:
        logger.warning("Could not look up forgotten conversations (%s)", type(error).__name__)
        return None
    return None if moment is None else moment.timestamp()


def has_open_case(conversation_id: str) -> bool:
    """Whether a hand-off case is open for the conversation (False when unknown)."""
    from bot.handoff import cases
    from bot.storage import db

    try:
        with db.session() as session:
            return cases.open_case_for_conversation(session, conversation_id) is not None
    except SQLAlchemyError as error:
        logger.warning("Could not look up an open case (%s)", type(error).__name__)
        return False


def older_than(tracker: DialogueStateTracker, moment: float) -> bool:
    """Whether the tracker holds an event from before `moment` (a Unix time)."""
    return any(event.timestamp <= moment for event in tracker.events)


def crisis_in(events: Iterable[Event]) -> bool:
    """Whether one of these events is a user message with a crisis intent or signal."""
    signals = None
    for event in events:
        if not isinstance(event, UserUttered):
            continue
        if (event.intent or {}).get("name") == CRISIS:
            return True
        signals = load_all_signals() if signals is None else signals
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


class ForgettingSQLTrackerStore(QuietEngine, SQLTrackerStore):
    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if tracker is not None:
            setattr(tracker, STORED_EVENTS, len(tracker.events))
        return tracker

    def _additional_events(self, session: object, tracker: DialogueStateTracker) -> Iterator:
        """The tracker's events that are not stored yet."""
        stored = getattr(tracker, STORED_EVENTS, None)
        if stored is None or stored > len(tracker.events):
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await self._save(tracker)
        finally:  # what was loaded is no longer what is stored
            tracker.__dict__.pop(STORED_EVENTS, None)

    async def _save(self, tracker: DialogueStateTracker) -> None:
        if tracker.is_paused():
            with self.session_scope() as session:
                new_events = list(self._additional_events(session, tracker))
            if crisis_in(new_events):
                flag_crisis_while_paused(tracker.sender_id)
        if forgets(tracker) or (refuses_consent(tracker) and not has_open_case(tracker.sender_id)):
            self.delete_events(tracker.sender_id)
            return
        forgotten = forgotten_at(tracker.sender_id)
        if forgotten is not None and older_than(tracker, forgotten):
            logger.info("A forgotten conversation's events were not stored")
            return
        await super().save(tracker)

    def delete_events(self, sender_id: str) -> None:
        """Delete every stored event of this conversation."""
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete(
                synchronize_session=False
            )
            session.commit()
