"""The intent classifier alone is a weak crisis signal: it must be sure before it counts.

Rasa component placed right after the intent classifier and before the FallbackClassifier
in config.yml. Every crisis message of the training data and of the held-out set has a
keyword signal (bot/crisis_signals*.txt; tests/test_crisis_signals.py), and the keyword
check later in the pipeline makes such a message a crisis whatever the classifier read.
What the classifier reads as `crisis` on its own was, in the 5-fold cross-validation of
2026-12-07, mostly ordinary messages that share a word with the crisis examples: "meer",
"ik wil meer keuze", "alleen mezelf", "ik wil dat niet" (23 of its 29 false alarms).

So when the classifier puts `crisis` first with a confidence under CONFIDENCE, crisis moves
to second place and the next intent is read; with its lower confidence that is usually the
FallbackClassifier's `nlu_fallback`, and actions/fallback.py then adds the crisis lines to
its "Sorry, dat heb ik niet goed begrepen" (crisis stays in the ranking for that).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_keywords import CRISIS
from bot.rule_component import RuleComponent

# How sure the classifier alone must be of a crisis.
CONFIDENCE = 0.9


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisClassifierGate(RuleComponent):
    """Moves an unsure `crisis` of the classifier to second place in the ranking."""

    def process_message(self, message: Message) -> None:
        ranking = list(message.get(INTENT_RANKING_KEY) or [])
        if len(ranking) < 2 or ranking[0].get("name") != CRISIS:
            return
        if ranking[0].get("confidence", 0.0) >= CONFIDENCE:
            return
        ranking[0], ranking[1] = ranking[1], ranking[0]
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
