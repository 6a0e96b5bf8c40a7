"""Help without a budget: the answer about rechtstreeks toegankelijke hulp (RTH).

"ist mogelijk om hulp te krijgen zonder pvb" and "kan ik hulp krijgen zonder budget" got the
answer about a budget granted without waiting (automatic_grant 0.85 / 0.79 on the model of
2026-12-07, AMD host), "welke hulp is er zonder pvb" the one about the PVB itself
(what_is_pvb 0.78). The answer about RTH says it: limited help, asked of no one at the VAPH,
with no recognition needed (knowledge/data/faq.yml, topic `what_is_rth`). "zonder wachten"
and "zonder prioriteitengroep" still ask about a budget granted without waiting.

Plain Python without Rasa, read by actions/faq.py (the FAQ action and the fallback).
"""

from __future__ import annotations

import re

RTH_TOPIC = "what_is_rth"
# The readings that answer another question than the one asked.
_READ_AS = (None, "automatic_grant", "what_is_pvb")

WITHOUT_A_BUDGET = re.compile(
    r"\bzonder\s+(?:een\s+|ne\s+|mijn\s+|m'n\s+|zo'?n\s+)?(?:pvb|budget\w*|persoonsvolgend)\b",
    re.IGNORECASE,
)


def help_without_budget_topic(text: str, read_as: str | None) -> str | None:
    """`what_is_rth` when `text` asks for help without a budget and the selector read it
    as `read_as`, one of the topics that answer something else (or none); else None."""
    if read_as not in _READ_AS or WITHOUT_A_BUDGET.search(text) is None:
        return None
    return RTH_TOPIC
