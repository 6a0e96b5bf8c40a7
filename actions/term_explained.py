"""What a word means, asked about a word that has no FAQ answer of its own.

"wat is een mfc" got the answer about help for children and young people, whose fourth line
is about the multifunctioneel centrum; "wat is de vtc" got "which of these two topics?"
(the selector's best, the ZZI interview, at 0.30). The glossary (knowledge/data/glossary.yml,
vetted, each term with its source) has a one-sentence explanation of each term: it is said
first. Then the FAQ answer with the lines that use the term first, when the selector is sure
of a topic; otherwise only the next steps.

A term with a FAQ topic of its own (TERM_TOPICS: "wat is een pvb") is left to that topic.

Plain Python without Rasa, read by actions/faq.py.
"""

from __future__ import annotations

import re

from actions import jargon
from actions.answer_lines import lines_first

# "wat is", "wa is", "wat betekent", "wat wil ... zeggen", "wat bedoel je met".
ASKS_WHAT = re.compile(
    r"\bwa(?:t)?\s+(?:is|zijn|betekent|betekenen|bedoel\w*)\b|\bwat\s+wil\b.*\bzeggen\b",
    re.IGNORECASE,
)
# The words around the term in such a question, and nothing else.
WHAT_WORDS = frozenset(
    "wat wa is zijn betekent betekenen bedoel bedoelt bedoelen je jij ge jullie u met wil "
    "dat da zeggen een nen ne de het eigenlijk juist precies nu nog eens dan dat is da's "
    "woord afkorting".split()
)


def meaning_asked(text: str, topics: dict[str, str]) -> jargon.Term | None:
    """The one glossary term `text` asks the meaning of, when that term has no FAQ topic in
    `topics`; None for any other message ("wat is een mfc voor mijn zoon" says more)."""
    if not ASKS_WHAT.search(text):
        return None
    terms = jargon.terms_in(text.upper())
    if len(terms) != 1 or terms[0].id in topics:
        return None
    rest = terms[0].pattern.sub(" ", text.upper()).lower()
    if not set(re.findall(r"[\w']+", rest)) <= WHAT_WORDS:
        return None
    return terms[0]


def lines_about_term_first(answer: str, term: jargon.Term) -> str:
    """The answer with the lines that use the term first, the others as they were."""
    return lines_first(answer, lambda line: term.pattern.search(line) is not None)
