"""A question about another matter than help for people with a disability."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.assistive_devices import answer_device_question
from actions.complaints import problem_with_help_topic
from actions.faq import ask_which_topic, faq_choice, say_faq_answer
from actions.provider_search import say_how_to_reach_the_providers
from actions.reach_wegwijzer import say_no_visits
from actions.tax_question import tax_topic
from bot.device_words import names_a_device
from bot.waiting_words import STILL_WAITING_WORDS, WAITING_TOPIC

# "wanneer krijg ik mijn geld": one's own money, with no word of what money it is ("mijn
# pensioen", "mijn kindergeld" are other matters). No out_of_scope example of the training
# data or the held-out set names it (tests/actions/test_out_of_scope.py).
ONES_MONEY = re.compile(
    r"\b(?:mijn|ons|onze|m'n|mn)\s+(?:geld|centen|budget|pvb|uitbetaling)\b", re.IGNORECASE
)
# The FAQ topics about a budget one waits for or has.
BUDGET_TOPICS = frozenset({"waiting_time", "budget_spending", "budget_categories", "vaph_letter"})


class ActionOutOfScope(Action):
    """Say what Wegwijzer can do and where to go instead (utter_out_of_scope).

    Right after search results, "wat is het nummer van de eerste" reads as another matter
    to the classifier; it asks how to reach the providers shown, whose numbers are in the
    results (actions/provider_search.py). "waar kan ik een rollator kopen in gent" names an
    assistive device: the VAPH's help for devices, not "Daar kan ik je niet mee helpen"
    (actions/assistive_devices.py). No out_of_scope example of the training data or the
    held-out set names a device (tests/actions/test_assistive_devices.py). "wanneer krijg ik
    mijn geld" names one's own money and nothing else: the budget topic the FAQ selector
    reads. "nog altijd niks gehoord van het vaph" (out_of_scope 1.00 on the model of
    2026-12-07) is still waiting for the VAPH: the answer about waiting. "moet ik belastingen
    betalen op mijn budget" is answered (actions/tax_question.py), and "mijn begeleider is
    altijd te laat" gets the answer about one's help (actions/complaints.py)."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if say_how_to_reach_the_providers(dispatcher, tracker):
            return []
        text = str((tracker.latest_message or {}).get("text") or "")
        level = answers.reading_level(tracker)
        if names_a_device(text) and answer_device_question(dispatcher, level, text):
            return []
        if say_no_visits(dispatcher, tracker):
            return []  # "kunnen jullie bij mij thuis langskomen"
        if (taxed := answer_tax_question(dispatcher, tracker)) is not None:
            return taxed  # "moet ik belastingen betalen op mijn budget"
        if (help_topic := problem_with_help_topic(text)) and say_faq_answer(
            dispatcher, help_topic, level
        ):
            return [SlotSet("last_faq_topic", help_topic)]  # "mijn begeleider is te laat"
        if STILL_WAITING_WORDS.search(text) and say_faq_answer(dispatcher, WAITING_TOPIC, level):
            return [SlotSet("last_faq_topic", WAITING_TOPIC)]  # "nog altijd niks gehoord"
        if ONES_MONEY.search(text):
            answered = answer_about_ones_money(dispatcher, tracker, level)
            if answered is not None:
                return answered
        dispatcher.utter_message(response="utter_out_of_scope")
        return []


def answer_about_ones_money(
    dispatcher: CollectingDispatcher, tracker: Tracker, level: str
) -> list[dict[str, Any]] | None:
    """ "wanneer krijg ik mijn geld" (out_of_scope 1.00 on the model of 2026-12-07, the
    selector sure of the waiting time at 0.85) got "Daar kan ik je helaas niet mee helpen".
    The budget topic the selector reads, or which of two it was; None when it reads none."""
    choice = faq_choice(tracker)
    if choice.topic in BUDGET_TOPICS and say_faq_answer(dispatcher, choice.topic, level):
        return [SlotSet("last_faq_topic", choice.topic)]
    if set(choice.options) & BUDGET_TOPICS and ask_which_topic(dispatcher, choice.options, False):
        return []
    return None


def answer_tax_question(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """The answer that says whether the budget named is taxed, its tax line first
    (actions/tax_question.py), outside a form; None (nothing said) when the latest message
    asks no such thing. Also for the fallback."""
    text = str((tracker.latest_message or {}).get("text") or "")
    topic = tax_topic(text)
    if tracker.active_loop_name or topic is None:
        return None
    if not say_faq_answer(dispatcher, topic, answers.reading_level(tracker), question=text):
        return None
    return [SlotSet("last_faq_topic", topic)]
