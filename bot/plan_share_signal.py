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

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_signals import force_intent
from bot.plan_share_words import asks_to_send_plan
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


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PlanShareClassifier(RuleComponent):
    """Sets the intent to `show_plan` when a lost reading asks to send the plan."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        if intent in LOST_READINGS and asks_to_send_plan(message.get(TEXT) or ""):
            force_intent(message, SHOW_PLAN)
