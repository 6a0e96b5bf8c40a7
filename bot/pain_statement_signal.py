"""Telling of pain in the back or a knee is a fact about daily life, not a crisis; nor is
wishing someone happiness ("dat ze gelukkig is", the answer to "Wat is belangrijk?").

Rasa component placed after the FallbackClassifier in config.yml and before the crisis
keyword check: when the classifier read `crisis` for a message that tells of everyday
bodily pain ("ik heb pijn aan mijn rug", bot/pain_words.py), its intent becomes `inform`.
The crisis examples "ik heb mezelf pijn gedaan" and "iemand doet mij pijn" made one
training read "ik heb pijn aan mijn rug" as a crisis at 0.93, and the person got the crisis
lines (docs/nlu.md). A message with a crisis signal ("hij slaat mij, mijn arm doet pijn")
is still a crisis: the keyword check after this component sets it again. The same goes for
happiness wished or told (`tells_of_happiness`): DIET read "dat ze gelukkig is" as a crisis
at 0.95 in the middle of the intake.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_keywords import CRISIS
from bot.crisis_signals import force_intent
from bot.pain_words import describes_bodily_pain, tells_of_happiness
from bot.rule_component import RuleComponent

INFORM = "inform"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PainStatementClassifier(RuleComponent):
    """Sets the intent to `inform` when `crisis` was read for a message about bodily pain or
    happiness."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        text = message.get(TEXT) or ""
        if intent == CRISIS and (describes_bodily_pain(text) or tells_of_happiness(text)):
            force_intent(message, INFORM)
