"""Rasa's event classes looked up once per type name (bot/event_types.py) give the same
conversations as Rasa's own lookup."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from bot import event_types


@pytest.fixture(autouse=True)
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Event, "resolve_by_type", Event.__dict__["resolve_by_type"])
    monkeypatch.setattr(event_types, "_found", {})
    event_types.install()


def original(type_name: str, default: type | None = None) -> type | None:
    return Event.resolve_by_type.wegwijzer_original(type_name, default)


def test_every_event_type_resolves_to_the_class_rasa_finds():
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert len(names) > 20
    for _ in range(2):  # the second time from what was kept
        for name in names:
            assert Event.resolve_by_type(name) is original(name)


def test_an_unknown_type_is_refused_as_before_and_a_default_is_not_kept():
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("geen_event")
    assert Event.resolve_by_type("geen_event", SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("geen_event")


def test_installing_twice_wraps_once():
    event_types.install()
    assert Event.resolve_by_type.wegwijzer_original.__name__ == "resolve_by_type"
    assert not hasattr(Event.resolve_by_type.wegwijzer_original, "wegwijzer_original")


def test_a_stored_conversation_reads_back_the_same():
    tracker = DialogueStateTracker.from_events(
        "gesprek",
        [
            ActionExecuted("action_listen"),
            UserUttered("ik zoek een dagcentrum", {"name": "search_provider", "confidence": 1}),
            SlotSet("support_type", "dagondersteuning"),
            BotUttered("Waar zoek je hulp?"),
        ],
    )
    stored = [event.as_dict() for event in tracker.events]

    read_back = DialogueStateTracker.from_dict("gesprek", stored)

    assert list(read_back.events) == list(tracker.events)
