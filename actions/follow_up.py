"""Short questions about what Wegwijzer just explained.

"hoe vraag ik dat aan" right after the answer about RTH is about RTH, not about the
persoonsvolgend budget that the FAQ topic `how_to_apply` explains; "hoe krijg ik dat" right
after the answer about the zorgbudget is no misunderstood message. Both get the right's own
way to get it (`how_to_apply` in knowledge/data/rights.yml). "en wie beslist dat" right after
any FAQ answer gets the sentences of that answer that say who decides, and "en hoeveel krijg
je dan" the sentences that name an amount, or how big a persoonsvolgend budget is when the
answer was about that budget and named none. A question that names another term ("en hoe
vraag ik een pvb aan") is no follow-up.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, jargon
from bot.budget_words import BUDGET_SIZE_TOPIC
from knowledge import db, queries
from knowledge.models import Right

# FAQ topics that explain one right, and that right. what_is_pvb is left out: the topic
# how_to_apply already explains how to apply for a persoonsvolgend budget.
TOPIC_RIGHTS = {
    "what_is_rth": "RTH",
    "what_is_bob": "BOB",
    "what_is_dop": "DOP",
    "assistance_organisation": "BIJSTAND",
}
# "dat", "daarvoor", "zo een dienst": the message points back at what was said.
REFERS_BACK = re.compile(
    r"\b(dat|dit|het|die|deze|daar\w*|er|ervoor|eraan|erbij|ermee|zo ?n|zo'n|zo ene?|zoiets)\b",
    re.IGNORECASE,
)
# "hoe krijg ik", "hoe kom ik bij", "waar vraag ik": how to get it, not how long or how much.
ASKS_HOW_TO_GET = re.compile(
    r"\b(hoe|waar)\b(?! ?lang\b).*\b(aan ?vragen|aanvraag|vraag|vraagt|krijg\w*|kom|komen|"
    r"geraak\w*|begin\w*|regel\w*|doe|doen|meld\w*|inschrijven|bereik\w*|contacteer\w*)\b",
    re.IGNORECASE,
)
# "wie beslist dat", "wie bepaalt dat eigenlijk": who decides about what was just explained.
ASKS_WHO_DECIDES = re.compile(r"\bwie\b.*\b(beslis\w*|bepaal\w*)\b", re.IGNORECASE)
# A sentence of an answer that says who decides ("Het VAPH beslist, niet ik."), not one that
# only names a decision ("De beslissing noemt geen datum").
SAYS_WHO_DECIDES = re.compile(r"\bbesliss?(t|en)?\b", re.IGNORECASE)
# "Dat is een groep mensen die over je vraag beslist.": the sentence before says who.
POINTS_TO_SENTENCE_BEFORE = re.compile(r"^(dat|dit|die|deze)\b", re.IGNORECASE)
# Between two sentences: each goes on its own line, as in the FAQ answers.
SENTENCE_END = re.compile(r"(?<=[.!?]) (?=[A-Z])")
# "en hoeveel krijg je dan", "hoe groot is dat", "welk bedrag": how much money, not how long,
# how many people or how often.
ASKS_HOW_MUCH = re.compile(
    r"\bhoe ?veel\b(?!\s+(?:tijd|jaar|jaren|maand\w*|week|weken|dag\w*|uur|keer|mensen"
    r"|kinderen|personen|groep\w*|categorie\w*))|\bhoe groot\b|\b(?:welk|het) bedrag\b",
    re.IGNORECASE,
)
# A line of an answer that names an amount: a figure in euro or in points.
NAMES_AN_AMOUNT = re.compile(r"\d.*\b(euro|punten)\b", re.IGNORECASE)
# "kijk het actuele bedrag na bij de aanbieder": a line about the amount, said beside it.
ABOUT_THE_AMOUNT = re.compile(r"\bbedrag\w*\b", re.IGNORECASE)
# The topics about a persoonsvolgend budget whose answers name no amount: "en hoeveel krijg
# je dan" after them asks its size (BUDGET_SIZE_TOPIC).
ABOUT_THE_PVB = frozenset({"what_is_pvf", "what_is_pvb", "how_to_apply", "vaph_letter"})
# A follow-up is short; a longer message says what it is about itself.
MAX_WORDS = 10


def message_before_latest(tracker: Tracker) -> dict[str, Any] | None:
    """The user event before the latest message, None when there is none."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    return users[-2] if len(users) > 1 else None


