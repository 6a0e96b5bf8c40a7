"""A question whether someone else may chat for the person ("kan ik iemand anders laten
chatten voor mij", "mag mijn mama voor mij typen") gets the answer that this is fine, and how
that person says who they are (actions/who_is_talking.py), not what the classifier made of
it.

Rasa component after the NetworkIntroductionClassifier in config.yml: when
bot/chat_for_me_words.py reads the message as such a question, its intent becomes
`nlu_fallback`, which action_fallback answers (and the intake answers at its question). On
the model of 2026-12-06 the readings were scattered: request_human 0.83 (the hand-off
started), identify_as_network 0.69 ("Goed, dan stel ik mijn vragen over je mama": the
wrong person), other_place 0.78 (the provider search asked a place). A crisis stays a
crisis: the classifier's crisis reading is kept, and the keyword check after this component
(bot/crisis_signals.py) still makes any message with a crisis signal a crisis.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.chat_for_me_words import asks_if_someone_else_may_chat
from bot.crisis_keywords import CRISIS
from bot.crisis_signals import force_intent
from bot.rule_component import RuleComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ChatForMeClassifier(RuleComponent):
    """Sets the intent to `nlu_fallback` for a question whether someone else may chat."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        if intent != CRISIS and asks_if_someone_else_may_chat(message.get(TEXT) or ""):
            force_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME)
