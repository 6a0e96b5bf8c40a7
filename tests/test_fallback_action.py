"""action_fallback: explain first, offer a human after the second miss in a row."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionFallback


def user(text: str, intent: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def action(name: str) -> dict:
    return {"event": "action", "name": name}


def tracker_with(events: list[dict]) -> Tracker:
    return Tracker(
        sender_id="test",
        slots={"reading_level": "gewoon"},
        latest_message=next(
            (e["parse_data"] for e in reversed(events) if e["event"] == "user"), {}
        ),
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )


async def run_fallback(events: list[dict]) -> tuple[list[str], list[dict]]:
    dispatcher = CollectingDispatcher()
    returned = await ActionFallback().run(dispatcher, tracker_with(events), domain={})
    return [message["response"] for message in dispatcher.messages], returned


async def test_first_miss_explains_and_reverts_the_message():
    responses, events = await run_fallback([action("action_listen"), user("qzxv", "nlu_fallback")])

    assert responses == ["utter_fallback"]
    assert events == [{"event": "rewind", "timestamp": None}]


async def test_second_miss_in_a_row_offers_a_human():
    responses, _ = await run_fallback(
        [
            action("action_listen"),
            user("qzxv", "nlu_fallback"),
            action("action_fallback"),
            {"event": "rewind"},
            action("action_listen"),
            user("sdfkj", "gibberish"),
        ]
    )

    assert responses == ["utter_fallback_offer_human"]


async def test_a_miss_after_an_understood_message_starts_counting_again():
    responses, _ = await run_fallback(
        [
            user("qzxv", "nlu_fallback"),
            action("action_fallback"),
            action("action_listen"),
            user("wat kan je", "ask_capabilities"),
            action("utter_capabilities"),
            action("action_listen"),
            user("sdfkj", "nlu_fallback"),
        ]
    )

    assert responses == ["utter_fallback"]
