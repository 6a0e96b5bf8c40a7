"""The portal with the real Rasa server: the transcript, and claim, reply, hand back and close
changing the conversation (pause, bot event, resume)."""

from __future__ import annotations

import secrets

import pytest

from bot.storage import audit_log, db
from bot.web.portal.rasa_api import CLOSE_TEXT, HAND_BACK_TEXT, WORKER_METADATA
from tests.portal.conftest import ESCAPED, SCRIPT, make_portal, portal_settings

pytestmark = pytest.mark.rasa


@pytest.fixture
def live_portal(aiohttp_client, tmp_path, assistant):
    """The portal on its own app database, reading the session's real Rasa."""
    settings = portal_settings(tmp_path, base=assistant.settings)
    yield make_portal(aiohttp_client, settings)
    db.dispose(settings.db_url)


def bot_texts(tracker: dict) -> list[str]:
    return [event.get("text") for event in tracker["events"] if event["event"] == "bot"]


def new_conversation(assistant, first: str = "hallo") -> str:
    sender = secrets.token_hex(16)
    assert assistant.replies(sender, first)
    return sender


async def claimed(live_portal, assistant, sender: str):
    case_id = live_portal.add_case(sender)
    client, csrf = await live_portal.logged_in("an")
    response = await client.post(
        f"/portal/cases/{case_id}/claim", data={"csrf_token": csrf}, allow_redirects=False
    )
    assert response.status == 303, await response.text()
    return case_id, client, csrf


async def test_the_transcript_shows_what_the_person_typed_as_text(live_portal, assistant):
    sender = new_conversation(assistant)
    assistant.replies(sender, SCRIPT)
    case_id = live_portal.add_case(sender)
    client, _ = await live_portal.logged_in("an")

    response = await client.get(f"/portal/cases/{case_id}")
    html = await response.text()

    assert response.status == 200
    assert SCRIPT not in html
    assert f'<span class="text">{ESCAPED}</span>' in html
    assert '<span class="text">hallo</span>' in html
    assert html.index(">hallo<") < html.index(ESCAPED)
    assert "Wegwijzer" in html.split('<ol class="transcript">')[1]
    with db.session(live_portal.db_url) as session:
        actions = [entry.action for entry in audit_log.entries(session, case_id=case_id)]
    assert audit_log.TRANSCRIPT_VIEW in actions and audit_log.CASE_VIEW in actions


async def test_claim_reply_and_hand_back(live_portal, assistant):
    sender = new_conversation(assistant)
    case_id, client, csrf = await claimed(live_portal, assistant, sender)

    assert assistant.tracker(sender)["paused"] is True
    assert assistant.replies(sender, "Is daar iemand?") == []  # the bot is silent
    assert live_portal.case(case_id).status == "geclaimd"

    answer = f"Dag, ik ben An. {SCRIPT}"
    reply = await client.post(
        f"/portal/cases/{case_id}/reply",
        data={"csrf_token": csrf, "text": answer},
        allow_redirects=False,
    )
    assert reply.status == 303
    tracker = assistant.tracker(sender)
    last = [event for event in tracker["events"] if event["event"] == "bot"][-1]
    assert last["text"] == answer
    assert WORKER_METADATA.items() <= last["metadata"].items()
    page = await (await client.get(reply.headers["Location"])).text()
    assert "Je antwoord is verstuurd" in page
    assert "Is daar iemand?" in page and "Trajectondersteuner" in page
    assert SCRIPT not in page

    back = await client.post(
        f"/portal/cases/{case_id}/hand-back", data={"csrf_token": csrf}, allow_redirects=False
    )
    assert back.status == 303
    tracker = assistant.tracker(sender)
    assert tracker["paused"] is False
    assert bot_texts(tracker)[-1] == HAND_BACK_TEXT
    assert live_portal.case(case_id).status == "nieuw"
    assert assistant.replies(sender, "hallo")  # the bot answers again
    with db.session(live_portal.db_url) as session:
        actions = [entry.action for entry in audit_log.entries(session, case_id=case_id)]
        details = " ".join(entry.detail or "" for entry in audit_log.entries(session))
    assert audit_log.REPLY in actions and audit_log.HAND_BACK in actions
    assert "Dag, ik ben An" not in details


async def test_close_with_an_outcome_resumes_the_bot(live_portal, assistant):
    sender = new_conversation(assistant)
    case_id, client, csrf = await claimed(live_portal, assistant, sender)

    response = await client.post(
        f"/portal/cases/{case_id}/close",
        data={"csrf_token": csrf, "outcome": "Afspraak gemaakt voor dinsdag."},
        allow_redirects=False,
    )

    assert response.status == 303
    found = live_portal.case(case_id)
    assert (found.status, found.outcome) == ("gesloten", "Afspraak gemaakt voor dinsdag.")
    tracker = assistant.tracker(sender)
    assert tracker["paused"] is False
    assert bot_texts(tracker)[-1] == CLOSE_TEXT
    assert assistant.replies(sender, "hallo")
    page = await (await client.get(response.headers["Location"])).text()
    assert "De vraag is afgesloten." in page


async def test_a_colleague_cannot_claim_a_claimed_case(live_portal, assistant):
    sender = new_conversation(assistant)
    case_id, _, _ = await claimed(live_portal, assistant, sender)
    other, csrf = await live_portal.logged_in("bert")

    response = await other.post(f"/portal/cases/{case_id}/claim", data={"csrf_token": csrf})
    reply = await other.post(
        f"/portal/cases/{case_id}/reply", data={"csrf_token": csrf, "text": "Hallo"}
    )

    assert response.status == reply.status == 409
    assert "Een collega heeft deze vraag al opgenomen." in await response.text()
    assert "Hallo</textarea>" not in await reply.text()  # no reply form for bert
    assert bot_texts(assistant.tracker(sender))[-1] != "Hallo"