def just_answered_topic(tracker: Tracker) -> str | None:
    """The FAQ topic Wegwijzer answered right before the latest message, else None."""
    actions = [
        event.get("name")
        for event in answers.last_answer_events(tracker)
        if event.get("event") == "action" and event.get("name") != "action_listen"
    ]
    return tracker.get_slot("last_faq_topic") if actions[-1:] == ["action_answer_faq"] else None


def names_another_term(text: str, topic: str) -> bool:
    """Whether `text` names a glossary term that is not the one `topic` explains."""
    from actions.faq import TERM_TOPICS  # actions.faq imports this module

    return any(TERM_TOPICS.get(term.id) != topic for term in jargon.terms_in(text.upper()))


def is_follow_up(text: str, previous: str, asked: tuple[str, ...]) -> bool:
    """Whether `text`, right after the answer about `previous`, asks how to get that.

    `asked` are the FAQ topics the message was read as (the sure one, or the two closest);
    () when it was not understood."""
    if len(text.split()) > MAX_WORDS or names_another_term(text, previous):
        return False
    if previous in asked:  # "hoe kom ik bij zo een dienst", read as the DOP again
        return ASKS_HOW_TO_GET.search(text) is not None
    points_back = REFERS_BACK.search(text) is not None
    if "how_to_apply" in asked:
        return points_back
    return not asked and points_back and ASKS_HOW_TO_GET.search(text) is not None


def sentence_a_line(text: str) -> str:
    """A text of the knowledge base, one sentence a line, as in the FAQ answers."""
    return SENTENCE_END.sub("\n", " ".join(str(text).split()))


def answer_how_to_get(
    dispatcher: CollectingDispatcher, tracker: Tracker, asked: tuple[str, ...] = ()
) -> list[EventType] | None:
    """Say how to get the right that was just explained, when the latest message asks
    that; None (nothing said) otherwise."""
    previous = just_answered_topic(tracker)
    right_id = TOPIC_RIGHTS.get(previous or "")
    text = str((tracker.latest_message or {}).get("text") or "")
    if previous is None or right_id is None or not is_follow_up(text, previous, asked):
        return None
    return say_how_to_get(dispatcher, tracker, right_id, previous)


