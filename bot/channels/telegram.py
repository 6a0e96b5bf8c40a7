"""Telegram through Rasa's own connector, made safe and fit for Wegwijzer's replies.

On top of Rasa's TelegramInput/TelegramOutput (aiogram 2.15):
- the Bot talks to `api_url` (the real API, a proxy, or the tests' local fake);
- the webhook is registered when the server has started, with a secret that Telegram sends
  back in the `X-Telegram-Bot-Api-Secret-Token` header of every update; an update without
  it is refused (403). Rasa's own check (the bot's user name) proves nothing about the
  sender. An unreachable API does not stop the start: one line is logged;
- Telegram allows 64 bytes of callback_data per inline button and our payloads are
  longer: a button carries a short digest of its payload, mapped back from the
  conversation's own bot messages in the tracker store;
- a typed reply such as "2" or the option's words picks an option too (`chosen_text`);
- texts go out without markup and are split at sentence ends below 4096 characters;
- Telegram's "/start" (the first message of every new chat) is a greeting.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot  # type: ignore[import-untyped]
from aiogram.bot.api import TelegramAPIServer  # type: ignore[import-untyped]
from aiogram.types import (  # type: ignore[import-untyped]
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from aiogram.utils.exceptions import TelegramAPIError  # type: ignore[import-untyped]
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.core.events import BotUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.text_only import chosen_text, options, plain, split_message
from bot.config import DEFAULT_TELEGRAM_API_URL
from bot.text_hygiene import MAX_MESSAGE_CHARS, clean_text

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_CHARS = 4096
CALLBACK_PREFIX = "w:"
START_COMMAND = "/start"
GREETING = "/greet"
UPDATES = ["message", "edited_message", "callback_query"]


def webhook_secret(access_token: str) -> str:
    """The secret Telegram sends with every update (derived from the bot's token, so every
    Rasa server of one installation expects the same one)."""
    key = access_token.encode("utf-8")
    return hmac.new(key, b"wegwijzer telegram webhook", hashlib.sha256).hexdigest()


def callback_data(payload: str) -> str:
    """A button's callback_data: a short digest of its payload (Telegram allows 64 bytes)."""
    return CALLBACK_PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def offered_payload(events: list[Any], data: str) -> str | None:
    """The payload of the latest button the bot offered whose digest is `data`."""
    for event in reversed(events):
        if isinstance(event, BotUttered):
            for button in options(event.data.get("buttons")):
                if callback_data(str(button["payload"])) == data:
                    return str(button["payload"])
    return None


def button_title(message: Message | None, data: str) -> str | None:
    """The title of the pressed button, read from the message it was on."""
    markup = message.reply_markup if message else None
    for row in getattr(markup, "inline_keyboard", None) or []:
        for button in row:
            if button.callback_data == data:
                return str(button.text)
    return None


class TelegramBot(TelegramOutput):
    """Rasa's Telegram output, sending to `api_url`, in plain text of at most 4096
    characters per message, with buttons that fit Telegram's callback_data limit."""

    def __init__(self, access_token: str, api_url: str = DEFAULT_TELEGRAM_API_URL) -> None:
        Bot.__init__(self, access_token, server=TelegramAPIServer.from_base(api_url))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in split_message(plain(text), MAX_CHARS):
            await self.send_message(recipient_id, part)

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: list[dict[str, Any]],
        button_type: str | None = "inline",
        **kwargs: Any,
    ) -> None:
        offered = options(buttons)
        parts = split_message(plain(text), MAX_CHARS)
        if not offered:
            for part in parts:
                await self.send_message(recipient_id, part)
            return
        keyboard = InlineKeyboardMarkup()
        for button in offered:  # one per row: titles are sentences, not single words
            title, payload = str(button["title"]), str(button["payload"])
            keyboard.row(InlineKeyboardButton(title, callback_data=callback_data(payload)))
        for part in parts[:-1]:
            await self.send_message(recipient_id, part)
        last = parts[-1] if parts else "Kies hieronder."
        await self.send_message(recipient_id, last, reply_markup=keyboard)


class TelegramChannel(TelegramInput):
    """Rasa's Telegram input with the secret header, button digests and typed choices."""

    def __init__(
        self,
        access_token: str,
        verify: str,
        webhook_url: str,
        api_url: str = DEFAULT_TELEGRAM_API_URL,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=False)
        self.api_url = api_url.rstrip("/")
        self.secret = webhook_secret(access_token)

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        given = credentials or {}
        return cls(
            str(given.get("access_token") or ""),
            str(given.get("verify") or ""),
            str(given.get("webhook_url") or ""),
            str(given.get("api_url") or DEFAULT_TELEGRAM_API_URL),
        )

    def get_output_channel(self) -> TelegramBot:
        return TelegramBot(self.access_token or "", self.api_url)

    async def register_webhook(self, bot: TelegramBot) -> bool:
        """Tell Telegram where to send updates and with which secret; False (one line in
        the log) when the API cannot be reached or refuses."""
        try:
            await bot.request(
                "setWebhook",
                {
                    "url": self.webhook_url,
                    "secret_token": self.secret,
                    "allowed_updates": json.dumps(UPDATES),
                },
            )
        except (TelegramAPIError, asyncio.TimeoutError, OSError) as error:
            logger.warning(
                "Telegram's webhook could not be set (%s); Telegram sends no messages "
                "until it is. Check WEGWIJZER_TELEGRAM_TOKEN and the outbound connection.",
                type(error).__name__,
            )
            return False
        logger.info("Telegram's webhook is set.")
        return True

    def authentic(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode("utf-8"), self.secret.encode("utf-8"))

    async def user_text(self, update: Update, bot: TelegramBot, tracker_store: Any) -> str | None:
        """What the person said or chose, as Rasa should read it; None for anything else
        (a photo, a location, a sticker)."""
        if update.callback_query is not None:
            query = update.callback_query
            try:
                await bot.answer_callback_query(query.id)  # stops the button's spinner
            except (TelegramAPIError, asyncio.TimeoutError, OSError):
                pass
            sender = str(query.message.chat.id) if query.message else ""
            tracker = await tracker_store.retrieve(sender) if sender else None
            data = str(query.data or "")
            payload = offered_payload(list(tracker.events), data) if tracker else None
            return payload or button_title(query.message, data)
        message = update.message or update.edited_message
        if message is None or message.text is None:
            return None
        text = clean_text(message.text)[:MAX_MESSAGE_CHARS]
        if text.strip().split("@")[0] == START_COMMAND:
            return GREETING
        return await chosen_text(tracker_store, str(message.chat.id), text)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("telegram_webhook", __name__)
        bot = self.get_output_channel()

        @webhook.listener("after_server_start")
        async def set_webhook(*_: Any) -> None:
            await self.register_webhook(bot)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.authentic(request):
                return response.text("forbidden", status=403)
            try:
                update = Update(**request.json)
            except Exception:  # not an update: nothing to answer
                return response.text("bad request", status=400)
            chat = update.callback_query.message if update.callback_query else None
            chat = chat or update.message or update.edited_message
            text = await self.user_text(update, bot, request.app.ctx.agent.tracker_store)
            if not text or chat is None:
                return response.text("success")
            user_message = UserMessage(
                text, bot, str(chat.chat.id), input_channel=self.name(), metadata=None
            )
            try:
                await on_new_message(user_message)
            except Exception as error:  # Telegram would retry the update again and again
                logger.error("A Telegram message was not handled (%s).", type(error).__name__)
            return response.text("success")

        return webhook
