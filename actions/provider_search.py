"""The provider search: the form's validation, results five at a time, and a wider search."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import answers, places
from actions.eligibility_start import answers_to_latest_message
from actions.follow_up import message_before_latest
from actions.form_switch import PROVIDER_SEARCH, START_INTENT, SwitchingFormValidation
from actions.forms import not_understood, validate_place_answer
from actions.who_is_talking import speaker_from_request
from bot.reach_words import ADDRESSES_WEGWIJZER, BUDGET_WORDS, NAMES_A_PERSON, REACH_WORDS
from knowledge import db, queries, reference
from knowledge.models import Municipality, Provider

PAGE_SIZE = 5
LICENSED = "Vergunde zorgaanbieder: erkend door het VAPH"
NOT_LICENSED = "Geen vergunning van het VAPH"
PHONE = "Telefoon"
WEBSITE = "Website"
WIDENED = {  # what a wider search leaves out, in the words of utter_search_widened
    "target_group": "voor alle doelgroepen",
    "support_type": "voor alle soorten hulp",
    "province": "in de hele provincie",
    "everywhere": "in heel Vlaanderen en Brussel",
}


# "Andere soort hulp" and "Andere doelgroep" reuse the intent and rule of "Andere gemeente"
# (other_place: action_forget_place, then the form asks again). Their payload names the
# answer to change with the entity of the intake's "change an answer" buttons.
CHANGE_ENTITY = "intake_topic"
PROVIDER_SEARCH_INTENT = START_INTENT[PROVIDER_SEARCH]
CHANGEABLE = ("place", "support_type", "target_group")
POSTCODE = re.compile(r"(?<!\d)\d{4}(?!\d)")


def searched(
    place: places.Place | None, support_type: Any, target_group: Any, postcode: str | None = None
) -> str:
    """What was searched, in words, said with every result and when nothing was found,
    so the person sees what to change: "logeren (kortverblijf) voor mensen met autisme in
    Gent (postcode 9000)"; "maakt niet uit" is said as "alle soorten hulp" and "voor alle
    doelgroepen"."""
    words = answers.category_words(support_type)
    if words is None:
        words = "alle soorten hulp" if support_type == answers.ANY else "hulp"
    if group := answers.category_words(target_group):
        words += f" voor mensen met {group}"
    elif target_group == answers.ANY:
        words += f" {WIDENED['target_group']}"
    if place is None:
        return f"{words} {WIDENED['everywhere']}"
    if place.municipality is None and place.label.startswith(places.PROVINCE_PREFIX):
        return f"{words} in de {place.label}"
    if postcode:
        return f"{words} in {place.label} (postcode {postcode})"
    return f"{words} in {place.label}"


def typed_postcode(session: Session, tracker: Tracker, place: places.Place | None) -> str | None:
    """The postcode the person gave for the municipality searched ("9000" for Gent), so
    that the answer shows how it was read. The latest message that named a place decides."""
    if place is None or place.municipality is None:
        return None
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        entities = {
            entity["entity"]: str(entity["value"])
            for entity in (event.get("parse_data") or {}).get("entities") or []
            if entity.get("value") is not None
        }
        text = event.get("text") or ""
        typed = POSTCODE.search(text) if not text.startswith("/") else None
        postcode = entities.get("postcode") or (typed.group(0) if typed else None)
        if postcode:
            found = queries.resolve_municipality(session, postcode)
            return postcode if found and found.refnis == place.municipality.refnis else None
        if entities.keys() & {"municipality", "province"}:
            return None
    return None


CATEGORY_SLOTS = ("support_type", "target_group")


def left_out_by_new_search(slot: str, tracker: Tracker) -> bool:
    """A new search request that names a kind of help or a target group, but not `slot`,
    asks `slot` again instead of keeping the previous search's answer: after a search for
    dagbesteding, "ik zoek iets voor mensen met NAH in Antwerpen" is not a search for
    dagbesteding. A request without either ("zoek opnieuw", the button back to the search)
    keeps both."""
    if tracker.get_slot("requested_slot") is not None:  # the form is not starting
        return False
    if answers.latest_intent(tracker) != PROVIDER_SEARCH_INTENT:
        return False
    if follows_up_on_results(tracker):
        return False
    named = answers.latest_entities(tracker).keys() & set(CATEGORY_SLOTS)
    return bool(named) and slot not in named


