"""Start of "wat past bij mij?": first the answer to a direct question, then the offer.

"Kan mijn vader van 70 nog een pvb aanvragen?" or "ik woon in Schaarbeek, kan ik naar het
VAPH?" is a question with an answer in the knowledge base. `direct_answers` finds that
answer from what the message already says (its entities and words); the action says it,
then offers the full check with buttons (`utter_eligibility_offer`) and waits: a person who
only wanted the answer is not asked a questionnaire. "Ja" or the button starts the check
(data/rules/eligibility.yml). A request without a direct question ("wat past bij mij?")
starts the check at once, as before. The check does not ask again for an age or a place
the question gave: the `age` and `place` slots are mapped from the entities of any message
(domain.yml), and the form validates them when it starts.

Every fact comes from the knowledge base: the rights' `who` texts and fields, and the FAQ
answers about waiting time and costs. Nothing here decides whether someone gets a right.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import ACTION_LISTEN_NAME
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import answers, eligibility, jargon, places
from actions.assistive_devices import answer_unsure_device_question
from actions.follow_up import answer_how_much
from actions.form_switch import ELIGIBILITY as ELIGIBILITY_FORM
from actions.forms import previous_value
from actions.help_without_budget import WITHOUT_A_BUDGET
from actions.who_is_talking import SOMEONE, about_the_writer, speaker_from_request
from bot.ages import turning_age
from bot.budget_words import ASKS_HOW_MUCH, BUDGET_SIZE_TOPIC
from knowledge import db, queries
from knowledge.models import Right
from knowledge.reference import BRUSSELS_REGION, fold

logger = logging.getLogger(__name__)

# FAQ topics (knowledge/data/faq.yml) a direct question may ask, with its words.
FAQ_QUESTIONS = (
    ("waiting_time", re.compile(r"\bhoe ?lang\b|\bwachttijd|\bwachtlijst|\blang wachten\b")),
    ("costs", re.compile(r"\bwat kost|\bhoeveel kost|\bkost (het|dat|dit|da)\b|\bkosten\b")),
    # "hoeveel krijg ik per maand" (check_eligibility 0.89 on the model of 2026-12-06): how
    # big a budget is. Not about another right or other money (OTHER_MONEY).
    (BUDGET_SIZE_TOPIC, ASKS_HOW_MUCH),
)
# Words that make a message naming a right a question about getting it ("heb ik recht op
# een pvb", "kan ik nog rth krijgen", "kom ik in aanmerking voor een PAB").
ASKS_FOR_RIGHT = re.compile(
    r"\brecht op\b|\baanmerking\b|\b(kan|kunnen|kunde|kunt|mag|mogen|krijg|krijgt|krijgen)\b"
    r"|\baanvra|\bnog\b"
)
HAS_RIGHT = re.compile(r"\b(heb|hebben|hebt|heeft|krijg|krijgt|krijgen) (al|reeds)\b")
# "kan hij nog een budget krijgen", "kan ik nog aanvragen": whether a budget or a request is
# still possible, naming no right (a right named gets its own `who` text: right_answer).
ASKS_STILL = re.compile(r" nog ")
# "ik ben 16, kan ik al iets aanvragen": whether it can already be asked at that age.
ASKS_ALREADY = re.compile(r" al ")
# "hoe oud moet ik zijn voor een pvb", "vanaf welke leeftijd": the age limits themselves.
ASKS_HOW_OLD = re.compile(
    r" (hoe oud|welke leeftijd|leeftijdsgrens\w*|maximum ?leeftijd|minimum ?leeftijd) "
)
ASKS_FOR_A_BUDGET = re.compile(r" (budget|aanvra\w*|vaph) ")
# The zorgbudget named beside the PVB, and the statement that the two do not go together.
ZORGBUDGET = re.compile(r" (zorgbudget\w*|bob|basisondersteuningsbudget) ")
PVB_WITH_ZORGBUDGET = "zorgbudget_niet_met_pvb"
# A PVB one has already: only the statement answers what else one can get beside it.
HAS_A_PVB = re.compile(r" (heb|hebben|hebt|heeft|krijg|krijgt|krijgen) (al|reeds) (een )?pvb ")
# Money that is not the PVB: "hoeveel krijg je met het zorgbudget" is no question about the
# size of a PVB, even where no right's full name is in it.
OTHER_MONEY = re.compile(
    r"zorgbudget|toeslag|tegemoetkoming|groeipakket|kinderbijslag|uitkering|pensioen|loon"
    r"| (bob|rth|imb|ivt|it|pab|mfc) "
)
# Whom a question is about: the words for someone else ("je vader"), or one of these two.
Asked = str | None
WRITER: Asked = None  # the person chatting: "Je bent 70."
UNCLEAR: Asked = ""  # someone, but not clear whom: the rule without the age sentence
MIN_ABBREVIATION_PART = 3  # "IVT/IT": "ivt" names the right, "it" is too common a word


def _words(text: str) -> str:
    """Folded words between single spaces, with a space at both ends."""
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split()) + " "


def _names(right: Right) -> list[str]:
    """How a message may name the right: its name (without an aside in brackets) and its
    abbreviation, or the long parts of a combined one."""
    names = [re.sub(r"\s*\([^()]*\)", "", right.name)]
    if right.abbreviation:
        names.append(right.abbreviation)
        parts = right.abbreviation.split("/")
        names += [part for part in parts if len(parts) > 1 and len(part) >= MIN_ABBREVIATION_PART]
    return [_words(name) for name in names]


def named_right(session: Session, text: str) -> Right | None:
    """The right the message names ("pvb", "persoonsvolgend budget"), the longest name first."""
    words = _words(text)
    found = [
        (len(name), right.id, right)
        for right in session.execute(select(Right)).scalars()
        for name in _names(right)
        if name.strip() and name in words
    ]
    return max(found, key=lambda hit: hit[:2])[2] if found else None


def _title(right: Right) -> str:
    return f"{right.name} ({right.abbreviation})" if right.abbreviation else right.name


def _said(lines: list[str], level: str) -> str:
    """The lines as one message; eenvoudig explains each term at its first use."""
    return "\n".join(jargon.explained(lines) if level == "eenvoudig" else lines)


def _plain_title(right: Right) -> str:
    """The right's name as an eenvoudig text says it: without the aside in brackets."""
    return re.sub(r"\s*\([^()]*\)", "", right.name)


