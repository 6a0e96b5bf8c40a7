"""The plan link ("maak een nieuwe link", "verleng mijn link", an expired link), the
conversations linked to a plan ("wat weet je over mij" and unlinking one), and resume codes
as an attacker meets them: single use, revoked by a new one, throttled per client."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from actions.plan_commands import (
    ActionChangeAnswer,
    ActionPauseIntake,
    ActionResumeIntake,
    ActionShowMyData,
    ActionShowPlan,
    ActionUnlinkConversation,
)
from actions.plan_links import ActionExtendPlanLink, ActionNewPlanLink
from bot.config import load_settings
from bot.slot_guard import guard, load_rules
from bot.storage import db as storage
from bot.storage import plans, resume_codes
from bot.storage.keys import keyed_hash
from bot.storage.models import utcnow
from tests.actions.conftest import (
    PUBLIC_URL,
    Turn,
    load_tracker,
    run_action,
    saved_state,
    stored_answers,
    user,
)

SAVED = "intake_asks_wonen_wish"
SAVED_PLAN = saved_state(SAVED)["stored_plan"]
OWNER = saved_state(SAVED)["sender_id"]
NO_PLAN = "Je hebt nog geen plan. Wil je er een beginnen?"
LINK = re.compile(rf"{re.escape(PUBLIC_URL)}/plan/([A-Za-z0-9_-]+)")


async def run_in(action, saved: str, said: dict, sender: str | None = None, **slots) -> Turn:
    """Run `action` on the saved tracker, as conversation `sender` when given."""
    tracker = load_tracker(saved, said, slots=slots or None)
    if sender is not None:
        tracker.sender_id = sender
    return await run_action(action, tracker)


def with_client(said: dict, client_id: str) -> dict:
    """The message as the web app sends it: with the client's id in the metadata."""
    said["parse_data"]["metadata"] = {"client_id": client_id}
    return said


async def pause() -> str:
    turn = await run_in(ActionPauseIntake(), SAVED, user("ik doe later verder", "pause"))
    return turn.kwargs("utter_paused")["code"]


async def resume(code_text: str, sender: str, client_id: str | None = None) -> Turn:
    said = user(f"verder met {code_text}", "resume")
    if client_id is not None:
        said = with_client(said, client_id)
    return await run_in(ActionResumeIntake(), "welcome", said, sender)


def token_now() -> str:
    with storage.session() as session:
        return plans.plan_by_id(session, SAVED_PLAN["id"]).document_token


# --- resume codes -----------------------------------------------------------------------------


async def test_a_code_works_once():
    code = await pause()

    first = await resume(code, "gesprek-nieuw-1")
    again = await resume(code, "gesprek-nieuw-2")

    assert first.slots["plan_id"] == SAVED_PLAN["id"]
    assert again.responses == ["utter_resume_not_found"]
    assert again.slots == {}


async def test_a_new_code_revokes_the_one_before():
    old, new = await pause(), await pause()

    assert (await resume(old, "gesprek-nieuw-1")).responses == ["utter_resume_not_found"]
    assert (await resume(new, "gesprek-nieuw-2")).slots["plan_id"] == SAVED_PLAN["id"]


async def test_guessing_from_fresh_conversations_of_one_client_is_throttled():
    code = await pause()
    client = keyed_hash("client", "203.0.113.9")
    answers = []
    for number in range(resume_codes.CLIENT_MAX_WRONG + 2):
        turn = await resume(f"qq xx yy {number:04d}", f"vers-gesprek-{number}", client)
        answers.append(turn.responses)

    limit = resume_codes.CLIENT_MAX_WRONG
    assert answers[:limit] == [["utter_resume_not_found"]] * limit
    assert answers[limit:] == [["utter_resume_throttled"]] * 2
    # Even the right code, from yet another conversation of that client, is not looked at.
    turn = await resume(code, "vers-gesprek-laatste", client)
    assert turn.text.startswith("Je probeerde al een paar codes, wacht ")
    assert "plan_id" not in turn.slots
    # The owner, from another address, is not held back.
    owner = await resume(code, "eigen-gesprek", keyed_hash("client", "198.51.100.1"))
    assert owner.slots["plan_id"] == SAVED_PLAN["id"]


async def test_a_malformed_client_id_counts_as_none():
    for bad in ("kort", "a b" * 20, 42):
        turn = await resume("qq xx yy 0001", f"gesprek-{bad!s:.4}", client_id=bad)  # type: ignore[arg-type]
        assert turn.responses == ["utter_resume_not_found"]


# --- plan links -------------------------------------------------------------------------------


