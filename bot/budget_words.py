"""Words that name a budget of the VAPH or the zorgbudget, not an income or a house.

Plain Python without Rasa, read by the NLU component bot/faq_question_signal.py (a pause
that names a budget is a question) and by the action server (actions/tax_question.py).
"""

from __future__ import annotations

import re

NAMES_A_BUDGET = re.compile(r"\bbudget\w*|\bpvb\b|\bbob\b|\bzorgbudget\b", re.IGNORECASE)
