"""Asked whether this is the VAPH: the answer about reaching the VAPH, its line saying that
Wegwijzer is not the VAPH first.

"goeiendag, is dit de vaph?" fell back ("Sorry, dat heb ik niet goed begrepen"; privacy
under it) and "is dit het vaph" got "which of these topics?" (privacy, contact_vaph) on the
model of 2026-12-07. The answer about reaching the VAPH says it (knowledge/data/faq.yml,
topic `contact_vaph`): Wegwijzer is not the VAPH, and how to reach the VAPH.

Plain Python without Rasa, read by actions/faq.py (the FAQ action and the fallback).
"""

from __future__ import annotations

import re

from actions.answer_lines import lines_first

CONTACT_VAPH = "contact_vaph"

_VAPH = r"(?:de\s+|het\s+|den\s+)?vaph\b"
ASKS_IF_THIS_IS_THE_VAPH = re.compile(
    # "is dit de vaph", "is da het vaph", "is deze chat van het vaph"
    rf"\bis\s+(?:dit|dat|da|deze\s+chat|deze\s+site)\s+(?:ook\s+)?(?:van\s+)?{_VAPH}"
    # "ben ik bij het vaph", "zit ik hier bij het vaph"
    rf"|\b(?:ben|zit)\s+ik\s+(?:hier\s+)?(?:bij|op)\s+{_VAPH}"
    # "spreek ik met het vaph", "praat ik met iemand van het vaph"
    rf"|\b(?:spreek|praat|chat)\s+ik\s+(?:hier\s+)?met\s+(?:iemand\s+van\s+)?{_VAPH}"
    # "zijt gij van het vaph", "ben jij het vaph", "bent u van het vaph"
    rf"|\b(?:zijt\s+gij|zijde|ben\s+jij|ben\s+je|bent\s+u|zijn\s+jullie)\s+(?:van\s+)?{_VAPH}",
    re.IGNORECASE,
)
# The answer's lines that say Wegwijzer is not the VAPH.
_NOT_THE_VAPH = re.compile(r"\bniet het VAPH\b", re.IGNORECASE)


def asks_if_this_is_the_vaph(text: str) -> bool:
    """ "is dit de vaph?", "ben ik bij het vaph"; not "ben ik erkend door het vaph"."""
    return ASKS_IF_THIS_IS_THE_VAPH.search(text) is not None


def not_the_vaph_first(answer: str, question: str) -> str:
    """The answer with its line saying Wegwijzer is not the VAPH first, when `question` asks
    whether this is the VAPH; otherwise the answer as it is."""
    if not asks_if_this_is_the_vaph(question):
        return answer
    return lines_first(answer, lambda line: _NOT_THE_VAPH.search(line) is not None)
