"""Twilio (SMS and WhatsApp): a real Rasa server takes Twilio's signed, form-encoded
webhooks and answers through the fake Messages API, in Dutch, as plain text with numbered
options; a typed number or the option's words continue the conversation, also in forms."""

from __future__ import annotations

import asyncio
import base64
import itertools
import logging
import re
import uuid

import pytest
import requests
from twilio.request_validator import RequestValidator

from bot import processes
from bot.channels.text_only import plain, without_buttons_wording
from bot.channels.twilio import MAX_BODY_CHARS, TwilioTextOutput
from bot.storage.resume_codes import find_code
from knowledge import db, queries
from tests.channels.domain_texts import variants
from tests.channels.fake_api import FakeApi
from tests.channels.platforms import (
    TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN,
    TWILIO_SMS_NUMBER,
    TWILIO_WHATSAPP_NUMBER,
    webhook_url,
)

SIGNATURE_HEADER = "X-Twilio-Signature"
MESSAGES_PATH = f"/2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}/Messages.json"
OPTION = re.compile(r"^([0-9]+|[a-z])\. (.+)$")
INSTRUCTION = re.compile(r"^Typ .+\.$")
PLACEHOLDER = re.compile(r"\\\{\w+\\\}")
MARKUP = re.compile(r"[*_`\[\]<>]|\]\(")
_numbers = itertools.count(4_000_001)


def new_number() -> str:
    return f"+3247{next(_numbers):07d}"


# --- what Twilio posts, and what the bot sends ------------------------------------------------


