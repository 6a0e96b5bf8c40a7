"""Is a message written in English, French or German rather than Dutch?

Wegwijzer speaks Dutch only. The classifier was trained on Dutch and reads a message in
another language as whatever it resembles: "I need help for my son" as a FAQ question (1.0),
"what can you do" as out_of_scope. Such a message should get a clear Dutch answer that says
so (actions/fallback.py).

The test is by function words, the small words every sentence has: a message is in another
language when it has at least MIN_FOREIGN_WORDS of that language's function words and more
of them than Dutch ones. Words that Dutch writes too ("is", "in", "we", "me", "je",
"de", "was", "wie", "help", and "merci", "salut" of Flemish speech) are in no foreign list,
so a Dutch message with a loanword or two stays Dutch.
"""

from __future__ import annotations

import re

MIN_FOREIGN_WORDS = 2

DUTCH = frozenset(
    """de het een en van ik je jij mijn niet wat hoe voor met op te dat die er kan kunt
    kunnen wil ben heb hij zij ze wij ons onze naar om ook maar nog al dan bij uit aan zo of
    als geen wel ja nee mij u uw hebben gaat moet zijn is in we me ge gij kunde da wa ni
    hem haar zijn mag waar wanneer waarom welke zoek hulp""".split()
)
FOREIGN = {
    "en": frozenset(
        """the and you your my are not what how for with on to that this it can want am
        have has he she they our do does please need get could would should there where
        when why who which from about any i'm it's can't don't looking son daughter""".split()
    ),
    "fr": frozenset(
        """vous nous le la les un une des du et est pas pour avec mon ma mes suis bonjour
        ne que qui dans sur il elle aide cherche fils fille c'est j'ai comment quoi où oui
        non avoir être besoin l'aide d'aide""".split()
    ),
    "de": frozenset(
        """ich nicht und ist mit für mein meine sie wir haben brauche hilfe bitte der das
        ein eine auf zu mich mir sind auch oder aber sohn tochter suche können""".split()
    ),
}
_WORD = re.compile(r"[a-zà-ÿ]+(?:'[a-zà-ÿ]+)?")


def other_language(text: str) -> str | None:
    """ "en", "fr" or "de" for a message in that language; None for Dutch or too little to
    tell ("hello", "merci", a name)."""
    words = _WORD.findall((text or "").lower())
    dutch = sum(word in DUTCH for word in words)
    counts = {code: sum(word in found for word in words) for code, found in FOREIGN.items()}
    code, foreign = max(counts.items(), key=lambda item: item[1])
    if foreign >= MIN_FOREIGN_WORDS and foreign > dutch:
        return code
    return None


# "kan ik met jou ook in het frans praten", "spreek je engels": a question in Dutch about
# chatting in another language (nlu_fallback on the model of 2026-12-06). Not "mijn mama
# spreekt alleen frans": that is a fact about someone, not about this chat.
_LANGUAGE_NAME = re.compile(
    r"\b(frans|engels|duits|arabisch|turks|pools|spaans|italiaans|russisch|roemeens"
    r"|portugees|oekraiens|oekraïens|berbers|tamazight|farsi|perzisch|somalisch|tigrinya)\b"
)
_TO_SPEAK = re.compile(
    r"\b(praten|spreken|spreek|spreekt|schrijven|schrijf|chatten|verstaan|versta|verstaat"
    r"|begrijpen|begrijp|begrijpt|antwoorden|uitleggen|vertalen|vertaal)\b"
)
_WITH_THIS_CHAT = re.compile(r"\b(ik|je|jij|jou|u|ge|gij|jullie|wegwijzer|hier|chat)\b")


def asks_for_another_language(text: str) -> bool:
    """Whether a Dutch message asks to chat in another language."""
    folded = (text or "").lower()
    return all(pattern.search(folded) for pattern in (_LANGUAGE_NAME, _TO_SPEAK, _WITH_THIS_CHAT))
