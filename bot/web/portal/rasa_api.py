"""The portal's side of Rasa's HTTP API (with the token): read a conversation's tracker for
the transcript, and append events (pause, resume, a worker's reply as a bot event).

The tracker store is the transcript's single source of truth: a worker's reply is written
into it as a `bot` event, so the transcript is whole. `publish_reply` pushes it live to the
person's open chat page (bot.web.live); the same message id is in the event's metadata, so
the chat page shows a message once even when it reads the history and the push.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

import aiohttp
from aiohttp import web

from bot.web.portal.common import HTTP, SETTINGS
from bot.web.push import CHAT_HUB

log = logging.getLogger(__name__)

TIMEOUT = aiohttp.ClientTimeout(total=15)
# Marks a bot event that a worker wrote (Rasa keeps an event's metadata).
WORKER_METADATA = {"wegwijzer_source": "trajectondersteuner"}
# The id of a message that is also pushed live to the chat page.
MESSAGE_ID = "wegwijzer_message_id"
HAND_BACK_TEXT = (
    "De trajectondersteuner geeft het gesprek terug aan Wegwijzer. Je kan verder typen."
)
CLOSE_TEXT = (
    "De trajectondersteuner heeft je vraag afgesloten en geeft het gesprek terug aan "
    "Wegwijzer. Je kan verder typen."
)

PERSON = "person"
BOT = "bot"
WORKER = "worker"
NOTICE = "notice"
SPEAKERS = {
    PERSON: "De persoon",
    BOT: "Wegwijzer",
    WORKER: "Trajectondersteuner",
    NOTICE: "Melding",
}
NOTICES = {
    "pause": "Een trajectondersteuner nam het gesprek over. Wegwijzer zweeg.",
    "resume": "Wegwijzer praat weer mee.",
}


class RasaUnavailable(Exception):
    """Rasa did not answer, or not as expected."""


@dataclass(frozen=True)
class Line:
    """One line of the transcript."""

    speaker: str  # PERSON, BOT, WORKER or NOTICE
    text: str
    at: datetime | None

    @property
    def speaker_label(self) -> str:
        return SPEAKERS[self.speaker]


def _url(app: web.Application, conversation_id: str, suffix: str) -> str:
    return f"{app[SETTINGS].rasa_url}/conversations/{quote(conversation_id, safe='')}/{suffix}"


async def tracker(app: web.Application, conversation_id: str) -> dict[str, Any]:
    """The whole tracker of the conversation (every event)."""
    params = {"token": app[SETTINGS].rasa_token, "include_events": "ALL"}
    try:
        async with app[HTTP].get(
            _url(app, conversation_id, "tracker"), params=params, timeout=TIMEOUT
        ) as response:
            if response.status != 200:
                raise RasaUnavailable(f"tracker: HTTP {response.status}")
            body = await response.json()
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        raise RasaUnavailable(type(error).__name__) from error  # str() may hold the token URL
    if not isinstance(body, dict):
        raise RasaUnavailable("tracker: not an object")
    return body


async def append_events(
    app: web.Application, conversation_id: str, events: list[dict[str, Any]]
) -> None:
    """Append the events to the conversation's tracker, in this order, in one request."""
    params = {"token": app[SETTINGS].rasa_token}
    try:
        async with app[HTTP].post(
            _url(app, conversation_id, "tracker/events"),
            params=params,
            json=events,
            timeout=TIMEOUT,
        ) as response:
            if response.status != 200:
                raise RasaUnavailable(f"append events: HTTP {response.status}")
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        raise RasaUnavailable(type(error).__name__) from error  # str() may hold the token URL


def pause_event() -> dict[str, Any]:
    return {"event": "pause"}


def resume_event() -> dict[str, Any]:
    return {"event": "resume"}


def new_message_id() -> str:
    return secrets.token_hex(12)


def bot_event(text: str, by_worker: bool = True, message_id: str | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {"event": "bot", "text": text}
    metadata: dict[str, Any] = dict(WORKER_METADATA) if by_worker else {}
    if message_id:
        metadata[MESSAGE_ID] = message_id
    if metadata:
        event["metadata"] = metadata
    return event


async def publish_reply(
    app: web.Application,
    conversation_id: str,
    text: str,
    *,
    message_id: str | None = None,
    by_worker: bool = True,
) -> int:
    """Push a message (a worker's reply; with `by_worker=False` Wegwijzer's message of the
    hand back or close) live to the person's open chat pages; returns how many got it.

    It is in the tracker already (as a bot event with the same `message_id`), so a reload
    of the chat shows it too; 0 means the person has no chat page open now."""
    data = {
        "id": message_id or new_message_id(),
        "speaker": WORKER if by_worker else BOT,
        "text": text,
    }
    return app[CHAT_HUB].publish(conversation_id, data)


def _moment(value: Any) -> datetime | None:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=timezone.utc)
    return None


def transcript(tracker_state: dict[str, Any]) -> list[Line]:
    """The person's and the bot's messages in order, with the pauses and resumes."""
    lines: list[Line] = []
    for event in tracker_state.get("events") or []:
        if not isinstance(event, dict):
            continue
        kind, at = event.get("event"), _moment(event.get("timestamp"))
        text = event.get("text")
        if kind == "user" and isinstance(text, str) and text:
            lines.append(Line(PERSON, text, at))
        elif kind == "bot" and isinstance(text, str) and text:
            metadata = event.get("metadata") or {}
            by_worker = isinstance(metadata, dict) and all(
                metadata.get(key) == value for key, value in WORKER_METADATA.items()
            )
            lines.append(Line(WORKER if by_worker else BOT, text, at))
        elif kind in NOTICES:
            lines.append(Line(NOTICE, NOTICES[kind], at))
    return lines
