"""Help asked with the application: the answer about how to apply for a PVB, which says who
helps with it (a Dienst Ondersteuningsplan, the ziekenfonds, a gebruikersvereniging).

"kunt ge mij helpen met de aanvraag" fell back and got "Ik help je graag. Stel je vraag in je
eigen woorden" (nlu_fallback 0.60, how_to_apply 0.18 under it), and "help mij met de
aanvraag" got "which of these topics?" (how_to_apply 0.45) on the model of 2026-12-07.

Plain Python without Rasa, read by actions/faq.py (the FAQ action and the fallback).
"""

from __future__ import annotations

import re

HOW_TO_APPLY = "how_to_apply"

# "help mij met de aanvraag", "kunt ge ons helpen bij mijn aanvraag", "hulp bij de aanvraag".
# Not "meer hulp nodig dan bij zijn aanvraag" (a herziening).
HELP_WITH_APPLYING = re.compile(
    r"\b(?:help\w*|hulp(?:\s+nodig)?)(?:\s+(?:mij|me|ons|jou|u|je))?\s+(?:met|bij)\s+"
    r"(?:de|mijn|m'n|ons|onze|zijn|haar|een|die|da|dat)\s+aanvra(?:ag|gen)\b",
    re.IGNORECASE,
)


def help_applying_topic(text: str, read_as: str | None) -> str | None:
    """`how_to_apply` when `text` asks for help with the application and no topic was read
    (`read_as` None); else None."""
    if read_as is not None or HELP_WITH_APPLYING.search(text) is None:
        return None
    return HOW_TO_APPLY