async def test_a_new_link_replaces_the_old_one():
    old = SAVED_PLAN["document_token"]

    turn = await run_in(ActionNewPlanLink(), SAVED, user("maak een nieuwe link", "new_plan_link"))

    new = LINK.search(turn.text).group(1)
    assert new != old and new == token_now()
    until = turn.kwargs("utter_plan_link_new")["until"]
    assert turn.texts == [
        f"Je nieuwe link werkt tot {until}. De oude link werkt niet meer.\n{PUBLIC_URL}/plan/{new}"
    ]
    with storage.session() as session:
        assert plans.plan_by_link(session, old).status == "not_found"
        assert plans.plan_by_link(session, new).status == "ok"


async def test_extending_the_link_keeps_it_and_says_until_when():
    load_tracker(SAVED)  # the plan is stored
    with storage.session() as session:
        plan = plans.plan_by_id(session, SAVED_PLAN["id"])
        plan.document_token_expires_at = utcnow() - timedelta(days=1)

    turn = await run_in(
        ActionExtendPlanLink(), SAVED, user("verleng mijn link", "extend_plan_link")
    )

    days = load_settings().plan_link_days
    until = turn.kwargs("utter_plan_link_extended")["until"]
    assert turn.texts == [
        f"Je link werkt nu weer {days} dagen, tot {until}: {PUBLIC_URL}/plan/{token_now()}"
    ]
    assert token_now() == SAVED_PLAN["document_token"]
    with storage.session() as session:
        assert plans.plan_by_link(session, token_now()).status == "ok"


async def test_show_plan_with_an_expired_link_offers_a_new_one():
    load_tracker(SAVED)
    with storage.session() as session:
        plan = plans.plan_by_id(session, SAVED_PLAN["id"])
        plan.document_token_expires_at = utcnow() - timedelta(minutes=1)

    turn = await run_in(ActionShowPlan(), SAVED, user("toon mijn plan", "show_plan"))

    assert turn.responses == [None, "utter_plan_link_expired"]
    assert "/plan/" not in turn.text
    assert turn.buttons == ["Verleng mijn link", "Maak een nieuwe link"]


async def test_link_commands_without_a_plan_offer_to_start_one():
    for action, said in (
        (ActionNewPlanLink(), user("maak een nieuwe link", "new_plan_link")),
        (ActionExtendPlanLink(), user("verleng mijn link", "extend_plan_link")),
        (ActionUnlinkConversation(), user("koppel een gesprek los", "unlink_conversation")),
    ):
        turn = await run_in(action, "welcome", said)
        assert turn.texts == [NO_PLAN]
        assert turn.events == []


# --- linked conversations ---------------------------------------------------------------------


async def link_stranger() -> None:
    """Another conversation resumes the plan with its code (as a guesser would)."""
    code = await pause()
    assert (await resume(code, "vreemd-gesprek")).slots["plan_id"] == SAVED_PLAN["id"]


async def test_what_do_you_know_about_me_lists_every_linked_conversation_without_ids():
    await link_stranger()

    turn = await run_in(ActionShowMyData(), SAVED, user("wat weet je over mij?", "show_my_data"))

    lines = turn.texts[0].split("\n")
    assert "- Gesprekken met je plan: 2" in lines
    at = lines.index("- Gesprekken met je plan: 2")
    assert lines[at + 1] == "  - gesprek 1: gekoppeld op 2026-11-24 09:30 (dit gesprek)"
    assert re.fullmatch(r"  - gesprek 2: gekoppeld op \d{4}-\d\d-\d\d \d\d:\d\d", lines[at + 2])
    assert turn.buttons == ["Koppel gesprek 2 los"]
    shown = json.dumps(turn.replies)
    for secret in ("vreemd-gesprek", OWNER, SAVED_PLAN["id"], SAVED_PLAN["document_token"]):
        assert secret not in shown


async def unlink_button(sender: str = OWNER) -> dict:
    turn = await run_in(
        ActionShowMyData(), SAVED, user("wat weet je over mij?", "show_my_data"), sender
    )
    return next(b for r in turn.replies for b in r.get("buttons", []))


def pressed(button: dict) -> dict:
    """The user event of a pressed button: its payload's intent and entity."""
    entities = json.loads(button["payload"].removeprefix("/unlink_conversation"))
    said = user(button["payload"], "unlink_conversation", entities)
    return said


