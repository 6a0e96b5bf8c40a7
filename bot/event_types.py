"""Rasa's event types looked up once per type name, not once per event.

Rasa 3.6 turns each stored or received event (a dict with an "event" key) into its class
with `Event.resolve_by_type`, which walks every subclass of `Event` recursively and asks
`inspect.isabstract` of each, for every event. Loading a conversation of 15 turns from the
tracker store does that walk about 600 times; in a profile of the tracker store it was
almost half of the time spent loading a conversation (docs/profiling.md, "The tracker
store").

`install()` runs in the Rasa server before Rasa starts (bot/rasa_server.py) and puts a
lookup in front of Rasa's: the class Rasa's own walk found for a type name is kept and
returned the next time. Unknown names and the default Rasa falls back to are not kept, so
they behave exactly as before. The event classes are all defined when Rasa's modules are
imported, before the first message; the classes found do not change after that.
"""

from __future__ import annotations

from typing import Any

_found: dict[str, type] = {}


def _resolving(original: Any) -> Any:
    def resolve_by_type(type_name: str, default: type | None = None) -> type | None:
        found = _found.get(type_name)
        if found is not None:
            return found
        resolved = original(type_name, default)
        if resolved is not None and resolved is not default:
            _found[type_name] = resolved
        return resolved

    resolve_by_type.wegwijzer_original = original  # type: ignore[attr-defined]
    return resolve_by_type


def install() -> None:
    """Make `Event.resolve_by_type` remember the class found for each type name."""
    from rasa.shared.core.events import Event

    current = Event.__dict__["resolve_by_type"].__func__
    if hasattr(current, "wegwijzer_original"):
        return
    Event.resolve_by_type = staticmethod(_resolving(current))
