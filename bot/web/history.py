"""GET /chat/history?sender=<id>: the conversation so far, for a chat page that reloads.

Read from the tracker through Rasa's HTTP API with the token (the tracker store is the
transcript's single source of truth): what the person typed, Wegwijzer's answers and the
worker's replies, and the buttons of the last message only (older buttons are no choice
any more). A button the person chose shows as its title, as it did on the page; the
messages the page sends itself (the welcome's `/greet`) are left out. The chat page
renders everything as text.

Only conversations of the web chat's channel can be read, and only with the full id the
page made (`bot.web.live.READ_SENDER_PATTERN`).
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from bot.channels.web_chat import WEB_CHANNELS
from bot.web import live
from bot.web.portal import rasa_api
from bot.web.push import CHAT_HUB

log = logging.getLogger(__name__)

ME = "me"
ERRORS = {
    "unavailable": "Je gesprek tot nu toe kan ik even niet tonen. Probeer het later opnieuw.",
}


def _buttons(event: dict[str, Any]) -> list[dict[str, str]]:
    data = event.get("data")
    raw = data.get("buttons") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return []
    return [
        {"title": button["title"], "payload": button["payload"]}
        for button in raw
        if isinstance(button, dict)
        and isinstance(button.get("title"), str)
        and isinstance(button.get("payload"), str)
    ]


def messages(tracker_state: dict[str, Any]) -> list[dict[str, Any]]:
    """The conversation's messages: {"speaker": "me" | "bot" | "worker", "text", "id"?}
    and "buttons" on the last message when it has any."""
    found: list[dict[str, Any]] = []
    last_buttons: list[dict[str, str]] = []
    for event in tracker_state.get("events") or []:
        if not isinstance(event, dict):
            continue
        kind, text = event.get("event"), event.get("text")
        if kind == "user" and isinstance(text, str) and text:
            if text.startswith("/"):
                titles = [b["title"] for b in last_buttons if b["payload"] == text]
                if not titles:
                    continue  # sent by the page itself, never shown
                text = titles[0]
            found.append({"speaker": ME, "text": text})
            last_buttons = []
        elif kind == "bot" and isinstance(text, str) and text:
            metadata = event.get("metadata")
            metadata = metadata if isinstance(metadata, dict) else {}
            by_worker = all(
                metadata.get(key) == value for key, value in rasa_api.WORKER_METADATA.items()
            )
            message: dict[str, Any] = {
                "speaker": rasa_api.WORKER if by_worker else rasa_api.BOT,
                "text": text,
            }
            if isinstance(metadata.get(rasa_api.MESSAGE_ID), str):
                message["id"] = metadata[rasa_api.MESSAGE_ID]
            last_buttons = _buttons(event)
            found.append(message)
    if found and found[-1]["speaker"] != ME and last_buttons:
        found[-1]["buttons"] = last_buttons
    return found


async def chat_history(request: web.Request) -> web.Response:
    sender = request.query.get("sender")
    if not live.valid_sender(sender):
        return live.chat_error("sender", 400)
    assert sender is not None
    # The cursor is taken first: a message pushed while the tracker is read comes again
    # over the event stream, and the page shows it once (by its id).
    cursor = request.app[CHAT_HUB].cursor()
    try:
        state = await rasa_api.tracker(request.app, sender)
    except rasa_api.RasaUnavailable as error:
        log.warning("Could not read a conversation's history from Rasa: %s", error)
        return web.json_response({"error": ERRORS["unavailable"]}, status=503)
    if state.get("latest_input_channel") not in WEB_CHANNELS:
        return live.chat_error("sender", 404)
    return web.json_response(
        {"messages": messages(state), "cursor": cursor},
        headers={"Cache-Control": "no-store"},
    )
