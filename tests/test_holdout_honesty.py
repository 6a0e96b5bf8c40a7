"""The held-out set measures understanding, not memory of the training data.

No held-out message may be within a difflib ratio of 0.8 of a training example, and every
intent and FAQ topic has at least 15 messages (tests/holdout_honesty.py).
"""

from __future__ import annotations

from tests.holdout_honesty import TRAINING_DIR, examples, near_copies, training_side
from tests.nlu_quality import HOLDOUT_DIR

MIN_MESSAGES = 15


def test_no_held_out_message_is_a_near_copy_of_a_training_example():
    assert near_copies(HOLDOUT_DIR) == []


def test_every_intent_and_faq_topic_has_at_least_15_held_out_messages():
    trained = set(examples(TRAINING_DIR))
    held_out = {intent: len(texts) for intent, texts in examples(HOLDOUT_DIR).items()}
    too_few = {
        intent: held_out.get(intent, 0)
        for intent in trained
        if held_out.get(intent, 0) < MIN_MESSAGES
    }
    assert too_few == {}


def test_the_checker_finds_a_near_copy(tmp_path):
    # The check itself must be able to fail: a training example with one letter changed.
    intent, texts = next(iter(examples(TRAINING_DIR).items()))
    longest = max(texts, key=len)
    copy = longest[:-1] + ("x" if longest[-1] != "x" else "y")
    (tmp_path / "copy.yml").write_text(
        f'version: "3.1"\nnlu:\n- intent: {intent}\n  examples: |\n    - {copy}\n', encoding="utf-8"
    )
    assert [text for text, _other, _ratio in near_copies(tmp_path)] == [copy]


def test_the_writers_view_shows_the_training_example_not_the_held_out_message(tmp_path):
    intent, texts = next(iter(examples(TRAINING_DIR).items()))
    longest = max(texts, key=len)
    held_out = longest[:-1] + ("x" if longest[-1] != "x" else "y")
    (tmp_path / "held_out.yml").write_text(
        f'version: "3.1"\nnlu:\n- intent: {intent}\n  examples: |\n    - {held_out}\n',
        encoding="utf-8",
    )
    assert training_side(tmp_path) == [longest]