def inbound(sender: str, body: str) -> dict[str, str]:
    """The form Twilio posts for an incoming SMS, or WhatsApp message when `sender`
    starts with "whatsapp:"."""
    sid = "SM" + uuid.uuid4().hex
    form = {
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "SmsSid": sid,
        "SmsStatus": "received",
        "Body": body,
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": TWILIO_ACCOUNT_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }
    if sender.startswith("whatsapp:"):
        number = sender.removeprefix("whatsapp:")
        form |= {"To": TWILIO_WHATSAPP_NUMBER, "ProfileName": "Sam", "WaId": number[1:]}
        form |= {"ReferralNumMedia": "0"}
    else:
        form |= {"To": TWILIO_SMS_NUMBER, "FromCountry": "BE", "ToCountry": "BE"}
        form |= {"FromCity": "", "FromState": "", "FromZip": "", "ToCity": "", "ToZip": ""}
    return form


def twilio_signature(form: dict[str, str], token: str = TWILIO_AUTH_TOKEN) -> str:
    return RequestValidator(token).compute_signature(webhook_url("twilio"), form)


def post(channel_assistant, form: dict[str, str], signature: str | None = None):
    headers = {} if signature == "" else {SIGNATURE_HEADER: signature or twilio_signature(form)}
    return requests.post(
        channel_assistant.webhook("twilio"), data=form, headers=headers, timeout=120
    )


def sent_to(channel_assistant, recipient: str, after: int) -> list[dict[str, str]]:
    """The forms of every message sent to `recipient` after the bookmark."""
    calls = channel_assistant.api.requests(MESSAGES_PATH, method="POST", after=after)
    return [call.form for call in calls if call.form.get("To") == recipient]


def say(channel_assistant, sender: str, text: str) -> list[str]:
    """Send `text` as `sender`; the bodies of the bot's answers (Twilio's webhook returns
    once Rasa has answered)."""
    mark = channel_assistant.api.mark()
    response = post(channel_assistant, inbound(sender, text))
    assert response.status_code == 204
    channel_assistant.api.wait_for(
        lambda call: call.form.get("To") == sender, after=mark, timeout=30
    )
    return [form["Body"] for form in sent_to(channel_assistant, sender, mark)]


def parsed(body: str) -> tuple[str, list[tuple[str, str]], str | None]:
    """A body as (text, [(label, title)], instruction or None)."""
    lines = body.split("\n")
    instruction = lines.pop() if INSTRUCTION.match(lines[-1]) else None
    listed: list[tuple[str, str]] = []
    while instruction and lines and (option := OPTION.match(lines[-1])):
        lines.pop()
        listed.insert(0, (option.group(1), option.group(2)))
    return "\n".join(lines), listed, instruction


def says(response: str, body: str, made_buttons: bool = False) -> bool:
    """Whether `body` is one of `response`'s variations of domain.yml, as plain text, with
    its buttons (or, with `made_buttons`, the ones its action made) as numbered or
    lettered options and an instruction."""
    text, listed, instruction = parsed(body)
    for variant in variants(response):
        pattern = PLACEHOLDER.sub(".+", re.escape(without_buttons_wording(variant["text"])))
        if not re.fullmatch(pattern, text, re.DOTALL):
            continue
        if made_buttons:
            return bool(listed) and bool(instruction)
        if [title for _, title in listed] == variant["titles"]:
            return bool(variant["titles"]) == bool(instruction)
    return False


def last_with(response: str, bodies: list[str], made_buttons: bool = False) -> str:
    found = [body for body in bodies if says(response, body, made_buttons)]
    assert found, (response, bodies)
    return found[-1]


# --- the output channel on its own, against the fake API ---------------------------------------


def output(api: FakeApi) -> TwilioTextOutput:
    return TwilioTextOutput(
        TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_SMS_NUMBER, TWILIO_WHATSAPP_NUMBER, api.url
    )


def long_faq_answer() -> str:
    """The longest FAQ answer: how a budget can be spent (about 1850 characters)."""
    with db.session() as session:
        return queries.faq_answer(session, "budget_spending", "gewoon").text


def test_a_long_reply_goes_out_in_parts_cut_at_sentence_ends():
    answer = long_faq_answer()
    assert len(answer) > MAX_BODY_CHARS
    with FakeApi() as api:
        asyncio.run(output(api).send_text_message("+32470111222", answer))
        parts = [call.form for call in api.requests(MESSAGES_PATH)]

    assert len(parts) >= 2
    assert all(len(part["Body"]) <= MAX_BODY_CHARS for part in parts)
    assert all(part["Body"].endswith((".", "!", "?", ":")) for part in parts)
    assert " ".join(part["Body"] for part in parts).split() == plain(answer).split()
    assert {(part["From"], part["To"]) for part in parts} == {(TWILIO_SMS_NUMBER, "+32470111222")}


def test_the_reply_comes_from_the_number_of_the_persons_channel():
    with FakeApi() as api:
        channel = output(api)
        asyncio.run(channel.send_text_message("whatsapp:+32470111333", "Hallo op WhatsApp."))
        asyncio.run(channel.send_text_message("+32470111444", "Hallo per sms."))
        sent = {call.form["To"]: call for call in api.requests(MESSAGES_PATH)}

    assert sent["whatsapp:+32470111333"].form["From"] == TWILIO_WHATSAPP_NUMBER
    assert sent["+32470111444"].form["From"] == TWILIO_SMS_NUMBER
    expected = base64.b64encode(f"{TWILIO_ACCOUNT_SID}:{TWILIO_AUTH_TOKEN}".encode()).decode()
    assert sent["+32470111444"].headers["Authorization"] == f"Basic {expected}"


def test_an_instruction_for_the_chat_page_is_never_sent_as_a_message():
    """After consent Wegwijzer tells the web chat page to keep the conversation; on SMS that
    is no message at all (not an empty SMS, not an API call with an unknown field)."""
    with FakeApi() as api:
        channel = output(api)
        for instruction in (
            {"wegwijzer": {"remember_conversation": True}},
            {"wegwijzer": {"forget_browser": True}},
            {"wegwijzer": {"reading_level": "eenvoudig"}},
        ):
            asyncio.run(channel.send_custom_json("+32470111666", dict(instruction)))
        asyncio.run(channel.send_text_message("+32470111666", "Bedankt."))
        bodies = [call.form["Body"] for call in api.requests(MESSAGES_PATH)]

    assert bodies == ["Bedankt."]


def test_an_unreachable_api_is_one_line_without_number_or_text(caplog):
    closed = f"http://127.0.0.1:{processes.free_port()}"
    channel = TwilioTextOutput(
        TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_SMS_NUMBER, TWILIO_WHATSAPP_NUMBER, closed
    )

    with caplog.at_level(logging.INFO):
        asyncio.run(channel.send_text_message("+32470111555", "Mijn geheime verhaal."))

    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == ["Twilio: sending a message failed (ClientConnectorError)."]
    assert "+32470111555" not in caplog.text and "geheime" not in caplog.text
    assert TWILIO_AUTH_TOKEN not in caplog.text


# --- through the running Rasa server ------------------------------------------------------------


@pytest.mark.rasa
def test_an_sms_gets_the_dutch_welcome_with_numbered_options(channel_assistant):
    sender = new_number()

    bodies = say(channel_assistant, sender, "hallo")

    welcome = last_with("utter_welcome", bodies)
    text, listed, instruction = parsed(welcome)
    assert [label for label, _ in listed] == ["1", "2", "3", "4", "5"]
    assert instruction == "Typ een nummer van 1 tot 5."
    forms = sent_to(channel_assistant, sender, 0)
    assert {form["From"] for form in forms} == {TWILIO_SMS_NUMBER}


@pytest.mark.rasa
def test_a_whatsapp_message_is_answered_from_the_whatsapp_number(channel_assistant):
    sender = "whatsapp:" + new_number()

    bodies = say(channel_assistant, sender, "hallo")

    last_with("utter_welcome", bodies)
    forms = sent_to(channel_assistant, sender, 0)
    assert {form["From"] for form in forms} == {TWILIO_WHATSAPP_NUMBER}


@pytest.mark.rasa
@pytest.mark.parametrize("choice", ["1", "een", "Uitleg krijgen", "uitleg krijgn"])
def test_a_typed_number_or_the_options_words_continue_as_that_option(channel_assistant, choice):
    sender = new_number()
    last_with("utter_welcome", say(channel_assistant, sender, "hallo"))

    last_with("utter_capabilities", say(channel_assistant, sender, choice))


@pytest.mark.rasa
def test_the_eligibility_check_is_answered_with_numbers_letters_and_words(channel_assistant):
    sender = "whatsapp:" + new_number()
    who = last_with("utter_ask_speaker", say(channel_assistant, sender, "wat past bij mij"))
    assert parsed(who)[2] == "Typ 1 of 2."

    age = last_with("utter_ask_age", say(channel_assistant, sender, "1"), made_buttons=True)
    # The age groups hold numbers and a typed number is an age: the groups get letters.
    assert [label for label, _ in parsed(age)[1]][:2] == ["a", "b"]
    last_with("utter_ask_eligibility_form_place", say(channel_assistant, sender, "34"))
    vaph = last_with("utter_ask_vaph_known", say(channel_assistant, sender, "leuven"))
    assert parsed(vaph)[1][0] == ("1", "Nee, nog niet")

    last_with("utter_ask_help_kind", say(channel_assistant, sender, "de eerste"))


@pytest.mark.rasa
@pytest.mark.parametrize("choice", ["3", "drie", "Nee"])
def test_the_intakes_consent_question_is_answered_by_number_or_word(channel_assistant, choice):
    sender = new_number()
    consent = last_with(
        "utter_ask_consent", say(channel_assistant, sender, "ik wil mijn plan maken")
    )
    assert parsed(consent)[1][0] == ("1", "Ja, ik vertel over mezelf")
    assert parsed(consent)[1][2] == ("3", "Nee")
    assert parsed(consent)[2] == "Typ 1, 2, 3 of 4."

    last_with("utter_consent_refused", say(channel_assistant, sender, choice))


@pytest.mark.rasa
def test_a_long_faq_answer_arrives_in_parts_of_at_most_1600_characters(channel_assistant):
    answer = plain(long_faq_answer())
    sender = new_number()

    bodies = say(channel_assistant, sender, "hoe kan ik mijn pvb besteden")

    words = answer.split()
    parts = list(itertools.takewhile(lambda b: not says("utter_faq_next_steps_gewoon", b), bodies))
    assert len(parts) >= 2
    assert " ".join(parts).split() == words
    assert all(len(part) <= MAX_BODY_CHARS for part in bodies)
    assert all(part.endswith((".", "!", "?", ":")) for part in parts)
    last_with("utter_faq_next_steps_gewoon", bodies)


@pytest.mark.rasa
def test_the_plan_link_and_the_resume_code_arrive_without_markup(channel_assistant):
    sender = new_number()
    say(channel_assistant, sender, "ik wil mijn plan maken")
    say(channel_assistant, sender, "1")  # consent: "Ja, ik vertel over mezelf"
    say(channel_assistant, sender, "Noor")

    link_reply = last_with(
        "utter_plan_link", say(channel_assistant, sender, "wat heb ik al ingevuld")
    )
    link = re.search(r"https?://\S+", link_reply)
    assert link and link.group(0).startswith(channel_assistant.settings.plan_base_url + "/")
    assert not MARKUP.search(link_reply.replace(link.group(0), ""))

    paused = last_with("utter_paused", say(channel_assistant, sender, "ik doe later verder"))
    code = find_code(paused)
    assert code and re.search(rf"\b{code}\b", paused)
    assert not MARKUP.search(parsed(paused)[0])


@pytest.mark.rasa
@pytest.mark.parametrize("kind", ["missing", "wrong", "other body"])
def test_a_webhook_without_twilios_signature_is_refused_and_not_answered(channel_assistant, kind):
    sender, control = new_number(), new_number()
    mark = channel_assistant.api.mark()
    form = inbound(sender, "hallo")
    signature = {
        "missing": "",
        "wrong": twilio_signature(form, token="not-the-auth-token"),
        "other body": twilio_signature(inbound(sender, "iets anders")),
    }[kind]

    response = post(channel_assistant, form, signature)

    assert response.status_code == 403
    # A signed message from someone else is answered; the refused one never is.
    say(channel_assistant, control, "hallo")
    assert sent_to(channel_assistant, sender, mark) == []
