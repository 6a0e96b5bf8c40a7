"""A complaint about one's help or about the VAPH gets the answer that says where it goes.

"ik heb een klacht over mijn begeleider" fell back ("Sorry, dat heb ik niet goed begrepen";
the FAQ selector's best topic change_provider at 0.74, under the fallback). Two FAQ answers
say what to do (knowledge/data/faq.yml, from the vetted facts of shared/domain/brief.md
§5.9): change_provider (change the agreement, a bijstandsorganisatie mediates a short
dispute, intensive mediation at the VAPH, the VAPH's klachtendienst) for the help one gets,
contact_vaph (the klachtendienst's phone and e-mail, then the Vlaamse Ombudsdienst) for the
VAPH itself. A complaint about Wegwijzer is none of these: it is left to the other answers.

Plain Python without Rasa, read by actions/faq.py (the FAQ action and the fallback).
"""

from __future__ import annotations

import re

from bot.complaint_words import COMPLAINS

ABOUT_HELP = "change_provider"
ABOUT_THE_VAPH = "contact_vaph"
# The bijstandsorganisatie mediates a short dispute: its answer, when sure, stays.
ASSISTANCE = "assistance_organisation"

# The VAPH, or what it decides ("een klacht over de beslissing over mijn budget").
VAPH = re.compile(
    r"\bvaph\b|\bagentschap\b|\bvtc\b|\btoeleidingscommissie\b|\bpvb\b|\bbudget\b"
    r"|\bbeslissing\b|\berkenning\b",
    re.IGNORECASE,
)
# Wegwijzer itself, or the answer just given ("ik ben niet tevreden over dit antwoord").
WEGWIJZER = re.compile(
    r"\bwegwijzer\b|\b(?:jullie|jou|jij|u)\b|\b(?:deze|die|de|dit|dat|uw|je)\s+"
    r"(?:chat|chatbot|bot|robot|gesprek|antwoord|uitleg)\b",
    re.IGNORECASE,
)


# One's own help: a support worker, a provider, a day centre, a group home.
OWN_HELP = re.compile(
    r"\b(?:mijn|mijne|mijnen|m'n|ons|onze|zijn|haar|hun|de|die|een\s+andere?)\s+"
    r"(?:\w+\s+)?(?:begeleid(?:er|ster|ing)|thuisbegeleid\w*|voorziening|zorgaanbieder"
    r"|aanbieder|dagcentrum|dagbesteding|instelling|leefgroep|organisatie|opvoeder\w*)\b",
    re.IGNORECASE,
)
# Leaving it or wanting another: "ontslaan", "weg bij", "een andere", "stoppen bij".
LEAVES = re.compile(
    r"\bontslaan\b|\bweg\s+(?:bij|van|uit)\b|\been\s+andere?\b|\bstoppen\s+(?:bij|met)\b"
    r"|\bveranderen\s+van\b|\bwisselen\s+van\b|\bopzeggen\b|\bbuiten\s?(?:zetten|gooien)\b",
    re.IGNORECASE,
)


def complaint_topic(text: str, sure_topic: str | None = None) -> str | None:
    """The FAQ topic that says where the complaint in `text` goes; None when `text` makes
    no complaint or complains about Wegwijzer. A complaint about one's help that the
    selector is sure is about the bijstandsorganisatie (`sure_topic`) keeps that answer."""
    if not COMPLAINS.search(text) or WEGWIJZER.search(text):
        return None
    if VAPH.search(text):
        return ABOUT_THE_VAPH
    return None if sure_topic == ASSISTANCE else ABOUT_HELP


# A problem with one's help, told without the word complaint: "mijn begeleider is altijd te
# laat" (out_of_scope on the model of 2026-12-07: "Daar kan ik je helaas niet mee helpen").
# Not violence or abuse: the crisis signals answer those with the help lines.
PROBLEM = re.compile(
    r"\bte\s+laat\b|\bkom\w*\s+(?:niet|ni|nie|nooit)\b|\bruzie\b|\bproblee?m\w*"
    r"|\bonvriendelijk\b|\bbrutaal\b|\bluistert\s+(?:niet|ni|nie)\b|\bslechte?\b"
    r"|\b(?:niet|ni|nie)\s+(?:goed|eerlijk)\b",
    re.IGNORECASE,
)


def problem_with_help_topic(text: str) -> str | None:
    """ABOUT_HELP when `text` tells of a problem with one's own help ("mijn begeleider is
    altijd te laat", "ik heb ruzie met mijn voorziening"); None otherwise, also for
    Wegwijzer itself. For the answers given when no topic was read (the fallback, the
    out-of-scope action): a sure topic stays."""
    if WEGWIJZER.search(text) or not (OWN_HELP.search(text) and PROBLEM.search(text)):
        return None
    return ABOUT_HELP


def leaving_topic(text: str) -> str | None:
    """ABOUT_HELP when `text` says the person wants to leave their help or have another ("ik
    wil mijn begeleider ontslaan", "ik wil weg bij mijn dagcentrum": nlu_fallback on the
    model of 2026-12-06); None otherwise, also for Wegwijzer itself ("ik wil een andere
    chat")."""
    if WEGWIJZER.search(text) or not (OWN_HELP.search(text) and LEAVES.search(text)):
        return None
    return ABOUT_HELP


def complains_about_wegwijzer(text: str) -> bool:
    """ "ik wil klagen over de chatbot", "ik ben niet content van jullie antwoorden": a
    complaint about Wegwijzer itself (faq, change_provider 0.89 on the model of 2026-12-06:
    the answer on changing providers came)."""
    return (
        COMPLAINS.search(text) is not None
        and WEGWIJZER.search(text) is not None
        and not OWN_HELP.search(text)  # "kan ik bij jullie klagen over mijn begeleider"
        and not VAPH.search(text)
    )
