"""The words of a request to send, share, show or print one's plan ("kan ik mijn plan
doorsturen naar mijn zus", "mag mijn mama mijn plan zien", "hoe kan ik mijn plan printen").

Plain Python without Rasa: read by the NLU component bot/plan_share_signal.py and by
action_show_plan (actions/plan_commands.py), which runs in the action server (that server
does not load Rasa, tests/test_action_server.py).
"""

from __future__ import annotations

import re

_PLAN = re.compile(r"\b(plan|planneke|plannetje|ondersteuningsplan)\b")
_SEND = re.compile(
    r"\b(door ?sturen|doorgestuurd|sturen|stuur|stuurt|gestuurd|opsturen|opgestuurd"
    r"|versturen|verstuurd|e-?mailen|mailen|mailt|gemaild|delen|gedeeld|doorgeven"
    r"|doorgegeven|geven|whatsappen|appen|bezorgen)\b"
)
# The person sends it ("hoe stuur ik", "kunnen we"), or it goes to someone of theirs.
_BY_THE_PERSON = re.compile(r"\b(ik|we|wij)\b")
_TO_SOMEONE_OF_THEIRS = re.compile(
    r"\b(naar|met|aan|voor)\s+(mijn|mijne|mijnen|m'n|mn|ons|onze|zijn|haar|hun)\b"
)
# A "no", a question about who sees it or what Wegwijzer shares ("wordt mijn plan gedeeld
# met ..."), or the VAPH and the like as receiver (an application is not sent from here).
_NOT_A_REQUEST = re.compile(
    r"\b(niet|ni|nie|niemand|geen|nooit|wie|wordt|vaph|ziekenfonds|mutualiteit"
    r"|zorgaanbieders?|gemeente)\b"
)


def asks_to_send_plan(text: str) -> bool:
    """Whether `text` asks to send or share the person's plan with someone."""
    folded = text.lower()
    return (
        _PLAN.search(folded) is not None
        and _SEND.search(folded) is not None
        and (_BY_THE_PERSON.search(folded) or _TO_SOMEONE_OF_THEIRS.search(folded)) is not None
        and _NOT_A_REQUEST.search(folded) is None
    )


# "mag mijn mama mijn plan zien", "kan mijn begeleider het plan lezen": someone of the
# person's own is to see it (the classifier reads show_plan; the answer says how to share).
_SOMEONE_TO_SEE = re.compile(
    r"\b(mag|kan|mogen|kunnen|moet)\s+(mijn|mijne|mijnen|m'n|mn|ons|onze)\s+\w+(\s+\w+)?"
    r"\s+(mijn|het|ons|da|dat|m'n|mn)\s+plan\b.*\b(zien|lezen|bekijken|inkijken|hebben)\b"
)
# "hoe kan ik mijn plan printen", "kan ik het als pdf krijgen".
_PRINT = re.compile(r"\b(print|printen|afprinten|afdrukken|uitprinten|pdf|downloaden|download)\b")


def asks_to_let_someone_see_plan(text: str) -> bool:
    """Whether `text` asks to send the plan, or for someone of the person's own to see it."""
    folded = text.lower()
    return asks_to_send_plan(folded) or _SOMEONE_TO_SEE.search(folded) is not None


def asks_to_print_plan(text: str) -> bool:
    """Whether `text` asks to print or download the plan."""
    return _PRINT.search(text.lower()) is not None
