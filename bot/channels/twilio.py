"""Twilio: SMS and WhatsApp, through Rasa's own Twilio connector, as a text-only channel.

credentials.yml names `bot.channels.twilio.TwilioChannel` with `account_sid`, `auth_token`,
`webhook_url` (the public address Twilio calls, which it signs), `sms_number` and/or
`whatsapp_number` ("whatsapp:+32..."), and `api_url` (Twilio's API; a local fake in tests).
Its name stays "twilio", so Twilio posts to /webhooks/twilio/webhook.

Inbound (a form-encoded webhook):
- refused with 403 unless X-Twilio-Signature is Twilio's signature of `webhook_url` and the
  form with the auth token (twilio's own RequestValidator); nothing then reaches Rasa;
- the text is cleaned (bot.text_hygiene) and, when it picks one of the options the bot just
  offered ("2", "twee", the option's words), replaced by that option's payload
  (bot.channels.text_only.chosen_text).
Outbound (Twilio's Messages API, through the twilio client with an aiohttp client pointed
at `api_url`):
- a reply goes out from the WhatsApp number when the person wrote from "whatsapp:...",
  otherwise from the SMS number;
- buttons become a numbered list with "Typ 1, 2 of 3." (text_only.numbered_text), markup is
  removed (text_only.plain), "Kies een knop" becomes "Kies uit de lijst", and a long reply
  is sent in parts of at most 1600 characters, cut at sentence ends (text_only.split_message).
The webhook answers when the turn is done; a turn outlives Twilio's 15 s wait (it is not
cancelled with the request). A failed send is logged by its error type and status only,
never with the number or the text.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from aiohttp import BasicAuth, ClientSession, ClientTimeout
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioException  # type: ignore[import-untyped]
from twilio.http.async_http_client import AsyncTwilioHttpClient  # type: ignore[import-untyped]
from twilio.http.response import Response  # type: ignore[import-untyped]
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from bot.channels.page_instructions import SkipPageInstructions
from bot.channels.text_only import (
    chosen_text,
    numbered_text,
    plain,
    split_message,
    without_buttons_wording,
)
from bot.text_hygiene import MAX_MESSAGE_CHARS, clean_text

logger = logging.getLogger(__name__)

TWILIO_API_URL = "https://api.twilio.com"
WHATSAPP_PREFIX = "whatsapp:"
MAX_BODY_CHARS = 1600  # Twilio's limit for one SMS (in segments) or WhatsApp message
SEND_TIMEOUT_SECONDS = 15.0
SIGNATURE_HEADER = "X-Twilio-Signature"


class RebasedHttpClient(AsyncTwilioHttpClient):
    """Twilio's aiohttp client that sends every API call to `api_url` instead of
    https://api.twilio.com (a proxy, or the local fake API of the tests)."""

    def __init__(self, api_url: str) -> None:
        super().__init__(pool_connections=False, timeout=SEND_TIMEOUT_SECONDS)
        self.api_url = (api_url or TWILIO_API_URL).rstrip("/")

    def rebased(self, url: str) -> str:
        if url.startswith(TWILIO_API_URL):
            return self.api_url + url[len(TWILIO_API_URL) :]
        return url

    async def request(
        self,
        method: str,
        url: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        allow_redirects: bool = False,
    ) -> Response:
        if timeout is not None and timeout <= 0:
            raise ValueError(timeout)
        kwargs: dict[str, Any] = {
            "method": method.upper(),
            "url": self.rebased(url),
            "params": params,
            "data": data,
            "headers": headers,
            "auth": BasicAuth(login=auth[0], password=auth[1]) if auth else None,
            "timeout": ClientTimeout(total=timeout or self.timeout),
            "allow_redirects": allow_redirects,
        }
        self.log_request(kwargs)
        # A session per call, closed also when the call fails (twilio's own leaks it then).
        async with ClientSession() as session:
            async with session.request(**kwargs) as answer:
                return Response(answer.status, await answer.text(), answer.headers)


