"""The plan's limits in the intake: at most 20 network members, names of at most 100
characters, answers of at most 4000. What is too much is cut with a kind message, and
nothing told before is lost."""

from __future__ import annotations

from actions.intake import ValidateIntakeForm
from actions.intake_answers import MAX_MEMBER_NAME_CHARS, MAX_NETWORK_MEMBERS
from bot.storage import db as storage
from bot.storage import plans
from tests.actions.conftest import Turn, load_tracker, run_action, saved_state, stored_answers, user

PLAN_ID = saved_state("intake_asks_member_name")["stored_plan"]["id"]


async def answer(saved: str, said: dict, **slots) -> Turn:
    return await run_action(
        ValidateIntakeForm(), load_tracker(saved, said, extracted={}, slots=slots)
    )


def typed(text: str) -> dict:
    return user(text, "inform")


def store_members(plan_id: str, numbers: range) -> None:
    with storage.session() as session:
        for number in numbers:
            for field in plans.NETWORK_FIELDS:
                plans.save_answer(
                    session, plan_id, f"network.{number}.{field}", f"{field} {number}"
                )


def test_the_limits_are_the_ones_the_messages_name():
    assert (MAX_NETWORK_MEMBERS, MAX_MEMBER_NAME_CHARS, plans.MAX_ANSWER_CHARS) == (20, 100, 4000)


async def test_a_very_long_member_name_is_cut_the_user_is_told_and_the_story_stays():
    name = "Annemarie" * 134  # 1206 characters without a space

    turn = await answer("intake_asks_member_name", typed(name))

    assert turn.texts == [
        "Dat is een lange naam. Ik bewaar de eerste 100 tekens, en je kan die later aanpassen."
    ]
    assert turn.slots == {"member_name": name[:100], "requested_slot": "member_relation"}
    stored = stored_answers(PLAN_ID)
    assert stored["network.1.name"] == name[:100]
    assert stored["strengths"] == "Ik ben goed met dieren en ik teken graag."


async def test_a_name_of_exactly_100_characters_is_kept_without_a_message():
    name = ("Annemarie-Louise " * 6)[:100]  # six long words

    turn = await answer("intake_asks_member_name", typed(name))

    assert turn.texts == []
    assert turn.slots["member_name"] == name.strip()


async def test_yes_after_the_twentieth_member_says_the_plan_is_full_and_keeps_all_twenty():
    tracker = load_tracker(
        "intake_asks_story_confirmed",
        user("ja", "affirm"),
        extracted={},
        slots={"requested_slot": "member_more", "member_more": None, "network_count": 19.0},
    )
    store_members(PLAN_ID, range(2, 21))

    turn = await run_action(ValidateIntakeForm(), tracker)

    assert turn.texts == [
        "Het plan heeft plaats voor 20 mensen. Ik bewaar de eerste 20 en we gaan verder.",
        "Nu praten we over de delen die je koos, een voor een.",
    ]
    assert turn.slots == {
        "member_more": "nee",
        "network_count": 20.0,
        "requested_slot": "wonen_now",
    }
    members = plans.network_members(stored_answers(PLAN_ID))
    assert len(members) == 20
    assert members[0]["name"] == "Ann" and members[19]["name"] == "name 20"


async def test_yes_after_the_nineteenth_member_still_asks_for_the_next_one():
    turn = await answer(
        "intake_asks_story_confirmed",
        user("ja", "affirm"),
        requested_slot="member_more",
        member_more=None,
        network_count=18.0,
    )

    assert turn.texts == []
    assert turn.slots["network_count"] == 19.0
    assert turn.slots["requested_slot"] == "member_name"


async def test_no_member_beyond_the_twentieth_is_ever_stored():
    """Even when a conversation got past the limit (an older plan, a forged slot)."""
    await answer("intake_asks_member_name", typed("Jef"), network_count=20.0)

    assert not any(key.startswith("network.21.") for key in stored_answers(PLAN_ID))


async def test_a_long_answer_about_a_member_is_cut_at_4000_characters():
    text = "Ze helpt mij met alles. " * 200  # 4800 characters

    turn = await answer(
        "intake_asks_story_confirmed",
        typed(text),
        requested_slot="member_does",
        member_does=None,
        network_count=0.0,
    )

    assert turn.texts == [
        "Dat is een lang antwoord, ik bewaar de eerste 4000 tekens. Je kan het later aanpassen."
    ]
    assert len(turn.slots["member_does"]) == 4000
    assert len(stored_answers(PLAN_ID)["network.1.does_now"]) == 4000


async def test_a_button_payload_with_a_huge_value_is_cut_too():
    huge = "x" * 10_000
    said = user(f'/inform{{"choice": "{huge}"}}', "inform", {"choice": huge})

    turn = await answer(
        "intake_asks_plan_confirmed", said, requested_slot="wonen_often", wonen_often=None
    )

    assert len(turn.slots["wonen_often"]) == plans.MAX_ANSWER_CHARS
