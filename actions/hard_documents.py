"""An objection to a decision, or a form or letter the person does not understand, gets the
FAQ answer that says who helps.

- "kan ik bezwaar maken" fell back ("Sorry, dat heb ik niet goed begrepen"; nlu_fallback
  0.60 on the model of 2026-12-06). The answer about the VAPH's letters says to ask the
  VAPH for an explanation when one does not agree (vaph_letter); about the zorgbudget, its
  own answer names the bezwaar at the Agentschap Vlaamse Sociale Bescherming (what_is_bob).
  shared/domain/ has no appeal procedure against a PVB decision, so none is told.
- "ik versta het formulier niet" was read as "that is not what I meant" (not_meant 0.88):
  "Sorry, dan begreep ik je verkeerd.". A Dienst Ondersteuningsplan helps with the plan
  form for free (what_is_dop); a letter is the VAPH's letter (vaph_letter).

Plain Python without Rasa, read by actions/faq.py.
"""

from __future__ import annotations

import re

from actions.answer_lines import lines_first

LETTER_TOPIC = "vaph_letter"
FORM_TOPIC = "what_is_dop"
ZORGBUDGET_TOPIC = "what_is_bob"

# "bezwaar maken", "in beroep gaan", and "ik ben het niet eens met de beslissing" (or with
# one's priority group or budget category; "nie eens", "ni akkoord" as people say it), also
# with the decision told first ("ik heb een beslissing gekregen maar ik ben het er niet mee
# eens").
_DISAGREES = r"\b(?:niet|nie|ni)\s+(?:eens|akkoord|mee\s+eens)\b"
_DECIDED = (
    r"\b(?:beslissing\w*|beslist|prioriteitengroep\w*|prioriteit\w*|budgetcategorie\w*"
    r"|categorie\w*|vtc|vaph|brief\w*|zorgbudget\w*|zorgkas\w*)"
)
OBJECTS = re.compile(
    rf"\bbezwaar\w*|\bberoep\s+aan\w*|\bin\s+beroep\b|{_DISAGREES}.*{_DECIDED}"
    rf"|{_DECIDED}.*{_DISAGREES}",
    re.IGNORECASE,
)
# The lines of an answer that say what to do when one does not agree.
DISAGREEING_LINE = re.compile(r"\bniet mee eens\b|\bniet eens\b|\bbezwaar\b|\bherziening\b")
ZORGBUDGET = re.compile(r"\bzorgbudget\w*|\bbob\b|\bzorgkas\w*", re.IGNORECASE)
# "ik versta het formulier niet", "ik snap die brief ni", "ik begrijp er niks van".
NOT_UNDERSTOOD = re.compile(
    r"\b(?:versta|verstaan|snap|snappen|begrijp|begrijpen)\b.*\b(?:niet|ni|nie|niks|niets)\b",
    re.IGNORECASE,
)
FORM = re.compile(r"\b(?:\w*formulier\w*|ondersteuningsplan\w*|papieren|op pvb)\b", re.IGNORECASE)
LETTER = re.compile(r"\bbrief\w*", re.IGNORECASE)


def objection_topic(text: str) -> str | None:
    """The FAQ topic for an objection to a decision in `text`; None when it objects to
    nothing."""
    if not OBJECTS.search(text):
        return None
    return ZORGBUDGET_TOPIC if ZORGBUDGET.search(text) else LETTER_TOPIC


def document_topic(text: str) -> str | None:
    """The FAQ topic for a form or letter `text` says the person does not understand; None
    when it names no such document or says nothing about not understanding it."""
    if not NOT_UNDERSTOOD.search(text):
        return None
    if LETTER.search(text):
        return LETTER_TOPIC
    return FORM_TOPIC if FORM.search(text) else None


def disagreeing_lines_first(answer: str, question: str) -> str:
    """For an objection (`objection_topic`), the answer with its lines about not agreeing
    first ("Begrijp je de brief niet, of ben je het er niet mee eens? Vraag dan uitleg aan
    het VAPH.", "… dan kun je een herziening vragen"); otherwise the answer as it is."""
    if objection_topic(question) is None:
        return answer
    return lines_first(answer, lambda line: DISAGREEING_LINE.search(line) is not None)
