"""A person's first name in a message, read by rule ("de mama van Lotte", "mijn broer Jens").

DIET learned `first_name` from a few examples and finds it in only some messages; these
rules read the usual forms, always with a capital, as people write a name:
- after "van" or "voor", maybe with "mijn"/"ons" and a word between: "voor mijn zoon Jens";
- after a relation word with "mijn"/"ons"/"onze": "ons dochter Mira";
- before "haar"/"zijn" and a word, the Flemish possessive: "ik ben Fleur haar mama";
- after "hij/ze heet" or "zijn/haar naam is": "hij heet Bram".
The first word of a message is never taken: it has a capital anyway.

One form is read without a capital, because people type it so and it leaves no doubt: a
relation word, "van" and one word that ends the sentence ("ik ben de papa van lotte", "de
mama van lotte en ze is 15"), unless that word is a pronoun, a number or an article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.ages import NUMBER_WORDS
from bot.relation_words import RELATION_WORDS

_NAME = r"([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)"
_PATTERNS = (
    re.compile(r"\b(?:van|voor)\s+(?:(?:mijn|m'n|onze|ons|de|het)\s+)?(?:[a-z]+\s+)?" + _NAME),
    re.compile(r"\b(?:mijn|m'n|onze|ons|mijne)\s+[a-z]+\s+" + _NAME),
    re.compile(_NAME + r"\s+(?:haar|zijn|z'n|d'r)\s+[a-z]+"),
    re.compile(r"\b(?i:(?:hij|ze|zij|die)\s+heet|(?:zijn|haar|z'n|d'r)\s+naam\s+is)\s+" + _NAME),
)
# "de papa van lotte": a relation word, "van", one lower-case word ending the sentence.
_RELATIONS = "|".join(
    sorted({word for words in RELATION_WORDS.values() for word in words} | {"ma", "pa"})
)
_LOWER_CASE_NAME = re.compile(
    rf"\b(?:{_RELATIONS})\s+van\s+([a-zà-ÿ]{{2,}}(?:-[a-zà-ÿ]+)?)\s*(?=$|[,.!?;]|\s+en\b)"
)
# Words after "de mama van" that are no name: pronouns, articles, numbers ("mijn zoon van
# achttien" is an age).
_NOT_LOWER_CASE_NAMES = frozenset(
    "hem haar mij me mijn ons onze jullie hun die dat deze dit een de het zijn iedereen "
    "niemand iemand allemaal alle".split()
) | frozenset(NUMBER_WORDS)
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
    for match in _LOWER_CASE_NAME.finditer(text or ""):
        start, end = match.span(1)
        name = match.group(1)
        if name in _NOT_LOWER_CASE_NAMES or name in _NOT_NAMES:
            continue
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        return "-".join(part.capitalize() for part in name.split("-")), start, end
    return None
