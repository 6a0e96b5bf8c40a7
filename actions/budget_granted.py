"""A person who just got a budget and asks what now gets how to use it; one with a budget
who finds no provider gets who helps with that.

"ik heb een pvb gekregen, wat nu" was answered with what a PVB is (what_is_pvb 0.86), "ons
zoon heeft zijn budget gekregen, hoe begin ik eraan" with how to apply for one
(how_to_apply 0.93) and "het vaph heeft mijn budget ter beschikking gesteld wat nu" was
asked which of two topics it meant. The FAQ topic budget_spending says what comes next:
cash or voucher, and that a budget must be started within its term.
"""

from __future__ import annotations

import re

# The topic that says how to use a budget one has.
BUDGET_TOPIC = "budget_spending"
# Topics such a question was read as that do not say how to use a budget: about getting
# one, or about the VAPH. Another sure topic stays ("ik heb net mijn pvb gekregen, is er
# een organisatie die mij op weg helpt" is assistance_organisation).
READ_AS_BEFORE_THE_BUDGET = frozenset(
    {"what_is_pvf", "what_is_pvb", "how_to_apply", "contact_vaph", "vaph_letter"}
)
# A budget given: "een pvb gekregen", "budget toegekend", "ter beschikking gesteld". Not an
# approved plan ("mijn plan is goedgekeurd"): that is a step before the budget.
GOT_A_BUDGET = re.compile(
    r"\b(?:pvb|budget|persoonsvolgend budget)\b.*"
    r"\b(?:gekregen|toegekend|toegewezen|ter ?beschikking|klaar ?staat|staat klaar)\b"
    r"|\b(?:gekregen|toegekend|toegewezen)\b.*\b(?:pvb|budget)\b",
    re.IGNORECASE,
)
# What now: "wat nu", "hoe nu verder", "hoe begin ik eraan", "wat moeten we doen".
ASKS_WHAT_NOW = re.compile(
    r"\bwat nu\b|\bhoe (?:nu )?verder\b|\bverder\b.*\?|\bhoe (?:moet|moeten|kan|kunnen) "
    r"(?:ik|we|wij|ge|je) (?:nu )?verder\b|\bhoe begin\w*\b|\bbeginnen\b|\bstarten\b"
    r"|\bopstarten\b|\bwat (?:moet|moeten|doe|doen) (?:ik|we|wij|ge|je)\b"
    r"|\bvolgende stap\w*\b|\bhoe gebruik\w*\b",
    re.IGNORECASE,
)


# "ik heb nog geen budget gekregen": still waiting, a question about the waiting time.
NOT_YET = re.compile(
    r"\bnog (?:geen|niet|altijd niet)\b|\bnooit\b|\bgeen (?:pvb|budget)\b"
    r"|\bniet (?:gekregen|toegekend|toegewezen)\b",
    re.IGNORECASE,
)


def asks_what_now_with_a_budget(text: str, topic: str | None) -> bool:
    """Whether `text` says a budget was given and asks what now, and its sure `topic` (None:
    unsure) is none that says how to use it."""
    return (
        (topic is None or topic in READ_AS_BEFORE_THE_BUDGET)
        and GOT_A_BUDGET.search(text) is not None
        and ASKS_WHAT_NOW.search(text) is not None
        and NOT_YET.search(text) is None
    )


# The topic that says who helps a budget holder find and organise support.
ASSISTANCE_TOPIC = "assistance_organisation"
_HAS_A_BUDGET = re.compile(r"\b(?:pvb|persoonsvolgend budget|budget)\b", re.IGNORECASE)
# "vindt geen plaats", "we vinden nergens een voorziening", "geen aanbieder gevonden".
_NO_PROVIDER_FOUND = re.compile(
    r"\b(?:vind|vindt|vinden|gevonden|zoek|zoekt|zoeken)\b(?:\s+\w+){0,2}?"
    r"\s+(?:geen|nergens|niks|niets)\b(?:\s+\w+){0,2}?\s+(?:plaats|plek|plekje|aanbieder\w*"
    r"|zorgaanbieder\w*|voorziening\w*|begeleid\w*|opvang|dagcentr\w*|woonplek\w*|hulp)\b"
    r"|\b(?:geen|nergens)\s+(?:een\s+)?(?:plaats|plek|aanbieder\w*|voorziening\w*)\b"
    r"(?:\s+\w+){0,3}?\s+(?:gevonden|vinden|te vinden)\b",
    re.IGNORECASE,
)
# No budget yet: "nog geen pvb", "het budget is niet toegekend".
_NO_BUDGET_YET = re.compile(
    r"\bgeen\s+(?:pvb|budget)\b|\bnog\s+niet\b.*\b(?:pvb|budget)\b"
    r"|\bniet\s+(?:gekregen|toegekend|toegewezen)\b",
    re.IGNORECASE,
)


def finds_no_provider_with_a_budget(text: str, topic: str | None) -> bool:
    """Whether `text` says the person has a budget but finds no provider or place ("mijn
    zoon heeft een pvb maar vindt geen plaats": a bijstandsorganisatie helps with that), and
    its sure `topic` (None: unsure) is none that answers it. "... nog geen voorziening
    gevonden, hoelang hebben we om te beginnen" is budget_spending, and stays."""
    return (
        (topic is None or topic in READ_AS_BEFORE_THE_BUDGET)
        and _HAS_A_BUDGET.search(text) is not None
        and _NO_PROVIDER_FOUND.search(text) is not None
        and _NO_BUDGET_YET.search(text) is None
    )
