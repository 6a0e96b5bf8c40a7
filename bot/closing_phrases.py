"""Typed goodbyes and thanks ("allee merci he", "ik spreek u een andere keer", "salu tot
later"), read by rule in the NLU pipeline (bot/closing_phrase_signal.py).

Goodbyes and thanks are a closed set of formulas, with many Flemish forms. The classifier
reads the short ones near its fallback threshold, and one training moves them either way
(docs/nlu.md). Only a message that says nothing else counts: "merci, en wat is een PVB?"
or "nee bedankt" (an answer to a question) is left to the classifier. "ja", "nee", "ok"
and "graag" are no filler words for that reason.

The formulas were written from the training examples and common Flemish forms; the
held-out goodbyes and thanks (tests/holdout/intents.yml) had been read before, so the
held-out conversation test of them is a regression test for this rule, not an independent
measure of the classifier (docs/nlu.md).
"""

from __future__ import annotations

import re

from bot.phrase_words import typed_words

GOODBYE = "goodbye"
THANK = "thank"

_GOODBYE = re.compile(
    r"\b(?:tot (?:ziens|later|straks|morgen|binnenkort|wederziens|weerziens|nog eens"
    r"|de volgende(?: keer)?|een volgende keer|een andere keer)"
    r"|da{2,}g+(?: da+g+)*|dag(?: da+g+)+|doe+i+(?:doe+i+)*|doeg|ciao|houdoe|ba+[ij]"
    r"|bye(?: bye)?|slaapwel|goeienacht|goede nacht|welterusten"
    r"|(?:ik|k) (?:ben|zen|zijn) (?:er(?:mee|vandoor)? )?weg"
    r"|(?:ik|k) (?:ga|moet) (?:nu )?(?:gaan|weg|ervandoor|slapen|(?:de chat )?afsluiten|uitloggen)"
    r"|(?:ik|k) (?:log|sluit) (?:uit|af)|(?:ik|k) haak af"
    # "ik wil dit gesprek beëindigen", "ik wil stoppen met de chat": the talk, not a form.
    r"|(?:(?:ik|k) (?:wil|ga) )?(?:dit|het|de|deze|ons) (?:gesprek|chat|chatgesprek) "
    r"(?:beëindigen|beeindigen|stoppen|afsluiten|afbreken)"
    r"|(?:(?:ik|k) (?:wil|ga) )?(?:stoppen|ophouden) met (?:dit|het|de|deze) (?:gesprek|chat)"
    r"|(?:we|wij) (?:horen|spreken|zien) elkaar(?: nog| later| nog wel)?"
    r"|(?:ik|k) (?:spreek|hoor|zie) (?:u|je|jou|jullie)(?: nog| later| morgen| een andere keer)?"
    r"|nog (?:een|ne|nen) (?:\w+ )?(?:dag|avond|namiddag|weekend|nacht))\b"
)
_THANK = re.compile(
    r"\b(?:bedankt|merci(?:kes)?|mercie|dank (?:u|je|jullie)(?: wel)?|dankuwel|dankjewel"
    r"|dankje|thanks|thank you|thx|tnx|(?:vriendelijk|hartelijk|duizendmaal|veel) dank"
    r"|(?:u|je|jullie) (?:heel |zeer |erg )?dankbaar|ge zijt bedankt"
    # A compliment is a thanks too: "ge zijt ne schat", "gij zijt de beste", "je bent top".
    r"|(?:ge|gij|je|jij|u) (?:zijt|bent|zij|zijn) (?:echt |zo |toch |wel )?"
    r"(?:(?:ne|nen|een|de|den|n) )?(?:schat|schatje|engel|held|topper|crack|beste|top|super)"
    r"|goed gedaan|chapeau)\b"
)
# "bedankt, en hoe vraag ik zo'n plek aan", "dank je, hoe lang moet ik wachten": thanks,
# then a question of at least three words, which is what the person wants answered.
_QUESTION_AFTER_THANKS = re.compile(
    r"^\s*(?:(?:allee|ah|ok|oke|super|top)\s+)?(?:" + _THANK.pattern + r")"
    r"(?:\s+(?:wel|hoor|he|hé|nogmaals))*"
    r"(?:\s+voor\s+(?:de\s+|je\s+|jouw\s+|uw\s+|jullie\s+)?(?:uitleg|hulp|info|informatie|antwoord))?"
    r"\s+(?:(?:en|maar|nog|ook|dan|toch)\s+)*"
    r"(?:hoe|wat|waar|wanneer|wie|welke?|waarom|hoeveel|kan|kun|kunt|mag|moet|heb|is|zijn"
    r"|krijg|krijgt|wordt)\s+\w+\s+\w+"
)
# Words that go with a formula without saying anything else; greetings among them.
_FILLERS = frozenset(
    "ah ach allee bon he hé hoor echt heel zeer erg super top tof fijn dikke nog eens dan "
    "en ik k u je jullie wegwijzer da dat het is was de een ne nen zo maar nu even wel "
    "é hè goeiemorgen goeiemiddag goeienavond goedenavond hallo dag salu salut salukes".split()
)
_THANK_FILLERS = _FILLERS | frozenset(
    "voor alles uw jouw hulp moeite uitleg info informatie van vriendelijk lief nuttig "
    "duidelijk helpt geholpen ben zeg vele veel keer keren beaucoup nogmaals alvast "
    "goe goed da's das".split()
)
# A parting word at the end of a thanks: "da's goe, merci, salu" says goodbye (thank 0.92 on
# the model of 2026-12-06: "Graag gedaan! Heb je nog een vraag?"). No thanks example of the
# training data or the held-out set ends so; the goodbyes that do are goodbyes.
_PARTING = frozenset("dag daag salu salut salukes".split())


