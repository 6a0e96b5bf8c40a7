"""Reading short free-text answers to form questions ("34", "nee nog niet", "dringend").

Buttons send exact values; these functions understand what people type instead. Each
returns the slot value, or None when the text is not understood (the form then asks again).
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker

from bot import ages
from bot.skip_phrases import is_skip_phrase
from knowledge import reference

SKIPPED = "onbekend"  # the user skipped the question ("weet ik niet", "sla over")
ANY = "alle"  # "maakt niet uit" in the provider search
MAX_AGE = ages.MAX_AGE

AGE_BANDS = {  # words for an age band -> "low-high"
    "0-17": ("jonger dan 18", "minderjarig"),
    "18-64": ("volwassen", "meerderjarig", "tussen 18 en 64", "18 tot 64"),
    "65-120": ("65 of ouder", "ouder dan 65", "65+", "gepensioneerd", "senior"),
}
VAPH_KNOWN = (  # first match wins: a "nee" before the "ja" words
    ("nee", ("nee", "neen", "nog niet", "niet erkend", "niet gekend", "nooit")),
    ("budget", ("budget", "pvb")),
    ("prioriteitengroep", ("prioriteit",)),
    ("erkend", ("erkend", "erkenning", "gekend", "ja", "jawel", "ok")),
)
URGENT = (
    ("nee", ("niet dringend", "niet zo dringend", "kan wachten", "nee", "neen", "valt mee")),
    ("ja", ("dringend", "ja", "snel", "nood", "meteen", "dadelijk", "rap")),
)
HELP_KIND_WORDS = (
    ("hulpmiddelen", ("hulpmiddel", "rolstoel", "aanpassing", "lift", "tillift")),
    ("kort_verblijf", ("logeer", "logeren", "kort verblijf", "kortverblijf", "weekend")),
    ("dagbesteding", ("overdag", "dagcentrum", "dagbesteding", "dagopvang", "atelier", "werk")),
    ("wonen", ("wonen", "woon", "huis", "verblijf")),
    ("assistentie", ("assistent", "assistentie")),
    ("begeleiding", ("begeleid", "coach", "hulp thuis", "hulp aan huis")),
    ("plan_maken", ("plan",)),
    ("advies", ("advies", "raad", "info", "uitleg")),
    ("geld", ("geld", "budget", "centen", "financ", "betalen", "pvb", "bob")),
)
SUPPORT_TYPE_HELP_KIND = {  # a support type entity in the answer -> the help kind
    "woonondersteuning": "wonen",
    "dagondersteuning": "dagbesteding",
    "individuele_psychosociale_begeleiding": "begeleiding",
    "individuele_praktische_hulp": "assistentie",
    "globale_individuele_ondersteuning": "begeleiding",
    "oproepbare_permanentie": "begeleiding",
    "logeren": "kort_verblijf",
}


def category_words(category_id: Any) -> str | None:
    """A support type's or target group's name as said inside a sentence ("autisme",
    "dagondersteuning"); None for anything else ("alle", None)."""
    names = {c.id: c.name for c in (*reference.support_types(), *reference.target_groups())}
    name = names.get(category_id)
    return None if name is None else name[:1].lower() + name[1:]


def latest_intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def intents_ranked(tracker: Tracker) -> list[str]:
    """The classifier's intents for the latest message, best first, without `nlu_fallback`."""
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    return [str(i.get("name") or "") for i in ranking if i.get("name") != "nlu_fallback"]


def intent_confidence(tracker: Tracker, intent: str) -> float:
    """The classifier's confidence in `intent` for the latest message; 0 when not ranked."""
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    return max(
        (float(i.get("confidence") or 0.0) for i in ranking if i.get("name") == intent), default=0.0
    )


def intent_under_fallback(tracker: Tracker) -> str:
    """The classifier's best intent under an `nlu_fallback` (the first other one of the
    ranking); "" when there is none."""
    names = intents_ranked(tracker)
    return names[0] if names else ""


READING_LEVELS = ("gewoon", "eenvoudig")


def reading_level(tracker: Tracker) -> str:
    """The person's reading level: "eenvoudig" (makkelijke taal) or "gewoon"."""
    level = tracker.get_slot("reading_level")
    return level if level in READING_LEVELS else "gewoon"


def last_answer_events(tracker: Tracker) -> list[dict[str, Any]]:
    """The events of Wegwijzer's answer just before the latest message: those between the
    two last user messages ([] when there is only one)."""
    events = list(tracker.events)
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    return events[users[-2] + 1 : users[-1]] if len(users) > 1 else []