def _age(entities: dict[str, str]) -> int | None:
    value = entities.get("age", "").strip()
    return int(value) if value.isdigit() else None


# The check asked for in so many words: "wat past bij mij", "kom ik in aanmerking".
ASKS_FOR_THE_CHECK = re.compile(r"\bwat past\b|\bin aanmerking\b", re.IGNORECASE)
# A budget the person (or someone of theirs) already has: "mag ik op reis met mijn budget",
# "kan ik mijn budget sparen" (check_eligibility 0.80 and 0.73 on the model of 2026-12-06)
# ask about that budget, not whether one could get help. The FAQ action answers them.
OWN_BUDGET = re.compile(
    r"\b(?:mijn|mijne|m'n|mn|ons|onze|zijn|haar|hun)\s+(?:persoonsvolgend\s+)?"
    r"(?:budget|pvb|zorgbudget)\b",
    re.IGNORECASE,
)
# Someone who turns the first-request age can still ask before that birthday.
BEFORE_THE_BIRTHDAY = "Dat kan dus nog vóór die verjaardag."
# Someone under the first-request age who asks whether it is still possible.
STILL_POSSIBLE = "Dat kan dus nog."


def age_answer(
    session: Session,
    age: int,
    right: Right | None,
    level: str,
    about: Asked = WRITER,
    turning: bool = False,
    asks_still: bool = False,
    asks_already: bool = False,
) -> str | None:
    """The age rule `age` runs into: below the minimum age of the right named ("kan ze al
    een pvb krijgen" at 15), or past the first-request age of the right named, else the
    PVB's. With `asks_still` ("mijn broer is 58, kan hij nog een budget krijgen", no right
    named), an age between the PVB's minimum and first-request age hears that it still can;
    with `asks_already` ("ik ben 16, kan ik al iets aanvragen", no right named), an age
    below the PVB's minimum hears that minimum.

    It starts with the age of the person it is about ("Je bent 70.", "Je vader is 70.";
    nothing when it is not clear whom), then says the rule in short sentences made from the
    record's fields. Not the sentence of the right's `who` text: "Je bent jonger dan 65
    wanneer je ..." right after "Je bent 70." reads as a contradiction.

    With `turning`, `age` is the age the person turns ("ons ma wordt 65 volgend jaar"): the
    rule is weighed for the age they have now, one less. Turning exactly the first-request
    age, they can still make a first request before that birthday, and the answer says so;
    "Je ma is 65." and the limit alone read as "too late"."""
    now = age - 1 if turning else age
    if right is None and asks_already:
        first = session.get(Right, queries.FIRST_REQUEST_RIGHT)
        right = first if first is not None and now < (first.min_age or 0) else None
    if right is not None and right.min_age is not None and now < right.min_age:
        rule = [f"Dit kan vanaf {right.min_age} jaar."]
    else:
        if right is None or right.first_request_before_age is None:
            right = session.get(Right, queries.FIRST_REQUEST_RIGHT)
        if right is None or right.first_request_before_age is None:
            return None
        rule = queries.first_request_rule(right)
        if age < right.first_request_before_age:
            if not asks_still or now < (right.min_age or 0):
                return None
            rule = [*rule[:1], STILL_POSSIBLE]
        elif now < right.first_request_before_age:
            rule = [*rule[:1], BEFORE_THE_BIRTHDAY]
    said_age = [] if about == UNCLEAR else [queries.age_sentence(age, about, turning)]
    title = _plain_title(right) if level == "eenvoudig" else _title(right)
    return _said([title, *said_age, *rule], level)