def answer_how_to_get_named_right(
    dispatcher: CollectingDispatcher, tracker: Tracker, asked: tuple[str, ...] = ()
) -> list[EventType] | None:
    """Say how to get the one right of TOPIC_RIGHTS the latest message names and asks how to
    get ("hoe vraag ik het zorgbudget aan"), when the message was read as that right's
    topic, as the PVB's procedure (how_to_apply) or not at all (`asked` empty); None
    (nothing said) otherwise."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if len(text.split()) > MAX_WORDS or not ASKS_HOW_TO_GET.search(text):
        return None
    from actions.faq import TERM_TOPICS  # actions.faq imports this module

    named = {TERM_TOPICS.get(term.id) for term in jargon.terms_in(text.upper())}
    topic = named.pop() if len(named) == 1 else None
    right_id = TOPIC_RIGHTS.get(topic or "")
    if topic is None or right_id is None or not (not asked or {topic, "how_to_apply"} & set(asked)):
        return None
    return say_how_to_get(dispatcher, tracker, right_id, topic)


def say_how_to_get(
    dispatcher: CollectingDispatcher, tracker: Tracker, right_id: str, topic: str
) -> list[EventType] | None:
    """The right's own way to get it (knowledge/data/rights.yml), at the person's reading
    level, and the next steps; None (nothing said) when the knowledge base has no such right."""
    level = answers.reading_level(tracker)
    with db.session() as session:
        right = session.get(Right, right_id)
        if right is None:
            return None
        name = f"{right.name} ({right.abbreviation})" if right.abbreviation else right.name
        easy = level == "eenvoudig" and right.how_to_apply_eenvoudig
        how = str(right.how_to_apply_eenvoudig) if easy else sentence_a_line(right.how_to_apply)
    dispatcher.utter_message(response="utter_how_to_get_it", right=name)
    dispatcher.utter_message(text=how)
    dispatcher.utter_message(response=f"utter_faq_next_steps_{level}")
    return [SlotSet("last_faq_topic", topic)]


def topic_asked_about(tracker: Tracker, asks: re.Pattern[str]) -> str | None:
    """The FAQ topic answered just before, when the latest message is a short question of
    the kind `asks` matches about it (naming no other term); else None."""
    previous = just_answered_topic(tracker)
    text = str((tracker.latest_message or {}).get("text") or "")
    if (
        previous is None
        or len(text.split()) > MAX_WORDS
        or not asks.search(text)
        or names_another_term(text, previous)
    ):
        return None
    return previous


def decision_sentences(answer: str) -> list[str]:
    """The lines of a FAQ answer that say who decides, each with the line before it when
    it starts by pointing back ("Dat is een groep mensen die ... beslist")."""
    lines = [line.strip() for line in answer.splitlines() if line.strip()]
    chosen: list[str] = []
    for i, line in enumerate(lines):
        if not SAYS_WHO_DECIDES.search(line):
            continue
        if i > 0 and POINTS_TO_SENTENCE_BEFORE.match(line) and lines[i - 1] not in chosen:
            chosen.append(lines[i - 1])
        chosen.append(line)
    return chosen


def answer_who_decides(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType] | None:
    """Say who decides, from the FAQ answer just given, when the latest message asks that
    ("en wie beslist dat"); None (nothing said) otherwise."""
    previous = topic_asked_about(tracker, ASKS_WHO_DECIDES)
    if previous is None:
        return None
    level = answers.reading_level(tracker)
    with db.session() as session:
        answer = queries.faq_answer(session, previous, level)
        sentences = decision_sentences(str(answer.text)) if answer is not None else []
    if not sentences:
        return None
    dispatcher.utter_message(text="\n".join(sentences))
    dispatcher.utter_message(response=f"utter_faq_next_steps_{level}")
    return [SlotSet("last_faq_topic", previous)]


def amount_lines(answer: str) -> list[str]:
    """The lines of a FAQ answer that name an amount, with the lines about the amount
    beside them ("kijk het bedrag na bij je zorgkas"); [] when no line names an amount."""
    lines = [line.strip() for line in answer.splitlines() if line.strip()]
    if not any(NAMES_AN_AMOUNT.search(line) for line in lines):
        return []
    return [line for line in lines if NAMES_AN_AMOUNT.search(line) or ABOUT_THE_AMOUNT.search(line)]


def answer_how_much(
    dispatcher: CollectingDispatcher, tracker: Tracker, asked: tuple[str, ...] = ()
) -> list[EventType] | None:
    """Say how much, from the FAQ answer just given, when the latest message asks that ("en
    hoeveel krijg je dan"); how big a persoonsvolgend budget is when that answer was about
    the budget (ABOUT_THE_PVB) and named no amount. None (nothing said) otherwise, also when
    the message was surely read as another topic ("hoeveel kost dat" as the costs)."""
    previous = topic_asked_about(tracker, ASKS_HOW_MUCH)
    if previous is None or (asked and previous not in asked and BUDGET_SIZE_TOPIC not in asked):
        return None
    level = answers.reading_level(tracker)
    with db.session() as session:
        answer = queries.faq_answer(session, previous, level)
        lines = amount_lines(str(answer.text)) if answer is not None else []
    if lines:
        dispatcher.utter_message(text="\n".join(lines))
        dispatcher.utter_message(response=f"utter_faq_next_steps_{level}")
        return [SlotSet("last_faq_topic", previous)]
    if previous not in ABOUT_THE_PVB:
        return None
    from actions.faq import say_faq_answer  # actions.faq imports this module

    if not say_faq_answer(dispatcher, BUDGET_SIZE_TOPIC, level):
        return None
    return [SlotSet("last_faq_topic", BUDGET_SIZE_TOPIC)]


def answer_follow_up(
    dispatcher: CollectingDispatcher, tracker: Tracker, asked: tuple[str, ...] = ()
) -> list[EventType] | None:
    """Answer a short question about the FAQ answer just given (how much, how to get that
    right, who decides about it); None (nothing said) when the latest message is no such
    question. How much goes first: "hoe veel krijg je" would read as how to get it."""
    for answer in (answer_how_much, answer_how_to_get, answer_how_to_get_named_right):
        answered = answer(dispatcher, tracker, asked)
        if answered is not None:
            return answered
    return answer_who_decides(dispatcher, tracker)
