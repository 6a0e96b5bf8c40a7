"""A carer who died ("mijn ma is gestorven en nu weet ik niet hoe het verder moet met mijn
broer") gets a word for the loss, then the answer about the noodprocedure.

That message was read as a FAQ question no topic was sure of (the selector's best,
when_carers_stop, at 0.20 on the model of 2026-12-06), and the person was asked which of
two topics they meant. The vetted facts name care by the network that falls away
suddenly, by an unexpected acute event, as the first ground of the noodprocedure
(shared/domain/brief.md, the noodprocedure PVB); the answer about it says that the VAPH
decides and where to ask. when_carers_stop is about worrying for later, which no longer
fits.

Only a death told as having happened, of a parent or partner, or of someone who cared:
"als mijn zoon overlijdt, wat met zijn budget" asks about something else.

Plain Python without Rasa, read by actions/faq.py.
"""

from __future__ import annotations

import re

EMERGENCY_TOPIC = "emergency_procedure"
# Said before the answer: "Wat erg dat je dit meemaakt."
SORRY_FOR_THE_LOSS = "utter_sorry_for_the_loss"

DIED = re.compile(
    r"\b(?:is|zijn)\s+(?:\w+\s+){0,2}(?:gestorven|overleden|dood)\b|\boverleed\b|\bstierf\b",
    re.IGNORECASE,
)
# Who cared: a parent or a partner ("mijn ma", "ons vader", "mijn man"), or "die zorgde".
CARER = re.compile(
    r"\b(?:mijn|mijne|m'n|ons|onze|haar|zijn)\s+"
    r"(?:ma|pa|mama|papa|moeder|vader|moeke|vake|ouders?|man|vrouw|partner|echtgeno\w+)\b"
    r"|\bzorgde\b|\bverzorgde\b|\bmantelzorg\w*",
    re.IGNORECASE,
)


def loss_of_care_topic(text: str) -> str | None:
    """EMERGENCY_TOPIC when `text` tells that a carer died; else None."""
    return EMERGENCY_TOPIC if DIED.search(text) and CARER.search(text) else None
