"""Typed complaints that the text is too hard ("dat is te moeilijk uitgelegd", "moeilijke
taal", "ingewikkelde woorden") or too long ("da was veel uitleg, kan da korter"), and asks
to explain it again ("kunt ge da nog eens uitleggen"), read by
rule: bot/too_hard_signal.py makes such a message `simpler_language` whatever the
classifier guessed. On the model of 2026-12-06 "dat is te
moeilijk uitgelegd" fell back (simpler_language 0.53 under the threshold) and "dat is
moeilijke taal" was read as `normal_language` (0.85), the opposite of what it asks.

Only a message that says nothing else counts, as for the skip phrases: "koken is te
moeilijk voor mij" is an answer about the person's life, and "het mag moeilijker" or "niet
te moeilijk" is no complaint.
"""

from __future__ import annotations

import re

from bot.phrase_words import typed_words

# Hard words or a hard explanation: the phrase names the text ("moeilijke taal", "te
# moeilijk uitgelegd"). A bare "te moeilijk" or "dat is moeilijk" may be an answer about
# the person's life ("Lukt koken?"), so it is left to the classifier.
_TOO_HARD = re.compile(
    r"\b(?:(?:dat|da|dit|het|'t) ?(?:is|was|'s)|das|dis)?\s*"
    r"(?:(?:veel|echt|wel|nogal|zo|wa|wat|een beetje|beetje|te)\s+)*"
    r"(?:(?:moeilijke|ingewikkelde|lastige) (?:taal|woorden|uitleg|zinnen|tekst)"
    r"|(?:moeilijk|ingewikkeld|lastig) (?:uitgelegd|geschreven|gezegd|verteld|om te lezen"
    r"|om te begrijpen))\b"
)
# Too long: "da was veel uitleg", "te veel tekst", "kan da korter" (fallback on the model of
# 2026-12-06, simpler_language 0.59 under the threshold). The makkelijke taal is shorter.
_TOO_LONG = re.compile(
    r"\b(?:(?:dat|da|dit|het|'t) ?(?:is|was|'s)|das|dis)?\s*"
    r"(?:(?:veel|echt|wel|nogal|zo|wa|wat|een beetje|beetje|te)\s+)*"
    r"(?:(?:veel|lange?) (?:tekst|uitleg|antwoorden|antwoord|zinnen)"
    r"|lang (?:uitgelegd|geschreven))\b"
    r"|\b(?:(?:kan|kunt|kunde|kunnen|mag|moet)\s+)?(?:(?:het|da|dat|dit|'t|ge|je|u)\s+)*"
    r"(?:(?:wat|iets|een beetje|beetje|veel)\s+)?korter\b"
)
# Explained again: "kunt ge da nog eens uitleggen", "leg het eens anders uit" (the fallback
# on the model of 2026-12-07, ask_capabilities 0.49 under it). The same words again would
# not help: the answer comes again in makkelijke taal, or a person is offered when it
# already was (actions/reading_level.py).
_AGAIN = r"(?:nog ?eens|nog ene keer|nog een keer|nog ne keer|opnieuw|anders|beter|duidelijker"
_AGAIN += r"|simpeler|eenvoudiger|makkelijker|gemakkelijker)"
_EXPLAIN_AGAIN = re.compile(
    r"\b(?:(?:kan|kunt|kunde|kun|kunnen|wil|wilt|wilde)\s+)?(?:(?:ge|je|u|gij|jij|jullie)\s+)?"
    r"(?:(?:het|da|dat|dit|'t|eens|es|me|mij|dat nu|da nu)\s+)*" + _AGAIN + r"\s+"
    r"(?:uitleggen|uitgelegd|zeggen|vertellen|verwoorden|schrijven|formuleren)\b"
    r"|\bleg\s+(?:(?:het|da|dat|dit|'t|me|mij|eens|es|nog)\s+)*" + _AGAIN + r"?\s*uit\b"
)
_FILLERS = frozenset(
    "euh eh ehm uhm hm pff amai allee tja hoor he echt eigenlijk sorry maar voor mij me mij "
    "toch wel nogal zeg zo ja jij jullie je ge gij u aub alstublieft asjeblieft svp wat een "
    "veel te gebruikt gebruiken gebruik schrijft schrijven zijn zeggen uitleggen het mag"
    " graag".split()
)
# "niet te moeilijk", "nie moeilijk": no complaint.
_NEGATED = re.compile(r"\b(?:niet|ni|nie|geen|niks|niets)\b")


def is_too_hard_complaint(text: str) -> bool:
    """True when the message only says that the text is too hard ("allee da's veel te
    moeilijk uitgelegd")."""
    words = typed_words(text)
    if words is None or _NEGATED.search(words):
        return False
    hard_removed = _TOO_HARD.sub(" ", words, count=1)
    rest = _EXPLAIN_AGAIN.sub(" ", _TOO_LONG.sub(" ", hard_removed)).split()
    return rest != words.split() and all(word in _FILLERS for word in rest)
