"""Answer first about paying a relative with the budget.

"mag ik mijn budget aan mijn zus geven om voor mij te zorgen" and "kan ik mijn mama betalen
met mijn pvb" are read as the FAQ topic about spending a budget (faq 1.0 on the model of
2026-12-06). Its answer is long, and what was asked, that a family member can be paid with
cash, was its fourth line. That line (the vetted statement `cash_familie`) now comes first,
then the rest of the answer as it is.

Plain Python without Rasa, read by actions/faq.py.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from knowledge import queries

SPENDING_TOPIC = "budget_spending"
FAMILY_STATEMENT = "cash_familie"

# A relative of the person's own, or the family in general.
RELATIVE = re.compile(
    r"\b(?:mijn|mijne|mijnen|m'n|mn|ons|onze|zijn|haar)\s+(?:\w+\s+)?"
    r"(?:mama|mam|ma|moeder|moeke|papa|pa|vader|zus|zuster|zusje|broer|broertje|oma|opa"
    r"|grootouders?|ouders|tante|nonkel|oom|dochter|zoon|kinderen|kind|man|vrouw|partner"
    r"|schoonzus|schoonbroer|schoonmoeder|schoonvader|neef|nicht)\b"
    r"|\bfamilie\w*|\bgezinslid\w*",
    re.IGNORECASE,
)
# Paying them, or them giving the care ("mag mijn papa mijn begeleider zijn").
PAID = re.compile(
    r"\b(?:betalen|betaal|betaalt|geven|geef|loon|vergoed\w*|uitbetalen|inzetten|aannemen"
    r"|in dienst|werken|zorgen|verzorgen|begeleider|begeleiden|assistent|zorgverlener)\b",
    re.IGNORECASE,
)


def asks_about_paying_a_relative(question: str) -> bool:
    return RELATIVE.search(question) is not None and PAID.search(question) is not None


def family_line_first(session: Session, answer: str, topic: str, question: str, level: str) -> str:
    """The answer with the line about paying a relative first, when the question about
    spending asks about that; otherwise the answer as it is."""
    if topic != SPENDING_TOPIC or not asks_about_paying_a_relative(question):
        return answer
    wording = queries.statement_wording(session, FAMILY_STATEMENT, level)
    if not wording or wording not in answer:
        return answer
    rest = answer.replace(wording, "", 1).splitlines()
    return "\n".join([wording, *(line for line in rest if line.strip())])
