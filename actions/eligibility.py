"""The "wat past bij mij?" form: validating the answers and showing the rights that may fit.

Nothing here decides: the rights come from `knowledge.queries.rights_for_profile` as
"may fit", each with its reasons and where to go, and the answer says who decides.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, jargon, places
from actions.form_switch import SwitchingFormValidation
from actions.forms import AGE_NOT_UNDERSTOOD, not_understood, validate_place_answer
from actions.who_is_talking import speaker_answer
from knowledge import db, queries
from knowledge.models import Service

MAX_RIGHTS = 8  # more than this is too much to read in a chat; the rest is counted
WHY = "Waarom dit misschien past"
WHERE = "Waar kan je terecht"
# The brief (§2.5 a) names the VAPH for the noodprocedure and gives a DOP no role in it.
URGENT_NOTE = "Het is dringend: vraag het VAPH naar de {procedure}. Het VAPH beslist."
DANGER_NOTE = "Is er nu gevaar? Bel dan meteen {phone}."
EMERGENCY_NUMBER = "noodnummer_112"  # the services.yml record of the emergency number
VAPH = "vaph"  # the services.yml record of the VAPH itself
MAX_PLAIN_PLACES = 3  # makkelijk lezen: a few places, not a list to choose from
CHOICE_KINDS = ("bijstandsorganisatie",)  # naming some of them would steer the choice
BRACKETED = re.compile(r"\s*\([^()]*\)")


SKIP_BUTTON = {"title": "Zeg ik liever niet", "payload": "/skip"}
# Words that answer a later question of the check, whatever question is asked now: "allee ja
# het is wel dringend" at "Aan welke hulp denk je vooral?" was "Dat begrijp ik niet goed",
# and the urgency was asked again later. The slot, the words and how its answer is read.
TOLD_EARLY = {
    "urgent": (re.compile(r"\b(?:dringende?r?|spoed)\b", re.I), answers.parse_urgent),
    "vaph_known": (
        re.compile(r"\b(?:erkend|erkenning|prioriteitengroep)\b", re.I),
        answers.parse_vaph_known,
    ),
}
# How such an answer is read back: "Ik lees: dringend."
TOLD_EARLY_WORDS = {
    ("urgent", "ja"): "dringend",
    ("urgent", "nee"): "niet dringend",
    ("vaph_known", "nee"): "nog niet erkend door het VAPH",
    ("vaph_known", "erkend"): "erkend door het VAPH",
    ("vaph_known", "prioriteitengroep"): "in een prioriteitengroep van het VAPH",
    ("vaph_known", "budget"): "er is al een budget",
}
# Readings under which a message tells no answer.
NO_ANSWER_INTENTS = ("crisis", "faq", "stop", "request_human")


def told_early(tracker: Tracker) -> dict[str, str]:
    """The check's later questions (TOLD_EARLY) that the latest typed message answers,
    when they are not answered yet and not the question asked now."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if text.startswith("/") or answers.latest_intent(tracker) in NO_ANSWER_INTENTS:
        return {}
    told = {}
    for slot, (words, parse) in TOLD_EARLY.items():
        asked = slot == tracker.get_slot("requested_slot")
        if asked or tracker.get_slot(slot) is not None or not words.search(text):
            continue
        value = parse(text)
        if value is not None:
            told[slot] = value
    return told


def age_band_title(low: int, high: int) -> str:
    if low == 0:
        return f"Jonger dan {high + 1}"
    if high >= queries.MAX_AGE:
        return f"{low} jaar of ouder"
    return f"{low} tot {high} jaar"


def age_buttons() -> list[dict[str, str]]:
    """A button per age band, its ages from the knowledge base; only "Zeg ik liever niet"
    when the knowledge base cannot be read (typing the age still works)."""
    try:
        with db.session() as session:
            bands = queries.age_bands(session)
    except Exception:
        bands = []
    buttons = [
        {
            "title": age_band_title(low, high),
            "payload": "/inform" + json.dumps({"age": f"{low}-{high}"}),
        }
        for low, high in bands
    ]
    return [*buttons, SKIP_BUTTON]


class ActionAskAge(Action):
    """The eligibility form's age question, with the age groups as buttons."""

    def name(self) -> str:
        return "action_ask_age"

    async def run(self, dispatcher, tracker, domain) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_ask_age", buttons=age_buttons())
        return []


