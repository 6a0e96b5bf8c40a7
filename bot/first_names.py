"""A person's first name in a message, read by rule ("de mama van Lotte", "mijn broer Jens").

DIET learned `first_name` from a few examples and finds it in only some messages; these
rules read the usual forms, always with a capital, as people write a name:
- after "van" or "voor", maybe with "mijn"/"ons" and a word between: "voor mijn zoon Jens";
- after a relation word with "mijn"/"ons"/"onze": "ons dochter Mira";
- before "haar"/"zijn" and a word, the Flemish possessive: "ik ben Fleur haar mama";
- after "hij/ze heet" or "zijn/haar naam is": "hij heet Bram".
The first word of a message is never taken: it has a capital anyway.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_NAME = r"([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)"
_PATTERNS = (
    re.compile(r"\b(?:van|voor)\s+(?:(?:mijn|m'n|onze|ons|de|het)\s+)?(?:[a-z]+\s+)?" + _NAME),
    re.compile(r"\b(?:mijn|m'n|onze|ons|mijne)\s+[a-z]+\s+" + _NAME),
    re.compile(_NAME + r"\s+(?:haar|zijn|z'n|d'r)\s+[a-z]+"),
    re.compile(r"\b(?i:(?:hij|ze|zij|die)\s+heet|(?:zijn|haar|z'n|d'r)\s+naam\s+is)\s+" + _NAME),
)
# Capitalised words that are no first name in these positions.
_NOT_NAMES = frozenset(
    {"vlaanderen", "brussel", "belgie", "belgië", "vaph", "pvb", "bob", "rth", "pvf", "ik"}
)


def find_first_name(
    text: str, taken: Sequence[tuple[int, int]] = ()
) -> tuple[str, int, int] | None:
    """(name, start, end) of the first name in `text`, or None.

    `taken` are spans other entities already hold (a municipality "van Gent")."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text or ""):
            start, end = match.span(1)
            name = match.group(1)
            if start == 0 or name.lower() in _NOT_NAMES:
                continue
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            return name, start, end
    return None
