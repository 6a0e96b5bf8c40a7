"""Rasa component: the FAQ topic read by a linear classifier on TF-IDF n-grams of the text.

It replaced Rasa's ResponseSelector (issues 13 and 14), with the same model as
bot/tfidf_intent_classifier.py (bot/tfidf_model.py) trained on the examples of the
retrieval intents only (`faq/what_is_pvb`, ...). It writes the message's
`response_selector` property exactly as Rasa's ResponseSelector does without a
`retrieval_intent` (the key `default`: the predicted `intent_response_key`, its
`utter_action` and confidence, and a ranking), so Rasa's `utter_faq` action, `rasa test
nlu` and actions/faq.py read it unchanged.
"""

from __future__ import annotations

import logging

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
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

from bot.tfidf_model import StoredModelComponent, new_classifier

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfFaqSelector(StoredModelComponent):
    """Picks the response key of a retrieval intent (`faq/<topic>`) for every message."""

    MODEL_FILE = "tfidf_faq_topics.joblib"

    def train(self, training_data: TrainingData) -> Resource:
        retrieval_intents = sorted(training_data.retrieval_intents)
        examples = [
            e
            for e in training_data.intent_examples
            if e.get(INTENT) in retrieval_intents and e.get(INTENT_RESPONSE_KEY) and e.get(TEXT)
        ]
        keys = {e.get(INTENT_RESPONSE_KEY) for e in examples}
        if len(keys) < 2:
            logger.debug("Fewer than two responses: %s is not trained.", self.__class__.__name__)
            return self._resource
        classifier = new_classifier(self.config)
        classifier.fit(
            [e.get(TEXT) for e in examples], [e.get(INTENT_RESPONSE_KEY) for e in examples]
        )
        responses = {
            key: value
            for key, value in training_data.responses.items()
            if util.template_key_to_intent_response_key(key) in keys
        }
        return self.store(
            {
                "classifier": classifier,
                "retrieval_intents": retrieval_intents,
                "responses": responses,
            }
        )

    def process(self, messages: list[Message]) -> list[Message]:
        if self.trained is None:
            return messages
        classifier = self.trained["classifier"]
        probabilities = classifier.predict_proba([message.get(TEXT) or "" for message in messages])
        keys = [str(key) for key in classifier.classes_]
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
            responses = self.trained["responses"].get(utter_action, [])
            prediction = {
                RESPONSE_SELECTOR_PREDICTION_KEY: {
                    RESPONSE_SELECTOR_RESPONSES_KEY: responses,
                    PREDICTED_CONFIDENCE_KEY: float(row[order[0]]),
                    INTENT_RESPONSE_KEY: best,
                    RESPONSE_SELECTOR_UTTER_ACTION_KEY: utter_action,
                },
                RESPONSE_SELECTOR_RANKING_KEY: ranking,
            }
            properties = message.get(RESPONSE_SELECTOR_PROPERTY_NAME, {})
            properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = self.trained["retrieval_intents"]
            properties[RESPONSE_SELECTOR_DEFAULT_INTENT] = prediction
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        return messages
