"""Rasa's SQL tracker store, plus forgetting a conversation on request ("vergeet mij").

`action_delete_my_data` deletes the application data and the stored events, but Rasa saves
the tracker after the turn and would write every event back. This store sees that the
action ran in the turn being saved and deletes the conversation's events instead.
Configured in endpoints.yml (a custom tracker store, as Rasa documents them).
"""

from __future__ import annotations

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

FORGET_ACTION = "action_delete_my_data"


def forgets(tracker: DialogueStateTracker) -> bool:
    """True when the latest turn ran the action that deletes everything."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


class ForgettingSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        if not forgets(tracker):
            await super().save(tracker)
            return
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(
                self.SQLEvent.sender_id == tracker.sender_id
            ).delete(synchronize_session=False)
            session.commit()
