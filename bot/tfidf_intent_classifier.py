"""Rasa component: the intent read by a linear classifier on TF-IDF n-grams of the text.

It replaced DIET as the intent classifier (issues 13 and 14; docs/decisions.md): logistic
regression on character and word n-grams (bot/tfidf_model.py). It trains in seconds where
DIET took minutes on two cores, needs no TensorFlow, and reads the held-out set and the
cross-validation better (benchmarks/nlu_pipelines.py, docs/benchmarks.md).

It learns every FAQ topic (faq/what_is_pvb, faq/waiting_time, ...) as a class of its own
and adds their probabilities up to the one intent `faq`: one class for the 2,000 FAQ
examples had drawn questions about anything ("hoe lang duurt een paspoort") to `faq`; with
the topics apart, out_of_scope recall rose from 0.78 to 0.84 in the 5-fold cross-validation
of the classifier alone (docs/benchmarks.md, fifty-third session).

It reads the message's own text, not Rasa's featurizers, and sets `intent` and
`intent_ranking` as DIET did; the FallbackClassifier and the rule classifiers after it work
on its ranking unchanged. It extracts no entities: the entity ruler, the synonyms and the
age and first-name rules do (DIET's entity layer had added nothing to them).
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.tfidf_model import DEFAULT_CONFIG, StoredModelComponent, new_classifier
from bot.word_novelty import is_dutch_word

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfIntentClassifier(IntentClassifier, StoredModelComponent):
    """Logistic regression on TF-IDF character and word n-grams of the message text."""

    MODEL_FILE = "tfidf_intents.joblib"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Words never met and no Dutch word (bot/word_novelty.py) tell out_of_scope, inform
        # and gibberish apart where the n-grams had nothing to go on; digits as 0 let one
        # postcode or age teach all (docs/benchmarks.md, fifty-fourth session).
        return {**DEFAULT_CONFIG, "word_novelty": True, "digits_as_zero": True}

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.debug("Fewer than two intents: %s is not trained.", self.__class__.__name__)
            return self._resource
        classifier = new_classifier(self.config)
        classifier.fit(
            [e.get(TEXT) for e in examples],
            [e.get(INTENT_RESPONSE_KEY) or e.get(INTENT) for e in examples],
        )
        return self.store({"classifier": classifier})

    def process(self, messages: list[Message]) -> list[Message]:
        if self.trained is None:
            return messages
        classifier = self.trained["classifier"]
        intents, summed = self._intents
        probabilities = classifier.predict_proba([message.get(TEXT) or "" for message in messages])
        for message, row in zip(messages, probabilities @ summed, strict=True):
            scored = sorted(
                ((float(p), name) for name, p in zip(intents, row, strict=True)),
                key=lambda pair: -pair[0],
            )
            ranking = [{"name": name, "confidence": p} for p, name in scored]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(
                INTENT_RANKING_KEY, ranking[: self.config["ranking_length"]], add_to_output=True
            )
        return messages

    def _keep(self, trained: dict[str, Any]) -> None:
        super()._keep(trained)
        self._intents = intents_of(trained["classifier"].classes_)
        # wordfreq reads its Dutch list (0.1 s, 37 MB) on the first word looked up: now,
        # while the model loads, not during the first person's message.
        is_dutch_word("ja")


def intents_of(classes: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The intents of the trained classes ("faq/what_is_pvb" is `faq`), and the 0/1 matrix
    (classes x intents) that adds a message's class probabilities up to its intents'."""
    intents, column = np.unique(
        [str(label).split("/")[0] for label in classes], return_inverse=True
    )
    return [str(intent) for intent in intents], np.eye(len(intents))[column]
