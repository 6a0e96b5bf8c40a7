"""Find figures typed straight into a bot text instead of being filled in from a record.

Every fact the assistant tells comes from a record in knowledge/data/ (issue 15): an FAQ
text says `{PVB.min_age} jaar`, never `17 jaar`, and a response in domain.yml gets its
figures through a `{slot}`. `literal_facts(text)` removes those placeholders and returns
what still looks like a fact:

- any run of digits, with the separators inside it: "65", "2,5", "10.000", "02 553 46 90",
  "6/57", together with a unit word right after it ("65 jaar", "300 euro");
- the euro sign, with the amount after it ("€300", "€ 1.800", or a bare "€");
- a Dutch number written out, from "twee" upward, followed by a unit ("vier maanden",
  "twaalf weken", "vijfenzestig jaar"); "een" is left alone ("een budget", "een jaar");
- a month name, with the day before it and the year after it when there are any
  ("1 januari", "februari 2023"): a date.

It looks at the words only, not at what they mean: "Kies 1 of 2" is found too. A text that
must say such a thing literally needs a stated exception where the text is checked.
"""

from __future__ import annotations

import re

__all__ = ["literal_facts", "without_placeholders"]

# `{PVB.min_age}` in knowledge/data/faq.yml, `{crisis_lines}` in domain.yml responses.
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

UNITS = (
    "jaar jaren maand maanden week weken dag dagen werkdag werkdagen nacht nachten uur uren "
    "euro procent punt punten"
).split()

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()

# Parts of written-out numbers: "vijf", "en", "zestig" make "vijfenzestig".
_NUMBER_PARTS = (
    "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
    "zestien zeventien achttien negentien twintig dertig veertig vijftig zestig zeventig "
    "tachtig negentig honderd duizend"
).split()

_UNIT = r"(?:" + "|".join(UNITS) + r")\b"
_PART = r"(?:" + "|".join(_NUMBER_PARTS) + r")"
# One or more number parts, optionally joined by "en"/"ën", ending in a part: not "een".
_WORD_NUMBER = rf"\b(?!een\b){_PART}(?:(?:en|ën)?{_PART})*"
# Digits with the separators used inside one figure (one space, never a line break).
_DIGITS = r"\d+(?:[.,/]\d+| \d+)*"

_FACT = re.compile(
    "|".join(
        (
            rf"(?:\d{{1,2}} )?\b(?:{'|'.join(MONTHS)})\b(?: \d{{4}})?",  # a date
            rf"€ ?(?:{_DIGITS})?",  # an amount of money
            rf"{_DIGITS}(?: {_UNIT})?",  # a figure, with its unit when there is one
            rf"{_WORD_NUMBER} {_UNIT}",  # a written-out number with its unit
        )
    ),
    re.IGNORECASE,
)


def without_placeholders(text: str) -> str:
    """`text` with every `{...}` placeholder replaced by a space."""
    return PLACEHOLDER.sub(" ", text)


def literal_facts(text: str) -> list[str]:
    """The figure-like facts typed into `text` itself (placeholders do not count), in order.

    >>> literal_facts("Vanaf {PVB.min_age} jaar, voor je 65 jaar bent; bel 02 553 46 90.")
    ['65 jaar', '02 553 46 90']
    """
    plain = re.sub(r"[^\S\n]+", " ", without_placeholders(text))  # keeps line breaks
    return [match.group().strip() for match in _FACT.finditer(plain)]
