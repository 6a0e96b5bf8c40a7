"""Who sees the plan: the privacy answer, with its line about the plan first.

"kan iemand anders mijn plan zien" fell back (nlu_fallback 0.60, privacy 0.60 under it, on
the model of 2026-12-07), and "kan de trajectondersteuner mijn plan zien" got the answer
about what a trajectondersteuner is. The privacy answer says it (knowledge/data/faq.yml):
the person sees the plan with their own link, a trajectondersteuner only when the person
asks for one (the consent's promise, bot/handoff/assistant.PLAN_SHARED_FOR).

Plain Python without Rasa, read by actions/faq.py (the FAQ action and the fallback).
"""

from __future__ import annotations

import re

from actions.answer_lines import lines_first

_SEE = r"(?:zien|lezen|bekijken|inkijken|openen|ziet|leest|bekijkt)"
# Someone else, or the question who: "kan iemand anders mijn plan zien", "wie leest mijn plan".
_WHO = r"(?:wie|iemand|anderen?|trajectondersteuners?|vaph|mijn\s+\w+|ons\s+\w+|jullie)"
WHO_SEES_THE_PLAN = re.compile(
    rf"\b{_WHO}\b.*\b(?:mijn|m'n|ons|het|zijn|haar)\s+plan\b.*\b{_SEE}\b"
    rf"|\bwie\b.*\b{_SEE}\b.*\bplan\b",
    re.IGNORECASE,
)
# The answer's line about who sees the plan.
_PLAN_LINE = re.compile(r"\bplan\b.*\bzie|\bziet het\b", re.IGNORECASE)


def asks_who_sees_the_plan(text: str) -> bool:
    """ "kan iemand anders mijn plan zien", "wie leest mijn plan"; not "kan ik mijn plan
    zien" (the plan itself: show_plan)."""
    return WHO_SEES_THE_PLAN.search(text) is not None


def plan_line_first(answer: str, question: str) -> str:
    """The privacy answer with its lines about who sees the plan first, when `question`
    asks that; otherwise the answer as it is."""
    if not asks_who_sees_the_plan(question):
        return answer
    return lines_first(answer, lambda line: _PLAN_LINE.search(line) is not None)