def posted_form(request: Request) -> RequestParameters | None:
    """The form-encoded body with its empty fields: Twilio signs them too ("FromCity": ""),
    and Sanic's `request.form` leaves them out. None when the body is not a form."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return None
    try:
        body = request.body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return RequestParameters(parse_qs(body, keep_blank_values=True))


def whatsapp_address(number: str) -> str:
    """A WhatsApp sender as Twilio wants it: "whatsapp:+32...", also when configured
    without the prefix."""
    number = (number or "").strip()
    if not number or number.startswith(WHATSAPP_PREFIX):
        return number
    return WHATSAPP_PREFIX + number


class TwilioTextOutput(SkipPageInstructions, TwilioOutput):
    """Rasa's Twilio output as a text-only channel: numbered options, plain text, parts of
    at most 1600 characters, and the sender number that matches the person's channel."""

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        sms_number: str,
        whatsapp_number: str,
        api_url: str,
    ) -> None:
        super().__init__(account_sid, auth_token, sms_number or None)
        self.sms_number = (sms_number or "").strip()
        self.whatsapp_number = whatsapp_address(whatsapp_number)
        self.http_client = RebasedHttpClient(api_url)

    def sender_for(self, recipient_id: str) -> str:
        """The number a reply to `recipient_id` comes from ("" when none is configured)."""
        if recipient_id.startswith(WHATSAPP_PREFIX):
            return self.whatsapp_number
        return self.sms_number

    async def _send_message(self, message_data: dict[str, Any]) -> Any:
        recipient = str(message_data.get("to") or "")
        if not message_data.get("messaging_service_sid"):
            message_data["from_"] = self.sender_for(recipient)
            if not message_data["from_"]:
                kind = "WhatsApp" if recipient.startswith(WHATSAPP_PREFIX) else "SMS"
                logger.error("Twilio: no %s number configured; the reply is not sent.", kind)
                return None
        try:
            return await self.messages.create_async(**message_data)
        except TwilioException as error:
            logger.error(
                "Twilio: sending a message failed (%s %s).",
                type(error).__name__,
                getattr(error, "status", ""),
            )
        except Exception as error:  # a network error must not end the conversation's turn
            logger.error("Twilio: sending a message failed (%s).", type(error).__name__)
        return None

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in split_message(without_buttons_wording(plain(text)), MAX_BODY_CHARS):
            await self._send_message({"to": recipient_id, "body": part})

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: list[dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        await self.send_text_message(recipient_id, numbered_text(plain(text), buttons))


class TwilioChannel(TwilioInput):
    """Rasa's Twilio input with the signature check and the text-only choices."""

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        webhook_url: str,
        sms_number: str = "",
        whatsapp_number: str = "",
        api_url: str = TWILIO_API_URL,
    ) -> None:
        if not account_sid or not auth_token or not webhook_url:
            raise ValueError("Twilio needs an account SID, an auth token and a webhook URL.")
        if not sms_number and not whatsapp_number:
            raise ValueError("Twilio needs an SMS number or a WhatsApp number.")
        super().__init__(account_sid, auth_token, sms_number or None, debug_mode=False)
        self.webhook_url = webhook_url
        self.sms_number = sms_number
        self.whatsapp_number = whatsapp_number
        self.api_url = api_url or TWILIO_API_URL
        self.validator = RequestValidator(auth_token)
        self._turns: set[asyncio.Future[None]] = set()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TwilioChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None  # raise_missing_credentials_exception raises
        return cls(
            account_sid=str(credentials.get("account_sid") or ""),
            auth_token=str(credentials.get("auth_token") or ""),
            webhook_url=str(credentials.get("webhook_url") or ""),
            sms_number=str(credentials.get("sms_number") or ""),
            whatsapp_number=str(credentials.get("whatsapp_number") or ""),
            api_url=str(credentials.get("api_url") or TWILIO_API_URL),
        )

    def signed_by_twilio(self, request: Request, form: RequestParameters) -> bool:
        """Whether the request carries Twilio's signature of `webhook_url` and its form."""
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not signature:
            return False
        return bool(self.validator.validate(self.webhook_url, form, signature))

    @staticmethod
    async def handle(
        on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage
    ) -> None:
        try:
            await on_new_message(message)
        except Exception as error:
            logger.error("Twilio: handling a message failed (%s).", type(error).__name__)

    def get_output_channel(self) -> OutputChannel:
        return TwilioTextOutput(
            self.account_sid or "",
            self.auth_token or "",
            self.sms_number,
            self.whatsapp_number,
            self.api_url,
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        twilio_webhook = Blueprint("twilio_webhook", __name__)

        @twilio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @twilio_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            form = posted_form(request)
            if form is None or not self.signed_by_twilio(request, form):
                return response.text("", status=403)
            sender = form.get("From")
            text = clean_text(form.get("Body") or "").replace("¡", "@")
            if not sender:
                return response.text("", status=400)
            if len(text) > MAX_MESSAGE_CHARS:
                return response.text("", status=413)
            text = await chosen_text(request.app.ctx.agent.tracker_store, sender, text)
            message = UserMessage(
                text,
                self.get_output_channel(),
                sender,
                input_channel=self.name(),
                metadata=self.get_metadata(request),
            )
            turn = asyncio.ensure_future(self.handle(on_new_message, message))
            self._turns.add(turn)
            turn.add_done_callback(self._turns.discard)
            # Twilio stops waiting after 15 s and Sanic then cancels this handler; the
            # shield lets the turn finish, so its replies are still sent.
            await asyncio.shield(turn)
            return response.text("", status=204)

        return twilio_webhook
