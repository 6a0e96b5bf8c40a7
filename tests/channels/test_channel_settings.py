"""Messaging channels are switched on by their variables; half a channel stops the start."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot import processes
from bot.config import PROJECT_ROOT, channel_problem, load_settings, rasa_environment

TELEGRAM = {
    "WEGWIJZER_TELEGRAM_TOKEN": "123456:telegram-secret-token",
    "WEGWIJZER_TELEGRAM_BOT_NAME": "wegwijzer_bot",
    "WEGWIJZER_TELEGRAM_WEBHOOK_URL": "https://wegwijzer.example/webhooks/telegram/webhook",
}
TWILIO = {
    "WEGWIJZER_TWILIO_ACCOUNT_SID": "AC0123456789",
    "WEGWIJZER_TWILIO_AUTH_TOKEN": "twilio-secret-token",
    "WEGWIJZER_TWILIO_WEBHOOK_URL": "https://wegwijzer.example/webhooks/twilio/webhook",
    "WEGWIJZER_TWILIO_SMS_NUMBER": "+32470000000",
}
FACEBOOK = {
    "WEGWIJZER_FACEBOOK_VERIFY": "verify-secret",
    "WEGWIJZER_FACEBOOK_SECRET": "app-secret",
    "WEGWIJZER_FACEBOOK_PAGE_ACCESS_TOKEN": "page-secret-token",
}
SECRETS = ("telegram-secret-token", "twilio-secret-token", "verify-secret", "app-secret")


def settings(**env: str):
    return load_settings({"WEGWIJZER_SECRET_KEY": "k" * 32, **env})


def test_without_channel_variables_every_messaging_channel_is_off():
    plain = settings()

    assert channel_problem(plain) is None
    assert not any(plain.channel_on(c) for c in ("Telegram", "Twilio", "Facebook"))
    assert plain.telegram_api_url == "https://api.telegram.org"
    assert plain.twilio_api_url == "https://api.twilio.com"
    assert plain.facebook_api_url == "https://graph.facebook.com"


def test_fully_configured_channels_are_on_and_reach_the_started_processes():
    full = settings(
        **TELEGRAM, **TWILIO, **FACEBOOK, WEGWIJZER_TELEGRAM_API_URL="http://127.0.0.1:9/"
    )

    assert channel_problem(full) is None
    assert all(full.channel_on(c) for c in ("Telegram", "Twilio", "Facebook"))
    env = rasa_environment(full, base={})
    for variable, value in {**TELEGRAM, **TWILIO, **FACEBOOK}.items():
        assert env[variable] == value
    assert env["WEGWIJZER_TELEGRAM_API_URL"] == "http://127.0.0.1:9"
    assert env["WEGWIJZER_TWILIO_WHATSAPP_NUMBER"] == ""


def test_twilio_needs_only_one_of_its_two_numbers():
    whatsapp_only = {**TWILIO, "WEGWIJZER_TWILIO_SMS_NUMBER": ""}
    whatsapp_only["WEGWIJZER_TWILIO_WHATSAPP_NUMBER"] = "whatsapp:+32470000000"

    assert channel_problem(settings(**whatsapp_only)) is None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"WEGWIJZER_TELEGRAM_TOKEN": "123456:telegram-secret-token"},
            "Telegram is half configured: set WEGWIJZER_TELEGRAM_BOT_NAME, "
            "WEGWIJZER_TELEGRAM_WEBHOOK_URL (or none of its variables).",
        ),
        (
            {**TWILIO, "WEGWIJZER_TWILIO_SMS_NUMBER": ""},
            "Twilio is half configured: set WEGWIJZER_TWILIO_SMS_NUMBER or "
            "WEGWIJZER_TWILIO_WHATSAPP_NUMBER (or none of its variables).",
        ),
        (
            {"WEGWIJZER_FACEBOOK_SECRET": "app-secret"},
            "Facebook is half configured: set WEGWIJZER_FACEBOOK_VERIFY, "
            "WEGWIJZER_FACEBOOK_PAGE_ACCESS_TOKEN (or none of its variables).",
        ),
    ],
)
def test_a_half_configured_channel_is_named_with_what_it_misses(env, expected):
    assert channel_problem(settings(**env)) == expected


def test_a_telegram_token_that_is_not_from_botfather_is_named_without_showing_it():
    wrong = {**TELEGRAM, "WEGWIJZER_TELEGRAM_TOKEN": "telegram-secret-token"}

    assert channel_problem(settings(**wrong)) == (
        "WEGWIJZER_TELEGRAM_TOKEN is not a token from BotFather (digits, a colon, letters)."
    )


def test_channel_secrets_are_not_in_the_settings_repr():
    shown = repr(settings(**TELEGRAM, **TWILIO, **FACEBOOK))

    assert not [secret for secret in SECRETS if secret in shown]


def environment_without_channels(**extra: str) -> dict[str, str]:
    names = ("TELEGRAM", "TWILIO", "FACEBOOK")
    env = {
        k: v
        for k, v in os.environ.items()
        if not any(k.startswith(f"WEGWIJZER_{name}_") for name in names)
    }
    return {**env, **extra}


@pytest.mark.parametrize(
    "command",
    [["-m", "bot.rasa_server"], ["-m", "bot", "run"]],
    ids=["rasa_server", "make-run-launcher"],
)
def test_a_half_configured_channel_stops_the_start_with_one_line_and_exit_2(command):
    env = environment_without_channels(
        WEGWIJZER_FACEBOOK_VERIFY="verify-secret",
        WEGWIJZER_RASA_PORT=str(processes.free_port()),
        WEGWIJZER_ACTION_PORT=str(processes.free_port()),
        WEGWIJZER_WEB_PORT=str(processes.free_port()),
    )
    result = subprocess.run(
        [sys.executable, *command],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Facebook is half configured: set WEGWIJZER_FACEBOOK_SECRET, "
        "WEGWIJZER_FACEBOOK_PAGE_ACCESS_TOKEN (or none of its variables)."
    ]
    assert "starting" not in result.stdout
    assert "verify-secret" not in result.stdout + result.stderr
