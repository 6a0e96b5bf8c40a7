"""Rasa component: the FAQ topic read by a linear classifier on TF-IDF n-grams of the text.

A candidate to replace Rasa's ResponseSelector (issues 13 and 14), with the same model as
bot/tfidf_intent_classifier.py trained on the examples of the retrieval intents only
(`faq/what_is_pvb`, ...). It writes the message's `response_selector` property exactly as
Rasa's ResponseSelector does without a `retrieval_intent` (the key `default`: the predicted
`intent_response_key`, its `utter_action` and confidence, and a ranking), so Rasa's
`utter_faq` action, `rasa test nlu` and actions/faq.py read it unchanged.
"""

from __future__ import annotations

import logging
from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT,
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data import util
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.pipeline import Pipeline

from bot.tfidf_intent_classifier import TfidfIntentClassifier, new_classifier

logger = logging.getLogger(__name__)

MODEL_FILE = "tfidf_faq_topics.joblib"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfFaqSelector(GraphComponent):
    """Picks the response key of a retrieval intent (`faq/<topic>`) for every message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return TfidfIntentClassifier.get_default_config()

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        trained: dict[str, Any] | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        trained = trained or {}
        self.classifier: Pipeline | None = trained.get("classifier")
        self.retrieval_intents: list[str] = trained.get("retrieval_intents", [])
        self.responses: dict[str, list[dict]] = trained.get("responses", {})

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TfidfFaqSelector:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TfidfFaqSelector:
        try:
            with model_storage.read_from(resource) as folder:
                trained = joblib.load(folder / MODEL_FILE)
        except ValueError:
            logger.debug("No trained %s in the model; it selects nothing.", cls.__name__)
            trained = None
        return cls(config, model_storage, resource, trained)

    def train(self, training_data: TrainingData) -> Resource:
        retrieval_intents = sorted(training_data.retrieval_intents)
        examples = [
            e
            for e in training_data.intent_examples
            if e.get(INTENT) in retrieval_intents and e.get(INTENT_RESPONSE_KEY) and e.get(TEXT)
        ]
        if len({e.get(INTENT_RESPONSE_KEY) for e in examples}) < 2:
            logger.debug("Fewer than two responses: %s is not trained.", self.__class__.__name__)
            return self._resource
        classifier = new_classifier(self.config)
        classifier.fit(
            [e.get(TEXT) for e in examples], [e.get(INTENT_RESPONSE_KEY) for e in examples]
        )
        keys = {e.get(INTENT_RESPONSE_KEY) for e in examples}
        responses = {
            key: value
            for key, value in training_data.responses.items()
            if util.template_key_to_intent_response_key(key) in keys
        }
        trained = {
            "classifier": classifier,
            "retrieval_intents": retrieval_intents,
            "responses": responses,
        }
        with self._model_storage.write_to(self._resource) as folder:
            joblib.dump(trained, folder / MODEL_FILE)
        self.classifier = classifier
        self.retrieval_intents = retrieval_intents
        self.responses = responses
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        if self.classifier is None:
            return messages
        texts = [message.get(TEXT) or "" for message in messages]
        probabilities = self.classifier.predict_proba(texts)
        keys = [str(key) for key in self.classifier.classes_]
        for message, row in zip(messages, probabilities, strict=True):
            order = sorted(range(len(keys)), key=lambda index: -row[index])
            ranking = [
                {
                    "id": index,
                    PREDICTED_CONFIDENCE_KEY: float(row[index]),
                    INTENT_RESPONSE_KEY: keys[index],
                }
                for index in order[: self.config["ranking_length"]]
            ]
            best = keys[order[0]]
            utter_action = util.intent_response_key_to_template_key(best)
            prediction = {
                RESPONSE_SELECTOR_PREDICTION_KEY: {
                    RESPONSE_SELECTOR_RESPONSES_KEY: self.responses.get(utter_action, []),
                    PREDICTED_CONFIDENCE_KEY: float(row[order[0]]),
                    INTENT_RESPONSE_KEY: best,
                    RESPONSE_SELECTOR_UTTER_ACTION_KEY: utter_action,
                },
                RESPONSE_SELECTOR_RANKING_KEY: ranking,
            }
            properties = message.get(RESPONSE_SELECTOR_PROPERTY_NAME, {})
            properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = self.retrieval_intents
            properties[RESPONSE_SELECTOR_DEFAULT_INTENT] = prediction
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        return messages
