"""Turning 18: the answer about children and young people, its lines about the PVB first.

"ik heb een dochter met down en ze wordt 18 volgend jaar wa moet ik regelen" got "Ik weet
niet zeker wat je bedoelt" on the model of 2026-12-07 (no FAQ topic sure; the answer about
children and young people was the first option). That answer says what changes: a
persoonsvolgend budget (PVB) is asked from 17, and how the support of an MFC or a PAB goes
on into a PVB (knowledge/data/faq.yml, topic `minors`).

Plain Python without Rasa, read by actions/faq.py (the FAQ action and the fallback).
"""

from __future__ import annotations

import re

from actions.answer_lines import lines_first

MINORS_TOPIC = "minors"

_BECOMES = r"(?:wordt|word|worden|werd)"
_EIGHTEEN = r"(?:18|achttien)"
# "ze wordt 18 volgend jaar", "als hij 18 wordt", "wanneer ze meerderjarig wordt"; not "ze is 18".
TURNS_ADULT = re.compile(
    rf"\b{_BECOMES}\b(?:\s+\w+){{0,3}}?\s+{_EIGHTEEN}\b|\b{_EIGHTEEN}\s+{_BECOMES}\b"
    r"|\bmeerderjarig(?:heid)?\b",
    re.IGNORECASE,
)
# The lines of the gewoon answer about the PVB (from 17; the MFC and the PAB that go on).
_PVB_LINE = re.compile(r"\(PVB\)|\bPVB\b", re.IGNORECASE)


def turning_adult_topic(text: str) -> str | None:
    """The topic `minors` when `text` tells of someone turning 18; else None."""
    return MINORS_TOPIC if TURNS_ADULT.search(text) else None


def pvb_lines_first(answer: str, question: str, topic: str, level: str) -> str:
    """The gewoon answer about children and young people with its lines about the PVB first,
    when `question` tells of someone turning 18. The eenvoudig answer stays as it is: its
    line about the PVB is explained by the lines after it."""
    if topic != MINORS_TOPIC or level != "gewoon" or not TURNS_ADULT.search(question):
        return answer
    return lines_first(answer, lambda line: _PVB_LINE.search(line) is not None)
