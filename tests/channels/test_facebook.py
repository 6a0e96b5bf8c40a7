"""Facebook Messenger: a real Rasa server takes signed page events and answers through
the fake Graph API, in Dutch, with quick replies or a numbered list."""

from __future__ import annotations

import asyncio
import secrets

import pytest
import requests

from bot.channels.facebook import MAX_CHARS, FacebookBot, messenger_client, signature_valid
from bot.channels.text_only import numbered_text
from tests.channels.domain_texts import variants
from tests.channels.fake_api import FakeApi
from tests.channels.platforms import (
    FACEBOOK_PAGE_TOKEN,
    FACEBOOK_SECRET,
    FACEBOOK_VERIFY,
    hub_signature,
    messenger_event,
)

TITLES_OF_21 = "Hulp bij wonen zoeken"


def new_psid() -> str:
    return str(secrets.randbelow(10**15) + 10**15)


def post_event(channel_assistant, body: bytes, signature: str | None) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Hub-Signature"] = signature
    return requests.post(
        channel_assistant.webhook("facebook"), data=body, headers=headers, timeout=60
    )


def say(channel_assistant, psid: str, message: dict) -> requests.Response:
    body = messenger_event(psid, message)
    return post_event(channel_assistant, body, hub_signature(body))


def reply_to(channel_assistant, psid: str, after: int) -> dict:
    """The first message (not a typing indicator) sent to `psid` after the bookmark."""
    call = channel_assistant.api.wait_for(
        lambda c: "/me/messages" in c.path
        and c.body.get("recipient", {}).get("id") == psid
        and "message" in c.body,
        after=after,
    )
    return call.body["message"]


def sent_with(api: FakeApi, send) -> list[dict]:
    bot = FacebookBot(messenger_client(FACEBOOK_PAGE_TOKEN, api.url))
    asyncio.run(send(bot))
    return [c.body["message"] for c in api.requests("/me/messages") if "message" in c.body]


# --- the connector on its own ---------------------------------------------------------------


def test_only_a_signature_made_with_the_app_secret_is_valid():
    body = messenger_event("1", {"text": "hallo"})

    assert signature_valid(FACEBOOK_SECRET, body, {"X-Hub-Signature": hub_signature(body)})
    sha256 = hub_signature(body).replace("sha1=", "sha256=")
    assert not signature_valid(FACEBOOK_SECRET, body, {"X-Hub-Signature": sha256})
    assert not signature_valid(
        FACEBOOK_SECRET, body + b" ", {"X-Hub-Signature": hub_signature(body)}
    )
    wrong = hub_signature(body, secret="another-secret")
    assert not signature_valid(FACEBOOK_SECRET, body, {"X-Hub-Signature": wrong})
    assert not signature_valid(FACEBOOK_SECRET, body, {"X-Hub-Signature": "md5=abc"})
    assert not signature_valid(FACEBOOK_SECRET, body, {})


def test_options_messenger_cannot_show_become_a_numbered_list():
    many = [{"title": f"Keuze {n}", "payload": f"/choose{n}"} for n in range(14)]
    long_title = [{"title": TITLES_OF_21, "payload": "/find_provider"}, *many[:2]]

    async def send(bot: FacebookBot) -> None:
        await bot.send_text_with_buttons("7", "Wat wil je doen?", many)
        await bot.send_text_with_buttons("7", "Wat wil je doen?", long_title)

    with FakeApi() as api:
        sent = sent_with(api, send)

    assert [m["text"] for m in sent] == [
        numbered_text("Wat wil je doen?", many),
        numbered_text("Wat wil je doen?", long_title),
    ]
    assert not [m for m in sent if "quick_replies" in m]


def test_a_long_answer_is_sent_in_parts_of_at_most_2000_characters_with_the_options_last():
    text = "Je kan hulp vragen bij een dienst in je buurt. " * 100  # about 4700 characters
    options = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"}]
    with FakeApi() as api:
        sent = sent_with(api, lambda bot: bot.send_text_with_buttons("7", text, options))

    assert len(sent) == 3
    assert all(len(m["text"]) <= MAX_CHARS for m in sent)
    assert " ".join(m["text"] for m in sent) == text.strip()
    assert [m.get("quick_replies") for m in sent[:-1]] == [None, None]
    assert [q["payload"] for q in sent[-1]["quick_replies"]] == ["/affirm", "/deny"]


