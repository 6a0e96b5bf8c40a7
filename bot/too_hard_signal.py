"""A typed complaint that the text is too hard always means `simpler_language`.

Rasa component placed after the FallbackClassifier and before the CrisisSignalClassifier in
config.yml (a crisis signal still wins): when the whole message only says that the words or
the explanation are too hard (bot/too_hard_phrases.py), its intent becomes
`simpler_language` with confidence 1, so Wegwijzer says it again in makkelijke taal. The
classifier read "dat is moeilijke taal" as `normal_language` (0.85) and "dat is te moeilijk
uitgelegd" as nothing sure.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_signals import force_intent
from bot.rule_component import RuleComponent
from bot.too_hard_phrases import is_too_hard_complaint

SIMPLER_LANGUAGE = "simpler_language"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TooHardComplaintClassifier(RuleComponent):
    """Sets the intent to `simpler_language` when the message says the text is too hard."""

    def process_message(self, message: Message) -> None:
        if is_too_hard_complaint(message.get(TEXT) or ""):
            force_intent(message, SIMPLER_LANGUAGE)
