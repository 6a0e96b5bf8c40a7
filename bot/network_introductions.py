"""Is a message only a network member introducing themself: "ik ben de mama van Olivia",
"'k ben de broer van Seppe", "ik ben Fleur haar papa"?

The classifier reads such a message by its name as well: on the model of 2026-12-02 "ik ben
de mama van Olivia" was out_of_scope (0.88) and "ik ben de papa van Kevin" inform (0.99),
where Lotte, Emma or Jonas gave identify_as_network (1.0). The words around the name decide
here, not the name. Only the whole message counts: anything more ("…, hij is 19 en heeft
autisme") is left to the classifier and the fallback (actions/facts_told.py).
"""

from __future__ import annotations

import re

from bot.relation_words import RELATION_WORDS
from knowledge.reference import fold

_RELATION = "|".join(sorted({w for words in RELATION_WORDS.values() for w in words}, key=len)[::-1])
_SPEAKER = r"(?:ik ben|'?k ben|kben|ik ben hier|wij zijn|we zijn)"
_NAME = r"[a-z][a-z'-]*"
_INTRODUCTION = re.compile(
    rf"^{_SPEAKER}\s+(?:(?:de|den|d'|het|zijn|haar|hun|ne|een)\s+)?(?:{_RELATION})\s+"
    rf"(?:van|voor)\s+{_NAME}"
    rf"|^{_SPEAKER}\s+{_NAME}\s+(?:haar|zijn|z'n|d'r|hare|zijne)\s+(?:{_RELATION})"
)


def is_network_introduction(text: str) -> bool:
    """True for a message that only says whose relation the writer is."""
    folded = re.sub(r"[\s.!,]+$", "", fold(text or ""))
    match = _INTRODUCTION.match(folded)
    return match is not None and match.end() == len(folded)
