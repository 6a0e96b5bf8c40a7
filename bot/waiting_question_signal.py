"""A question about waiting is a question, not a search in another place.

Rasa component placed after the FallbackClassifier in config.yml: when the classifier read
`other_place` ("search in another place") but the message asks how long to wait ("en hoe
lang moet ik wachten op een plaats", right after the costs of a dagcentrum), its intent
becomes `faq` with confidence 1, so the FAQ action answers it from the response selector's
topics (actions/faq.py: a provider's place is a question for the provider). The word
"plaats" made one training read that message as other_place 0.93, and the provider search
asked "Waar zoek je hulp?" (docs/benchmarks.md, 2026-12-04, night).

A short question about the waiting list that the classifier could not place ("zijn er
wachtlijsten", "is er een wachtlijst": the fallback at 0.60; "moet ik lang wachten":
`inform` 0.71) is `faq` too, when the FAQ selector is sure its topic is the waiting time
(SURE_TOPIC): the person got "Sorry, dat heb ik niet goed begrepen" for a question the FAQ
answers. A statement ("ik sta al 3 jaar op de wachtlijst") stays what it was read as: in
the intake it is an answer about the person's situation.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis_signals import force_intent
from bot.faq_question_signal import SURE_TOPIC, faq_topic, faq_topic_confidence
from bot.question_phrases import asks_a_question
from bot.rule_component import RuleComponent
from bot.waiting_words import WAITING_LIST_WORDS, WAITING_TOPIC, WAITING_WORDS

OTHER_PLACE = "other_place"
FAQ = "faq"
# Readings under which a question about the waiting list got no answer.
UNPLACED_READINGS = (DEFAULT_NLU_FALLBACK_INTENT_NAME, "inform")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class WaitingQuestionClassifier(RuleComponent):
    """Sets the intent to `faq` when `other_place` was read in a question about waiting,
    or the fallback or `inform` in a question about the waiting list."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        text = message.get(TEXT) or ""
        if intent == OTHER_PLACE and WAITING_WORDS.search(text):
            force_intent(message, FAQ)
        elif intent in UNPLACED_READINGS and asks_about_the_waiting_list(message):
            force_intent(message, FAQ)


def asks_about_the_waiting_list(message: Message) -> bool:
    """A question with a word of waiting for help, whose topic the FAQ selector is sure is
    the waiting time."""
    text = message.get(TEXT) or ""
    return (
        asks_a_question(text)
        and WAITING_LIST_WORDS.search(text) is not None
        and faq_topic(message) == WAITING_TOPIC
        and faq_topic_confidence(message) >= SURE_TOPIC
    )
