"""A question the FAQ selector is sure of, taken by the classifier for thanks or for an
introduction, is that question.

Rasa component placed after the phrase checks and before the crisis signals in config.yml
(so a crisis signal still wins). When the classifier read

- thanks or a goodbye, and the message thanks and then asks ("bedankt, en hoe vraag ik
  zo'n plek aan": thank 0.68; bot/closing_phrases.py), or
- an introduction (identify_as_network or identify_as_person), and the message opens as a
  question ("mag mijn mama mijn begeleider zijn": identify_as_network 0.95, and the person
  heard "Goed, dan stel ik mijn vragen over je mama."; bot/question_phrases.py),

and the FAQ selector is sure of a topic (SURE_TOPIC), the intent becomes `faq` with
confidence 1. The FAQ action still weighs the topic's confidence and margin
(actions/faq.py). Thanks and then a question the selector is unsure of ("bedankt, en wie
beslist daarover": thank 0.93, no topic sure) goes to the fallback, which answers such
follow-ups from the answer just given (actions/follow_up.py) or asks to say it otherwise,
instead of only "Graag gedaan!".

A provider search for a service the provider data holds none of ("ik zoek een mdt in
Brugge": find_provider 1.00; "waar kan ik een mdt vinden in de buurt van Gent": just under
the fallback threshold, find_provider first under it) is `faq` too when the selector's best
topic is that service, however sure: the search asked which kind of help the person was
looking for, and MDTs are none of them; the FAQ answer about MDTs says where to find one.
So is a search for an assistive device that names no kind of help ("ik zoek een rolstoel":
find_provider 0.77, "Waar zoek je hulp?"): no provider of the data sells one, and the FAQ
action answers a question about a device with the VAPH's help for devices
(actions/assistive_devices.py).

A question about getting something automatically ("krijg ik da automatisch": bot_challenge
0.99 on the model of 2026-12-06, the selector sure of automatic_grant at 1.00) is a FAQ
question when the selector is sure of its topic: it asks about getting something, and says
nothing about answers, chatting, people or machines ("krijg ik hier automatische antwoorden"
is a bot challenge).

Any question the classifier could not place (the fallback) is `faq` when the selector is
sure of its topic ("kan ik kiezen welke voorziening": change_provider 0.93).

A question what an ondersteuningsplan is ("wa is een ondersteuningsplan eigenlijk":
start_intake 0.70 on the model of 2026-12-07, and the person was asked to consent to the
intake) is `faq`, read as the plan, the start of the intake or nothing sure: the FAQ action
says what the word means and offers to make a draft together (actions/term_explained.py).

A question about spending a budget that the classifier could not place ("kan ik mijn
budget gebruiken voor een poetsvrouw": the fallback at 0.60, the selector sure of
budget_spending at 0.95) is `faq` when the selector is that sure of that topic: the answer
names what cash can pay for.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_DEFAULT_INTENT,
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
)
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.budget_words import NAMES_A_BUDGET
from bot.closing_phrases import GOODBYE, THANK, asks_after_thanks
from bot.crisis_signals import force_intent
from bot.device_words import searches_for_a_device
from bot.other_languages import asks_for_another_language
from bot.question_phrases import asks_a_question, starts_as_question
from bot.rule_component import RuleComponent

FAQ = "faq"
# How sure the FAQ selector must be of the question: on the model of 2026-12-06 the
# questions of these kinds were 0.89-0.98, requests that were no FAQ question under 0.25.
SURE_TOPIC = 0.8
# An introduction never opens as a question (tests/test_faq_question_signal.py), so a likely
# topic is enough after one: "mag mijn papa mijn begeleider zijn" (identify_as_network 0.94,
# budget_spending 0.65 on the model of 2026-12-07) heard "Goed, dan stel ik mijn vragen over
# je papa." The FAQ action still weighs the topic's confidence and margin.
LIKELY_TOPIC = 0.5
INTRODUCTIONS = ("identify_as_network", "identify_as_person")
# Services that no provider of the provider data offers, and the FAQ topic about each.
UNLISTED_SERVICES = {
    "mdt": re.compile(r"\b(?:mdt'?s?|multidisciplinaire?\s+team)", re.IGNORECASE),
    # "waar vind ik een dop in de buurt van brugge" (find_provider 0.85, what_is_dop 0.98 on
    # the model of 2026-12-07) got "Welke soort hulp zoek je?"; the answer about the DOP says
    # where its contact points are.
    "what_is_dop": re.compile(
        r"\b(?:dop'?s?|dienst(?:en)?\s+ondersteuningsplan(?:nen)?)\b", re.IGNORECASE
    ),
}
SEARCH = "find_provider"
SPENDING_TOPIC = "budget_spending"
# "budget" or "pvb" and a verb of spending, in either order.
SPENDING = re.compile(
    r"\b(?:budget|pvb)\b.*\b(?:gebruik\w*|betal\w*|bested\w*|inzet\w*)"
    r"|\b(?:gebruik\w*|betal\w*|bested\w*|inzet\w*)\b.*\b(?:budget|pvb)\b",
    re.IGNORECASE,
)
# Readings under which a question about spending got no answer.
UNPLACED = (DEFAULT_NLU_FALLBACK_INTENT_NAME, "inform")
# A pause that names a budget (bot/budget_words.py): "mag ik mijn budget sparen voor later"
# (pause 0.66 on the model of 2026-12-07, for "voor later") asks about the budget, not to
# pause the chat.
PAUSE = "pause"
# Getting something automatically: "krijg ik da automatisch", "gaat dat automatisch".
GETS_AUTOMATICALLY = re.compile(
    r"\b(?:krijg|krijgt|krijgen|gaat|komt|betaalt|toegekend|uitbetaald)\b.*\bautomati"
    r"|\bautomati\w*\s+(?:krijg\w*|toegekend|uitbetaald)\b",
    re.IGNORECASE,
)
# What a question about Wegwijzer itself names: its answers, the chat, people and machines.
ABOUT_THE_CHAT = re.compile(
    r"\b(?:antwoord\w*|typ\w*|chat\w*|praat\w*|mens|persoon|iemand|robot|computer|machine"
    r"|programma|bot|automaat|jij|gij|ge|u)\b",
    re.IGNORECASE,
)


# "wat is een ondersteuningsplan", "wa is da eigenlijk, een ondersteuningsplan" is not.
ASKS_WHAT_THE_PLAN_IS = re.compile(
    r"^\s*(?:en\s+|allee\s+|euh\s+)?wa(?:t)?\s+(?:is|zijn|betekent|betekenen)\s+"
    r"(?:(?:dat|da|dan|eigenlijk|juist|precies)\s+)*(?:(?:een|nen|ne|het|de|zo'?n|zo\s+een)\s+)?"
    r"(?:ontwerp\s+van\s+(?:een\s+)?)?ondersteuningsplan(?:nen)?\b",
    re.IGNORECASE,
)
# Readings under which such a question started the intake or got no answer.
PLAN_READINGS = ("start_intake", "show_plan", DEFAULT_NLU_FALLBACK_INTENT_NAME)


def asks_what_the_plan_is(message: Message, intent: str) -> bool:
    words = re.sub(r"[,;:!?.]", " ", message.get(TEXT) or "")
    return intent in PLAN_READINGS and ASKS_WHAT_THE_PLAN_IS.search(words) is not None


def asks_to_get_it_automatically(text: str) -> bool:
    """Whether `text` asks about getting something automatically, and not about the chat."""
    return GETS_AUTOMATICALLY.search(text) is not None and not ABOUT_THE_CHAT.search(text)


def names_an_unlisted_service(text: str) -> bool:
    return any(words.search(text) for words in UNLISTED_SERVICES.values())


# The classifier's readings that can hide a question, and how the question shows.
HIDING_READINGS: dict[str, Callable[[str], bool]] = {
    THANK: asks_after_thanks,
    GOODBYE: asks_after_thanks,
    "identify_as_network": starts_as_question,
    "identify_as_person": starts_as_question,
    "bot_challenge": asks_to_get_it_automatically,
}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class FaqQuestionClassifier(RuleComponent):
    """Sets the intent to `faq` when a reading of HIDING_READINGS hides a sure FAQ question
    or a pause names a budget, and to the fallback for thanks with a question no topic is
    sure of."""

    def process_message(self, message: Message) -> None:
        intent = (message.get(INTENT) or {}).get("name") or ""
        if (
            (intent == PAUSE and NAMES_A_BUDGET.search(message.get(TEXT) or ""))
            or searches_an_unlisted_service(message, intent)
            or searches_a_device(message, intent)
            or asks_about_spending(message, intent)
            or asks_a_sure_question(message, intent)
            or asks_what_the_plan_is(message, intent)
        ):
            force_intent(message, FAQ)
            return
        asks = HIDING_READINGS.get(intent)
        if asks is None or not asks(message.get(TEXT) or ""):
            return
        needed = LIKELY_TOPIC if intent in INTRODUCTIONS else SURE_TOPIC
        if faq_topic_confidence(message) >= needed:
            force_intent(message, FAQ)
        elif intent in (THANK, GOODBYE):
            force_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME)


def searches_an_unlisted_service(message: Message, intent: str) -> bool:
    """A search (or a message just under the fallback threshold with a search first under
    it) that names a service of UNLISTED_SERVICES, which is the selector's best topic."""
    words = UNLISTED_SERVICES.get(faq_topic(message))
    text = message.get(TEXT) or ""
    return search_read(message, intent) and words is not None and words.search(text) is not None


