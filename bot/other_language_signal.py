"""A message in English, French or German is not understood: it gets the Dutch answer that
says so (actions/fallback.py), not whatever the classifier made of it. So does a Dutch
question about chatting in another language ("kan ik met jou ook in het frans praten"):
nlu_fallback on the model of 2026-12-06 on one host, request_human 0.61 (the hand-off) on
another.

Rasa component after the FallbackClassifier: when bot/other_languages.py reads the message
as another language, or as a question to chat in one, its intent becomes `nlu_fallback`. A
crisis stays a crisis: the classifier's crisis reading is kept, and the keyword check that
runs after this component (bot/crisis_signals.py) still makes any message with a crisis
signal a crisis.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_keywords import CRISIS
from bot.crisis_signals import force_intent
from bot.other_languages import asks_for_another_language, other_language
from bot.rule_component import RuleComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class OtherLanguageClassifier(RuleComponent):
    """Sets the intent to `nlu_fallback` for a message in another language, or one that
    asks to chat in another language."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        text = message.get(TEXT) or ""
        if intent != CRISIS and (other_language(text) or asks_for_another_language(text)):
            force_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME)