SEARCH_SLOTS = ("place", *CATEGORY_SLOTS)


def told_aside(events: list[EventType], asked: str | None) -> str | None:
    """The words of the search answers the latest message gave while another was asked and
    is asked again ("ze heeft een verstandelijke beperking" while the form asks the kind of
    help): "verstandelijke beperking". Without them the same question came again with no
    sign that anything was understood. None when the asked answer was given, or nothing
    else."""
    values = {
        event["name"]: event.get("value")
        for event in events
        if event.get("event") == "slot" and event.get("name") in SEARCH_SLOTS
    }
    if asked not in SEARCH_SLOTS or values.get(asked) is not None:
        return None
    words = [
        str(value) if slot == "place" else answers.category_words(value)
        for slot, value in values.items()
        if slot != asked and value not in (None, places.EVERYWHERE)
    ]
    said = [word for word in words if word]
    return ", ".join(said) or None


def _known(values, value: str | None) -> str | None:
    return value if value in {category.id for category in values} else None


class ValidateProviderSearchForm(SwitchingFormValidation):
    def name(self) -> str:
        return "validate_provider_search_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        starts = tracker.get_slot("requested_slot") is None
        if starts:
            # "mijn mama is 80, kan zij nog naar een dagcentrum": the age rule of the VAPH's
            # help first, then the search (the place is searched, not explained).
            for answer in answers_to_latest_message(tracker, with_faq=False, with_residence=False):
                dispatcher.utter_message(text=answer)
        events = await super().run(dispatcher, tracker, domain)
        rejected = any(event.get("event") == "action_execution_rejected" for event in events)
        if starts and not rejected:
            # "een logeerhuis voor ons zoon": the questions speak of him ("Wat past het best
            # bij je zoon?"), not "Voor wie is de hulp?" right after he was named.
            events += speaker_from_request(tracker)
        elif not rejected and (aside := told_aside(events, tracker.get_slot("requested_slot"))):
            dispatcher.utter_message(response="utter_read_as", words=aside)
        return events

    def validate_place(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if answers.skipped(tracker):
            return {"place": places.EVERYWHERE}
        if value == answers.SKIPPED:  # skipped in "wat past bij mij?": ask here
            return {"place": None}
        result = validate_place_answer(value, dispatcher, tracker, domain)
        if result["place"] in (places.WALLONIA, places.ABROAD):
            dispatcher.utter_message(response="utter_search_only_flanders")
            return {"place": None}
        return result

    def _category(self, slot, categories, value, dispatcher, tracker) -> dict[str, Any]:
        if left_out_by_new_search(slot, tracker):
            return {slot: None}
        if answers.skipped(tracker) or value == answers.ANY:
            return {slot: answers.ANY}
        entity = answers.latest_entities(tracker).get(slot)
        found = _known(categories, value) or _known(categories, entity)
        return {slot: found} if found else not_understood(dispatcher, tracker, slot)

    def validate_support_type(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._category("support_type", reference.support_types(), value, dispatcher, tracker)

    def validate_target_group(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._category("target_group", reference.target_groups(), value, dispatcher, tracker)


def _title(provider: Provider) -> str:
    """The provider's name and municipality, the municipality once: "Dagcentrum De Berk
    (Leuven)" is not followed by ", Leuven" again."""
    place = provider.municipality.name
    if re.search(rf"\b{re.escape(place)}\b(?!-)", provider.name, re.IGNORECASE):
        return provider.name
    return f"{provider.name}, {place}"


def _describe(number: int, match: queries.ProviderMatch) -> str:
    provider = match.provider
    lines = [f"{number}. {_title(provider)}"]
    lines.append(LICENSED if provider.licensed else NOT_LICENSED)
    if provider.phone:
        lines.append(f"{PHONE}: {provider.phone}")
    if provider.website:
        lines.append(f"{WEBSITE}: {provider.website}")
    return "\n".join(lines)


def _elsewhere(municipality: Municipality) -> str:
    """The line before the providers outside the municipality searched: the search goes on
    in the rest of its province (or of Brussels), and the person should not read them as
    being in the place they named."""
    area = f"de provincie {municipality.province.name}" if municipality.province else "Brussel"
    return f"Niet in {municipality.name} zelf, maar wel elders in {area}:"


def _listed(result: queries.ProviderPage, first: int, place: places.Place | None) -> list[str]:
    """The providers of one page, numbered from `first`; where the page goes from the
    municipality searched to the rest of its province, a line says so."""
    texts = []
    for index, match in enumerate(result.items):
        leaves = index == 0 or result.items[index - 1].same_municipality
        if place and place.municipality and not match.same_municipality and leaves:
            texts.append(_elsewhere(place.municipality))
        texts.append(_describe(first + index, match))
    return texts


def show_providers(
    dispatcher: CollectingDispatcher, tracker: Tracker, page: int, changed: dict | None = None
) -> list:
    """Say one page of results for the search in the slots (with the `changed` slot
    values instead, when given); returns the slot events."""

    def slot(name: str) -> Any:
        return (changed or {}).get(name, tracker.get_slot(name))

    with db.session() as session:
        place = places.describe(session, slot("place"))
        result = queries.find_providers(
            session,
            municipality=place.municipality if place else None,
            province=place.province_id if place and not place.municipality else None,
            support_type=slot("support_type") if slot("support_type") != answers.ANY else None,
            target_group=slot("target_group") if slot("target_group") != answers.ANY else None,
            page=page,
            page_size=PAGE_SIZE,
        )
        first = (page - 1) * PAGE_SIZE + 1
        texts = _listed(result, first, place)
        postcode = typed_postcode(session, tracker, place)
    if not texts and result.total:  # "Meer tonen" after the last page
        dispatcher.utter_message(response="utter_providers_last")
        return []
    words = searched(place, slot("support_type"), slot("target_group"), postcode)
    if not texts:
        dispatcher.utter_message(response="utter_providers_none", searched=words)
        return [SlotSet("provider_page", None)]
    if result.demo:
        dispatcher.utter_message(response="utter_providers_demo")
    if result.total == 1:
        dispatcher.utter_message(
            response="utter_providers_found_one", searched=words, providers="\n\n".join(texts)
        )
    else:
        dispatcher.utter_message(
            response="utter_providers_found",
            searched=words,
            total=result.total,
            first=first,
            last=first + len(result.items) - 1,
            providers="\n\n".join(texts),
        )
    more = "utter_providers_more" if result.has_more else "utter_providers_last"
    dispatcher.utter_message(response=more)
    return [SlotSet("provider_page", float(page))]


# "En in Leuven?", "en woonondersteuning?": the start of a follow-up on the results.
FOLLOW_UP = re.compile(r"^\s*en\b", re.IGNORECASE)

# The actions that answer with search results (or with "nothing found").
RESULT_ACTIONS = ("action_show_providers", "action_show_more_providers", "action_widen_search")


def after_results(tracker: Tracker) -> bool:
    """Whether Wegwijzer's answer just before the latest message gave search results (or
    said none were found): an action of RESULT_ACTIONS, or the fallback's own search
    here, which sets the page."""
    return any(
        (event.get("event") == "action" and event.get("name") in RESULT_ACTIONS)
        or (event.get("event") == "slot" and event.get("name") == "provider_page")
        for event in answers.last_answer_events(tracker)
    )


def asks_about_the_providers_shown(tracker: Tracker) -> bool:
    """ "Hebben die een wachtlijst?" right after the results asks about those providers, not
    about a budget of the VAPH (which a message naming it still gets)."""
    text = str(tracker.latest_message.get("text") or "")
    return after_results(tracker) and BUDGET_WORDS.search(text) is None


# "hoe kan ik die bellen", "wat is hun nummer": how to reach the providers shown; a
# message that names a person ("kan ik iemand bellen", "een trajectondersteuner") does not.
def asks_how_to_reach_the_providers_shown(tracker: Tracker) -> bool:
    """ "hoe kan ik die bellen" right after results that listed providers: the classifier
    reads a wish to talk to someone, but the person means the providers, whose phone
    numbers and websites are in the results."""
    text = str(tracker.latest_message.get("text") or "")
    shown = after_results(tracker) and bool(tracker.get_slot("provider_page"))
    return (
        shown
        and REACH_WORDS.search(text) is not None
        and NAMES_A_PERSON.search(text) is None
        and ADDRESSES_WEGWIJZER.search(text) is None
        and BUDGET_WORDS.search(text) is None  # "wat is het nummer van het vaph"
    )


def say_how_to_reach_the_providers(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Say where the numbers of the providers shown are, when the latest message asks how to
    reach them (whatever the classifier read: a human, a FAQ topic, nothing); else False."""
    if not asks_how_to_reach_the_providers_shown(tracker):
        return False
    dispatcher.utter_message(response="utter_reach_the_providers")
    return True


def follows_up_on_results(tracker: Tracker) -> bool:
    """ "En woonondersteuning?" right after the results: a message that starts with "en"
    changes the search just shown, even when the classifier reads it as a new search."""
    text = str(tracker.latest_message.get("text") or "")
    return FOLLOW_UP.match(text) is not None and after_results(tracker)


def changes_named(session: Session, tracker: Tracker) -> dict[str, str]:
    """The search answers the latest message names: a place in Flanders or Brussels, a
    known kind of help, a known target group."""
    return search_answers_in(session, answers.latest_entities(tracker))


def search_answers_in(session: Session, named: dict[str, str]) -> dict[str, str]:
    """The search answers among the entities `named` (entity -> value)."""
    changes = {}
    place = places.named_place(session, named)
    if place is not None and place not in (places.WALLONIA, places.ABROAD):
        changes["place"] = place
    for slot, categories in (
        ("support_type", reference.support_types()),
        ("target_group", reference.target_groups()),
    ):
        if found := _known(categories, named.get(slot)):
            changes[slot] = found
    return changes


def search_again_with_changes(dispatcher: CollectingDispatcher, tracker: Tracker) -> list | None:
    """ "En in Leuven?", "en voor mensen met autisme?" right after the results: the same
    search with what the message changes. The classifier reads such a message as a bare
    answer (inform) with no question open; None when the message names no place in
    Flanders or Brussels, kind of help or target group, or does not follow results."""
    if not after_results(tracker):
        return None
    with db.session() as session:
        changes = changes_named(session, tracker)
    if not changes:
        return None
    return [
        *(SlotSet(slot, value) for slot, value in changes.items()),
        *show_providers(dispatcher, tracker, 1, changes),
    ]


# Words that may stand around a kind of help, a place and a target group in a message that
# only names them: "dagbesteding in 9000", "logeren in de buurt van Brugge voor autisme".
LINKING_WORDS = frozenset(
    "in te rond bij buurt omgeving regio streek van de het een voor mensen met en of nabij"
    " dichtbij provincie gemeente aub".split()
)
# Intents under which such a message was read: a bare answer, or nothing sure.
ONLY_NAMED_READINGS = ("inform", "nlu_fallback")


def names_only_help_and_place(tracker: Tracker) -> bool:
    """Whether the latest message, outside a form, names a kind of help and a place and
    nothing else (but LINKING_WORDS and a target group): "dagcentrum 3500" (inform 0.82 on
    the model of 2026-12-06) got "Ik lees: dagondersteuning, Hasselt." and the menu, and the
    person had to ask for the search again."""
    if not names_only_search_answers(tracker):
        return False
    with db.session() as session:
        changes = changes_named(session, tracker)
    return "place" in changes and "support_type" in changes


def names_only_search_answers(tracker: Tracker) -> bool:
    """Whether the latest message, outside a form and not right after results, was read as
    a bare answer or nothing sure and says nothing but its entities and LINKING_WORDS."""
    # Right after results, `search_again_with_changes` searches with the rest kept.
    if tracker.active_loop_name is not None or after_results(tracker):
        return False
    if answers.latest_intent(tracker) not in ONLY_NAMED_READINGS:
        return False
    message = tracker.latest_message or {}
    rest = str(message.get("text") or "")
    if rest.startswith("/"):
        return False
    spans = [
        (entity["start"], entity["end"])
        for entity in message.get("entities") or []
        if isinstance(entity.get("start"), int) and isinstance(entity.get("end"), int)
    ]
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    return set(re.findall(r"\w+", rest.lower())) <= LINKING_WORDS


def help_and_place_told_in_pieces(tracker: Tracker) -> list[EventType]:
    """ "in kortrijk" (read back: "Ik lees: Kortrijk.", and the menu), then "dagbesteding":
    a kind of help and a place, each named alone in two messages in a row, start the search
    with both, as "dagbesteding in kortrijk" does (`names_only_help_and_place`). Each was
    read back with the menu, and no search started although everything for one was given.
    The slots to set; [] when the two messages are not such pieces."""
    if not names_only_search_answers(tracker) or not answers.said_just_before(
        tracker, "utter_read_as"
    ):
        return []
    before = message_before_latest(tracker) or {}
    with db.session() as session:
        latest = changes_named(session, tracker)
        earlier = search_answers_in(session, answers.entities_of(before.get("parse_data") or {}))
    told = {**earlier, **latest}
    if not ({"place", "support_type"} <= told.keys() and latest and earlier):
        return []
    return [SlotSet(slot, value) for slot, value in told.items()]


# "ik zoek", "zoeken", "waar vind ik": the message asks for a search.
SEARCH_WORDS = re.compile(r"\b(?:zoek|zoeken|zoekt|vind|vinden|gezocht)\b", re.IGNORECASE)


def search_requested_under_the_threshold(tracker: Tracker) -> bool:
    """Whether the provider search came just after the classifier's reading, and the message
    asks for a search of a place or a kind of help it names: "ik zoek begeleiding thuis in
    Hasselt" was nlu_fallback 0.60 with find_provider 0.59 under it, "ik zoek iets voor ons
    vader hij is blind en woont in Brugge" a bare answer (inform 0.74) with find_provider
    next. Not in a form, and not for "ik zoek hulp voor ons moeder" (nothing to search with
    yet: those facts are read back, actions/facts_told.py)."""
    if tracker.active_loop_name is not None:
        return False
    names = answers.intents_ranked(tracker)
    # Under the fallback, the closest intent; after a bare answer, the one after it.
    closest = {"nlu_fallback": names[:1], "inform": names[1:2]}.get(answers.latest_intent(tracker))
    if closest != [PROVIDER_SEARCH_INTENT]:
        return False
    if not SEARCH_WORDS.search(str(tracker.latest_message.get("text") or "")):
        return False
    with db.session() as session:
        changes = changes_named(session, tracker)
    return "place" in changes or "support_type" in changes


class ActionShowProviders(Action):
    def name(self) -> str:
        return "action_show_providers"

    async def run(self, dispatcher, tracker, domain) -> list[dict[str, Any]]:
        return [SlotSet("requested_slot", None), *show_providers(dispatcher, tracker, 1)]


class ActionShowMoreProviders(Action):
    def name(self) -> str:
        return "action_show_more_providers"

    async def run(self, dispatcher, tracker, domain) -> list[dict[str, Any]]:
        if tracker.get_slot("provider_page") is None and after_results(tracker):
            # "nog andere?" right after "Ik vond niets": more of nothing is a wider search.
            return widen_search(dispatcher, tracker)
        page = int(tracker.get_slot("provider_page") or 0) + 1
        return show_providers(dispatcher, tracker, page)


class ActionForgetPlace(Action):
    """ "Andere gemeente", "Andere soort hulp", "Andere doelgroep": forget that answer
    (the place unless the payload names another), so the form asks it again."""

    def name(self) -> str:
        return "action_forget_place"

    async def run(self, dispatcher, tracker, domain) -> list[dict[str, Any]]:
        named = answers.latest_entities(tracker).get(CHANGE_ENTITY)
        slot = named if named in CHANGEABLE else "place"
        return [SlotSet(slot, None), SlotSet("provider_page", None)]


class ActionWidenSearch(Action):
    """Leave out, in this order, the target group, the support type, the municipality."""

    def name(self) -> str:
        return "action_widen_search"

    async def run(self, dispatcher, tracker, domain) -> list[dict[str, Any]]:
        return widen_search(dispatcher, tracker)


def widen_search(dispatcher: CollectingDispatcher, tracker: Tracker) -> list:
    """Search again with one part of the search left out (ActionWidenSearch's order)."""
    slot = tracker.get_slot
    with db.session() as session:
        place = places.describe(session, slot("place"))
        province = place.municipality.province if place and place.municipality else None
        province_name = province.name if province else None
    if slot("target_group") not in (None, answers.ANY):
        changed, widened = {"target_group": answers.ANY}, "target_group"
    elif slot("support_type") not in (None, answers.ANY):
        changed, widened = {"support_type": answers.ANY}, "support_type"
    elif province_name:
        changed, widened = {"place": places.PROVINCE_PREFIX + province_name}, "province"
    elif place:
        changed, widened = {"place": places.EVERYWHERE}, "everywhere"
    else:
        dispatcher.utter_message(response="utter_search_cannot_widen")
        return []
    dispatcher.utter_message(response="utter_search_widened", widened=WIDENED[widened])
    events = [SlotSet(name, value) for name, value in changed.items()]
    return events + show_providers(dispatcher, tracker, 1, changed)
