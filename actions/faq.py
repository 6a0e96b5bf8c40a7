"""Answer the FAQ topics from the knowledge base, at the user's reading level.

A typed question is only answered when the ResponseSelector is sure enough of its topic:
its best topic has a confidence of at least MIN_CONFIDENCE and leads the second by at
least MIN_MARGIN. Otherwise the assistant asks which of the two closest topics was meant,
with a button for each (the topic's title from the knowledge base). A button payload
(`/faq/<topic>`) names its topic itself and is always answered. The thresholds were
measured on the model's own rankings: docs/nlu.md, "FAQ topic confidence and margin".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, jargon
from actions.answer_lines import lines_first
from actions.assistive_devices import answer_device_question, asks_about_a_device
from actions.budget_granted import (
    ASSISTANCE_TOPIC,
    BUDGET_TOPIC,
    asks_what_now_with_a_budget,
    finds_no_provider_with_a_budget,
)
from actions.complaints import (
    complains_about_wegwijzer,
    complaint_topic,
    leaving_topic,
    problem_with_help_topic,
)
from actions.follow_up import (
    POINTS_TO_SENTENCE_BEFORE,
    answer_follow_up,
    just_answered_topic,
    message_before_latest,
)
from actions.hard_documents import disagreeing_lines_first, document_topic, objection_topic
from actions.help_applying import help_applying_topic
from actions.help_without_budget import help_without_budget_topic
from actions.intake_answers import asks_about_the_question
from actions.loss_of_care import SORRY_FOR_THE_LOSS, loss_of_care_topic
from actions.not_the_vaph import CONTACT_VAPH, asks_if_this_is_the_vaph, not_the_vaph_first
from actions.open_requests import answer_announced_question
from actions.paying_family import family_line_first
from actions.plan_privacy import asks_who_sees_the_plan, plan_line_first
from actions.provider_search import (
    asks_about_the_providers_shown,
    say_how_to_reach_the_providers,
)
from actions.reach_wegwijzer import (
    say_how_to_reach_wegwijzer,
    say_no_visits,
    say_writing_is_fine,
)
from actions.screen_help import answer_screen_request, asks_about_a_screen_reader
from actions.tax_question import tax_line_first
from actions.term_explained import lines_about_term_first, meaning_asked
from actions.turning_adult import pvb_lines_first, turning_adult_topic
from bot.budget_words import ASKS_HOW_MUCH, BUDGET_SIZE_TOPIC
from bot.config import load_settings
from bot.reach_words import BUDGET_WORDS
from bot.waiting_words import (
    STILL_WAITING_WORDS,
    VAPH_ANSWER_WORDS,
    WAITING_LIST_WORDS,
    WAITING_TOPIC,
    WAITING_WORDS,
)
from knowledge import db, queries

# Measured with benchmarks/faq_margin.py on the model of 2026-11-30 17:10 UTC: see
# docs/nlu.md, "FAQ topic confidence and margin", for the figures and the reasons.
MIN_CONFIDENCE = 0.5
MIN_MARGIN = 0.2
# The topic about what happens with the person's data (its own next steps, say_next_steps).
PRIVACY = "privacy"
BUTTON_PAYLOAD = re.compile(r"^\s*/faq/(\w+)\s*$")
# "wat is het verschil tussen een pvb en een bob": a question about two things at once.
# "wat is het verschil", "is een pab hetzelfde als een pvb"; not "mag ik hetzelfde budget
# houden als ik verhuis".
COMPARES = re.compile(
    r"\bverschil|\bvergelijk|\b(?:het\s*)?zelfde\s+(?:\w+\s+)?als\b", re.IGNORECASE
)
# Moving or taking something along ("ik verhuis naar nederland, kan ik mijn pvb meenemen").
MOVES = re.compile(r"\b(?:verhuis\w*|meenemen|meeneem\w*)\b", re.IGNORECASE)
# "info", "informatie", "uitleg": information asked for.
INFORMATION_WORDS = re.compile(r"\b(?:info|informatie|uitleg)\b", re.IGNORECASE)
# Words around it that ask for information and say nothing else.
ASKING_WORDS = frozenset(
    "ik wil wou zou graag had info informatie uitleg over het de een meer wat iets geef mij me "
    "aub alstublieft eens even u je jij ge kunt kan kunde krijgen nog rond ivm".split()
)
# The glossary's terms (knowledge/data/glossary.yml) that a FAQ topic explains.
TERM_TOPICS = {
    "pvf": "what_is_pvf",
    "pvb": "what_is_pvb",
    "zorgbudget": "what_is_bob",
    "rth": "what_is_rth",
    "dop": "what_is_dop",
    "vza": "what_is_vza",
    "mdt": "mdt",
    "zzi": "zzi_interview",
    "prioriteitengroep": "priority_groups",
    "bijstandsorganisatie": "assistance_organisation",
    "automatische_toekenning": "automatic_grant",
    "noodprocedure": "emergency_procedure",
    "budgetcategorie": "budget_categories",
    "herziening": "herziening",
}

# Terms whose glossary sentence is followed by an offer instead of a FAQ answer: after what
# an ondersteuningsplan is, the offer to make a draft of one together.
TERM_OFFERS = {"ondersteuningsplan": "utter_plan_offer"}

# A complaint about Wegwijzer itself: an apology and the way to a person of the team.
ABOUT_WEGWIJZER = "utter_complaint_about_wegwijzer"
# Under the two topic buttons, outside a form: the same ways out as utter_faq_unknown.
WAY_OUT_BUTTONS = (
    {"title": "Wat kan je?", "payload": "/ask_capabilities"},
    {"title": "Met een mens praten", "payload": "/request_human"},
)


@dataclass(frozen=True)
class FaqChoice:
    """What to do with a FAQ question: answer `topic`, or ask which of `options` was meant."""

    topic: str | None = None
    options: tuple[str, ...] = ()


def _topic(key: str) -> str | None:
    """`what_is_pvb` for the retrieval key `faq/what_is_pvb`, else None."""
    return key.split("/", 1)[1] if key.startswith("faq/") else None


def choose_topic(
    ranking: list[dict[str, Any]],
    min_confidence: float = MIN_CONFIDENCE,
    min_margin: float = MIN_MARGIN,
) -> FaqChoice:
    """Answer the best topic of the ResponseSelector's `ranking` when it is sure enough,
    else ask between the two best; nothing to answer without a ranking.

    `ranking` items hold `intent_response_key` ("faq/what_is_pvb") and `confidence`."""
    scored = sorted(
        (
            (float(item.get("confidence") or 0.0), topic)
            for item in ranking
            if (topic := _topic(str(item.get("intent_response_key") or "")))
        ),
        reverse=True,
    )
    if not scored:
        return FaqChoice()
    best_confidence, best = scored[0]
    second_confidence = scored[1][0] if len(scored) > 1 else 0.0
    sure = best_confidence >= min_confidence and best_confidence - second_confidence >= min_margin
    if sure or len(scored) == 1:
        return FaqChoice(topic=best)
    return FaqChoice(options=(best, scored[1][1]))


def _selection(latest: dict[str, Any]) -> dict[str, Any]:
    selectors = latest.get("response_selector") or {}
    # Keyed "default" when the ResponseSelector serves every retrieval intent (config.yml).
    return selectors.get("faq") or selectors.get("default") or {}


def _button_topic(tracker: Tracker) -> str | None:
    """The topic a button payload such as /faq/what_is_pvb names, else None.

    Read from the text as the person sent it (the user event's): bot/slot_guard.py hands
    Rasa's RegexMessageHandler only `/faq`, the one form of the intent it reads."""
    texts = [str((tracker.latest_message or {}).get("text") or "")]
    texts += [
        str(event.get("text") or "")
        for event in reversed(tracker.events or [])
        if event.get("event") == "user"
    ][:1]
    for text in texts:
        if match := BUTTON_PAYLOAD.match(text):
            return match.group(1)
    return None


def faq_topic(tracker: Tracker) -> str | None:
    """The topic of the latest message: `what_is_pvb` for `faq/what_is_pvb`."""
    latest = tracker.latest_message or {}
    button = _button_topic(tracker)
    if button:
        return button
    key = (_selection(latest).get("response") or {}).get("intent_response_key") or ""
    if not key:  # an intent without a selection, such as a test's faq/what_is_pvb
        key = (latest.get("intent") or {}).get("name") or ""
    return _topic(key)


def faq_choice(tracker: Tracker) -> FaqChoice:
    """Answer a button's topic; a typed question's only when its ranking is clear enough."""
    latest = tracker.latest_message or {}
    button = _button_topic(tracker)
    if button:
        return FaqChoice(topic=button)
    choice = choose_topic(_selection(latest).get("ranking") or [])
    if choice.topic is None and not choice.options:
        return FaqChoice(topic=faq_topic(tracker))  # no ranking: the selected topic, if any
    return choice


def term_asked_about(text: str) -> str | None:
    """The FAQ topic of the one term a request for information names and nothing else
    ("ik wil info over het pvb": what_is_pvb; the selector read it as privacy 0.70 on the
    model of 2026-12-06, for "info"); None for any other message ("uitleg over de kosten van
    rth" says more than the term)."""
    if not INFORMATION_WORDS.search(text):
        return None
    terms = jargon.terms_in(text.upper())
    if len(terms) != 1 or terms[0].id not in TERM_TOPICS:
        return None
    rest = terms[0].pattern.sub(" ", text.upper()).lower()
    if not set(re.findall(r"\w+", rest)) <= ASKING_WORDS:
        return None
    return TERM_TOPICS[terms[0].id]


def compared_topics(text: str) -> tuple[str, ...]:
    """The FAQ topics of the first two terms a question about a difference names, in the
    order named ("wat is het verschil tussen een pvb en een bob": what_is_pvb, what_is_bob);
    () for any other message. The text is read in capitals so that "pvb" is the term "PVB"
    (the glossary's other forms match in any case)."""
    if not COMPARES.search(text):
        return ()
    named = [TERM_TOPICS[t.id] for t in jargon.terms_in(text.upper()) if t.id in TERM_TOPICS]
    topics = tuple(dict.fromkeys(named))[:2]
    return topics if len(topics) == 2 else ()


def compared_with_a_term(text: str) -> tuple[jargon.Term, str] | None:
    """For a question about a difference between a term the FAQ has no topic for and one it
    has ("ik heb een pab, is dat hetzelfde als een pvb"): the first term and the other's
    topic; None for any other message."""
    if not COMPARES.search(text):
        return None
    named = jargon.terms_in(text.upper())[:2]
    if len(named) != 2:
        return None
    without = [term for term in named if term.id not in TERM_TOPICS]
    with_topic = [TERM_TOPICS[term.id] for term in named if term.id in TERM_TOPICS]
    if len(without) != 1 or len(with_topic) != 1:
        return None
    return without[0], with_topic[0]


def faq_title(topic: str) -> str | None:
    """The topic's short question from the knowledge base, None when it has no answer."""
    with db.session() as session:
        answer = queries.faq_answer(session, topic)
        return str(answer.title) if answer is not None else None


def other_term_first(answer: str, topic: str, question: str) -> str:
    """The answer with its lines about the other term of the question first: "ik heb een
    pvb, kan ik nog rth gebruiken", answered with the RTH topic, starts with the line about
    RTH and the PVB. Only for a question that names the topic's own term and exactly one
    other term of TERM_TOPICS; a line that points back ("Dat ...") stays where it is."""
    named = [term for term in jargon.terms_in(question.upper()) if term.id in TERM_TOPICS]
    others = [term for term in named if TERM_TOPICS[term.id] != topic]
    if len(others) != 1 or len(others) == len(named):
        return answer
    return lines_first(
        answer,
        lambda line: others[0] in jargon.terms_in(line)
        and not POINTS_TO_SENTENCE_BEFORE.match(line),
    )


def say_faq_answer(
    dispatcher: CollectingDispatcher,
    topic: str,
    level: str,
    next_steps: bool = True,
    question: str = "",
) -> bool:
    """Say the knowledge base's answer and the next steps; False when there is none.

    In the middle of a form the next-step buttons are left out: the form asks its question
    again instead. The next steps are chosen by `level`, not by a condition on the slot:
    Rasa renders an action's responses with the slots from before the action's own events,
    so after a switch of reading level a condition would still see the old level. With the
    `question`, what it asks about another term comes first (`other_term_first`), and so
    do the line about paying a relative (actions/paying_family.py), for an objection the
    lines about not agreeing (actions/hard_documents.py), the line about tax
    (actions/tax_question.py), the lines about who sees the plan (actions/plan_privacy.py) and,
    for someone turning 18, the lines about the PVB (actions/turning_adult.py) and, asked
    whether this is the VAPH, the line saying it is not (actions/not_the_vaph.py)."""
    with db.session() as session:
        answer = queries.faq_answer(session, topic, level)
        text = answer.text if answer else None
        if text is not None:
            text = family_line_first(session, text, topic, question, level)
            text = disagreeing_lines_first(text, question)
            text = tax_line_first(text, question)
            text = plan_line_first(text, question)
            text = pvb_lines_first(text, question, topic, level)
            text = not_the_vaph_first(text, question)
    if text is None:
        return False
    dispatcher.utter_message(text=other_term_first(text, topic, question))
    if next_steps and topic == BUDGET_SIZE_TOPIC and ASKS_HOW_MUCH.search(question):
        # "hoeveel krijg ik per maand": the size depends on the person, so the check is
        # offered, as when the same question was read as a wish for the check.
        dispatcher.utter_message(response="utter_eligibility_offer")
    elif next_steps:
        say_next_steps(dispatcher, topic, level)
    return True


def say_next_steps(dispatcher: CollectingDispatcher, topic: str, level: str) -> None:
    """The next steps after the answer about `topic`. After the privacy answer: how long a
    plan is kept, and buttons to see or wipe what is stored; the answer says the person can
    ask for both, and "ik wil niet meer dat jullie mijn gegevens hebben" got that answer
    with no way to do it."""
    if topic == PRIVACY:
        keep_days = load_settings().plan_keep_days
        dispatcher.utter_message(
            response=f"utter_privacy_next_steps_{level}", plan_keep_days=keep_days
        )
    else:
        dispatcher.utter_message(response=f"utter_faq_next_steps_{level}")


def topic_from_the_words(text: str, choice: FaqChoice) -> FaqChoice:
    """The selector's reading, or the topic the message's own words decide where that reading
    misses what was asked. Each check below looks at the choice the checks before it left."""
    if asks_what_now_with_a_budget(text, choice.topic):
        choice = FaqChoice(topic=BUDGET_TOPIC)  # "ik heb een pvb gekregen, wat nu"
    if finds_no_provider_with_a_budget(text, choice.topic):
        choice = FaqChoice(topic=ASSISTANCE_TOPIC)  # "... een pvb maar vindt geen plaats"
    if (named := term_asked_about(text)) and named != choice.topic:
        choice = FaqChoice(topic=named)  # "ik wil info over het pvb": privacy 0.70
    if choice.options and (hard := objection_topic(text) or document_topic(text)):
        choice = FaqChoice(topic=hard)  # "ik versta het formulier niet": no topic sure
    if complaint := complaint_topic(text, choice.topic):
        choice = FaqChoice(topic=complaint)  # "ik heb een klacht over mijn begeleider"
    if choice.topic is None and (leaving := leaving_topic(text)):
        choice = FaqChoice(topic=leaving)  # "... een pvb en wil naar een ander dagcentrum"
    if choice.topic is None and (problem := problem_with_help_topic(text)):
        choice = FaqChoice(topic=problem)  # "mijn begeleider is altijd te laat": which topic?
    if asks_who_sees_the_plan(text):
        choice = FaqChoice(topic=PRIVACY)  # "kan de trajectondersteuner mijn plan zien"
    if choice.topic is None and VAPH_ANSWER_WORDS.search(text):
        choice = FaqChoice(topic=WAITING_TOPIC)  # "wanneer hoor ik iets van het vaph"
    if choice.topic is None and STILL_WAITING_WORDS.search(text):
        choice = FaqChoice(topic=WAITING_TOPIC)  # "nog altijd niks gehoord van het vaph"
    if asks_if_this_is_the_vaph(text):
        choice = FaqChoice(topic=CONTACT_VAPH)  # "is dit het vaph": privacy or contact_vaph?
    if rth := help_without_budget_topic(text, choice.topic):
        choice = FaqChoice(topic=rth)  # "kan ik hulp krijgen zonder budget": automatic_grant
    if applying := help_applying_topic(text, choice.topic):
        choice = FaqChoice(topic=applying)  # "help mij met de aanvraag": which topic?
    if choice.topic is None and (adult := turning_adult_topic(text)):
        choice = FaqChoice(topic=adult)  # "ze wordt 18 volgend jaar wa moet ik regelen"
    return choice


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        choice = faq_choice(tracker)
        in_form = tracker.active_loop_name is not None
        level = answers.reading_level(tracker)
        # "kan mijn vader van 70 nog een pvb aanvragen": what the message says about age or
        # residence is answered before the topic's general answer (issue 14, answer first).
        from actions.eligibility_start import answers_to_latest_message  # imports this module
        from actions.facts_told import (  # imports it too
            answer_facts,
            asks_help_for_a_relative,
            lives_outside,
            tells_about_a_relative,
        )

        direct = answers_to_latest_message(tracker, with_faq=False)
        if choice.options and direct and not in_form:
            # "mijn oma is 80, kan zij hulp krijgen van het vaph": no topic is sure, the age
            # rule is. Its answer and the next steps (with the check) instead of "which topic?".
            for text in direct:
                dispatcher.utter_message(text=text)
            dispatcher.utter_message(response=f"utter_faq_next_steps_{level}")
            return []
        text = str((tracker.latest_message or {}).get("text") or "")
        if tracker.active_loop_name == "intake_form" and asks_about_the_question(text):
            return []  # "wat bedoel je daarmee": the intake says how to answer (actions/intake.py)
        if answer_announced_question(dispatcher, tracker):
            return []  # "ik heb een vraag over mijn budget": help offered, no answer yet
        if not in_form and (term := meaning_asked(text, TERM_TOPICS)):
            # "wat is een mfc": the glossary's sentence first (actions/term_explained.py).
            return explain_term(dispatcher, term, choice.topic, level)
        if not in_form and complains_about_wegwijzer(text):
            dispatcher.utter_message(response=ABOUT_WEGWIJZER)  # "ik wil klagen over de chatbot"
            return []
        choice = topic_from_the_words(text, choice)
        if loss := loss_of_care_topic(text):
            # "mijn ma is gestorven, hoe moet het nu verder": first a word for the loss.
            dispatcher.utter_message(response=SORRY_FOR_THE_LOSS)
            choice = FaqChoice(topic=loss)
        moves_a_budget_out = (
            lives_outside(text) and BUDGET_WORDS.search(text) and MOVES.search(text)
        )
        asks_for_a_relative = asks_help_for_a_relative(tracker)
        told_facts = tells_about_a_relative(tracker) or asks_for_a_relative
        if not in_form and (
            (choice.options and (told_facts or lives_outside(text)))
            or asks_for_a_relative  # "… hij is 12, wat bestaat er allemaal": also a sure topic
            or moves_a_budget_out
        ):
            # "ik verhuis naar nederland, kan ik mijn pvb meenemen" (change_provider, sure, on
            # the model of 2026-12-07): whom the VAPH helps, not how to change providers.
            # "mijn man heeft een hersenbloeding gehad ..., hij is 58": facts, no question.
            # Read back and kept, with the menu, instead of "which of these two topics?".
            # "ik verhuis naar wallonie kan ik mijn budget meenemen": whom the VAPH helps.
            # "mijn ma zit in een rolstoel ..., wie kan helpen": the offer of the check.
            told = answer_facts(dispatcher, tracker, told=True)
            if told is not None:
                return told
        if not in_form and (pair := compared_with_a_term(text)) and faq_title(pair[1]):
            # "ik heb een pab, is dat hetzelfde als een pvb": which topic? (minors, what_is_pvb)
            # on the model of 2026-12-07. What the glossary says of the one, then the other.
            other, other_topic = pair
            dispatcher.utter_message(text=other.explanation)
            say_faq_answer(dispatcher, other_topic, level)
            return [SlotSet("last_faq_topic", other_topic)]
        # "wat is het verschil tussen een pvb en een bob": both answers, one after the other,
        # not one of them (a sure topic) nor "which of these two?" (an unsure one).
        compared = compared_topics(text) or (choice.options if COMPARES.search(text) else ())
        if compared and not in_form and all(faq_title(topic) for topic in compared):
            first, second = compared
            say_faq_answer(dispatcher, first, level, next_steps=False)
            say_faq_answer(dispatcher, second, level)
            return [SlotSet("last_faq_topic", second)]
        if not in_form and say_how_to_reach_the_providers(dispatcher, tracker):
            return []  # "wat is hun telefoonnummer" right after search results
        if not in_form and say_how_to_reach_wegwijzer(dispatcher, tracker):
            return []  # "wat is jullie telefoonnummer": not the privacy topic
        if not in_form and say_writing_is_fine(dispatcher, tracker):
            return []  # "kan ik ook gewoon typen"
        if not in_form and say_no_visits(dispatcher, tracker):
            return []  # "kunnen jullie bij mij thuis langskomen": not the privacy topic
        if not in_form and asks_about_a_screen_reader(text):
            return answer_screen_request(dispatcher, tracker) or []  # "werkt dit met nvda"
        asked = (choice.topic,) if choice.topic else choice.options
        if not in_form and (follow_up := answer_follow_up(dispatcher, tracker, asked)):
            return follow_up  # "hoe vraag ik dat aan" or "hoeveel is dat" after RTH
        if asks_waiting(choice, text) and not in_form and wait_for_a_place(dispatcher, tracker):
            return []
        if not in_form and asks_about_a_device(text, choice.topic):
            # "mijn dochter heeft een rolstoel nodig wie betaalt dat": the VAPH's tegemoetkoming
            # for devices, not "which topic?" nor the general answer about costs.
            for said in direct:
                dispatcher.utter_message(text=said)
            if answer_device_question(dispatcher, level, text):
                return []
        if (
            choice.options
            and not in_form
            and (told := answers_to_latest_message(tracker, with_topics=False))
        ):
            # "mijn dochter heeft down, krijgt ze een pvb" (faq, no topic sure on the model of
            # 2026-12-06): whom the PVB is for, not "which of these two topics?".
            for said in told:
                dispatcher.utter_message(text=said)
            dispatcher.utter_message(response=f"utter_faq_next_steps_{level}")
            return []
        if choice.options and ask_which_topic(dispatcher, choice.options, in_form):
            return []
        topic = choice.topic or (choice.options[0] if choice.options else None)
        if topic == "priority_groups" and WAITING_WORDS.search(text):
            topic = "waiting_time"  # "ik zit in prioriteitengroep 2, hoe lang nog?"
        if topic == "waiting_time" and asks_about_the_providers_shown(tracker):
            # Not the VAPH's waiting list: the knowledge base knows nothing about the
            # providers' own lists, so the person is sent to them (and can still ask).
            dispatcher.utter_message(response="utter_providers_waiting_list")
            return []
        for said in direct:
            dispatcher.utter_message(text=said)
        if topic is None or not say_faq_answer(dispatcher, topic, level, not in_form, text):
            dispatcher.utter_message(response="utter_faq_unknown")
            return []
        return [SlotSet("last_faq_topic", topic)]


def asks_waiting(choice: FaqChoice, text: str) -> bool:
    """Whether the question is about waiting: the waiting-time topic, sure or close."""
    if choice.topic == "waiting_time":
        return True
    return "waiting_time" in choice.options and WAITING_WORDS.search(text) is not None


def wait_for_a_place(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """ "hoe lang moet ik wachten op een plaats in een dagcentrum": a kind of help and no
    budget word, so the question is about a provider's place, which the knowledge base
    knows nothing about. Says so, with a search for that help and the VAPH's waiting time
    as buttons; False (nothing said) for any other question."""
    text = str((tracker.latest_message or {}).get("text") or "")
    support = answers.latest_entities(tracker).get("support_type") or support_asked_before(
        tracker, text
    )
    words = answers.category_words(support)
    if words is None or BUDGET_WORDS.search(text):
        return False
    search = json.dumps({"support_type": support})
    buttons = [
        {"title": "Aanbieders zoeken", "payload": f"/find_provider{search}"},
        {"title": "Wachten op een budget van het VAPH", "payload": "/faq/waiting_time"},
        {"title": "Met een mens praten", "payload": "/request_human"},
    ]
    dispatcher.utter_message(response="utter_waiting_for_a_place", support=words, buttons=buttons)
    return True


def answer_wait_for_a_place(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """For the fallback: "en hoe lang moet ik wachten op een plaats" right after the costs of
    a dagcentrum, when the classifier did not read it as a question (it took "en ... een
    plaats" for another place: other_place 0.53 under nlu_fallback). Outside a form only, as
    in action_answer_faq."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if tracker.active_loop_name is not None or not WAITING_WORDS.search(text):
        return False
    return wait_for_a_place(dispatcher, tracker)


def answer_who_sees_the_plan(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """For the fallback: "kan iemand anders mijn plan zien" (nlu_fallback 0.60 on the model
    of 2026-12-07) gets the privacy answer with its lines about the plan first."""
    if not asks_who_sees_the_plan(_latest_text(tracker)):
        return None
    return _answer_outside_a_form(dispatcher, tracker, PRIVACY)


def answer_topic_named_by_the_words(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """For the fallback, the word rules of `topic_from_the_words` that need no topic read by
    the selector, in this order: "ze wordt 18 volgend jaar wa moet ik regelen" (children and
    young people, actions/turning_adult.py), "kan ik hulp krijgen zonder budget" (RTH,
    actions/help_without_budget.py), "kunt ge mij helpen met de aanvraag" (how to apply,
    actions/help_applying.py), "goeiendag, is dit de vaph?" (nlu_fallback 0.60 on the model
    of 2026-12-07: how to reach the VAPH, actions/not_the_vaph.py)."""
    text = _latest_text(tracker)
    topic = (
        turning_adult_topic(text)
        or help_without_budget_topic(text, None)
        or help_applying_topic(text, None)
        or (CONTACT_VAPH if asks_if_this_is_the_vaph(text) else None)
    )
    return _answer_outside_a_form(dispatcher, tracker, topic)


def answer_complaint(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """For the fallback: a complaint the classifier was unsure of ("ik heb een klacht over
    mijn begeleider": nlu_fallback) gets the answer that says where it goes
    (actions/complaints.py); so does the wish to leave one's help ("ik wil mijn begeleider
    ontslaan"), with the answer about changing providers."""
    text = _latest_text(tracker)
    if tracker.active_loop_name is None and complains_about_wegwijzer(text):
        dispatcher.utter_message(response=ABOUT_WEGWIJZER)
        return []
    topic = complaint_topic(text) or leaving_topic(text) or problem_with_help_topic(text)
    return _answer_outside_a_form(dispatcher, tracker, topic)


def answer_no_provider_found(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """For the fallback: "mijn zoon heeft een pvb maar vindt geen plaats" (inform 0.70 on the
    model of 2026-12-06: "Ik lees: je zoon.") gets who helps a budget holder find support."""
    text = _latest_text(tracker)
    found = finds_no_provider_with_a_budget(text, None)
    return _answer_outside_a_form(dispatcher, tracker, ASSISTANCE_TOPIC if found else None)


def answer_objection_or_document(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """For the fallback and "that is not what I meant": an objection to a decision ("kan ik
    bezwaar maken": nlu_fallback) or a form or letter not understood ("ik versta het
    formulier niet": not_meant 0.88) gets the answer that says who helps
    (actions/hard_documents.py); a carer who died, the noodprocedure
    (actions/loss_of_care.py)."""
    text = _latest_text(tracker)
    if (loss := loss_of_care_topic(text)) and tracker.active_loop_name is None:
        dispatcher.utter_message(response=SORRY_FOR_THE_LOSS)
    topic = objection_topic(text) or document_topic(text) or loss
    return _answer_outside_a_form(dispatcher, tracker, topic)


def answer_term_asked_about(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """For the fallback: information asked about one term that the classifier could not
    place ("uitleg over rth aub") gets what the term is (`term_asked_about`)."""
    return _answer_outside_a_form(dispatcher, tracker, term_asked_about(_latest_text(tracker)))


def answer_waiting_told(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """For the fallback: "ik sta al 3 jaar op de wachtlijst" outside a form (`inform` 0.97,
    the selector sure of the waiting time at 0.99) got "Sorry, dat heb ik niet goed
    begrepen". The answer about waiting says what decides the waiting time, and that a
    herziening or the noodprocedure exist when the situation changes. So does "hoe lang
    duurt het eer dat ik iets hoor van het vaph", which no topic was sure of: the answer
    says the VAPH's decision names no date; and "ik heb een aanvraag gedaan in 2019 en nog
    altijd niks" (the fallback at 0.60), still waiting told as a complaint."""
    text = _latest_text(tracker)
    if VAPH_ANSWER_WORDS.search(text) or STILL_WAITING_WORDS.search(text):
        return _answer_outside_a_form(dispatcher, tracker, WAITING_TOPIC)
    if not WAITING_LIST_WORDS.search(text):
        return None
    choice = choose_topic(_selection(tracker.latest_message or {}).get("ranking") or [])
    if choice.topic != WAITING_TOPIC:
        return None
    return _answer_outside_a_form(dispatcher, tracker, WAITING_TOPIC)


def explain_term(
    dispatcher: CollectingDispatcher, term: jargon.Term, topic: str | None, level: str
) -> list[dict[str, Any]]:
    """The glossary's sentence about `term`, then its offer (TERM_OFFERS), or the answer
    about `topic` with its lines about the term first when it has such lines; otherwise the
    next steps only."""
    dispatcher.utter_message(text=term.explanation)
    if offer := TERM_OFFERS.get(term.id):
        dispatcher.utter_message(response=offer)
        return []
    with db.session() as session:
        answer = queries.faq_answer(session, topic, level) if topic else None
        text = answer.text if answer else ""
    if topic is None or not term.pattern.search(text):
        dispatcher.utter_message(response=f"utter_faq_next_steps_{level}")
        return []
    dispatcher.utter_message(text=lines_about_term_first(text, term))
    say_next_steps(dispatcher, topic, level)
    return [SlotSet("last_faq_topic", topic)]


def _latest_text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def _answer_outside_a_form(
    dispatcher: CollectingDispatcher, tracker: Tracker, topic: str | None
) -> list[dict[str, Any]] | None:
    """The answer about `topic`, outside a form only, as the other answers of the fallback:
    in a form such a message is an answer to the form's question. None (nothing said)
    otherwise."""
    if tracker.active_loop_name is not None or topic is None:
        return None
    level = answers.reading_level(tracker)
    if not say_faq_answer(dispatcher, topic, level, question=_latest_text(tracker)):
        return None
    return [SlotSet("last_faq_topic", topic)]


# "en hoe lang moet ik wachten op een plaats": a place with a provider, or a follow-up.
PLACE_WORDS = re.compile(r"^\s*en\b|\b(plaats|plek|plekje)\b", re.IGNORECASE)


def support_asked_before(tracker: Tracker, text: str) -> str | None:
    """The kind of help the question before named, when Wegwijzer answered it from the FAQ
    and `text` asks on about a place ("hoeveel kost een dagcentrum", then "en hoe lang moet
    ik wachten op een plaats"); else None."""
    before = message_before_latest(tracker)
    if before is None or just_answered_topic(tracker) is None or not PLACE_WORDS.search(text):
        return None
    for entity in (before.get("parse_data") or {}).get("entities") or []:
        if entity.get("entity") == "support_type" and entity.get("value"):
            return str(entity["value"])
    return None


def ask_which_topic(
    dispatcher: CollectingDispatcher, options: tuple[str, ...], in_form: bool
) -> bool:
    """Ask which of the topics was meant, a button each; False when fewer than two of them
    have an answer (then the best one is answered, or the lack of an answer said).

    In a form the ways out are left out: the form asks its question again after this."""
    buttons = [
        {"title": title, "payload": f"/faq/{topic}"}
        for topic in options
        if (title := faq_title(topic)) is not None
    ]
    if len(buttons) < 2:
        return False
    ways_out = [] if in_form else [dict(button) for button in WAY_OUT_BUTTONS]
    dispatcher.utter_message(response="utter_faq_which_topic", buttons=buttons + ways_out)
    return True
