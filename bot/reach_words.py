"""Words of a message about reaching someone: a phone number, an e-mail, a call back.

Plain Python without Rasa, used by the action server (actions/provider_search.py,
actions/reach_wegwijzer.py, actions/faq.py) and by the NLU component
bot/contact_request_signal.py.
"""

from __future__ import annotations

import re

# "hoe kan ik die bellen", "wat is hun nummer", "wat is jullie e-mailadres".
REACH_WORDS = re.compile(
    r"\b(bel\w*|opbel\w*|telefoon\w*|nummer|contact\w*|mail\w*|bereik\w*|adres)\b",
    re.IGNORECASE,
)
# The message names a person ("kan ik iemand bellen", "een trajectondersteuner").
NAMES_A_PERSON = re.compile(
    r"\b(mens|iemand|persoon|trajectondersteuner|medewerker|begeleider)\b", re.IGNORECASE
)
# The person addresses Wegwijzer ("wat is jullie nummer"), not the providers shown.
ADDRESSES_WEGWIJZER = re.compile(r"\b(jullie|u|uw|wegwijzer)\b", re.IGNORECASE)
# Words that make a question one about a budget of the VAPH, not about the providers shown
# or Wegwijzer ("hoe lang wacht ik op een pvb", "wat is het nummer van het vaph").
BUDGET_WORDS = re.compile(r"budget|\bpvb\b|\bvaph\b|prioriteit", re.IGNORECASE)
# The person is the one to be reached ("kunnen jullie mij bellen"), not the one who calls.
THE_PERSON = re.compile(r"\b(mij|me|ons)\b", re.IGNORECASE)

# A call or an e-mail to the person: the verbs only, not "mijn telefoonnummer".
_CALL_BACK = re.compile(
    r"\b(bel|belt|bellen|opbellen|terugbellen|gebeld|teruggebeld|telefoneren|mail|mailen"
    r"|gemaild|contact)\b",
    re.IGNORECASE,
)
# Who is asked: Wegwijzer ("jullie", "ge" in tussentaal), someone, or "terug".
_ASKED = re.compile(r"\b(ge|gij|gulle|gullie|terug)\b", re.IGNORECASE)
# "ik wil graag teruggebeld worden": the person, and who is asked, in one.
_PASSIVE = re.compile(r"\b(gebeld|teruggebeld|gemaild) (te )?worden\b", re.IGNORECASE)
# A refusal ("niet bellen"), or a call described, not asked for ("als de commissie mij belt").
_NOT_ASKED = re.compile(r"\b(niet|geen|nooit|liever|als|wanneer)\b", re.IGNORECASE)
# A longer message says more than how to reach someone (actions/reach_wegwijzer.py too).
MAX_WORDS = 12


def asks_to_be_called(text: str) -> bool:
    """Whether `text` asks Wegwijzer's team to call or mail the person back ("kunnen jullie
    mij bellen", "kan iemand me terugbellen"): a request for a human, not for a number."""
    return (
        len(text.split()) <= MAX_WORDS
        and _CALL_BACK.search(text) is not None
        and (
            _PASSIVE.search(text) is not None
            or (
                THE_PERSON.search(text) is not None
                and any(
                    words.search(text) is not None
                    for words in (ADDRESSES_WEGWIJZER, NAMES_A_PERSON, _ASKED)
                )
            )
        )
        and _NOT_ASKED.search(text) is None
        and BUDGET_WORDS.search(text) is None
    )
