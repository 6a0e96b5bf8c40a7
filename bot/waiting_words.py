"""Words of a question about waiting ("hoe lang", "wachtlijst", "wachttijd", "wachten").

Plain Python without Rasa, used by the action server (actions/faq.py) and by the NLU
component bot/waiting_question_signal.py.
"""

from __future__ import annotations

import re

WAITING_WORDS = re.compile(r"\bhoe ?lang\b|wachtlijst|wachttijd|\bwacht", re.IGNORECASE)

# Waiting for help: the list, the time, "wachten"; not "hoe lang" alone ("hoe lang duurt een
# gesprek"), which asks about many things.
WAITING_LIST_WORDS = re.compile(r"wachtlijst|wachttijd|\bwacht(?!woord)", re.IGNORECASE)

# "hoe lang duurt het eer dat ik iets hoor van het vaph", "wanneer krijg ik antwoord van het
# vaph": when the VAPH decides. The answer about waiting says the decision names no date.
_WHEN = r"\b(?:hoe ?lang|wanneer|hoeveel tijd)\b"
_NEWS = r"\b(?:hoor|hoort|horen|antwoord|nieuws|reactie|bericht|beslis\w*|beslissing)\b"
VAPH_ANSWER_WORDS = re.compile(
    rf"{_WHEN}.*{_NEWS}.*\bvaph\b|{_WHEN}.*\bvaph\b.*{_NEWS}", re.IGNORECASE
)

# The FAQ topic that says what decides the waiting time for a budget.
WAITING_TOPIC = "waiting_time"
