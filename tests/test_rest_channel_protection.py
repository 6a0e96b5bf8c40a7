"""Rasa's REST channel takes messages only from who knows the token, only as JSON, and
keeps only the metadata the web app may send; the token is on no command line.

Against the real Rasa server (bot/channels/rest.py, bot/rasa_server.py).
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
import requests

from bot.channels.rest import allowed_metadata
from tests.chat import new_sender, rest_headers

pytestmark = pytest.mark.rasa

A_CONVERSATION = secrets.token_urlsafe(18)  # 24 characters of [A-Za-z0-9_-]


def webhook(assistant) -> str:
    return f"{assistant.settings.rasa_url}/webhooks/rest/webhook"


def user_events(assistant, sender: str) -> list[dict]:
    return [e for e in assistant.tracker(sender)["events"] if e["event"] == "user"]


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-token"),
        pytest.param({"Authorization": "Bearer not-the-token"}, id="wrong-token"),
        pytest.param({"Authorization": "Basic dXNlcjpwYXNz"}, id="other-scheme"),
    ],
)
def test_a_message_without_the_token_is_refused_and_not_kept(assistant, headers):
    sender = new_sender()

    response = requests.post(
        webhook(assistant), json={"sender": sender, "message": "hallo"}, headers=headers, timeout=30
    )

    assert response.status_code == 401
    assert user_events(assistant, sender) == []


def test_the_token_in_the_url_does_not_open_the_channel(assistant):
    response = requests.post(
        webhook(assistant),
        params={"token": assistant.settings.rasa_token},
        json={"sender": new_sender(), "message": "hallo"},
        timeout=30,
    )

    assert response.status_code == 401


def test_a_cross_site_text_plain_post_is_refused(assistant):
    """What a page on another site can send without asking the server first."""
    sender = new_sender()

    response = requests.post(
        webhook(assistant),
        data=f'{{"sender": "{sender}", "message": "hallo"}}',
        headers={**rest_headers(assistant.settings), "Content-Type": "text/plain"},
        timeout=30,
    )

    assert response.status_code == 415
    assert user_events(assistant, sender) == []


def test_rasa_sends_no_cors_headers_to_another_site(assistant):
    response = requests.options(
        webhook(assistant),
        headers={
            "Origin": "https://elders.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
        timeout=30,
    )

    assert "access-control-allow-origin" not in {k.lower() for k in response.headers}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("not json", id="not-json"),
        pytest.param('["hallo"]', id="a-list"),
        pytest.param('{"message": "hallo"}', id="no-sender"),
        pytest.param('{"sender": "abc", "message": 5}', id="message-not-text"),
        pytest.param('{"sender": ["abc"], "message": "hallo"}', id="sender-not-text"),
    ],
)
def test_a_malformed_body_is_a_bad_request_not_a_server_error(assistant, body):
    response = requests.post(
        webhook(assistant),
        data=body,
        headers={**rest_headers(assistant.settings), "Content-Type": "application/json"},
        timeout=30,
    )

    assert response.status_code == 400
    assert "Traceback" not in response.text


def test_with_the_token_a_message_gets_the_dutch_welcome(assistant, domain_texts):
    replies = assistant.replies(new_sender(), "hallo")

    assert replies and "Wegwijzer" in replies[0]["text"]
    assert all(domain_texts.match(reply["text"]) for reply in replies)


def test_the_allowed_metadata_reaches_the_tracker_and_nothing_else(assistant):
    sender = new_sender()
    metadata = {
        "client_id": "c" * 64,
        "browser_conversations": [A_CONVERSATION, "kort", "met spatie en meer tekens", 42],
        "plan_id": "iemand-anders-zijn-plan",
        "consent": "ja",
    }

    response = requests.post(
        webhook(assistant),
        json={"sender": sender, "message": "hallo", "metadata": metadata},
        headers=rest_headers(assistant.settings),
        timeout=60,
    )

    assert response.status_code == 200
    [event] = user_events(assistant, sender)
    assert event["metadata"]["client_id"] == "c" * 64
    assert event["metadata"]["browser_conversations"] == [A_CONVERSATION]
    assert "plan_id" not in event["metadata"] and "consent" not in event["metadata"]
    assert "plan_id" not in str(event["parse_data"])
    # What the actions read: tracker.latest_message["metadata"].
    latest = assistant.tracker(sender)["latest_message"]["metadata"]
    assert latest["client_id"] == "c" * 64 and "plan_id" not in latest


def test_a_client_cannot_choose_the_channel_it_is_counted_as(assistant):
    sender = new_sender()

    requests.post(
        webhook(assistant),
        json={"sender": sender, "message": "hallo", "input_channel": "portal"},
        headers=rest_headers(assistant.settings),
        timeout=60,
    )

    [event] = user_events(assistant, sender)
    assert event["input_channel"] == "rest"


def test_control_and_direction_characters_are_removed_before_rasa_keeps_the_text(assistant):
    sender = new_sender()

    assistant.replies(sender, "hal\u202elo\x00\x07")

    [event] = user_events(assistant, sender)
    assert event["text"] == "hallo"


def test_the_rasa_token_is_on_no_command_line_of_the_rasa_server(assistant):
    """`ps` shows every process's command line to every user of the machine."""
    group = assistant.servers["rasa"].process.pid
    command_lines = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) == group:
                command_lines.append((stat.parent / "cmdline").read_bytes().decode())
        except (OSError, IndexError):
            continue

    assert any("bot.rasa_server" in line for line in command_lines), command_lines
    token = assistant.settings.rasa_token
    assert not [line for line in command_lines if token in line]


# --- the metadata rules, without a server ---------------------------------------------------


def test_metadata_keeps_at_most_twenty_distinct_conversation_ids():
    ids = [secrets.token_urlsafe(18) for _ in range(25)]

    kept = allowed_metadata({"browser_conversations": [ids[0], *ids]})

    assert kept == {"browser_conversations": ids[:20]}


@pytest.mark.parametrize(
    "metadata",
    [None, "tekst", ["a"], {"client_id": "c" * 65}, {"client_id": 5}, {"client_id": ""}],
)
def test_metadata_that_is_not_allowed_is_dropped(metadata):
    assert allowed_metadata(metadata) == {}
