"""Answer first whether a budget is taxed.

"moet ik belastingen betalen op mijn budget" was read as another matter (out_of_scope 0.80 on
the model of 2026-12-07: "Daar kan ik je helaas niet mee helpen"), although the knowledge base
says it: no tax on a persoonsvolgend budget (the statement `pvb_belastingvrij`, in the answer
about costs) nor on the zorgbudget (`zorgbudget_belastingvrij`, in the answer about the
zorgbudget). That answer comes, with its line about tax first.

Plain Python without Rasa, read by actions/faq.py (the line first) and actions/out_of_scope.py
(`answer_tax_question`, also for the fallback).
"""

from __future__ import annotations

import re

from actions.answer_lines import lines_first
from bot.budget_words import NAMES_A_BUDGET

TAX_WORDS = re.compile(r"\bbelast(?:ing|ingen|baar|bare)\b|\bbelastingvrij\b", re.IGNORECASE)
_ZORGBUDGET = re.compile(r"\bzorgbudget\b|\bbob\b|\bbasisondersteuningsbudget\b", re.IGNORECASE)

COSTS_TOPIC = "costs"
ZORGBUDGET_TOPIC = "what_is_bob"


def tax_topic(question: str) -> str | None:
    """The FAQ topic whose answer says whether the budget `question` names is taxed; None
    when it asks nothing about tax on a budget ("moet ik belastingen betalen op mijn huis")."""
    if TAX_WORDS.search(question) is None or NAMES_A_BUDGET.search(question) is None:
        return None
    return ZORGBUDGET_TOPIC if _ZORGBUDGET.search(question) else COSTS_TOPIC


def tax_line_first(answer: str, question: str) -> str:
    """The answer with its line about tax first, when `question` asks about tax."""
    if TAX_WORDS.search(question) is None:
        return answer
    return lines_first(answer, lambda line: TAX_WORDS.search(line) is not None)