# --- through the running Rasa server ----------------------------------------------------------


@pytest.mark.rasa
def test_the_webhook_handshake_needs_the_verify_token(channel_assistant):
    url = channel_assistant.webhook("facebook")
    challenge = {"hub.mode": "subscribe", "hub.challenge": "1158201444"}

    right = requests.get(url, params={**challenge, "hub.verify_token": FACEBOOK_VERIFY}, timeout=30)
    wrong = requests.get(url, params={**challenge, "hub.verify_token": "guess"}, timeout=30)

    assert (right.status_code, right.text) == (200, "1158201444")
    assert wrong.status_code == 403 and "1158201444" not in wrong.text


@pytest.mark.rasa
def test_hallo_gets_the_dutch_welcome_with_its_options_as_quick_replies(channel_assistant):
    psid, mark = new_psid(), channel_assistant.api.mark()

    response = say(channel_assistant, psid, {"text": "hallo"})

    assert response.status_code == 200
    message = reply_to(channel_assistant, psid, mark)
    welcome = [v for v in variants("utter_welcome") if v["text"] == message["text"]]
    assert welcome, message["text"]
    assert [q["title"] for q in message["quick_replies"]] == welcome[0]["titles"]
    assert [q["payload"] for q in message["quick_replies"]] == welcome[0]["payloads"]


@pytest.mark.rasa
@pytest.mark.parametrize(
    "signature",
    [None, "sha1=0000", hub_signature(b"another body")],
    ids=["missing", "garbage", "of-another-body"],
)
def test_an_event_without_a_valid_signature_is_refused_and_not_answered(
    channel_assistant, signature
):
    psid, mark = new_psid(), channel_assistant.api.mark()

    response = post_event(channel_assistant, messenger_event(psid, {"text": "hallo"}), signature)

    assert response.status_code == 403
    control = new_psid()  # a signed event after it is answered; the refused one never is
    say(channel_assistant, control, {"text": "hallo"})
    reply_to(channel_assistant, control, mark)
    calls = channel_assistant.api.requests("/me/messages", after=mark)
    assert not [c for c in calls if c.body.get("recipient", {}).get("id") == psid]


@pytest.mark.rasa
def test_a_quick_reply_continues_the_conversation(channel_assistant):
    psid, mark = new_psid(), channel_assistant.api.mark()
    say(channel_assistant, psid, {"text": "hallo"})
    first = reply_to(channel_assistant, psid, mark)["quick_replies"][0]
    mark = channel_assistant.api.mark()

    say(
        channel_assistant,
        psid,
        {"text": first["title"], "quick_reply": {"payload": first["payload"]}},
    )

    reply = reply_to(channel_assistant, psid, mark)
    assert reply["text"] in [v["text"] for v in variants("utter_capabilities")]


@pytest.mark.rasa
def test_options_too_long_for_quick_replies_come_numbered_and_a_typed_number_picks_one(
    channel_assistant,
):
    psid = new_psid()
    say(channel_assistant, psid, {"text": "/simpler_language"})
    # The easy welcome: "Hulp zoeken in de buurt" is too long for a quick reply.
    easy = next(v for v in variants("utter_welcome") if max(map(len, v["titles"])) > 20)
    mark = channel_assistant.api.mark()

    say(channel_assistant, psid, {"text": "hallo"})

    message = reply_to(channel_assistant, psid, mark)
    buttons = [
        {"title": t, "payload": p} for t, p in zip(easy["titles"], easy["payloads"], strict=True)
    ]
    assert message == {"text": numbered_text(easy["text"], buttons)}
    say(channel_assistant, psid, {"text": "2"})
    latest = channel_assistant.assistant.tracker(psid)["latest_message"]
    assert latest["intent"]["name"] == "check_eligibility"
    assert latest["text"] == easy["payloads"][1]
