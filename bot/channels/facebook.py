"""Facebook Messenger through Rasa's own connector, fit for Wegwijzer's replies.

On top of Rasa's FacebookInput/MessengerBot (fbmessenger):
- the client posts to `api_url` (the real Graph API, a proxy, or the tests' local fake),
  in a worker thread, so a slow API does not stall the server's event loop;
- every POST must carry a valid `X-Hub-Signature-256` or `X-Hub-Signature` (the HMAC of
  the raw body with the app secret, compared in constant time); a wrong or missing one is
  refused with 403 and nothing is sent. A wrong verify token in the webhook handshake
  gets 403 too;
- options become quick replies when Messenger can show them (at most 13, titles of at
  most 20 characters); otherwise the text-only numbered list, and a typed "2" or the
  option's words picks an option (`chosen_text`);
- texts go out without markup, split at sentence ends below 2000 characters;
- every messaging event of a delivery is handled, not only the first.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fbmessenger import MessengerClient  # type: ignore[import-untyped]
from fbmessenger.sender_actions import SenderAction  # type: ignore[import-untyped]
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.text_only import chosen_text, numbered_text, options, plain, split_message
from bot.config import DEFAULT_FACEBOOK_API_URL
from bot.text_hygiene import MAX_MESSAGE_CHARS, clean_text

logger = logging.getLogger(__name__)

MAX_CHARS = 2000
MAX_QUICK_REPLIES = 13
MAX_QUICK_REPLY_TITLE = 20
SEND_TIMEOUT = 15  # seconds
SIGNATURE_HEADERS = (("X-Hub-Signature-256", "sha256"), ("X-Hub-Signature", "sha1"))


def messenger_client(page_access_token: str, api_url: str) -> MessengerClient:
    client = MessengerClient(page_access_token)
    client.graph_url = f"{api_url.rstrip('/')}/v{client.api_version}"
    return client


def signature_valid(secret: str, body: bytes, headers: Any) -> bool:
    """Whether the request is signed with the app secret (Rasa's check, in constant time
    and only with the hashes Meta uses)."""
    for header, method in SIGNATURE_HEADERS:
        given = headers.get(header)
        if given:
            prefix, _, signature = given.partition("=")
            expected = hmac.new(secret.encode("utf-8"), body, getattr(hashlib, method))
            return prefix == method and hmac.compare_digest(
                signature.encode("utf-8"), expected.hexdigest().encode("utf-8")
            )
    return False


def fits_quick_replies(buttons: list[dict[str, Any]]) -> bool:
    return 0 < len(buttons) <= MAX_QUICK_REPLIES and all(
        len(str(button["title"])) <= MAX_QUICK_REPLY_TITLE for button in buttons
    )


class FacebookBot(MessengerBot):
    """Rasa's Messenger output with plain, split texts, quick replies or a numbered list,
    and its requests made off the event loop."""

    async def _post(self, recipient_id: str, message: dict[str, Any]) -> None:
        await asyncio.to_thread(
            self.messenger_client.send, message, recipient_id, "RESPONSE", timeout=SEND_TIMEOUT
        )

    async def send_action(self, recipient_id: str, sender_action: str) -> None:
        action = SenderAction(sender_action).to_dict()
        await asyncio.to_thread(
            self.messenger_client.send_action, action, recipient_id, timeout=SEND_TIMEOUT
        )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in split_message(plain(text), MAX_CHARS):
            await self._post(recipient_id, {"text": part})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        offered = options(buttons)
        if not fits_quick_replies(offered):
            # numbered_text gives a plain text already; no options: just the text.
            shown = numbered_text(plain(text), offered) if offered else text
            await self.send_text_message(recipient_id, shown)
            return
        parts = split_message(plain(text), MAX_CHARS) or ["Kies hieronder."]
        for part in parts[:-1]:
            await self._post(recipient_id, {"text": part})
        quick_replies = [
            {"content_type": "text", "title": str(b["title"]), "payload": str(b["payload"])}
            for b in offered
        ]
        await self._post(recipient_id, {"text": parts[-1], "quick_replies": quick_replies})

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)


class FacebookMessenger(Messenger):
    """Rasa's handling of Messenger events, with our client, output and typed choices."""

    def __init__(
        self,
        client: MessengerClient,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        tracker_store: Any,
    ) -> None:
        self.on_new_message = on_new_message
        self.client = client
        self.last_message: dict[str, Any] = {}
        self.tracker_store = tracker_store

    async def handle(self, payload: dict, metadata: dict[str, Any] | None) -> None:
        for entry in payload.get("entry") or []:
            for event in entry.get("messaging") or []:
                self.last_message = event
                if event.get("message"):
                    await self.message(event, metadata)
                elif event.get("postback"):
                    await self.postback(event, metadata)

    async def _handle_user_message(
        self, text: str, sender_id: str, metadata: dict[str, Any] | None
    ) -> None:
        if not sender_id:
            return
        text = clean_text(str(text))[:MAX_MESSAGE_CHARS]
        text = await chosen_text(self.tracker_store, sender_id, text)
        out_channel = FacebookBot(self.client)
        user_message = UserMessage(
            text, out_channel, sender_id, input_channel=self.name(), metadata=metadata
        )
        try:
            await out_channel.send_action(sender_id, "typing_on")
            await self.on_new_message(user_message)
        except Exception as error:  # Messenger would deliver the event again
            logger.error("A Messenger message was not handled (%s).", type(error).__name__)
        finally:
            try:
                await out_channel.send_action(sender_id, "typing_off")
            except Exception:  # the reply went out or failed; the indicator stops anyway
                pass


class FacebookChannel(FacebookInput):
    """Rasa's Messenger input: signed requests only, replies through `api_url`."""

    def __init__(
        self,
        fb_verify: str,
        fb_secret: str,
        fb_access_token: str,
        api_url: str = DEFAULT_FACEBOOK_API_URL,
    ) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.api_url = api_url.rstrip("/")

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> FacebookChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        given = credentials or {}
        return cls(
            str(given.get("verify") or ""),
            str(given.get("secret") or ""),
            str(given.get("page-access-token") or ""),
            str(given.get("api_url") or DEFAULT_FACEBOOK_API_URL),
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("fb_webhook", __name__)
        client = messenger_client(self.fb_access_token, self.api_url)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            given = str(request.args.get("hub.verify_token") or "")
            if hmac.compare_digest(given.encode("utf-8"), self.fb_verify.encode("utf-8")):
                return response.text(str(request.args.get("hub.challenge") or ""))
            return response.text("forbidden", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not signature_valid(self.fb_secret, request.body, request.headers):
                logger.warning("A Messenger request without a valid signature was refused.")
                return response.text("not validated", status=403)
            try:
                payload = request.json
            except Exception:  # signed, but not JSON
                payload = None
            if not isinstance(payload, dict):
                return response.text("bad request", status=400)
            tracker_store = request.app.ctx.agent.tracker_store
            messenger = FacebookMessenger(client, on_new_message, tracker_store)
            await messenger.handle(payload, self.get_metadata(request))
            return response.text("success")

        return webhook