def age_limits_answer(session: Session, right: Right | None, level: str) -> str | None:
    """ "hoe oud moet ik zijn voor een pvb": the age limits of the right named, else the
    PVB's, from the record's fields; None when the right has none."""
    if right is None:
        right = session.get(Right, queries.FIRST_REQUEST_RIGHT)
    if right is None:
        return None
    minimum = [f"Dit kan vanaf {right.min_age} jaar."] if right.min_age is not None else []
    rule = [*minimum, *queries.first_request_rule(right)]
    if not rule:
        return None
    title = _plain_title(right) if level == "eenvoudig" else _title(right)
    return _said([title, *rule], level)


def residence_answer(
    session: Session,
    entities: dict[str, str],
    right: Right | None,
    level: str,
    about: Asked = WRITER,
) -> str | None:
    """For a place in the Brussels Capital Region: whom the right (the PVB when the message
    names none) is for, and the VAPH office that serves the place. The place is where the
    person asked `about` lives ("Je moeder woont in Brussel"); the writer's when unclear."""
    place = places.describe(session, places.normalise(session, None, entities))
    municipality = place.municipality if place else None
    if municipality is None or municipality.region != BRUSSELS_REGION:
        return None
    if right is None or right.residence is None:
        right = session.get(Right, queries.FIRST_REQUEST_RIGHT)
    subject = about or None  # UNCLEAR: the writer's wording, as before
    rule = queries.residence_rule(right, municipality, level, subject) if right else None
    if right is None or rule is None:
        return None
    lines = [_plain_title(right) if level == "eenvoudig" else _title(right), rule]
    offices = [
        s for s in queries.contact_services(session, municipality) if s.kind == "vaph_office"
    ]
    if offices and "vaph" in (right.where or []):
        office = offices[0].name if level != "eenvoudig" else eligibility._plain_place(offices[0])
        if office:
            lines.append(f"{eligibility.WHERE}: {office}.")
    return _said(lines, level)


def right_answer(right: Right, level: str) -> str:
    """Whom the right is for: its `who` text, or for eenvoudig short sentences from its
    fields (its `who` text when the fields say nothing)."""
    if level == "eenvoudig":
        conditions = queries.plain_conditions(right)
        return _said([_plain_title(right), *(conditions or [right.who])], level)
    return _said([_title(right), right.who.strip()], level)