def said_just_before(tracker: Tracker, response_prefix: str) -> bool:
    """Whether Wegwijzer's answer just before the latest message said a response whose name
    starts with `response_prefix` ("utter_ask_consent" finds its _speaker_known variant too)."""
    return any(
        event.get("event") == "bot"
        and str((event.get("metadata") or {}).get("utter_action") or "").startswith(response_prefix)
        for event in last_answer_events(tracker)
    )


def latest_entities(tracker: Tracker) -> dict[str, str]:
    """Entity name -> value of the latest message (the last one of a name wins)."""
    return entities_of(tracker.latest_message or {})


def entities_of(parse_data: dict[str, Any]) -> dict[str, str]:
    """Entity name -> value of a message's parse data (the last one of a name wins)."""
    found = {}
    for entity in parse_data.get("entities") or []:
        if entity.get("value") is not None:
            found[entity["entity"]] = str(entity["value"])
    return found


# Intents under which a typed skip phrase is read as a skip here too: the NLU pipeline
# already makes it `skip` (bot/skip_phrase_signal.py), except when a crisis signal or a
# resume code won; a crisis keeps its meaning.
_SKIP_READ_UNDER = ("skip", "inform", "nlu_fallback", "deny", "out_of_scope", "gibberish")


def skipped(tracker: Tracker) -> bool:
    intent = latest_intent(tracker)
    if intent == "skip":
        return True
    text = (tracker.latest_message or {}).get("text") or ""
    return intent in _SKIP_READ_UNDER and not text.startswith("/") and is_skip_phrase(text)


def _words(text: str) -> str:
    return " " + re.sub(r"[^\w+]+", " ", text.lower()).strip() + " "


def _has(words: str, key: str) -> bool:
    """A key of 5+ letters matches the start of a word ("begeleid" in "begeleiding");
    a shorter one only a whole word ("ja" is not in "jaar")."""
    return f" {key}" in words if len(key) >= 5 else f" {key} " in words


def _first_match(text: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    words = _words(text)
    for value, keys in table:
        if any(_has(words, key) for key in keys):
            return value
    return None


def parse_age(text: str) -> str | None:
    """ "34", "ik ben 8 jaar", "achttien", "hij is bijna 18", "hij wordt 18" ->
    "34"/"8"/"18"/"17"/"17" (the age now); a band "0-17" or its words -> the band."""
    text = str(text).strip()
    band = re.fullmatch(r"(\d{1,3})-(\d{1,3})", text)
    if band and int(band[1]) <= int(band[2]) <= MAX_AGE:
        return text
    words = _words(text)
    for value, keys in AGE_BANDS.items():
        if any(_has(words, key) for key in keys):
            return value
    found = ages.find_age(text)
    if found is not None:
        return str(age_now(found[0], text))
    numbers = [int(n) for n in re.findall(r"\b\d{1,3}\b", text)]
    if len(numbers) == 1 and 0 <= numbers[0] <= MAX_AGE:
        return str(numbers[0])
    word = ages.number_in(text)
    return None if word is None else str(word)


def age_now(age: int, text: str) -> int:
    """`age` as the person has it now: one less when `text` says they turn it ("ons ma
    wordt 65 volgend jaar" is 64 now, and can still make a first request)."""
    return age - 1 if age > 0 and ages.turning_age(text) == age else age


def age_range(value: str | None) -> tuple[int, int] | None:
    """The slot value as (low, high); None when unknown."""
    if not value or value == SKIPPED:
        return None
    low, _, high = value.partition("-")
    return int(low), int(high or low)


def parse_vaph_known(text: str) -> str | None:
    if text in ("nee", "erkend", "prioriteitengroep", "budget"):
        return text
    return _first_match(text, VAPH_KNOWN)


def recognised(value: str | None) -> bool | None:
    """Whether the VAPH recognised the person: None when not known."""
    if value == "nee":
        return False
    if value in ("erkend", "prioriteitengroep", "budget"):
        return True
    return None


def has_budget(value: str | None) -> bool | None:
    """Whether the person already has a budget (PVB or PAB): None when not known."""
    if value == "budget":
        return True
    if value in ("nee", "erkend", "prioriteitengroep"):
        return False
    return None


def parse_urgent(text: str) -> str | None:
    if text in ("ja", "nee"):
        return text
    return _first_match(text, URGENT)


def parse_help_kind(text: str, support_type: str | None = None) -> str | None:
    if support_type in SUPPORT_TYPE_HELP_KIND:
        return SUPPORT_TYPE_HELP_KIND[support_type]
    if text in {kind for kind, _ in HELP_KIND_WORDS}:
        return text
    return _first_match(text, HELP_KIND_WORDS)
