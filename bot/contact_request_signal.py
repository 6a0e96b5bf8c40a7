"""A request to be called back is a request for a human, whatever it sounded like.

Rasa component placed after the FallbackClassifier in config.yml: when the message asks
Wegwijzer's team to call or mail the person ("kunnen jullie mij bellen", "kan iemand me
terugbellen"; bot/reach_words.py) and the classifier read a question (a FAQ topic, what
Wegwijzer can do, something out of scope) or nothing sure, its intent becomes
`request_human` with confidence 1, so the hand-off opens a case and asks how to reach the
person. On one training "kunnen jullie mij bellen" was `faq` 1.0 with the privacy topic,
and the person was told that Wegwijzer has no phone number (docs/benchmarks.md,
2026-12-05). An answer in a form ("belt ge mij maar" to the contact question, read as
`inform`) is left alone.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_signals import force_intent
from bot.reach_words import asks_to_be_called
from bot.rule_component import RuleComponent

REQUEST_HUMAN = "request_human"
# Readings of a call-back request that lose it: a question, or nothing understood.
QUESTION_READINGS = frozenset(
    {"faq", "nlu_fallback", "ask_capabilities", "out_of_scope", "bot_challenge", "gibberish"}
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ContactRequestClassifier(RuleComponent):
    """Sets the intent to `request_human` when a question-like reading asks for a call back."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        if intent in QUESTION_READINGS and asks_to_be_called(message.get(TEXT) or ""):
            force_intent(message, REQUEST_HUMAN)