def searches_a_device(message: Message, intent: str) -> bool:
    """A search (or a message just under the fallback threshold with a search first under
    it) that names an assistive device and no kind of help (support_type)."""
    entities = {entity.get("entity") for entity in message.get(ENTITIES) or []}
    text = message.get(TEXT) or ""
    return (
        search_read(message, intent)
        and "support_type" not in entities
        and searches_for_a_device(text)
    )


def asks_about_spending(message: Message, intent: str) -> bool:
    """A question about spending a budget, read as nothing sure or as a fact, that the
    selector is sure is about spending a budget."""
    text = message.get(TEXT) or ""
    return (
        intent in UNPLACED
        and asks_a_question(text)
        and SPENDING.search(text) is not None
        and faq_topic(message) == SPENDING_TOPIC
        and faq_topic_confidence(message) >= SURE_TOPIC
    )


def asks_a_sure_question(message: Message, intent: str) -> bool:
    """Any question the classifier could not place (the fallback) that the selector is sure
    of: "kan ik kiezen welke voorziening" (nlu_fallback 0.60, change_provider 0.93 on the
    model of 2026-12-06). Over the 5,263 training and held-out messages, the fallback with
    a question and a topic at SURE_TOPIC or more were two held-out FAQ questions and
    nothing else (docs/nlu.md). A question about chatting in another language is not: the
    selector of 2026-12-07 (bot/tfidf_faq_selector.py) read "kan ik met jou ook in het frans
    praten" as budget_spending at 0.88."""
    text = message.get(TEXT) or ""
    return (
        intent == DEFAULT_NLU_FALLBACK_INTENT_NAME
        and asks_a_question(text)
        and not asks_for_another_language(text)  # the fallback says only Dutch is understood
        and faq_topic_confidence(message) >= SURE_TOPIC
    )


def search_read(message: Message, intent: str) -> bool:
    """Whether the classifier read a search: `intent`, or the best intent under it when it
    is the fallback."""
    if intent == DEFAULT_NLU_FALLBACK_INTENT_NAME:
        under = [
            str(ranked.get("name") or "")
            for ranked in message.get(INTENT_RANKING_KEY) or []
            if ranked.get("name") != intent
        ]
        intent = under[0] if under else ""
    return intent == SEARCH


def _best_topic(message: Message) -> dict:
    selected = (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(
        RESPONSE_SELECTOR_DEFAULT_INTENT
    ) or {}
    return selected.get(RESPONSE_SELECTOR_PREDICTION_KEY) or {}


def faq_topic(message: Message) -> str:
    """The FAQ selector's best topic for `message` ("mdt"); "" when there is none."""
    key = str(_best_topic(message).get("intent_response_key") or "")
    return key.partition("/")[2]


def faq_topic_confidence(message: Message) -> float:
    """The FAQ selector's confidence in its best topic for `message`; 0 when there is none."""
    return float(_best_topic(message).get("confidence") or 0.0)