class ValidateEligibilityForm(SwitchingFormValidation):
    def name(self) -> str:
        return "validate_eligibility_form"

    def answers_aside(self, tracker: Tracker) -> list[str]:
        """ "Kan ik nog een pvb aanvragen als ik 67 ben?" in the middle of the check: the
        knowledge base's answer, as at its start (actions/eligibility_start.py)."""
        if answers.latest_intent(tracker) != "check_eligibility":
            return []
        from actions.eligibility_start import answers_to_latest_message  # imports this module

        return answers_to_latest_message(tracker)

    async def get_extraction_events(self, dispatcher, tracker, domain) -> list[EventType]:
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        return [*events, *(SlotSet(slot, value) for slot, value in told_early(tracker).items())]

    def told_words(self, told: dict[str, Any]) -> list[str]:
        early = [TOLD_EARLY_WORDS.get((slot, str(value))) for slot, value in told.items()]
        return [*super().told_words(told), *(words for words in early if words)]

    def validate_speaker(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return speaker_answer(value, dispatcher, tracker)

    def validate_age(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if answers.skipped(tracker):
            return {"age": answers.SKIPPED}
        if value == answers.SKIPPED:
            return {"age": value}
        age = answers.parse_age(value)
        if age is None:
            return not_understood(dispatcher, tracker, "age", AGE_NOT_UNDERSTOOD)
        text = str((tracker.latest_message or {}).get("text") or "")
        if age.isdigit() and str(value) != text:  # the age entity of "ons ma wordt 65"
            age = str(answers.age_now(int(age), text))
        return {"age": age}

    def validate_place(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        result = validate_place_answer(value, dispatcher, tracker, domain)
        if result["place"] in (places.WALLONIA, places.ABROAD):
            dispatcher.utter_message(response="utter_read_as", words=result["place"])
            dispatcher.utter_message(response="utter_lives_outside_flanders")
            dispatcher.utter_message(response="utter_check_goes_on_outside_flanders")
        return result

    def _choice(self, slot, parse, value, dispatcher, tracker) -> dict[str, Any]:
        if answers.skipped(tracker) or value == answers.SKIPPED:
            return {slot: answers.SKIPPED}
        parsed = parse(str(value))
        return {slot: parsed} if parsed else not_understood(dispatcher, tracker, slot)

    def validate_vaph_known(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._choice("vaph_known", answers.parse_vaph_known, value, dispatcher, tracker)

    def validate_urgent(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._choice("urgent", answers.parse_urgent, value, dispatcher, tracker)

    def validate_help_kind(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        support_type = answers.latest_entities(tracker).get("support_type")

        def parse(text: str) -> str | None:
            return answers.parse_help_kind(text, support_type)

        return self._choice("help_kind", parse, value, dispatcher, tracker)


def _services(session, right, place: places.Place | None) -> list[Service]:
    """The services to go to, with the province's VAPH office when the right names the VAPH."""
    services = [session.get(Service, service_id) for service_id in right.where or []]
    found = [service for service in services if service is not None]
    if "vaph" in (right.where or []) and place and place.municipality:
        offices = queries.contact_services(session, place.municipality)
        found += [s for s in offices if s.kind == "vaph_office" and s not in found]
    return found


def _where(session, right, place: places.Place | None) -> str:
    return ", ".join(dict.fromkeys(s.name for s in _services(session, right, place)))


def _plain_place(service: Service) -> str | None:
    """How an eenvoudig text names a service: without an aside in brackets or after a comma;
    None when that name keeps an abbreviation the glossary does not explain."""
    if service.kind == "vaph_office" and service.province is not None:
        return f"Het kantoor van het VAPH in {service.province.name}"
    name = BRACKETED.sub("", service.name).split(",")[0].strip()
    return None if jargon.unknown_abbreviation(name) else name


def _plain_places(session, right, place: places.Place | None) -> list[str]:
    """At most MAX_PLAIN_PLACES places in the record's order: a few doors, not a list. Places
    that a person chooses between (CHOICE_KINDS) are all named, and count as one place; the
    VAPH office of the person's province stands for the VAPH."""
    services = _services(session, right, place)
    office = next((s for s in services if s.kind == "vaph_office"), None)
    if office is not None:
        services = [office if s.id == VAPH else s for s in services if s is not office]
    names: dict[str, None] = {}
    counted: set[str] = set()
    for service in services:
        name = _plain_place(service)
        key = service.kind if service.kind in CHOICE_KINDS else service.id
        if name and (key in counted or len(counted) < MAX_PLAIN_PLACES):
            names[name] = None
            counted.add(key)
    return list(names)


def _describe_plainly(session, match: queries.RightMatch, place) -> str:
    """Makkelijk lezen: the plain name, short sentences, each term explained at its first
    use; a name that is a glossary term is said by the term's explanation."""
    name = BRACKETED.sub("", match.right.name).strip()
    term = jargon.naming_term(name)
    lines = [term.explanation if term else name]
    if match.plain_reasons:
        lines.append(f"{WHY}:")
        lines += [f"- {reason}" for reason in match.plain_reasons]
    where = _plain_places(session, match.right, place)
    if where:
        lines.append(f"{WHERE}:")
        for name in where:
            term = jargon.naming_term(name)
            if term is not None and term not in jargon.terms_in("\n".join(lines)):
                name = term.explanation  # it names the place and says what it is
            elif term is not None and jargon.term_named(name) is term:
                name = term.name  # explained before: "VAPH", as its explanation says it
            lines.append(f"- {name}")
    lines += [note for notes in _urgent_notes(session, match) for note in notes.split("\n")]
    return "\n".join(jargon.explained(lines))


def _urgent_notes(session, match: queries.RightMatch) -> list[str]:
    if match.emergency is None:
        return []
    procedure = match.emergency.name[:1].lower() + match.emergency.name[1:]
    notes = [URGENT_NOTE.format(procedure=procedure)]
    emergency_number = session.get(Service, EMERGENCY_NUMBER)
    if emergency_number is not None and emergency_number.phone:
        notes.append(DANGER_NOTE.format(phone=emergency_number.phone))
    return notes


def describe_right(session, match: queries.RightMatch, place, level: str) -> str:
    if level == "eenvoudig":
        return _describe_plainly(session, match, place)
    right = match.right
    lines = [f"{right.name} ({right.abbreviation})" if right.abbreviation else right.name]
    lines.append(right.summary.split(". ")[0].rstrip(".") + ".")
    if match.reasons:
        lines.append(f"{WHY}: " + "; ".join(match.reasons) + ".")
    where = _where(session, right, place)
    if where:
        lines.append(f"{WHERE}: {where}.")
    lines += _urgent_notes(session, match)
    return "\n".join(lines)


class ActionShowRights(Action):
    """Submit of the eligibility form: the rights and next steps that may fit."""

    def name(self) -> str:
        return "action_show_rights"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        slot = tracker.get_slot
        about = slot("person_ref") if slot("speaker") == "network" else None
        help_kind = slot("help_kind") if slot("help_kind") in queries.HELP_KINDS else None
        with db.session() as session:
            place = places.describe(session, slot("place"))

            def rights(kind: str | None) -> list[queries.RightMatch]:
                return queries.rights_for_profile(
                    session,
                    age_range=answers.age_range(slot("age")),
                    lives_in=places.lives_in(place),
                    recognised=answers.recognised(slot("vaph_known")),
                    has_budget=answers.has_budget(slot("vaph_known")),
                    help_kind=kind,
                    urgent=slot("urgent") == "ja",
                    about=about,
                )

            matches = rights(help_kind)
            # Nothing for the help chosen (a first request at 67 for begeleiding): what fits
            # the rest of the profile, such as the zorgbudget voor ouderen, is still worth
            # knowing, instead of a dead end.
            other_help = help_kind is not None and not matches
            if other_help:
                matches = rights(None)
            texts = [
                describe_right(session, match, place, answers.reading_level(tracker))
                for match in matches[:MAX_RIGHTS]
            ]
        if not texts:
            dispatcher.utter_message(response="utter_rights_none")
        else:
            intro = "utter_rights_other_help" if other_help else "utter_rights_intro"
            dispatcher.utter_message(response=intro)
            for text in texts:
                dispatcher.utter_message(text=text)
            if len(matches) > MAX_RIGHTS:
                dispatcher.utter_message(
                    response="utter_rights_more", more=len(matches) - MAX_RIGHTS
                )
        dispatcher.utter_message(response="utter_rights_next_steps")
        # The names shown go into the summary of a later hand-off (bot.handoff.summary).
        shown = [match.right.name for match in matches[:MAX_RIGHTS]]
        return [SlotSet("requested_slot", None), SlotSet("rights_shown", shown)]
