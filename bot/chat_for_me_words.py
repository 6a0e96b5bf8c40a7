"""The words of a question whether someone else may chat, type or read along for the person
("kan ik iemand anders laten chatten voor mij", "mag mijn mama voor mij typen", "mag mijn
broer meelezen").

Plain Python without Rasa: read by the NLU component bot/chat_for_me_signal.py and by the
fallback and the intake in the action server (which does not load Rasa,
tests/test_action_server.py).
"""

from __future__ import annotations

import re

from bot.relation_words import AFTER_POSSESSIVE_WORDS, POSSESSIVES, RELATION_WORDS

_RELATIONS = sorted(
    {word for words in RELATION_WORDS.values() for word in words}
    | {word for words in AFTER_POSSESSIVE_WORDS.values() for word in words},
    key=len,
    reverse=True,
)
_POSSESSIVE = "|".join(re.escape(word) for word in POSSESSIVES)
_RELATION = "|".join(re.escape(word) for word in _RELATIONS)
# Who would chat: someone else, or someone of the person's own ("mijn mama", "ons ma",
# "mijn begeleider").
_SOMEONE = (
    rf"(?:iemand(?:\s+anders)?|een\s+ander"
    rf"|(?:{_POSSESSIVE})\s+(?:{_RELATION})(?:\s+en\s+(?:{_RELATION}))?)"
)
# What they would do in the chat.
_CHAT = (
    r"(?:chatten|chat|typen|typt|intypen|schrijven|invullen|antwoorden|beantwoorden"
    r"|meelezen|meekijken|meechatten|meetypen|doen)"
)
_MAY = r"(?:mag|mogen|moogt|kan|kunnen|kunt|kunde|kun)"
# The only words between: "voor mij", "in mijn plaats", "samen met mij", "dit", "de vragen",
# not what the person's sister could do ("kan mijn zus helpen met papieren invullen").
_BETWEEN = (
    r"(?:\s+(?:voor|mij|me|in|mijn|m'n|plaats|namens|ook|eens|samen|met|dit|dat|da|het|mee"
    r"|even|hier|soms|gewoon|wel|alles|de|die|vragen|chat|plan)){0,6}"
)

# "mag mijn mama (voor mij) chatten", "kan iemand anders dit voor mij doen",
# "mogen mijn ouders meelezen".
_SOMEONE_MAY_CHAT = re.compile(
    rf"\b{_MAY}\s+{_SOMEONE}{_BETWEEN}(?:\s+laten)?\s+(?:mee\s+)?{_CHAT}\b"
)
# "kan ik iemand anders laten chatten (voor mij)", "mag ik mijn zus laten typen".
_LET_SOMEONE_CHAT = re.compile(
    rf"\b{_MAY}\s+(?:ik|we|wij)\s+{_SOMEONE}{_BETWEEN}\s+laten\s+(?:mee\s+)?{_CHAT}\b"
)
# "doen" only in the person's place ("dit voor mij doen"), not for a task ("kan mijn zus
# het doen" answers who could help).
_FOR_ME = re.compile(r"\b(voor\s+(mij|me)|in\s+mijn\s+plaats|namens\s+(mij|me))\b")
# A message with a "no", about a human of the team, or about what to do with the plan is
# something else ("mijn mama mag niet meelezen", "kan mijn mama met een mens chatten").
_SOMETHING_ELSE = re.compile(
    r"\b(niet|ni|nie|geen|nooit|mens|medewerker|trajectondersteuner|formulier|aanvraag)\b"
    r"|\bplan\b.*\b(lezen|zien|kijken|bekijken|sturen|delen)\b"
)


def asks_if_someone_else_may_chat(text: str) -> bool:
    """Whether `text` asks if someone else may chat, type or read along for the person."""
    folded = " ".join(text.lower().split())
    found = _SOMEONE_MAY_CHAT.search(folded) or _LET_SOMEONE_CHAT.search(folded)
    if found is None or _SOMETHING_ELSE.search(folded) is not None:
        return False
    return not found.group(0).endswith("doen") or _FOR_ME.search(found.group(0)) is not None
