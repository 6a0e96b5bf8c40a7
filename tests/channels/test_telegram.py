"""Telegram: a real Rasa server takes Telegram's webhook updates and answers through the
fake Bot API, in Dutch, with buttons that fit Telegram's limits."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
import requests

from bot import processes
from bot.channels.telegram import MAX_CHARS, TelegramBot, TelegramChannel, callback_data
from bot.channels.telegram import webhook_secret as secret_of
from tests.channels.domain_texts import all_button_payloads, variants
from tests.channels.fake_api import FakeApi
from tests.channels.platforms import (
    TELEGRAM_TOKEN,
    telegram_button_update,
    telegram_text_update,
    webhook_url,
)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
LONG_NAMES = ("Sint-Martens-Latem", "Heist-op-den-Berg", "Sint-Genesius-Rode")
_chats = iter(range(700_000_001, 800_000_000))


def new_chat() -> int:
    return next(_chats)


def post_update(channel_assistant, update: dict, secret: str | None = None) -> requests.Response:
    headers = {SECRET_HEADER: secret_of(TELEGRAM_TOKEN) if secret is None else secret}
    return requests.post(
        channel_assistant.webhook("telegram"), json=update, headers=headers, timeout=60
    )


def reply_to(channel_assistant, chat: int, after: int, with_buttons: bool = False):
    """The body of the first message the bot sent to `chat` after the bookmark."""

    def sent_to_chat(call) -> bool:
        body = call.body
        return (
            call.telegram_method == "sendMessage"
            and str(body.get("chat_id")) == str(chat)
            and (not with_buttons or "reply_markup" in body)
        )

    return channel_assistant.api.wait_for(sent_to_chat, after=after).body


def keyboard_titles(body: dict) -> list[str]:
    rows = json.loads(body["reply_markup"])["inline_keyboard"]
    return [button["text"] for row in rows for button in row]


# --- the connector on its own, against the fake API ------------------------------------------


def test_every_button_fits_in_telegrams_64_bytes_and_stays_unique():
    # The domain's buttons, and ones the actions make (a choice with entities is long).
    made = {
        f'/inform{{"municipality": "{name}", "support_type": "woonondersteuning"}}'
        for name in LONG_NAMES
    }
    payloads = all_button_payloads() | made
    data = {callback_data(payload) for payload in payloads}

    assert min(len(p.encode()) for p in made) > 64  # too long as callback_data themselves
    assert len(data) == len(payloads)
    assert max(len(d.encode()) for d in data) <= 64


def test_a_long_answer_is_sent_in_parts_of_at_most_4096_characters():
    sentence = "Een budget vraag je aan bij het VAPH, met een ondersteuningsplan erbij. "
    text = sentence * 120  # about 8600 characters
    with FakeApi() as api:
        bot = TelegramBot(TELEGRAM_TOKEN, api.url)

        async def send() -> None:
            await bot.send_text_message("4242", text)
            await bot.session.close()

        asyncio.run(send())
        sent = [call.body["text"] for call in api.requests("/sendMessage")]

    assert len(sent) == 3
    assert all(len(part) <= MAX_CHARS for part in sent)
    assert all(part.endswith("erbij.") for part in sent)
    assert " ".join(sent) == text.strip()


def test_an_unreachable_api_does_not_stop_the_start_and_is_one_line(caplog):
    closed = f"http://127.0.0.1:{processes.free_port()}"
    channel = TelegramChannel(TELEGRAM_TOKEN, "wegwijzer_test_bot", webhook_url("telegram"), closed)
    bot = channel.get_output_channel()

    async def register() -> bool:
        try:
            return await channel.register_webhook(bot)
        finally:
            await bot.session.close()

    with caplog.at_level(logging.WARNING, logger="bot.channels.telegram"):
        assert asyncio.run(register()) is False

    lines = [r.getMessage() for r in caplog.records if r.name == "bot.channels.telegram"]
    assert len(lines) == 1
    assert "webhook could not be set" in lines[0]
    assert TELEGRAM_TOKEN not in lines[0] and TELEGRAM_TOKEN.split(":")[1] not in caplog.text


# --- through the running Rasa server ----------------------------------------------------------


@pytest.mark.rasa
def test_the_webhook_is_registered_with_its_secret_at_start(channel_assistant):
    call = channel_assistant.api.wait_for(lambda c: c.telegram_method == "setWebhook")

    assert call.body["url"] == webhook_url("telegram")
    assert call.body["secret_token"] == secret_of(TELEGRAM_TOKEN)


@pytest.mark.rasa
def test_hallo_gets_the_dutch_welcome_with_its_options_as_buttons(channel_assistant):
    chat, mark = new_chat(), channel_assistant.api.mark()

    response = post_update(channel_assistant, telegram_text_update(chat, "hallo"))

    assert response.status_code == 200
    body = reply_to(channel_assistant, chat, mark, with_buttons=True)
    welcome = [v for v in variants("utter_welcome") if v["text"] == body["text"]]
    assert welcome, body["text"]
    assert keyboard_titles(body) == welcome[0]["titles"]


@pytest.mark.rasa
@pytest.mark.parametrize("secret", ["", "wrong-secret"], ids=["no-secret", "wrong-secret"])
def test_an_update_without_the_webhook_secret_is_refused(channel_assistant, secret):
    chat, mark = new_chat(), channel_assistant.api.mark()

    response = post_update(channel_assistant, telegram_text_update(chat, "hallo"), secret)

    assert response.status_code == 403
    # A real update to another chat is answered; the refused one never is.
    control = new_chat()
    post_update(channel_assistant, telegram_text_update(control, "hallo"))
    reply_to(channel_assistant, control, mark)
    sent = channel_assistant.api.requests("/sendMessage", after=mark)
    assert not [c for c in sent if str(c.body.get("chat_id")) == str(chat)]


@pytest.mark.rasa
def test_start_then_a_pressed_button_continues_the_conversation(channel_assistant):
    chat, mark = new_chat(), channel_assistant.api.mark()
    post_update(channel_assistant, telegram_text_update(chat, "/start"))
    welcome = reply_to(channel_assistant, chat, mark, with_buttons=True)
    assert welcome["text"] in [v["text"] for v in variants("utter_welcome")]
    mark = channel_assistant.api.mark()

    response = post_update(channel_assistant, telegram_button_update(chat, welcome))

    assert response.status_code == 200
    answered = channel_assistant.api.wait_for(
        lambda c: c.telegram_method == "answerCallbackQuery", after=mark
    )
    assert answered.body["callback_query_id"]
    reply = reply_to(channel_assistant, chat, mark)
    assert reply["text"] in [v["text"] for v in variants("utter_capabilities")]


@pytest.mark.rasa
def test_a_typed_number_picks_that_button(channel_assistant):
    chat, mark = new_chat(), channel_assistant.api.mark()
    post_update(channel_assistant, telegram_text_update(chat, "hallo"))
    reply_to(channel_assistant, chat, mark, with_buttons=True)
    mark = channel_assistant.api.mark()

    post_update(channel_assistant, telegram_text_update(chat, "1"))

    reply = reply_to(channel_assistant, chat, mark)
    assert reply["text"] in [v["text"] for v in variants("utter_capabilities")]
