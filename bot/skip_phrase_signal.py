"""A typed pass on a question always means `skip`.

Rasa component placed after the FallbackClassifier and before the CrisisSignalClassifier in
config.yml (so a crisis signal still wins): when the whole message only passes on the
question (bot/skip_phrases.py), its intent becomes `skip` with confidence 1. The classifier
reads such short messages in many ways: "hou ik liever voor mij" as identify_as_person,
"laat deze maar vallen" as stop, "doe maar de volgende" as more_results, and from one
training to the next "kan mij ni schelen" as a crisis (0.66 on 2026-12-01); inside a form
those stopped the form or gave the crisis lines instead of passing on the question.

A crisis read by the classifier alone is overruled here, on purpose: the phrases say
nothing but a pass (a message with anything else, "ik weet het niet meer", "het kan me niet
meer schelen", is no pass), no crisis message of the training data or the held-out set is
one (tests/test_skip_phrase_signal.py), and the keyword check that runs after this
component (bot/crisis_signals.py) still makes any message with a crisis signal a crisis.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_signals import force_intent
from bot.rule_component import RuleComponent
from bot.skip_phrases import is_skip_phrase

SKIP = "skip"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SkipPhraseClassifier(RuleComponent):
    """Sets the intent to `skip` when the message only passes on the question."""

    def process_message(self, message: Message) -> None:
        if is_skip_phrase(message.get(TEXT) or ""):
            force_intent(message, SKIP)