def direct_answers(
    session: Session,
    text: str,
    entities: dict[str, str],
    level: str,
    *,
    with_faq: bool = True,
    with_residence: bool = True,
    with_topics: bool = True,
    about: Asked = WRITER,
    known_age: int | None = None,
) -> list[str]:
    """The knowledge base's answers to the direct question in a message, in the order they
    are said; [] when the message asks nothing the knowledge base can answer. Without
    `with_faq` (the FAQ action, which answers the topic itself) only the age and residence
    rules: "hoe kan ik mijn pvb besteden" names a right but asks how to spend it; without
    `with_residence` (the provider search, which searches the place) the age rule only. `about`
    is whom the question is about (`person_asked_about`); `known_age` their age told before
    ("ze is 15", then "kan ze al een pvb krijgen"), used when the message asks for a right
    and says no age itself. Without `with_topics` (the FAQ action unsure of the topic, which
    asks which one rather than guess) no FAQ_QUESTIONS topic: the rules and the right only."""
    right = named_right(session, text)
    age = _age(entities)
    turning = age is not None and turning_age(text) == age
    if age is None and right is not None and ASKS_FOR_RIGHT.search(_words(text)):
        age = known_age
    folded = _words(text)
    asks_still, asks_already = (
        right is None
        and asks.search(folded) is not None
        and ASKS_FOR_A_BUDGET.search(folded) is not None
        for asks in (ASKS_STILL, ASKS_ALREADY)
    )
    found = [
        age_answer(session, age, right, level, about, turning, asks_still, asks_already)
        if age is not None
        else age_limits_answer(session, right, level)
        if ASKS_HOW_OLD.search(folded)
        else None,
        residence_answer(session, entities, right, level, about) if with_residence else None,
    ]
    said = [answer for answer in found if answer]
    if said:
        return said
    for topic, words in FAQ_QUESTIONS if with_faq and with_topics else ():
        about_another_right = right is not None and right.id != queries.FIRST_REQUEST_RIGHT
        if topic == BUDGET_SIZE_TOPIC and (about_another_right or OTHER_MONEY.search(folded)):
            continue
        if words.search(folded):
            answer = queries.faq_answer(session, topic, level)
            return [answer.text] if answer else []
    if not with_faq or right is None:
        return []
    if right.id == queries.FIRST_REQUEST_RIGHT and ZORGBUDGET.search(folded):
        # "mijn zus krijgt al een zorgbudget, kan ze ook een pvb krijgen": whom the PVB is for,
        # and that the two do not go together ("krijgt al" is about the zorgbudget).
        combined = queries.statement_wording(session, PVB_WITH_ZORGBUDGET, level)
        if combined and HAS_A_PVB.search(folded):
            return [combined]  # "ik heb al een pvb, kan ik nog een zorgbudget krijgen"
        if combined and ASKS_FOR_RIGHT.search(folded):
            return [f"{right_answer(right, level)}\n{combined}"]
    if ASKS_FOR_RIGHT.search(folded) and not HAS_RIGHT.search(folded):
        return [right_answer(right, level)]
    return []


