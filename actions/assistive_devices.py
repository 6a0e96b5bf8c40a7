"""A question about an assistive device or an adaptation at home is about the VAPH's
tegemoetkoming for them (individuele materiële bijstand, IMB in knowledge/data/rights.yml).

"mijn dochter heeft een rolstoel nodig wie betaalt dat" was a FAQ question no topic was sure
of ("Moet ik iets betalen?" or "Welke andere steun is er?"), and "hoeveel kost een rolstoel
en krijg ik daar geld voor" got the answer about costs (DOP, MDT, RTH contributions), which
says nothing about a wheelchair. The right's own record says what it pays for, for whom,
and how to ask for it: first ask, then buy; wheelchairs and other mobility aids go through
the Vlaamse sociale bescherming since 2019.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, jargon
from actions.follow_up import sentence_a_line
from bot.device_words import names_a_device_besides_its_user
from bot.question_phrases import asks_a_question
from knowledge import db
from knowledge.models import Right

# The right about assistive devices and adaptations at home.
DEVICES_RIGHT = "IMB"
# FAQ topics a device question is read as when the selector has no better idea: a general
# answer that does not say what is paid for a device or how to ask for it.
GENERAL_TOPICS = frozenset({"costs", "other_support", "how_to_apply", "what_is_pvb"})


def asks_about_a_device(text: str, topic: str | None) -> bool:
    """Whether a FAQ question is about a device: it names one, not only to say who uses one
    ("als ik in een rolstoel zit"), and the selector chose no topic (`topic` None: unsure) or
    a general one of GENERAL_TOPICS."""
    return names_a_device_besides_its_user(text) and (topic is None or topic in GENERAL_TOPICS)


# A mobility aid: the right's line about them goes first when the question names one.
MOBILITY_AID = re.compile(r"\b(?:rolstoel\w*|rollator\w*|scootmobiel\w*)", re.IGNORECASE)
MOBILITY_LINE = re.compile(r"\b(?:rolstoel\w*|mobiliteitshulpmiddel\w*)", re.IGNORECASE)


def device_answer(level: str, question: str = "") -> str | None:
    """The right's answer at `level` (`device_text`); None when the right is missing."""
    with db.session() as session:
        right = session.get(Right, DEVICES_RIGHT)
        return None if right is None else device_text(right, level, question)


def device_text(right: Right, level: str, question: str = "") -> str:
    """The right's answer, one sentence a line: its plain text (what it pays for, how to ask
    for it and for whom), each term explained at first use; at the gewoon level under the
    right's name. The record's full text (summary, who, how_to_apply) scores 35 on the
    reading ease that a gewoon text must reach 55 on (tests/test_reading_ease.py), so a
    gewoon reader gets the plain text too. When the `question` names a mobility aid, the line
    about those comes first: they are not asked for at the VAPH."""
    lines = str(right.how_to_apply_eenvoudig or sentence_a_line(right.how_to_apply)).splitlines()
    if MOBILITY_AID.search(question):
        lines.sort(key=lambda line: MOBILITY_LINE.search(line) is None)
    head = [] if level == "eenvoudig" else [f"{right.name}:"]
    return "\n".join(head + jargon.explained(lines))


def answer_device_question(dispatcher: CollectingDispatcher, level: str, question: str) -> bool:
    """Say the answer about devices and the FAQ's next steps; False when there is none."""
    text = device_answer(level, question)
    if text is None:
        return False
    dispatcher.utter_message(text=text)
    dispatcher.utter_message(response=f"utter_faq_next_steps_{level}")
    return True


def answer_unsure_device_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """For the fallback: a question about a device the classifier was unsure of ("krijgen we
    iets voor een traplift": nlu_fallback, and "Sorry, dat heb ik niet goed begrepen").
    Outside a form only, as in the FAQ action; False (nothing said) for any other message."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if tracker.active_loop_name is not None or not (
        names_a_device_besides_its_user(text) and asks_a_question(text)
    ):
        return False
    return answer_device_question(dispatcher, answers.reading_level(tracker), text)
