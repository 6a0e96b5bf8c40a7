"""A typed goodbye or thanks always means `goodbye` or `thank`.

Rasa component placed after the FallbackClassifier and before the CrisisSignalClassifier in
config.yml (so a crisis signal still wins): when the whole message is a goodbye or a thanks
formula (bot/closing_phrases.py), its intent becomes `goodbye` or `thank` with confidence
1. The classifier read such short Flemish messages near its fallback threshold ("ik ben u
dankbaar", "we horen elkaar nog" fell back on the model of 2026-12-01), and each training
moved other short messages when examples were added for them (docs/nlu.md).

A crisis read by the classifier alone is overruled, as by the skip check
(bot/skip_phrase_signal.py): a formula with nothing else says only goodbye or thanks, no
crisis message of the training data or the held-out set is one
(tests/test_closing_phrases.py), and the keyword check that runs after this component
(bot/crisis_signals.py) still makes any message with a crisis signal a crisis.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.closing_phrases import closing_intent, is_hello_or_goodbye
from bot.crisis_signals import force_intent
from bot.rule_component import RuleComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ClosingPhraseClassifier(RuleComponent):
    """Sets the intent to `goodbye` or `thank` when the message is only such a formula, and
    to the fallback for a bare "dag"."""

    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if is_hello_or_goodbye(text):
            # "dag" as the first message greets, later it says goodbye: the fallback action
            # tells which (actions/hello_or_goodbye.py). One training read it as goodbye
            # (0.85) and said "Tot later!" to a person who had just arrived.
            force_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME)
            return
        intent = closing_intent(text)
        if intent:
            force_intent(message, intent)