async def test_the_owner_unlinks_a_conversation_and_it_no_longer_reaches_the_plan():
    await link_stranger()
    button = await unlink_button()
    assert button["payload"].startswith('/unlink_conversation{"linked_conversation": "')

    turn = await run_in(ActionUnlinkConversation(), SAVED, pressed(button))

    assert turn.texts == ["Klaar. Dat gesprek kan niet meer bij je plan."]
    with storage.session() as session:
        assert plans.plan_for_conversation(session, "vreemd-gesprek") is None
        assert plans.plan_for_conversation(session, OWNER).id == SAVED_PLAN["id"]
    # The unlinked conversation still has the plan in its slot, but gets nothing from it.
    stranger = {"plan_id": SAVED_PLAN["id"]}
    for action, said in (
        (ActionShowPlan(), user("toon mijn plan", "show_plan")),
        (ActionPauseIntake(), user("ik doe later verder", "pause")),
        (ActionNewPlanLink(), user("maak een nieuwe link", "new_plan_link")),
        (ActionExtendPlanLink(), user("verleng mijn link", "extend_plan_link")),
    ):
        turn = await run_in(action, "welcome", said, "vreemd-gesprek", **stranger)
        assert turn.texts == [NO_PLAN], action.name()
        assert turn.slots == {"plan_id": None}, action.name()
    said = user("verder met mijn plan", "resume")
    turn = await run_in(ActionResumeIntake(), "welcome", said, "vreemd-gesprek", **stranger)
    assert turn.responses == ["utter_resume_ask_code"]
    assert turn.slots == {"plan_id": None}
    assert token_now() == SAVED_PLAN["document_token"]


async def test_a_button_is_worthless_in_another_plan():
    await link_stranger()
    button = await unlink_button()
    with storage.session() as session:
        plans.create_plan(session, "ander-plan-gesprek", "v1")

    turn = await run_in(
        ActionUnlinkConversation(), "welcome", pressed(button), "ander-plan-gesprek"
    )

    assert turn.responses == ["utter_nothing_to_unlink"]
    with storage.session() as session:
        assert plans.plan_for_conversation(session, "vreemd-gesprek").id == SAVED_PLAN["id"]


async def test_a_conversation_cannot_unlink_itself():
    await link_stranger()
    own = await unlink_button("vreemd-gesprek")  # the owner's conversation, seen from there
    own_ref = json.loads(own["payload"].removeprefix("/unlink_conversation"))
    mine = plans.conversation_ref(SAVED_PLAN["id"], OWNER)
    said = user(own["payload"].replace(own_ref["linked_conversation"], mine), "unlink_conversation")
    said["parse_data"]["entities"] = [{"entity": "linked_conversation", "value": mine}]

    turn = await run_in(ActionUnlinkConversation(), SAVED, said)

    assert turn.texts == [
        "Dit gesprek kan je niet loskoppelen. Zeg 'vergeet mij' als je alles wil wissen."
    ]
    with storage.session() as session:
        assert plans.plan_for_conversation(session, OWNER).id == SAVED_PLAN["id"]


async def test_typed_unlink_asks_which_conversation():
    await link_stranger()

    turn = await run_in(
        ActionUnlinkConversation(), SAVED, user("koppel een gesprek los", "unlink_conversation")
    )

    assert turn.texts[0].startswith("Welk gesprek wil je loskoppelen?")
    assert "  - gesprek 1: gekoppeld op 2026-11-24 09:30 (dit gesprek)" in turn.texts[0]
    assert turn.buttons == ["Koppel gesprek 2 los"]


async def test_typed_unlink_with_only_this_conversation_says_there_is_nothing():
    turn = await run_in(
        ActionUnlinkConversation(), SAVED, user("koppel een gesprek los", "unlink_conversation")
    )

    assert turn.texts == ["Alleen dit gesprek hoort bij je plan. Er is niets los te koppelen."]


async def test_the_unlink_button_passes_the_slash_message_guard():
    """The payload made by the action gets through bot/slot_guard.py as it is; a forged
    value that no button could send does not."""
    await link_stranger()
    payload = (await unlink_button())["payload"]
    rules = load_rules()

    assert guard(payload, rules) == payload
    forged = '/unlink_conversation{"linked_conversation": "x\' OR 1=1"}'
    assert guard(forged, rules) == "/unlink_conversation"


async def test_an_unlinked_conversation_no_longer_changes_the_plans_answers():
    await link_stranger()
    await run_in(ActionUnlinkConversation(), SAVED, pressed(await unlink_button()))
    said = user("ik wil mijn antwoord over wonen aanpassen", "change_answer")

    # Changing an answer clears it in the plan (actions/intake.py store): not from here.
    turn = await run_in(ActionChangeAnswer(), SAVED, said, "vreemd-gesprek")

    assert turn.texts == [NO_PLAN] and turn.slots == {"plan_id": None}
    assert stored_answers(SAVED_PLAN["id"])["wonen_now"] == "Ik woon bij mijn ouders."
    await run_in(ActionChangeAnswer(), SAVED, said)  # the owner still can
    assert "wonen_now" not in stored_answers(SAVED_PLAN["id"])
