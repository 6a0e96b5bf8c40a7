"""A request to send one's plan to someone ("kan ik mijn plan doorsturen naar mijn zus") asks
for the plan and its link, not for a new plan.

Rasa component placed after the FallbackClassifier in config.yml: when the message asks to
send, mail or share the person's plan, said by the person ("hoe kan ik mijn plan mailen") or
with someone of theirs to send it to ("kan mijn plan naar mijn begeleider gestuurd worden"),
and the classifier read a new intake, a bare answer or nothing sure, its intent becomes
`show_plan` with confidence 1. The training data has no such request: on the model of
2026-12-06 "ik wil mijn plan delen met mijn begeleider" was `start_intake` 0.95 and the
consent for a new plan came; "kan ik mijn plan mailen" fell back. action_show_plan then
shows the link and says that the person can pass it on (actions/plan_commands.py).

A question about what Wegwijzer does with a plan ("wordt mijn plan gedeeld met het
ziekenfonds", "delen jullie mijn plan met de gemeente") is a privacy question and is left
alone, as is any message with a "no" in it ("ik wil niet dat mijn plan gedeeld wordt").
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_signals import force_intent
from bot.rule_component import RuleComponent

SHOW_PLAN = "show_plan"
# Readings that lose the request: a new plan, a bare answer, nothing sure, something else.
LOST_READINGS = frozenset(
    {
        "start_intake",
        "inform",
        "nlu_fallback",
        "out_of_scope",
        "identify_as_network",
        "gibberish",
    }
)

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


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PlanShareClassifier(RuleComponent):
    """Sets the intent to `show_plan` when a lost reading asks to send the plan."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        if intent in LOST_READINGS and asks_to_send_plan(message.get(TEXT) or ""):
            force_intent(message, SHOW_PLAN)


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
