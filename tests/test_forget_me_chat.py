"""Consent and "vergeet mij" with the real Rasa and action servers, over Rasa's REST channel
with the metadata the web app sends: the page is told to remember a conversation after
consent, and "vergeet mij" in a new tab also forgets the earlier tab's conversation."""

from __future__ import annotations

import pytest
import requests

from bot.storage import db, plans
from tests.chat import knowledge_answer, new_sender, rest_headers, texts

pytestmark = pytest.mark.rasa

REMEMBER = {"wegwijzer": {"remember_conversation": True}}
FORGET = {"wegwijzer": {"forget_browser": True}}


def send(assistant, sender: str, message: str, browser: list[str] | None = None) -> list[dict]:
    """One message as the web app forwards it (with this browser's earlier conversations)."""
    response = requests.post(
        f"{assistant.settings.rasa_url}/webhooks/rest/webhook",
        json={
            "sender": sender,
            "message": message,
            "metadata": {"browser_conversations": browser or []},
        },
        headers=rest_headers(assistant.settings),
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return response.json()


def customs(replies: list[dict]) -> list[dict]:
    return [reply["custom"] for reply in replies if "custom" in reply]


def plan_of(assistant, sender: str):
    with db.session(assistant.settings.db_url) as session:
        return plans.plan_for_conversation(session, sender)


def user_texts(assistant, sender: str) -> list[str]:
    events = assistant.tracker(sender)["events"]
    return [event.get("text") or "" for event in events if event["event"] == "user"]


def test_vergeet_mij_in_a_new_tab_forgets_the_earlier_tab(assistant):
    earlier, later = new_sender(), new_sender()
    send(assistant, earlier, "ik wil mijn plan maken")
    replies = send(assistant, earlier, "ja")
    assert customs(replies) == [REMEMBER]  # the page may keep this conversation's id
    send(assistant, earlier, "/identify_as_person")
    send(assistant, earlier, "zwemmen met tante Odette")
    assert plan_of(assistant, earlier) is not None

    send(assistant, later, "vergeet mij", browser=[earlier])
    replies = send(assistant, later, "ja", browser=[earlier])

    assert any("gewist" in text for text in texts(replies))
    assert customs(replies) == [FORGET]
    assert plan_of(assistant, earlier) is None
    assert not any("Odette" in text for text in user_texts(assistant, earlier))
    assert user_texts(assistant, later) == []


def test_after_the_privacy_answer_a_button_wipes_what_is_stored(assistant):
    """The privacy answer says the person can ask to wipe their data; its buttons now do
    that, after the usual question whether to wipe everything."""
    sender = new_sender()
    replies = send(assistant, sender, "wat gebeurt er met mijn gegevens")
    said = texts(replies)
    assert said[0] == knowledge_answer("privacy"), said
    assert any("dagen na je laatste wijziging" in text for text in said), said
    wipe = next(
        button["payload"]
        for reply in replies
        for button in reply.get("buttons", [])
        if button["title"] == "Wis mijn gegevens"
    )

    asked = texts(send(assistant, sender, wipe))

    assert any("Dat kan je niet terugdraaien" in text for text in asked), asked
