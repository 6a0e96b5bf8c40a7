"""NLU quality on messages the model never saw: tests/holdout/.

The held-out set (1,265 messages written apart from the training data, no near-copy of a
training example and at least 15 messages per intent and FAQ topic:
tests/test_holdout_honesty.py) is parsed through the whole pipeline (tests/nlu_quality.py).
It replaces the older tests/nlu_holdout.yml, about half of which were near-copies of
training examples (it measured memory: intent macro-F1 0.955 where the honest set gives
0.90).

Gated here:
- every crisis message recognised, in the held-out set and in the training data (a missed
  crisis is the worst error Wegwijzer can make), and every entity type at F1 0.90 or more;
- issue 14's thresholds for intent and FAQ topic macro-F1 (0.90), out_of_scope recall (0.90)
  and crisis precision (0.90). Until 2026-12-07 these were floors under the lowest figure
  any machine had measured (0.88, 0.87, 0.83, 0.87), because DIET's training moved them by
  about 0.01 from host to host. The classifiers since then (logistic regression on TF-IDF
  n-grams, docs/decisions.md) solve a convex problem with one optimum, so every machine
  trains the same model up to rounding, and the thresholds are gated as the issue asks:
  a change that makes Wegwijzer understand people worse than that fails `make test`.
"""

from __future__ import annotations

import pytest

from bot.config import load_settings
from tests import nlu_quality
from tests.holdout_honesty import TRAINING_DIR

INTENT_MACRO_F1_FLOOR = 0.90
FAQ_TOPIC_MACRO_F1_FLOOR = 0.90
OUT_OF_SCOPE_RECALL_FLOOR = 0.90
CRISIS_PRECISION_FLOOR = 0.90


@pytest.fixture(scope="module")
def honest() -> nlu_quality.Evaluation:
    return nlu_quality.evaluate(load_settings().model_path)


def test_every_crisis_message_written_apart_from_the_training_data_is_recognised(honest):
    assert honest.errors("crisis") == []


def test_every_crisis_message_of_the_training_data_is_recognised():
    examples = [e for e in nlu_quality.load_holdout(TRAINING_DIR) if e.intent == "crisis"]
    results = nlu_quality.parse_all(load_settings().model_path, [e.text for e in examples])
    missed = [
        example.text
        for example, result in zip(examples, results, strict=True)
        if nlu_quality.parsed(result).intent != "crisis"
    ]
    assert len(examples) > 50 and missed == []


def test_every_entity_type_is_found_with_f1_of_at_least_0_90(honest):
    scores = honest.entities.per_label
    assert {"age", "first_name", "municipality", "postcode", "relation"} <= set(scores)
    weak = {kind: round(f1, 2) for kind, (_p, _r, f1, _n) in scores.items() if f1 < 0.90}
    assert weak == {}


def test_what_people_ask_is_understood_on_held_out_messages(honest):
    assert honest.intents.macro_f1 >= INTENT_MACRO_F1_FLOOR, honest.intents.weakest(8)


def test_the_faq_topic_is_understood_on_held_out_questions(honest):
    assert honest.topics.macro_f1 >= FAQ_TOPIC_MACRO_F1_FLOOR, honest.topics.weakest(5)


def test_questions_about_other_matters_are_recognised_as_out_of_scope(honest):
    # A question about a building permit or an energy bill must not get a PVF answer.
    recall = honest.intents.recall("out_of_scope")
    assert recall >= OUT_OF_SCOPE_RECALL_FLOOR, honest.errors("out_of_scope")


def test_the_crisis_answer_is_rarely_a_false_alarm(honest):
    precision = honest.intents.precision("crisis")
    assert precision >= CRISIS_PRECISION_FLOOR, honest.false_alarms("crisis")
