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

# "ik heb een aanvraag gedaan in 2019 en nog altijd niks", "nog altijd niks gehoord van het
# vaph", "al 3 jaar niks gehoord": still waiting, told as a complaint. "nog" alone is not
# enough ("ik heb nog geen budget, kan ik hulp krijgen" asks something else).
_STILL_NOTHING = r"\bnog\s+(?:altijd|steeds)\s+(?:niks|niets|geen(?!\s+idee))\b"
_ABOUT_THE_REQUEST = (
    r"\b(?:gehoord|antwoord|nieuws|beslissing|reactie|budget|pvb|vaph|aanvraag|brief)\b"
)
_NOTHING_HEARD = (
    r"\b(?:niks|niets|nog\s+(?:altijd|steeds)\s+(?:niet|nie|ni))\s+(?:meer\s+)?gehoord\b"
)
STILL_WAITING_WORDS = re.compile(
    rf"{_STILL_NOTHING}.*{_ABOUT_THE_REQUEST}|{_ABOUT_THE_REQUEST}.*{_STILL_NOTHING}"
    rf"|{_NOTHING_HEARD}",
    re.IGNORECASE,
)

# The FAQ topic that says what decides the waiting time for a budget.
WAITING_TOPIC = "waiting_time"
