"""A typed pass on a question always means `skip`.

Rasa component placed after the FallbackClassifier and before the CrisisSignalClassifier in
config.yml (so a crisis signal still wins): when the whole message only passes on the
question (bot/skip_phrases.py), its intent becomes `skip` with confidence 1, unless the
classifier read a crisis (that answer offers "Dat bedoelde ik niet"). The classifier
reads such short messages in many ways: "hou ik liever voor mij" as identify_as_person,
"laat deze maar vallen" as stop, "doe maar de volgende" as more_results; inside a form those
stopped the form or were not understood instead of passing on the question.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_signals import CRISIS, force_intent
from bot.rule_component import RuleComponent
from bot.skip_phrases import is_skip_phrase

SKIP = "skip"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SkipPhraseClassifier(RuleComponent):
    """Sets the intent to `skip` when the message only passes on the question."""

    def process_message(self, message: Message) -> None:
        # A crisis read by the classifier stays a crisis: a missed crisis is the worst error.
        if (message.get(INTENT) or {}).get("name") == CRISIS:
            return
        if is_skip_phrase(message.get(TEXT) or ""):
            force_intent(message, SKIP)
