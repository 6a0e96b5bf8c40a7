"""What to do when Wegwijzer does not understand a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import ACTION_LISTEN_NAME

from actions import answers
from actions.assistive_devices import answer_unsure_device_question
from actions.crisis import crisis_lines_text
from actions.facts_told import answer_facts
from actions.faq import (
    answer_complaint,
    answer_no_provider_found,
    answer_objection_or_document,
    answer_term_asked_about,
    answer_topic_named_by_the_words,
    answer_wait_for_a_place,
    answer_waiting_told,
    answer_who_sees_the_plan,
)
from actions.follow_up import answer_follow_up
from actions.form_switch import PROVIDER_SEARCH
from actions.handoff_trigger import open_case
from actions.hello_or_goodbye import answer_hello_or_goodbye, answer_no_more
from actions.open_requests import answer_open_request
from actions.out_of_scope import answer_tax_question
from actions.plan_commands import answer_lost_code
from actions.provider_search import (
    help_and_place_told_in_pieces,
    names_only_help_and_place,
    say_how_to_reach_the_providers,
    search_again_with_changes,
    search_requested_under_the_threshold,
)
from actions.reach_wegwijzer import (
    asks_to_phone_instead,
    say_how_to_reach_wegwijzer,
    say_no_visits,
    say_writing_is_fine,
)
from actions.screen_help import answer_screen_request
from actions.who_is_talking import answer_chat_for_me
from bot.crisis_keywords import CRISIS
from bot.handoff.cases import FALLBACK
from bot.other_languages import asks_for_another_language, other_language

# An answer of the fallback: the events of an answer given, or None when the message is not
# of its kind (nothing said).
Answer = Callable[[CollectingDispatcher, Tracker], "list[Any] | None"]


def _answered(says: Callable[[CollectingDispatcher, Tracker], bool]) -> Answer:
    """An answer that only says whether it answered, as an Answer with no events."""
    return lambda dispatcher, tracker: [] if says(dispatcher, tracker) else None


# What the fallback tries before "Sorry, dat heb ik niet goed begrepen", in this order; the
# first that answers ends the turn (the class docstring says what each answers).
ANSWERS: tuple[Answer, ...] = (
    search_again_with_changes,
    answer_complaint,
    answer_objection_or_document,
    answer_no_provider_found,
    answer_term_asked_about,
    answer_waiting_told,
    answer_tax_question,
    answer_who_sees_the_plan,
    answer_topic_named_by_the_words,
    answer_lost_code,
    lambda d, t: None if t.active_loop_name else answer_screen_request(d, t),
    _answered(answer_chat_for_me),
    _answered(say_writing_is_fine),
    _answered(say_no_visits),
    answer_facts,
    answer_hello_or_goodbye,
    answer_no_more,
    answer_open_request,
    answer_follow_up,
    _answered(answer_wait_for_a_place),
    _answered(answer_unsure_device_question),
    _answered(say_how_to_reach_the_providers),
    _answered(lambda d, t: say_how_to_reach_wegwijzer(d, t, asks=asks_to_phone_instead)),
)

# After this many misunderstood messages in a row, a human is offered.
MISSES_BEFORE_OFFERING_HUMAN = 2
# A crisis read this sure by the classifier, but under the gate's confidence, adds the
# crisis lines to the fallback's "niet begrepen" (not to an answer the fallback found for the
# message, such as the one about a lost code for "ik weet mijn code niet meer").
CRISIS_NEAR = 0.2


def misses_in_a_row(tracker: Tracker) -> int:
    """How many user messages in a row ended in this fallback, the current one included. A
    message the fallback answered without reverting it (a search with what it named) is
    no miss."""
    events = tracker.events
    user_positions = [i for i, event in enumerate(events) if event.get("event") == "user"]
    misses = 1  # the message being answered now
    turns = zip(user_positions, user_positions[1:], strict=False)  # each earlier message
    for position, following in reversed(list(turns)):
        answer = events[position + 1 : following]
        answered_by = next(
            (
                event.get("name")
                for event in answer
                if event.get("event") == "action" and event.get("name") != "action_listen"
            ),
            None,
        )
        reverted = any(event.get("event") == "rewind" for event in answer)
        if answered_by != "action_fallback" or not reverted:
            break
        misses += 1
    return misses


class ActionFallback(Action):
    """Say what Wegwijzer can do (that it only speaks Dutch, for a message in another
    language or one that asks for another language); after the second miss in a row, open
    a case for the team and offer a human (the contact question follows when the person
    says yes).

    The misunderstood message is reverted, so it does not steer later predictions. A place,
    a kind of help or a target group right after search results ("en in Leuven?", "en voor
    mensen met autisme?") is no miss: the search is done again with it; nor
    are facts told outside a form ("mijn zoon is 19 en heeft autisme", actions/facts_told.py),
    nor a bare "dag", hello or goodbye by where it comes, nor "nee dank u" outside a form,
    a goodbye (actions/hello_or_goodbye.py), nor
    "ik heb hulp nodig" or a stop with nothing to stop (actions/open_requests.py), nor
    "hoe krijg ik dat" or "en hoeveel krijg je dan" right after the answer about the
    zorgbudget or "wie beslist dat" right after any FAQ answer (actions/follow_up.py), nor
    "en hoe lang moet ik wachten op een plaats" right after the costs of a dagcentrum
    (actions/faq.py), nor a question about a device ("krijgen we iets voor een traplift",
    actions/assistive_devices.py), nor "hoe kan ik ze contacteren" right after search
    results, nor "kan ik u bellen", "kan ik ook bellen", "ik ben doof kan ik via sms" or
    "kunnen jullie bij mij thuis langskomen" (actions/reach_wegwijzer.py), nor
    a complaint about one's help or the VAPH (actions/complaints.py), nor an objection to a
    decision or a form not understood (actions/hard_documents.py), nor a lost resume code
    (actions/plan_commands.py), nor "de letters zijn te klein" or "werkt dit met mijn
    schermlezer" (actions/screen_help.py),
    nor "mijn zoon heeft een pvb maar vindt geen plaats" (who helps a budget holder,
    actions/budget_granted.py), nor "ik sta al 3 jaar
    op de wachtlijst" or "nog altijd niks gehoord" (the answer about waiting, actions/faq.py), nor
    "betaal ik belasting op mijn pvb" (actions/tax_question.py), nor "kan iemand anders mijn
    plan zien" (actions/plan_privacy.py), nor "ze wordt 18 volgend jaar wa moet ik regelen"
    (the answer about children and young people, actions/turning_adult.py), nor "kan ik hulp
    krijgen zonder budget" (the answer about RTH, actions/help_without_budget.py), nor "is
    dit de vaph?" (Wegwijzer is not the VAPH, actions/not_the_vaph.py), nor "kunt ge mij
    helpen met de aanvraag" (how to apply and who helps, actions/help_applying.py). A search
    request the classifier was just unsure of ("ik zoek begeleiding thuis in Hasselt"), or
    a message that names only a kind of help and a place ("dagcentrum 3500"), or the two
    named one by one ("in kortrijk", read back, then "dagbesteding"), starts the
    provider search.
    """

    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if search_requested_under_the_threshold(tracker) or names_only_help_and_place(tracker):
            # The form starts with what the message named (the slots Rasa already took).
            return [FollowupAction(PROVIDER_SEARCH)]
        if pieces := help_and_place_told_in_pieces(tracker):
            return [*pieces, FollowupAction(PROVIDER_SEARCH)]  # "in kortrijk", "dagbesteding"
        for answer in ANSWERS:
            answered = answer(dispatcher, tracker)
            if answered is not None:
                # This action was chosen for want of a rule; without the listen, the
                # policies would choose it again after the answer.
                return [*answered, FollowupAction(ACTION_LISTEN_NAME)]
        text = str((tracker.latest_message or {}).get("text") or "")
        if misses_in_a_row(tracker) >= MISSES_BEFORE_OFFERING_HUMAN:
            dispatcher.utter_message(response="utter_fallback_offer_human")
            open_case(tracker, FALLBACK)
        elif other_language(text) or asks_for_another_language(text):
            # "I need help for my son", or "kan ik met jou ook in het frans praten".
            dispatcher.utter_message(response="utter_fallback_other_language")
        else:
            dispatcher.utter_message(response="utter_fallback")
        say_crisis_lines_if_crisis_was_near(dispatcher, tracker)
        return [UserUtteranceReverted()]


def say_crisis_lines_if_crisis_was_near(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The crisis lines after "niet begrepen", when the classifier read a crisis with some
    confidence but not enough to answer it as one (bot/crisis_classifier_gate.py)."""
    near = answers.intent_confidence(tracker, CRISIS) >= CRISIS_NEAR
    if near and (lines := crisis_lines_text()) is not None:
        dispatcher.utter_message(response="utter_fallback_crisis_lines", crisis_lines=lines)