# "nee dank u", "nee merci", "neen bedankt, da was alles", "nee, dat is alles": no more
# questions. It is also an answer to a yes/no question of a form ("Wil je een e-mail?"), so
# no rule in the NLU pipeline forces it: the actions read it outside a form only
# (actions/hello_or_goodbye.py).
_NO = re.compile(r"^\s*(?:nee+n?|ne+|nope|nop)\b")
_THAT_IS_ALL = re.compile(
    r"\b(?:dat|da|het|t)(?: is| was|s)? (?:alles|al|het|genoeg)\b(?: wat ik wou weten)?"
    r"|\b(?:dat|da)s (?:alles|het)\b|\b(?:verder )?(?:niks|niets|geen vragen)(?: meer)?\b"
)
_NO_MORE_FILLERS = _THANK_FILLERS | frozenset("hoor nee neen nu toch ok oke".split())

# A bare "dag", "salu" or "salut": hello or goodbye, which only the conversation can tell
# (actions/hello_or_goodbye.py); the classifier reads it either way from one training to
# the next, so bot/closing_phrase_signal.py hands it to the fallback every time.
_HELLO_OR_GOODBYE = re.compile(r"^\s*(?:dag|salu|salut|hallo dag)(?: (?:he|hé|wi|allemaal))?\s*$")


def is_hello_or_goodbye(text: str) -> bool:
    """Whether the whole message is a bare "dag" (or "salu", "salut", "dag allemaal")."""
    words = typed_words(text)
    return words is not None and _HELLO_OR_GOODBYE.match(words) is not None


def closing_intent(text: str) -> str | None:
    """`goodbye` or `thank` when the whole message is such a formula, else None.

    A goodbye wins over thanks ("merci en tot ziens" ends the conversation), and so does a
    parting word after the thanks ("merci, salu"). "dag",
    "salu" and "salut" alone are no goodbye: in Flanders they also greet (and "een dag"
    answers "how many days"); with a formula they are filler words."""
    words = typed_words(text)
    if words is None:
        return None
    goodbye = _GOODBYE.search(words) is not None
    thank = _THANK.search(words) is not None
    if not (goodbye or thank):
        return None
    rest = _THANK.sub(" ", _GOODBYE.sub(" ", words)).split()
    fillers = _THANK_FILLERS if thank else _FILLERS
    if not all(word in fillers for word in rest):
        return None
    parting = thank and words.split()[-1] in _PARTING
    return GOODBYE if goodbye or parting else THANK


def asks_after_thanks(text: str) -> bool:
    """Whether the message thanks and then asks a question ("bedankt, en hoe vraag ik zo'n
    plek aan"); the question counts, not the thanks (bot/faq_question_signal.py)."""
    words = typed_words(text)
    return words is not None and _QUESTION_AFTER_THANKS.match(words) is not None


def says_no_more(text: str) -> bool:
    """Whether the whole message is a no with thanks or "that is all" ("nee dank u", "nee,
    dat was het"): the person has no more questions. A bare "nee" is not: it may answer a
    question."""
    words = typed_words(text)
    if words is None or not _NO.match(words):
        return False
    rest = _NO.sub(" ", words, count=1)
    if _THANK.search(rest) is None and _THAT_IS_ALL.search(rest) is None:
        return False
    left = _THAT_IS_ALL.sub(" ", _THANK.sub(" ", rest)).split()
    return all(word in _NO_MORE_FILLERS for word in left)
