"""Words of everyday bodily pain: "ik heb pijn aan mijn rug", "mijn knie doet pijn",
"hij heeft vaak hoofdpijn"; and of happiness wished or told: "dat ze gelukkig is".

Plain Python without Rasa, used by the NLU component bot/pain_statement_signal.py. Pain in
the chest or the heart is not here on purpose: that may be an emergency, and the crisis
answer with 112 is then the right one. Nor is pain that comes with a word of harm, a fall,
blood or despair ("ik heb pijn aan mijn arm, ik heb mezelf gesneden"): whatever the crisis
keywords catch or miss, the classifier's crisis then stays.
"""

from __future__ import annotations

import re

from knowledge.reference import fold

BODY_PARTS = (
    r"rug|onderrug|nek|schouders?|knie[e]?n?|benen|been|voeten|voet|handen|hand|armen|arm"
    r"|heupen|heup|vingers?|tenen|enkels?|polsen|pols|ellebogen|elleboog|gewrichten"
    r"|gewricht|spieren|hoofd|buik|maag|tanden|tand|kiezen|kies|oren|oor|ogen|oog"
)
OWNERS = r"mijn|m'n|mn|zijn|z'n|zn|haar|ons|onze|de|het|zo'n|een|beide"
# "pijn aan mijn rug", "veel pijn in haar benen", "mijn knie doet pijn", "rugpijn".
PAIN_STATEMENT = re.compile(
    rf"\bpijn (aan|in) (({OWNERS}) )?(\w+ )?({BODY_PARTS})\b"
    rf"|\b({BODY_PARTS}) (doet|doen|deed|deden) (\w+ )?pijn\b"
    r"|\b(rug|nek|hoofd|buik|maag|tand|kies|oor|knie|schouder|spier|gewrichts|zenuw|been)pijn\b"
    r"|\bchronische pijn\b"
)

HARM_WORDS = re.compile(
    r"\b(mezelf|mijzelf|zichzelf|zelf|snij\w*|\w*sneden|slaa?t|slaan|sloeg\w*|geslagen"
    r"|klop\w*|mishandel\w*|\w*stoken|steekt|geduwd|geschopt|schopt|gevallen|val|valt"
    r"|bloed\w*|dood|sterven|leven|einde|pillen|niet meer|help|helpen|hulp|nood\w*|dringend"
    r"|ondraaglijk|onhoudbaar|ambulance|dokter|spoed|bang|pijn doen)\b"
)


def describes_bodily_pain(text: str) -> bool:
    """Whether the message tells of pain in a part of the body (not the chest), without a
    word of harm, a fall or despair."""
    folded = fold(text)
    return bool(PAIN_STATEMENT.search(folded)) and not HARM_WORDS.search(folded)


# "dat ze gelukkig is", "gelukkig zijn met mijn vrienden": happiness as what matters, an
# answer at the heart of the intake ("Wat is belangrijk voor jou?"). DIET read it as a crisis
# at 0.95 (the crisis example "ze zouden allemaal gelukkiger zijn als ik er niet meer ben",
# which the crisis keywords catch). Not when it is denied ("ik ben nooit gelukkig") or comes
# with a word of harm or despair.
HAPPINESS = re.compile(r"\bgelukkig\b")
DENIED = re.compile(r"\b(niet|nie|ni|nooit|geen|niemand|nergens|zonder|ongelukkig)\b")


def tells_of_happiness(text: str) -> bool:
    """Whether the message wishes or tells of happiness, not denied, without a word of harm
    or despair."""
    folded = fold(text)
    return bool(HAPPINESS.search(folded)) and not (
        DENIED.search(folded) or HARM_WORDS.search(folded)
    )
