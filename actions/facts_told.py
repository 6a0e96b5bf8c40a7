"""Facts told outside any form, such as a first message "ik ben de mama van Jonas, hij is 19
en heeft autisme": no question is open, so the classifier reads a bare answer (inform) and
the fallback would say it did not understand and drop them. Instead Wegwijzer says how it
read them ("Ik lees: Jonas, 19 jaar, autisme.") and offers what it can do; the slots Rasa
took from the message stay, so "Wat past bij mij?" and the provider search do not ask them
again.

"ik woon in wallonie" gets the same reading back, then that the VAPH's help is for people
who live in Flanders or Brussels, whatever the classifier made of it (it was nlu_fallback
with inform and other_place close under it)."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, places
from actions.eligibility_start import answers_to_latest_message
from actions.who_is_talking import speaker_slots
from bot.question_phrases import asks_a_question, has_a_question_word, starts_as_question
from knowledge import db

CATEGORY_ENTITIES = ("target_group", "support_type")


# Under the fallback threshold, intents whose messages tell facts about the person: "ik
# zoek hulp voor ons moeder, ze is 82" was nlu_fallback with find_provider 0.33 under it.
FACT_INTENTS_UNDER_FALLBACK = (
    "inform",
    "find_provider",
    "identify_as_network",
    "check_eligibility",
)
# A relative named with a fact about them makes a message under the fallback threshold one
# that tells facts, whatever intent came closest: "goeiemiddag ik ben de zus van Tom, hij
# heeft nah sinds een ongeval" was nlu_fallback with greet 0.55 under it, and the person
# heard "Sorry, dat heb ik niet goed begrepen".
RELATIVE = "relation"
FACTS_ABOUT_SOMEONE = frozenset({"age", "target_group", "support_type", "first_name"})


def _bare_answer(tracker: Tracker) -> bool:
    """Read as a bare answer (inform), or just under the fallback threshold as a message that
    tells facts: "kunde mij helpen, ons zoon heeft een verstandelijke beperking en is 17" was
    inform at 0.58."""
    intent = answers.latest_intent(tracker)
    return intent == "inform" or (
        intent == "nlu_fallback"
        and (
            answers.intent_under_fallback(tracker) in FACT_INTENTS_UNDER_FALLBACK
            or _relative_with_a_fact(answers.latest_entities(tracker))
        )
    )


def _relative_with_a_fact(named: dict[str, str]) -> bool:
    return RELATIVE in named and not FACTS_ABOUT_SOMEONE.isdisjoint(named)


def tells_about_a_relative(tracker: Tracker) -> bool:
    """Whether the latest message tells facts about a relative and asks nothing: "mijn man
    heeft een hersenbloeding gehad en is nu half verlamd, hij is 58" was read as a FAQ
    question no topic was sure of, and the person was asked which of two topics they meant."""
    text = str((tracker.latest_message or {}).get("text") or "")
    # Not asks_a_question: its clauses after "en" open with a verb in a plain statement
    # too ("... gehad en is nu half verlamd").
    asks = "?" in text or starts_as_question(text) or has_a_question_word(text)
    return _relative_with_a_fact(answers.latest_entities(tracker)) and not asks


# "ik woon", "ze woont", "we wonen", "hij is verhuisd": the message says where someone
# lives, so a place outside Flanders and Brussels in it is where they live.
# Living somewhere, moving there, or taking a budget there ("kan ik mijn pvb meenemen naar
# nederland").
LIVES = re.compile(
    r"\b(woon|woont|wonen|woonde|woonden|verhuisd|verhuizen|verhuis|meenemen|meeneem)\b"
)


def lives_outside(text: str) -> str | None:
    """places.WALLONIA or places.ABROAD when the message says someone lives there."""
    folded = text.lower()
    return places.outside_place(folded) if LIVES.search(folded) else None


# Asking who or what can help: "wie kan helpen", "welke hulp is er", "waar kan ze terecht",
# "wat kan ze krijgen", "waar heeft hij recht op", "wat bestaat er allemaal".
ASKS_FOR_HELP = re.compile(
    r"\bwie\s+(?:kan|kunnen|kun|kunt)\b.*\bhelpen\b|\bwelke\s+(?:hulp|steun|ondersteuning)\b"
    r"|\bwat\s+bestaat\s+er\b"
    r"|\bwaar\s+(?:kan|kunnen|moet|moeten)\b.*\bterecht\b"
    r"|\bwat\s+(?:kan|kunnen|moet|moeten)\s+(?:ik|we|wij|ze|zij|hij)\s+(?:nu\s+)?doen\b"
    r"|\bwat\s+(?:kan|kunnen|mag|mogen)\s+(?:ik|we|wij|ze|zij|hij)\s+(?:\w+\s+)?krijgen\b"
    r"|\brecht\s+op\b",
    re.IGNORECASE,
)


def asks_help_for_a_relative(tracker: Tracker) -> bool:
    """Whether the latest message tells a fact about a relative and asks who can help: "mijn
    ma zit in een rolstoel en kan ni meer alleen naar de wc, wie kan helpen" was read as a
    FAQ question no topic was sure of (herziening, when carers stop)."""
    text = str((tracker.latest_message or {}).get("text") or "")
    named = answers.latest_entities(tracker)
    return _relative_with_a_fact(named) and ASKS_FOR_HELP.search(text) is not None


def answer_facts(
    dispatcher: CollectingDispatcher, tracker: Tracker, told: bool = False
) -> list[Any] | None:
    """Say how the facts of an answer given outside a form were read, then the menu (when
    it asks who can help a relative, the offer of the check instead); None when a form is
    active, the message is no bare answer or names no such fact. A message that says
    someone lives outside Flanders and Brussels counts as a bare answer; so does any message
    when `told` (the caller decided it tells facts: `tells_about_a_relative`)."""
    if tracker.active_loop_name is not None:
        return None
    text = str((tracker.latest_message or {}).get("text") or "")
    outside = lives_outside(text)
    if not (told or outside or _bare_answer(tracker)):
        return None
    named = answers.latest_entities(tracker)
    events: list[Any] = []
    words: list[str] = []
    if "relation" in named:
        who = speaker_slots(tracker)
        events += [SlotSet(name, value) for name, value in who.items()]
        words.append(who["person_ref"])
    if str(named.get("age", "")).isdigit():
        words.append(f"{named['age']} jaar")
    words += [w for e in CATEGORY_ENTITIES if (w := answers.category_words(named.get(e)))]
    with db.session() as session:
        place = places.named_place(session, named)
    if place:
        words.append(place)
    elif outside:
        words.append(outside)
    if not words:
        return None
    dispatcher.utter_message(response="utter_read_as", words=", ".join(w for w in words if w))
    if outside and not place:
        dispatcher.utter_message(response="utter_lives_outside_flanders")
    if asks_a_question(text) or has_a_question_word(text):
        # "ik woon in Anderlecht, kan ik naar het vaph": the residence or age rule answers
        # the question (answer first, issue 14); it was only "Ik lees: Anderlecht.". Also
        # without a comma: "ik woon in Brussel kan ik bij het vaph" (nlu_fallback 0.60).
        # A right asked for gets whom it is for: "mijn dochter heeft down, krijgt ze een pvb"
        # (nlu_fallback 0.60, check_eligibility 0.58) was only "Ik lees: je dochter.".
        for answer in answers_to_latest_message(tracker):
            dispatcher.utter_message(text=answer)
    if asks_help_for_a_relative(tracker):
        # "wie kan helpen": the check says what may fit and where to go ("ja" starts it).
        person = speaker_slots(tracker)["person_ref"]
        dispatcher.utter_message(response="utter_eligibility_offer_someone", person_ref=person)
    else:
        dispatcher.utter_message(response="utter_what_next")
    return events
