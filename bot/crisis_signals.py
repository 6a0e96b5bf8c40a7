"""A keyword check beside the intent classifier, so that a crisis is never missed.

Rasa component placed after the FallbackClassifier in config.yml: when a message matches
one of the patterns in crisis_signals.txt or crisis_signals_soft.txt (read by
bot/crisis_keywords.py), its intent becomes `crisis` with confidence 1.
The intent classifier still learns `crisis` from data/nlu/crisis.yml; this check catches
what it misses, at the price of an occasional false alarm.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_keywords import CRISIS, load_all_signals, signals_crisis
from bot.rule_component import RuleComponent


def force_intent(message: Message, intent: str) -> None:
    """Make `intent` the message's intent with confidence 1, first in its ranking."""
    ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get("name") != intent]
    message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
    message.set(
        INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}, *ranking], add_to_output=True
    )


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisSignalClassifier(RuleComponent):
    """Sets the intent to `crisis` when a crisis signal is in the message."""

    def __init__(self) -> None:
        self.signals = load_all_signals()

    def process_message(self, message: Message) -> None:
        if signals_crisis(message.get(TEXT) or "", self.signals):
            force_intent(message, CRISIS)
