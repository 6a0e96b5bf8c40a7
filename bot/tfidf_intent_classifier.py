"""Rasa component: the intent read by a linear classifier on TF-IDF n-grams of the text.

It replaced DIET as the intent classifier (issues 13 and 14; docs/decisions.md): logistic
regression on character and word n-grams (bot/tfidf_model.py). It trains in seconds where
DIET took minutes on two cores, needs no TensorFlow, and reads the held-out set and the
cross-validation better (benchmarks/nlu_pipelines.py, docs/benchmarks.md).

It reads the message's own text, not Rasa's featurizers, and sets `intent` and
`intent_ranking` as DIET did; the FallbackClassifier and the rule classifiers after it work
on its ranking unchanged. It extracts no entities: the entity ruler, the synonyms and the
age and first-name rules do (DIET's entity layer had added nothing to them).
"""

from __future__ import annotations

import logging

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.tfidf_model import StoredModelComponent, new_classifier

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfIntentClassifier(IntentClassifier, StoredModelComponent):
    """Logistic regression on TF-IDF character and word n-grams of the message text."""

    MODEL_FILE = "tfidf_intents.joblib"

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.debug("Fewer than two intents: %s is not trained.", self.__class__.__name__)
            return self._resource
        classifier = new_classifier(self.config)
        classifier.fit([e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples])
        return self.store({"classifier": classifier})

    def process(self, messages: list[Message]) -> list[Message]:
        if self.trained is None:
            return messages
        classifier = self.trained["classifier"]
        probabilities = classifier.predict_proba([message.get(TEXT) or "" for message in messages])
        for message, row in zip(messages, probabilities, strict=True):
            scored = sorted(
                ((float(p), str(name)) for name, p in zip(classifier.classes_, row, strict=True)),
                key=lambda pair: -pair[0],
            )
            ranking = [{"name": name, "confidence": p} for p, name in scored]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(
                INTENT_RANKING_KEY, ranking[: self.config["ranking_length"]], add_to_output=True
            )
        return messages
