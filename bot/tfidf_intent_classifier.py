"""Rasa component: the intent read by a linear classifier on TF-IDF n-grams of the text.

A candidate to replace DIET as the intent classifier (issues 13 and 14): scikit-learn's
logistic regression on character 2-5-grams within words and word 1-2-grams, both TF-IDF
with a sublinear term frequency. It trains in seconds where DIET takes minutes on two
cores, needs no TensorFlow at inference, and on this project's data it reads the held-out
set and the cross-validation at least as well (benchmarks/nlu_pipelines.py, variant
`tfidf-intents`; benchmarks/nlu_cv_proxy.py is the same model without Rasa).

It reads the message's own text, not Rasa's featurizers, and sets `intent` and
`intent_ranking` as DIET does; the FallbackClassifier and the rule classifiers after it
work on its ranking unchanged. It extracts no entities: the entity ruler, the synonyms and
the age and first-name rules do (DIET's entity layer added nothing to them, docs/benchmarks.md).
"""

from __future__ import annotations

import logging
from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

logger = logging.getLogger(__name__)

MODEL_FILE = "tfidf_intents.joblib"


def new_classifier(config: dict[str, Any]) -> Pipeline:
    """The untrained scikit-learn pipeline for this component's settings."""
    return make_pipeline(
        make_union(
            TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(config["char_min_ngram"], config["char_max_ngram"]),
                sublinear_tf=True,
                lowercase=True,
            ),
            TfidfVectorizer(
                analyzer="word",
                ngram_range=(1, config["word_max_ngram"]),
                sublinear_tf=True,
                lowercase=True,
            ),
        ),
        LogisticRegression(
            C=config["C"],
            max_iter=config["max_iter"],
            random_state=config["random_state"],
        ),
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfIntentClassifier(IntentClassifier, GraphComponent):
    """Logistic regression on TF-IDF character and word n-grams of the message text."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "C": 1000.0,
            "max_iter": 3000,
            "char_min_ngram": 2,
            "char_max_ngram": 5,
            "word_max_ngram": 2,
            "random_state": 42,
            "ranking_length": 10,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classifier: Pipeline | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.classifier = classifier

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TfidfIntentClassifier:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TfidfIntentClassifier:
        try:
            with model_storage.read_from(resource) as folder:
                classifier = joblib.load(folder / MODEL_FILE)
        except ValueError:
            logger.debug("No trained %s in the model; it reads no intent.", cls.__name__)
            classifier = None
        return cls(config, model_storage, resource, classifier)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.debug("Fewer than two intents: %s is not trained.", self.__class__.__name__)
            return self._resource
        classifier = new_classifier(self.config)
        classifier.fit([e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples])
        self.classifier = classifier
        with self._model_storage.write_to(self._resource) as folder:
            joblib.dump(classifier, folder / MODEL_FILE)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        if self.classifier is None:
            return messages
        texts = [message.get(TEXT) or "" for message in messages]
        probabilities = self.classifier.predict_proba(texts)
        names = self.classifier.classes_
        for message, row in zip(messages, probabilities, strict=True):
            scored = sorted(
                ((float(p), str(name)) for name, p in zip(names, row, strict=True)),
                key=lambda pair: -pair[0],
            )
            ranking = [{"name": name, "confidence": p} for p, name in scored]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(
                INTENT_RANKING_KEY, ranking[: self.config["ranking_length"]], add_to_output=True
            )
        return messages
