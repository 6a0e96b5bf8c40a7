"""Rasa's REST channel, protected: only the web app (or a test) that knows the token may
post, only as JSON, and only known metadata reaches the tracker.

credentials.yml names `bot.channels.rest.ProtectedRestInput`; its name is still "rest", so
the address stays /webhooks/rest/webhook and actions still see the "rest" channel.

A request is refused
- with 401 without `Authorization: Bearer <WEGWIJZER_RASA_TOKEN>`;
- with 415 when it is not `application/json` (a browser on another site can post
  `text/plain` without asking first; JSON needs a CORS preflight, which Rasa refuses);
- with 400 when the body is not an object with a `sender` and a text `message`;
- with 413 when the message is longer than MAX_MESSAGE_CHARS (as in the web app).
The message is cleaned (bot.text_hygiene) and the metadata keeps only `client_id` and
`browser_conversations` (see `allowed_metadata`).
A turn that fails (the tracker store cannot load or store the conversation) answers with
what was said so far and the short Dutch message of bot.turn_failure, never nothing.
"""

from __future__ import annotations

import hmac
import os
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.text_hygiene import MAX_MESSAGE_CHARS, clean_text
from bot.turn_failure import tell_failure

TOKEN_VARIABLE = "WEGWIJZER_RASA_TOKEN"
CONVERSATION_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
MAX_CLIENT_ID_CHARS = 64
MAX_BROWSER_CONVERSATIONS = 20
MAX_SENDER_CHARS = 128


def allowed_metadata(metadata: Any) -> dict[str, Any]:
    """The metadata a client may send, validated: `client_id` (a text of at most 64
    characters) and `browser_conversations` (at most 20 conversation ids). Anything else
    is dropped."""
    if not isinstance(metadata, dict):
        return {}
    allowed: dict[str, Any] = {}
    client_id = metadata.get("client_id")
    if isinstance(client_id, str) and 0 < len(client_id) <= MAX_CLIENT_ID_CHARS:
        allowed["client_id"] = client_id
    conversations = metadata.get("browser_conversations")
    if isinstance(conversations, list):
        ids = [c for c in conversations if isinstance(c, str) and CONVERSATION_ID.fullmatch(c)]
        allowed["browser_conversations"] = list(dict.fromkeys(ids))[:MAX_BROWSER_CONVERSATIONS]
    return allowed


def bearer_token_matches(request: Request, token: str) -> bool:
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(value.strip().encode("utf-8"), token.encode("utf-8"))


def is_json(request: Request) -> bool:
    content_type = request.headers.get("content-type", "")
    return content_type.split(";")[0].strip().lower() == "application/json"


def _refusal(status: int, error: str) -> HTTPResponse:
    return response.json({"error": error}, status=status)


class ProtectedRestInput(RestInput):
    """RestInput that requires the token, JSON and a well-formed body."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError(f"{TOKEN_VARIABLE} is empty: the REST channel needs a token.")
        self.token = token

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> ProtectedRestInput:
        return cls(os.environ.get(TOKEN_VARIABLE, ""))

    def refusal(self, request: Request) -> HTTPResponse | None:
        """The response for a request the channel does not take, or None."""
        if not bearer_token_matches(request, self.token):
            return _refusal(401, "unauthorized")
        if not is_json(request):
            return _refusal(415, "unsupported_media_type")
        try:
            body = request.json
        except Exception:  # Sanic raises its own error for a body that is not JSON
            return _refusal(400, "bad_request")
        if not isinstance(body, dict):
            return _refusal(400, "bad_request")
        sender, message = body.get("sender"), body.get("message")
        if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
            return _refusal(400, "bad_request")
        if not isinstance(message, str):
            return _refusal(400, "bad_request")
        if len(message) > MAX_MESSAGE_CHARS:
            return _refusal(413, "too_long")
        return None

    def _extract_message(self, req: Request) -> str | None:
        return clean_text(req.json["message"])

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()  # a client does not choose the channel it is counted as

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        return allowed_metadata(request.json.get("metadata"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def handle_or_tell(message: UserMessage) -> None:
            # Rasa's RestInput logs an exception and answers with what was said so far,
            # often nothing: the person gets the short Dutch message instead.
            try:
                await on_new_message(message)
            except Exception:
                await tell_failure(message.output_channel, message.sender_id or "")
                raise

        blueprint = super().blueprint(handle_or_tell)

        @blueprint.middleware("request")
        async def protect(request: Request) -> HTTPResponse | None:
            if request.method == "POST":
                return self.refusal(request)
            return None

        return blueprint
