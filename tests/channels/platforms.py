"""The test credentials of the three messaging channels, and inbound requests as the
platforms send them (Telegram updates, Messenger page events with their signature)."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any

from tests.channels.fake_api import TELEGRAM_BOT_NAME

PUBLIC_URL = "https://wegwijzer.example"
TELEGRAM_TOKEN = "123456789:AAwegwijzer-test-token_only-for-tests"
TWILIO_ACCOUNT_SID = "AC" + "0" * 32
TWILIO_AUTH_TOKEN = "twilio-test-auth-token"
TWILIO_SMS_NUMBER = "+32470000001"
TWILIO_WHATSAPP_NUMBER = "whatsapp:+32470000002"
FACEBOOK_VERIFY = "facebook-test-verify"
FACEBOOK_SECRET = "facebook-test-app-secret"
FACEBOOK_PAGE_TOKEN = "facebook-test-page-token"
FACEBOOK_PAGE_ID = "1029384756"


def webhook_url(channel: str) -> str:
    return f"{PUBLIC_URL}/webhooks/{channel}/webhook"


def channel_env(api_url: str) -> dict[str, str]:
    """All three channels on, every one talking to the fake API at `api_url`."""
    return {
        "WEGWIJZER_TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "WEGWIJZER_TELEGRAM_BOT_NAME": TELEGRAM_BOT_NAME,
        "WEGWIJZER_TELEGRAM_WEBHOOK_URL": webhook_url("telegram"),
        "WEGWIJZER_TELEGRAM_API_URL": api_url,
        "WEGWIJZER_TWILIO_ACCOUNT_SID": TWILIO_ACCOUNT_SID,
        "WEGWIJZER_TWILIO_AUTH_TOKEN": TWILIO_AUTH_TOKEN,
        "WEGWIJZER_TWILIO_WEBHOOK_URL": webhook_url("twilio"),
        "WEGWIJZER_TWILIO_SMS_NUMBER": TWILIO_SMS_NUMBER,
        "WEGWIJZER_TWILIO_WHATSAPP_NUMBER": TWILIO_WHATSAPP_NUMBER,
        "WEGWIJZER_TWILIO_API_URL": api_url,
        "WEGWIJZER_FACEBOOK_VERIFY": FACEBOOK_VERIFY,
        "WEGWIJZER_FACEBOOK_SECRET": FACEBOOK_SECRET,
        "WEGWIJZER_FACEBOOK_PAGE_ACCESS_TOKEN": FACEBOOK_PAGE_TOKEN,
        "WEGWIJZER_FACEBOOK_API_URL": api_url,
    }


_update_ids = itertools.count(int(time.time()))


def _telegram_chat(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "first_name": "Sam", "type": "private"}


def _telegram_user(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Sam", "language_code": "nl"}


def telegram_text_update(chat_id: int, text: str) -> dict[str, Any]:
    """An update as Telegram posts it when a person types `text`."""
    return {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_update_ids) % 100000,
            "from": _telegram_user(chat_id),
            "chat": _telegram_chat(chat_id),
            "date": int(time.time()),
            "text": text,
        },
    }


def telegram_button_update(chat_id: int, pressed: dict[str, Any]) -> dict[str, Any]:
    """An update as Telegram posts it when a person presses an inline button of the bot's
    message `pressed` (a sendMessage call's body: text and reply_markup)."""
    keyboard = json.loads(pressed["reply_markup"])["inline_keyboard"]
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": _telegram_user(chat_id),
            "chat_instance": "-100200300",
            "data": keyboard[0][0]["callback_data"],
            "message": {
                "message_id": 77,
                "from": {"id": 123456789, "is_bot": True, "first_name": "Wegwijzer"},
                "chat": _telegram_chat(chat_id),
                "date": int(time.time()),
                "text": pressed["text"],
                "reply_markup": {"inline_keyboard": keyboard},
            },
        },
    }


def messenger_event(psid: str, message: dict[str, Any]) -> bytes:
    """The raw body of a Messenger page event with one message (`{"text": ...}`, or with
    a `quick_reply`)."""
    now = int(time.time() * 1000)
    event = {
        "object": "page",
        "entry": [
            {
                "id": FACEBOOK_PAGE_ID,
                "time": now,
                "messaging": [
                    {
                        "sender": {"id": psid},
                        "recipient": {"id": FACEBOOK_PAGE_ID},
                        "timestamp": now,
                        "message": {"mid": f"m_{now}", **message},
                    }
                ],
            }
        ],
    }
    return json.dumps(event).encode("utf-8")


def hub_signature(body: bytes, secret: str = FACEBOOK_SECRET) -> str:
    """The X-Hub-Signature Meta sends: sha1 HMAC of the raw body with the app secret."""
    return "sha1=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha1).hexdigest()
