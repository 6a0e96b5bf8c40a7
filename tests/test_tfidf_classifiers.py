"""The intent classifier and the FAQ topic selector: trained, stored, loaded, read back.

What the rest of the assistant reads from them must be in Rasa's own shape: `intent` and
`intent_ranking` as DIET wrote them, and `response_selector.default` as Rasa's
ResponseSelector wrote it (Rasa's `utter_faq`, `rasa test nlu` and actions/faq.py read
it). The quality of the trained model is gated in tests/test_nlu_holdout.py.
"""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.tfidf_faq_selector import TfidfFaqSelector
from bot.tfidf_intent_classifier import TfidfIntentClassifier

EXAMPLES = {
    "greet": ["hallo", "goeiedag", "dag wegwijzer", "hey daar", "goeiemorgen"],
    "goodbye": ["salu", "tot ziens", "daag", "tot later", "allee tot de volgende"],
    "faq/what_is_pvb": [
        "wat is een pvb",
        "wat is een persoonsvolgend budget",
        "leg het budget eens uit",
        "wat betekent pvb",
    ],
    "faq/waiting_time": [
        "hoe lang moet ik wachten",
        "hoe lang is de wachtlijst",
        "wanneer krijg ik mijn budget",
        "wachttijd voor een budget",
    ],
}
RESPONSES = {
    "utter_faq/what_is_pvb": [{"text": "Het persoonsvolgend budget."}],
    "utter_faq/waiting_time": [{"text": "Wachten op een budget."}],
}


def training_data() -> TrainingData:
    messages = []
    for label, texts in EXAMPLES.items():
        intent, _, topic = label.partition("/")
        for text in texts:
            data = {"text": text, "intent": intent}
            if topic:
                data["intent_response_key"] = label
            messages.append(Message(data=data))
    return TrainingData(training_examples=messages, responses=RESPONSES)


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


def trained_and_loaded(cls, storage: LocalModelStorage, name: str):
    resource = Resource(name)
    config = cls.get_default_config()
    cls.create(config, storage, resource, context()).train(training_data())
    return cls.load(config, storage, resource, context())


def test_the_intent_and_its_ranking_are_read_from_the_stored_model(storage):
    classifier = trained_and_loaded(TfidfIntentClassifier, storage, "intents")
    (message,) = classifier.process([Message(data={"text": "wat is da pvb eigenlijk"})])
    intent = message.get("intent")
    ranking = message.get("intent_ranking")
    assert intent["name"] == "faq"
    assert intent == ranking[0]
    assert [entry["name"] for entry in ranking[1:]] != []
    assert ranking == sorted(ranking, key=lambda entry: -entry["confidence"])
    assert sum(entry["confidence"] for entry in ranking) == pytest.approx(1.0)
    assert message.as_dict(only_output_properties=True)["intent"]["name"] == "faq"


def test_the_faq_topics_are_learnt_apart_and_read_as_one_intent(storage):
    """A question about a topic is `faq` with the topics' probabilities added up; a topic
    never shows in the intent ranking, each intent once."""
    classifier = trained_and_loaded(TfidfIntentClassifier, storage, "intents")
    assert {str(c) for c in classifier.trained["classifier"].classes_} >= {
        "faq/what_is_pvb",
        "faq/waiting_time",
    }
    (message,) = classifier.process([Message(data={"text": "hoe lang is die wachttijd"})])
    names = [entry["name"] for entry in message.get("intent_ranking")]
    assert names[0] == "faq"
    assert sorted(names) == ["faq", "goodbye", "greet"]
    probabilities = classifier.trained["classifier"].predict_proba(["hoe lang is die wachttijd"])
    topics = [i for i, c in enumerate(classifier.trained["classifier"].classes_) if "/" in c]
    assert message.get("intent")["confidence"] == pytest.approx(probabilities[0][topics].sum())


def test_a_goodbye_in_tussentaal_is_a_goodbye(storage):
    classifier = trained_and_loaded(TfidfIntentClassifier, storage, "intents")
    (message,) = classifier.process([Message(data={"text": "allee salu he"})])
    assert message.get("intent")["name"] == "goodbye"


def test_the_faq_topic_is_written_as_rasas_response_selector_writes_it(storage):
    selector = trained_and_loaded(TfidfFaqSelector, storage, "topics")
    (message,) = selector.process([Message(data={"text": "hoe lang duurt het wachten"})])
    properties = message.get("response_selector")
    assert properties["all_retrieval_intents"] == ["faq"]
    selected = properties["default"]
    assert selected["response"]["intent_response_key"] == "faq/waiting_time"
    assert selected["response"]["utter_action"] == "utter_faq/waiting_time"
    assert selected["response"]["responses"] == RESPONSES["utter_faq/waiting_time"]
    assert 0.5 < selected["response"]["confidence"] <= 1.0
    assert [entry["intent_response_key"] for entry in selected["ranking"]] == [
        "faq/waiting_time",
        "faq/what_is_pvb",
    ]
    assert selected["ranking"][0]["confidence"] == selected["response"]["confidence"]


def test_a_component_without_a_trained_model_leaves_the_message_alone(storage):
    for cls in (TfidfIntentClassifier, TfidfFaqSelector):
        component = cls.load(cls.get_default_config(), storage, Resource("never"), context())
        (message,) = component.process([Message(data={"text": "hallo"})])
        assert message.get("intent") is None
        assert message.get("response_selector") is None


def test_a_loaded_component_scores_a_message_as_trained_without_copying_its_weights(storage):
    for cls, name in ((TfidfIntentClassifier, "intents"), (TfidfFaqSelector, "topics")):
        resource = Resource(name)
        config = cls.get_default_config()
        trained = cls.create(config, storage, resource, context())
        trained.train(training_data())
        loaded = cls.load(config, storage, resource, context())
        text = ["wat is da pvb eigenlijk"]
        # The scores with the weights in the row order scikit-learn trains them in.
        as_trained = copy.deepcopy(trained.trained["classifier"])
        as_trained[-1].coef_ = np.ascontiguousarray(as_trained[-1].coef_)
        before = as_trained.predict_proba(text)
        after = loaded.trained["classifier"].predict_proba(text)
        assert after == pytest.approx(before)
        # scikit-learn multiplies by coef_.T: contiguous, scipy need not copy it per message.
        assert loaded.trained["classifier"][-1].coef_.T.flags["C_CONTIGUOUS"]
