"""Words that name a budget of the VAPH or the zorgbudget, not an income or a house.

Plain Python without Rasa, read by the NLU component bot/faq_question_signal.py (a pause
that names a budget is a question) and by the action server (actions/tax_question.py,
actions/eligibility_start.py, actions/faq.py).
"""

from __future__ import annotations

import re

NAMES_A_BUDGET = re.compile(r"\bbudget\w*|\bpvb\b|\bbob\b|\bzorgbudget\b", re.IGNORECASE)
# The FAQ topic about the size of a budget (knowledge/data/faq.yml), and the words that ask
# it: "hoeveel krijg ik per maand", "hoe groot is een budget".
BUDGET_SIZE_TOPIC = "budget_categories"
ASKS_HOW_MUCH = re.compile(
    r"\bhoe ?veel (krijg|krijgt|krijgen|geld|euro|budget)\b|\bhoe groot is\b", re.IGNORECASE
)