def answers_to_latest_message(
    tracker: Tracker,
    *,
    with_faq: bool = True,
    with_residence: bool = True,
    with_topics: bool = True,
) -> list[str]:
    """`direct_answers` for the latest message at the person's reading level; [] for a
    button, or when the knowledge base cannot be read (what follows still works)."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if not text or text.startswith("/"):  # a button says nothing more
        return []
    try:
        with db.session() as session:
            return direct_answers(
                session,
                text,
                answers.latest_entities(tracker),
                answers.reading_level(tracker),
                with_faq=with_faq,
                with_residence=with_residence,
                with_topics=with_topics,
                about=person_asked_about(tracker),
                known_age=age_told_before(tracker),
            )
    except Exception as error:
        logger.warning("no direct answer: %s", type(error).__name__)
        return []


def age_told_before(tracker: Tracker) -> int | None:
    """The person's age from earlier in the conversation (the `age` slot, a number), unless
    the latest message names someone else ("mijn dochter" after "mijn zoon is 15")."""
    told = str(tracker.get_slot("age") or "")
    named = answers.latest_entities(tracker).get("relation")
    if not told.isdigit() or (named is not None and named != tracker.get_slot("relation")):
        return None
    return int(told)


def person_asked_about(tracker: Tracker) -> Asked:
    """Whom the latest question is about: the words for the person when it is someone else
    ("je vader": the person_ref of a network member, or what the message says, "kan mijn
    vader van 70 ..."), WRITER for the person chatting, UNCLEAR otherwise ("mijn oma is 80,
    kan zij ...": "oma" is no relation the NLU knows)."""
    if tracker.get_slot("speaker") == "network":
        return str(tracker.get_slot("person_ref") or SOMEONE)
    told = {event["name"]: event["value"] for event in speaker_from_request(tracker)}
    if told.get("speaker") == "network":
        return str(told["person_ref"])
    text = str((tracker.latest_message or {}).get("text") or "")
    return WRITER if about_the_writer(text) else UNCLEAR


class ActionEligibilityStart(Action):
    """The answer to a direct question and the offer of the check, or the start of the check;
    a question about a budget the person has (OWN_BUDGET) gets the FAQ answer instead."""

    def name(self) -> str:
        return "action_eligibility_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # "en hoeveel krijg ik dan" right after the answer about the zorgbudget asks its
        # amount, not for the check (actions/follow_up.py).
        if (how_much := answer_how_much(dispatcher, tracker)) is not None:
            return [*how_much, FollowupAction(ACTION_LISTEN_NAME)]
        # "krijgen we iets voor een traplift" (check_eligibility 0.80 on the model of
        # 2026-12-06) asks about the VAPH's help for devices, not for the check; "ik zit in
        # een rolstoel, wat past bij mij" asks for the check.
        text = str((tracker.latest_message or {}).get("text") or "")
        if not ASKS_FOR_THE_CHECK.search(text) and answer_unsure_device_question(
            dispatcher, tracker
        ):
            return [FollowupAction(ACTION_LISTEN_NAME)]
        answered = answers_to_latest_message(tracker)
        # "kan ik hulp krijgen zonder budget" (check_eligibility 0.73 on the model of
        # 2026-12-07) asks about RTH: the FAQ action answers it (actions/help_without_budget.py).
        about_a_budget = OWN_BUDGET.search(text) or WITHOUT_A_BUDGET.search(text)
        if not answered and about_a_budget and not ASKS_FOR_THE_CHECK.search(text):
            from actions.faq import ActionAnswerFaq  # it imports this module

            faq_answer = await ActionAnswerFaq().run(dispatcher, tracker, domain)
            return [*faq_answer, FollowupAction(ACTION_LISTEN_NAME)]
        for answer in answered:
            dispatcher.utter_message(text=answer)
        about = person_asked_about(tracker)
        # "Ons moeder is 82, kan zij ...": the check does not ask who it is for.
        told = speaker_from_request(tracker)
        if coming_back(tracker, domain):
            dispatcher.utter_message(response="utter_eligibility_continue")
        elif answered:  # the answer, then the offer; the check waits for a yes
            if about:
                dispatcher.utter_message(
                    response="utter_eligibility_offer_someone", person_ref=about
                )
            else:
                dispatcher.utter_message(response="utter_eligibility_offer")
            return [*told, FollowupAction(ACTION_LISTEN_NAME)]  # not the rule's form
        elif answers.said_just_before(tracker, "utter_eligibility_offer"):  # "ja" to the offer
            dispatcher.utter_message(response="utter_eligibility_agreed")
        elif about:  # "Wil je weten welke hulp misschien bij je vader past ..."
            dispatcher.utter_message(response="utter_eligibility_start_someone", person_ref=about)
        else:
            dispatcher.utter_message(response="utter_eligibility_start")
        return told


def coming_back(tracker: Tracker, domain: dict[str, Any]) -> bool:
    """True when the check was left halfway (another request, a stop): it ran before, and
    some of its answers were given before this message, not all of them. Facts told before
    it ever ran ("mijn zoon is 19") are no return."""
    ran = any(
        event.get("event") == "active_loop" and event.get("name") == ELIGIBILITY_FORM
        for event in tracker.applied_events()
    )
    if not ran:
        return False
    # The check's questions in domain.yml, without "who is it for" (known from elsewhere too).
    questions = domain["forms"][ELIGIBILITY_FORM]["required_slots"]
    given = [previous_value(tracker, slot) is not None for slot in questions if slot != "speaker"]
    return any(given) and not all(given)
