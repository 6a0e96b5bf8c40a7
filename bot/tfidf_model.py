"""What the two TF-IDF components share: the scikit-learn model and its place in Rasa's model.

bot/tfidf_intent_classifier.py (the intent) and bot/tfidf_faq_selector.py (the FAQ topic)
each train one pipeline made by `new_classifier`: TF-IDF of character 2-5-grams within words
and word 1-2-grams of the lower-cased text, and logistic regression (docs/decisions.md,
"Intents and FAQ topics: logistic regression on TF-IDF n-grams"). The intent classifier
adds how new the message's words are (bot/word_novelty.py) and reads every digit as 0.
`StoredModelComponent` keeps what a component trained as one joblib file in Rasa's model
storage.
"""

from __future__ import annotations

import logging
import re
from typing import Any, ClassVar

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from bot.word_novelty import WordNovelty

logger = logging.getLogger(__name__)

# C = 1000: weak regularisation keeps the confidences high where the model is right, so the
# fallback and clarity thresholds keep their meaning (docs/benchmarks.md, "Intents and FAQ
# topics without TensorFlow").
DEFAULT_CONFIG: dict[str, Any] = {
    "C": 1000.0,
    "max_iter": 3000,
    "char_min_ngram": 2,
    "char_max_ngram": 5,
    "word_max_ngram": 2,
    "random_state": 42,
    "ranking_length": 10,
    # The five word-novelty numbers of bot/word_novelty.py beside the n-grams.
    "word_novelty": False,
    # Every digit read as 0: "postcode 3290" and "postcode 9000" share their n-grams.
    "digits_as_zero": False,
}

DIGIT = re.compile(r"\d")


def lower_case_digits_as_zero(text: str) -> str:
    return DIGIT.sub("0", text.lower())


def new_classifier(config: dict[str, Any]) -> Pipeline:
    """The untrained scikit-learn pipeline for a component's settings."""
    # None: scikit-learn's own lower-casing.
    preprocessor = lower_case_digits_as_zero if config["digits_as_zero"] else None
    features = [
        TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(config["char_min_ngram"], config["char_max_ngram"]),
            sublinear_tf=True,
            preprocessor=preprocessor,
        ),
        TfidfVectorizer(
            analyzer="word",
            ngram_range=(1, config["word_max_ngram"]),
            sublinear_tf=True,
            preprocessor=preprocessor,
        ),
    ]
    if config["word_novelty"]:
        features.append(WordNovelty())
    return make_pipeline(
        make_union(*features),
        LogisticRegression(
            C=config["C"],
            max_iter=config["max_iter"],
            random_state=config["random_state"],
        ),
    )


def laid_out_for_one_message(pipeline: Pipeline) -> Pipeline:
    """`pipeline` with its weights kept in column order; the scores stay the same.

    scikit-learn scores a message as X @ coef_.T. With coef_ in row order, as it is trained,
    scipy copies the whole transposed matrix (classes x n-grams) for every message before it
    multiplies: about 3 of the intent classifier's 4 ms per message (docs/profiling.md, "The
    TF-IDF classifiers: a copy of every weight per message"). In column (Fortran) order the
    transpose is contiguous already and nothing is copied.
    """
    model = pipeline[-1]
    model.coef_ = np.asfortranarray(model.coef_)
    return pipeline


class StoredModelComponent(GraphComponent):
    """A graph component whose trained state is one dict, stored as MODEL_FILE."""

    MODEL_FILE: ClassVar[str]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return dict(DEFAULT_CONFIG)

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
        self.trained: dict[str, Any] | None = None
        if trained is not None:
            self._keep(trained)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> StoredModelComponent:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> StoredModelComponent:
        try:
            with model_storage.read_from(resource) as folder:
                trained = joblib.load(folder / cls.MODEL_FILE)
        except ValueError:
            logger.debug("No trained %s in the model: it leaves messages alone.", cls.__name__)
            trained = None
        return cls(config, model_storage, resource, trained)

    def store(self, trained: dict[str, Any]) -> Resource:
        """Keep `trained` in the model and in this component; the resource for Rasa."""
        with self._model_storage.write_to(self._resource) as folder:
            joblib.dump(trained, folder / self.MODEL_FILE)
        self._keep(trained)
        return self._resource

    def _keep(self, trained: dict[str, Any]) -> None:
        """Use `trained` for the messages to come, its weights laid out for one message."""
        laid_out_for_one_message(trained["classifier"])
        self.trained = trained
