"""Does a typed message start as a question ("mag mijn mama mijn begeleider zijn", "hoe
werkt dat")? Read by bot/faq_question_signal.py where the classifier took a question for
an introduction. No identify_as_network or identify_as_person example of the training data
or the held-out set starts so (tests/test_faq_question_signal.py). Does it ask anything at
all ("ik woon in Anderlecht, kan ik naar het vaph")? Read by actions/facts_told.py."""

from __future__ import annotations

import re

from bot.phrase_words import typed_words

# A question word or a verb that opens a yes/no question, then at least two more words.
_QUESTION_START = re.compile(
    r"^\s*(?:mag|mogen|kan|kunnen|kun|kunt|kunde|moet|moeten|hoe|hoelang|wat|waar|wanneer|wie|welke?"
    r"|waarom|hoeveel|is|zijn|heb|hebben|krijg|krijgt|krijgen|wordt)\s+\w+\s+\w+"
)


def starts_as_question(text: str) -> bool:
    """Whether the message opens with a question word or a question's verb."""
    words = typed_words(text)
    return words is not None and _QUESTION_START.match(words) is not None


# Where a sentence or a clause begins: "ik woon in Anderlecht, kan ik ...", "... en mag ik".
_CLAUSES = re.compile(r"[,;.!]+|\s(?:en|maar)\s")


def asks_a_question(text: str) -> bool:
    """Whether the message asks something: a question mark, or a sentence or clause that
    opens as a question."""
    if text.lstrip().startswith("/"):
        return False
    return "?" in text or any(starts_as_question(clause) for clause in _CLAUSES.split(text))


# A question word or a modal verb anywhere: "mijn zoon van 17 wordt volwassen wat verandert
# er" asks without a question mark or a clause that opens as a question.
_QUESTION_WORD = re.compile(
    r"\b(?:wat|hoe|waar|wanneer|wie|welke?|waarom|hoeveel|hoelang|kan|kunnen|kun|kunt|kunde"
    r"|mag|mogen|moet|moeten)\b",
    re.IGNORECASE,
)


def has_a_question_word(text: str) -> bool:
    """Whether a question word or a modal verb stands anywhere in the message."""
    return _QUESTION_WORD.search(text) is not None
