"""The shape of a value a button may send in its payload, shared by the guard that reads
typed payloads (bot/slot_guard.py) and the actions that make buttons with entities."""

from __future__ import annotations

import re

# A word, a code or a range, at most 64 characters.
SAFE_VALUE = re.compile(r"^[^\W_](?:[\w-]{0,62}[^\W_])?$")
