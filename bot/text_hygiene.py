"""Clean text at the edge, before it reaches Rasa, the database or a document.

Removed: control characters (except line breaks and tabs), lone surrogates (which
PostgreSQL and UTF-8 cannot store), and the invisible direction controls (U+202A-U+202E,
U+2066-U+2069, U+200E/U+200F) that can make text read differently from what it is
(a right-to-left override). Everything else, emoji and accents included, stays.
"""

from __future__ import annotations

import re

# The longest message taken at the edge (the web app and Rasa's REST channel): longer
# ones are refused (413) before they reach the NLU pipeline, which would spend minutes
# and gigabytes on 100 kB of words.
MAX_MESSAGE_CHARS = 5000

_UNWANTED = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"  # C0 controls and DEL (not \t, \n, \r)
    "\x80-\x9f"  # C1 controls
    "\u200e\u200f\u202a-\u202e\u2066-\u2069"  # direction marks, embeddings, overrides
    "\ud800-\udfff"  # lone surrogates (a valid str never holds a pair)
    "\ufeff"  # byte order mark / zero-width no-break space
    "]"
)


def clean_text(text: str) -> str:
    """`text` without control characters, lone surrogates and direction overrides; "\\r\\n"
    and "\\r" become "\\n"."""
    return _UNWANTED.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
