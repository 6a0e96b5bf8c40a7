"""A network member introducing themself ("ik ben de mama van Olivia") always means
`identify_as_network`, whatever the name made the classifier read (bot/network_introductions.py).

Rasa component placed after the FallbackClassifier and before the CrisisSignalClassifier in
config.yml, so a crisis signal still wins; a crisis read by the classifier alone is kept too.

The other way round, a complaint is no introduction: "ik heb een klacht over mijn begeleider"
(identify_as_network 0.84 on a model of 2026-12-07, for the relation "begeleider") got "Goed,
dan stel ik mijn vragen over je begeleider."; read as `faq`, the FAQ action says where the
complaint goes (actions/complaints.py). No training or held-out introduction has a word of
complaint (tests/test_network_introduction_signal.py).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.complaint_words import COMPLAINS
from bot.crisis_keywords import CRISIS
from bot.crisis_signals import force_intent
from bot.network_introductions import is_network_introduction
from bot.rule_component import RuleComponent

IDENTIFY_AS_NETWORK = "identify_as_network"
FAQ = "faq"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class NetworkIntroductionClassifier(RuleComponent):
    """Sets the intent to `identify_as_network` for a message that is only such an
    introduction, and to `faq` for a complaint read as one."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        text = message.get(TEXT) or ""
        if intent != CRISIS and is_network_introduction(text):
            force_intent(message, IDENTIFY_AS_NETWORK)
        elif intent == IDENTIFY_AS_NETWORK and COMPLAINS.search(text):
            force_intent(message, FAQ)  # "ik heb een klacht over mijn begeleider"
