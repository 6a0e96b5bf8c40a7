"""What the phrase rules beside the classifier (bot/skip_phrases.py, bot/closing_phrases.py)
read of a typed message: its words in lower case, with punctuation as spaces."""

from __future__ import annotations

import re


def typed_words(text: str) -> str | None:
    """The words of `text` ("Tot ziens!!" -> "tot ziens  "); None for a button's payload
    ("/skip"), which says what it means and is never read as a phrase."""
    if text.lstrip().startswith("/"):
        return None
    return re.sub(r"[^\w' ]+", " ", text.lower())
