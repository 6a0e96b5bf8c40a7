"""The conversation is the person's, whatever the channel: a resume code made on the web
chat continues on Telegram, and a hand-off case says which channel the person is on."""

from __future__ import annotations

import re
import time

import pytest

from bot.handoff import cases
from bot.storage import db, plans
from bot.web.portal.queue_routes import CHANNEL_LABELS, channel_label
from tests.channels.platforms import telegram_text_update
from tests.channels.test_telegram import new_chat, post_update
from tests.chat import new_sender, texts

CODE = re.compile(r"\b[A-Z]{2,8}-[A-Z]{2,8}-[A-Z]{2,8}-\d{4}\b")


def test_the_portal_names_every_messaging_channel_and_offers_no_live_reply_there():
    assert {channel: channel_label(channel) for channel in cases.MESSAGING_CHANNELS} == {
        "telegram": "Telegram",
        "twilio": "WhatsApp of sms",
        "facebook": "Facebook Messenger",
    }
    assert not [c for c in cases.MESSAGING_CHANNELS if cases.live_reply_possible(c)]
    assert cases.live_reply_possible("rest") and channel_label("rest") == "Webchat"
    assert "socketio" not in CHANNEL_LABELS  # Rasa does not open socket.io


def telegram_says(channel_assistant, chat: int, message: str) -> list[str]:
    """Everything the bot sent to the Telegram chat in answer to `message`."""
    mark = channel_assistant.api.mark()
    response = post_update(channel_assistant, telegram_text_update(chat, message))
    assert response.status_code == 200
    # Rasa answers the webhook once the turn is done, so every reply has been sent.
    calls = channel_assistant.api.requests("/sendMessage", after=mark)
    return [c.body["text"] for c in calls if str(c.body.get("chat_id")) == str(chat)]


@pytest.mark.rasa
def test_a_resume_code_from_the_web_chat_continues_the_plan_on_telegram(channel_assistant):
    assistant, web = channel_assistant.assistant, new_sender()
    for message in ["ik wil mijn plan maken", "ja", "/identify_as_person", "Noor"]:
        assistant.replies(web, message)
    assistant.replies(web, "zwemmen en tekenen")
    said = " ".join(texts(assistant.replies(web, "ik doe later verder")))
    code = CODE.search(said).group(0)
    chat = new_chat()

    resumed = telegram_says(channel_assistant, chat, code)

    assert any("Welkom terug" in line for line in resumed), resumed
    assert any("belangrijk" in line for line in resumed)  # the question after "a good day"
    telegram_says(channel_assistant, chat, "mijn familie")
    with db.session(channel_assistant.settings.db_url) as session:
        plan = plans.plan_for_conversation(session, str(chat))
        answers = plans.answers(session, plan.id)
    assert answers["good_day"] == "zwemmen en tekenen"
    assert answers["what_matters"] == "mijn familie"
    assert answers["plan_name"] == "Noor"


@pytest.mark.rasa
def test_a_hand_off_asked_on_telegram_is_a_case_on_the_telegram_channel(channel_assistant):
    chat = new_chat()

    said = telegram_says(channel_assistant, chat, "ik wil met een mens praten")

    assert said
    deadline, case = time.monotonic() + 30, None
    while case is None and time.monotonic() < deadline:
        with db.session(channel_assistant.settings.db_url) as session:
            case = cases.open_case_for_conversation(session, str(chat))
            channel = case.channel if case else None
        time.sleep(0.5)
    assert channel == "telegram"
