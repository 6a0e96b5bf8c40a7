"""Every Flemish goodbye and thanks of the held-out set, in a real conversation over the
REST channel (issue 14, point 9): after an answer, a thanks gets "Graag gedaan!" and a
goodbye gets "Tot later!", never "Dat begrijp ik niet".

The held-out messages were written apart from the training data (tests/holdout/). Honesty:
the goodbye and thanks formulas of bot/closing_phrases.py were written after these
messages had been read, so for them this is a regression test of that rule and of the
pipeline around it, not an independent measure of the classifier (docs/nlu.md).
"""

from __future__ import annotations

import pytest

from tests.chat import new_sender, texts
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR

pytestmark = pytest.mark.rasa

HELD_OUT = examples(HOLDOUT_DIR / "intents.yml")
FIRST_WORDS = {"goodbye": "Tot later!", "thank": "Graag gedaan!"}


def test_the_held_out_set_has_the_messages_this_test_reads():
    assert len(HELD_OUT["goodbye"]) >= 15
    assert len(HELD_OUT["thank"]) >= 15


@pytest.mark.parametrize(
    ("intent", "message"),
    [(intent, message) for intent in FIRST_WORDS for message in HELD_OUT[intent]],
)
def test_a_held_out_goodbye_or_thanks_after_an_answer_is_answered_as_such(
    assistant, intent, message
):
    sender = new_sender()
    answer = texts(assistant.replies(sender, "wat is een pvb"))
    assert any("persoonsvolgend budget" in text.lower() for text in answer), answer

    replies = texts(assistant.replies(sender, message))
    assert replies and replies[0].startswith(FIRST_WORDS[intent]), replies
    assert not any("begrijp" in text for text in replies)


def test_a_bare_dag_greets_first_and_says_goodbye_later(assistant):
    """ "Dag" is Flemish for hello and for goodbye: the first message of a conversation
    gets the welcome, a later one the goodbye, never "Sorry, dat heb ik niet goed begrepen"."""
    sender = new_sender()
    first = texts(assistant.replies(sender, "dag"))
    assert first[0].startswith("Hallo, ik ben Wegwijzer."), first

    assistant.replies(sender, "wat is een pvb")
    later = texts(assistant.replies(sender, "dag"))
    assert later[0].startswith(FIRST_WORDS["goodbye"]), later
