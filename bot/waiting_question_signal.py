"""A question about waiting is a question, not a search in another place.

Rasa component placed after the FallbackClassifier in config.yml: when the classifier read
`other_place` ("search in another place") but the message asks how long to wait ("en hoe
lang moet ik wachten op een plaats", right after the costs of a dagcentrum), its intent
becomes `faq` with confidence 1, so the FAQ action answers it from the response selector's
topics (actions/faq.py: a provider's place is a question for the provider). The word
"plaats" made one training read that message as other_place 0.93, and the provider search
asked "Waar zoek je hulp?" (docs/benchmarks.md, 2026-12-04, night).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_signals import force_intent
from bot.rule_component import RuleComponent
from bot.waiting_words import WAITING_WORDS

OTHER_PLACE = "other_place"
FAQ = "faq"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class WaitingQuestionClassifier(RuleComponent):
    """Sets the intent to `faq` when `other_place` was read in a question about waiting."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        if intent == OTHER_PLACE and WAITING_WORDS.search(message.get(TEXT) or ""):
            force_intent(message, FAQ)
