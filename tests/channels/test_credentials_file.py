"""Rasa gets the channels that are on from a file only Wegwijzer's user can read."""

from __future__ import annotations

import stat
from dataclasses import replace

import yaml

from bot.channels.credentials import channel_credentials, credentials_path, write_credentials
from bot.config import PROJECT_ROOT, load_settings
from bot.rasa_server import rasa_arguments
from tests.channels.test_channel_settings import FACEBOOK, TELEGRAM, TWILIO

REST = "bot.channels.rest.ProtectedRestInput"


def settings(**env: str):
    return load_settings({"WEGWIJZER_SECRET_KEY": "k" * 32, **env})


def test_without_messaging_channels_only_the_protected_rest_channel_is_opened():
    assert channel_credentials(settings()) == {REST: None}


def test_every_configured_channel_gets_its_secrets_and_api_address():
    configured = settings(
        **TELEGRAM, **TWILIO, **FACEBOOK, WEGWIJZER_FACEBOOK_API_URL="http://127.0.0.1:9"
    )

    credentials = channel_credentials(configured)

    assert list(credentials) == [
        REST,
        "bot.channels.telegram.TelegramChannel",
        "bot.channels.twilio.TwilioChannel",
        "bot.channels.facebook.FacebookChannel",
    ]
    assert credentials["bot.channels.telegram.TelegramChannel"] == {
        "access_token": TELEGRAM["WEGWIJZER_TELEGRAM_TOKEN"],
        "verify": "wegwijzer_bot",
        "webhook_url": TELEGRAM["WEGWIJZER_TELEGRAM_WEBHOOK_URL"],
        "api_url": "https://api.telegram.org",
    }
    twilio = credentials["bot.channels.twilio.TwilioChannel"]
    assert twilio["auth_token"] == TWILIO["WEGWIJZER_TWILIO_AUTH_TOKEN"]
    assert twilio["sms_number"] == "+32470000000"
    assert twilio["whatsapp_number"] == ""
    assert credentials["bot.channels.facebook.FacebookChannel"] == {
        "verify": "verify-secret",
        "secret": "app-secret",
        "page-access-token": "page-secret-token",
        "api_url": "http://127.0.0.1:9",
    }


def test_the_file_is_readable_by_its_owner_only_and_is_what_rasa_is_given(tmp_path, monkeypatch):
    monkeypatch.setattr("bot.channels.credentials.VAR_DIR", tmp_path)
    configured = replace(settings(**FACEBOOK), rasa_port=5123)
    stale = tmp_path / "credentials-5123.yml"
    stale.write_text("old: content\n")
    stale.chmod(0o644)

    path = write_credentials(configured)

    assert path == stale == credentials_path(configured)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert yaml.safe_load(path.read_text()) == channel_credentials(configured)
    arguments = rasa_arguments(configured)
    assert arguments[arguments.index("--credentials") + 1] == str(path)
    assert [p.name for p in tmp_path.iterdir()] == ["credentials-5123.yml"]


def test_servers_on_different_ports_do_not_share_a_file():
    first, second = replace(settings(), rasa_port=5005), replace(settings(), rasa_port=5006)

    assert credentials_path(first) != credentials_path(second)


def test_the_repository_file_still_opens_the_protected_rest_channel_for_a_plain_rasa_run():
    assert yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text()) == {REST: None}
