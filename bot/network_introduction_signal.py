"""A network member introducing themself ("ik ben de mama van Olivia") always means
`identify_as_network`, whatever the name made the classifier read (bot/network_introductions.py).

Rasa component placed after the FallbackClassifier and before the CrisisSignalClassifier in
config.yml, so a crisis signal still wins; a crisis read by the classifier alone is kept too.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_keywords import CRISIS
from bot.crisis_signals import force_intent
from bot.network_introductions import is_network_introduction
from bot.rule_component import RuleComponent

IDENTIFY_AS_NETWORK = "identify_as_network"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class NetworkIntroductionClassifier(RuleComponent):
    """Sets the intent to `identify_as_network` for a message that is only such an
    introduction."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        if intent != CRISIS and is_network_introduction(message.get(TEXT) or ""):
            force_intent(message, IDENTIFY_AS_NETWORK)
