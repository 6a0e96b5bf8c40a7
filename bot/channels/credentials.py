"""The channels Rasa opens, from the settings: written to a file only Wegwijzer can read.

Rasa takes its channels from a YAML file (`--credentials`). The secrets of the messaging
channels live in the environment (bot/config.py), so `python -m bot.rasa_server` writes
them to `var/credentials-<rasa port>.yml` (mode 600) at every start and removes it when
Rasa stops (Rasa reads it once, at the start). One file per port:
several Rasa servers (tests, or more than one per machine) may start at the same time with
different channels and must not read each other's file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from bot.config import VAR_DIR, Settings

REST = "bot.channels.rest.ProtectedRestInput"
TELEGRAM = "bot.channels.telegram.TelegramChannel"
TWILIO = "bot.channels.twilio.TwilioChannel"
FACEBOOK = "bot.channels.facebook.FacebookChannel"


def channel_credentials(settings: Settings) -> dict[str, Any]:
    """Rasa's credentials: the REST channel always, plus every channel that is on.

    The REST channel reads its token from the environment, so it has no entry of its own.
    """
    credentials: dict[str, Any] = {REST: None}
    if settings.channel_on("Telegram"):
        credentials[TELEGRAM] = {
            "access_token": settings.telegram_token,
            "verify": settings.telegram_bot_name,
            "webhook_url": settings.telegram_webhook_url,
            "api_url": settings.telegram_api_url,
        }
    if settings.channel_on("Twilio"):
        credentials[TWILIO] = {
            "account_sid": settings.twilio_account_sid,
            "auth_token": settings.twilio_auth_token,
            "webhook_url": settings.twilio_webhook_url,
            "sms_number": settings.twilio_sms_number,
            "whatsapp_number": settings.twilio_whatsapp_number,
            "api_url": settings.twilio_api_url,
        }
    if settings.channel_on("Facebook"):
        credentials[FACEBOOK] = {
            "verify": settings.facebook_verify,
            "secret": settings.facebook_secret,
            "page-access-token": settings.facebook_page_access_token,
            "api_url": settings.facebook_api_url,
        }
    return credentials


def credentials_path(settings: Settings) -> Path:
    return VAR_DIR / f"credentials-{settings.rasa_port}.yml"


def write_credentials(settings: Settings) -> Path:
    """Write the credentials file (mode 600, replaced in one step) and return its path."""
    path = credentials_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".credentials-")
    try:
        with os.fdopen(descriptor, "w") as file:  # mkstemp makes it readable by us only
            yaml.safe_dump(channel_credentials(settings), file, sort_keys=False)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
