"""The one short Dutch message a person gets when their turn cannot be done right now.

The text is the action server's (bot.action_server.FAILED_TEXT): the same words whether an
action failed inside the action server, the action server could not be reached, or Rasa
could not load or store the conversation (a database that refuses connections, a full
disk). `tell_failure` says it at most once per turn, so a turn in which several things
fail still gets one message; `install` makes a database failure fail the turn.
"""

from __future__ import annotations

from typing import Any

from bot.action_server import FAILED_TEXT

_TOLD = "_wegwijzer_failure_told"


def already_told(output_channel: Any) -> bool:
    """Whether this turn's output already ends with (or included) the failure message."""
    if getattr(output_channel, _TOLD, False):
        return True
    messages = getattr(output_channel, "messages", None)  # Rasa's CollectingOutputChannel
    return isinstance(messages, list) and any(
        isinstance(m, dict) and m.get("text") == FAILED_TEXT for m in messages
    )


async def tell_failure(output_channel: Any, recipient_id: str) -> None:
    """Send FAILED_TEXT on this turn's output channel, unless it was said already."""
    if output_channel is None or already_told(output_channel):
        return
    setattr(output_channel, _TOLD, True)
    await output_channel.send_text_message(recipient_id, FAILED_TEXT)


def _fail_the_turn(_store: Any, error: Exception) -> None:
    raise error


def install() -> None:
    """A turn whose conversation cannot be loaded or stored fails, and so gets FAILED_TEXT.

    Rasa wraps every tracker store in a FailSafeTrackerStore that, when the database
    fails, logs an error and goes on as if the conversation were new (retrieve) or keeps
    the turn in memory only (save): the person would get an answer out of context, and
    their words would be lost or written into the conversation as a new start. Its two
    error callbacks, called inside its `except` blocks, raise the error again instead.
    Runs in the Rasa server before Rasa starts (bot/rasa_server.py)."""
    from rasa.core.tracker_store import FailSafeTrackerStore

    FailSafeTrackerStore.on_tracker_store_error = _fail_the_turn
    FailSafeTrackerStore.on_tracker_store_retrieve_error = _fail_the_turn
