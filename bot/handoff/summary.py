"""The short summary of a case: what the assistant knew when it handed over.

`build_summary` takes the known facts (mostly slot values; any may be missing) and keeps
only a fixed set of short fields, so no message text and nothing unexpected ends up in a
case. `summary_lines` turns a summary into Dutch lines for the portal.

Facts read (all optional):
    speaker       "person" or "network" (who is talking)
    age           an age ("34") or a band ("18-64"); kept only as a band
    place         municipality, postcode or province (see bot.handoff.routing)
    vaph_known    "nee", "erkend", "prioriteitengroep" or "budget"
    help_kind     the kind of help asked for (an id such as "wonen")
    urgent        "ja" or "nee": the person said the situation is urgent
    crisis        true when a crisis signal was seen in the conversation
    rights_shown  the names of the rights the assistant showed
    plan_domains  the life domains in the plan (ids of bot.intake_catalogue.DOMAINS)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from bot.handoff.routing import locate
from bot.intake_catalogue import DOMAINS

MAX_TEXT = 100
MAX_ITEMS = 30
SKIPPED = "onbekend"

SPEAKERS = {"person": "De persoon zelf", "network": "Iemand uit het netwerk"}
AGE_BANDS = {"0-17": "Jonger dan 18 jaar", "18-64": "18 tot 64 jaar", "65+": "65 jaar of ouder"}
VAPH_KNOWN = {
    "nee": "Nog niet erkend door het VAPH",
    "erkend": "Erkend door het VAPH",
    "prioriteitengroep": "Erkend en in een prioriteitengroep",
    "budget": "Heeft al een budget van het VAPH",
}
YES_NO = {"ja": "ja", "nee": "nee"}
LABELS = {
    "crisis": "Crisis",
    "speaker": "Wie praat",
    "age_band": "Leeftijd",
    "municipality": "Gemeente",
    "province": "Provincie",
    "vaph_known": "VAPH",
    "help_kind": "Soort hulp",
    "urgent": "Dringend volgens de persoon",
    "rights_shown": "Getoonde rechten",
    "plan_domains": "Domeinen in het plan",
}


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())[:MAX_TEXT]
    return text if text and text != SKIPPED else None


def _texts(values: Any) -> list[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Iterable):
        return []
    unique = dict.fromkeys(text for value in values if (text := _text(value)))
    return list(unique)[:MAX_ITEMS]


def age_band(age: Any) -> str | None:
    """ "34" -> "18-64"; "0-17" stays; a band across two bands is not kept."""
    text = _text(age)
    if text is None:
        return None
    match = re.fullmatch(r"(\d{1,3})(?:\s*-\s*(\d{1,3}))?\+?", text)
    if not match:
        return None
    low = int(match.group(1))
    high = int(match.group(2) or (200 if text.endswith("+") else low))
    if high <= 17:
        return "0-17"
    if low >= 65:
        return "65+"
    if low >= 18 and high <= 64:
        return "18-64"
    return None


def build_summary(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The case summary: only known facts, each short. JSON-ready."""
    summary: dict[str, Any] = {}
    if facts.get("crisis") is True:
        summary["crisis"] = True
    if facts.get("speaker") in SPEAKERS:
        summary["speaker"] = facts["speaker"]
    band = age_band(facts.get("age"))
    if band:
        summary["age_band"] = band
    location = locate(_text(facts.get("place")))
    if location.municipality:
        summary["municipality"] = location.municipality
    if location.province:
        summary["province"] = location.province
    elif location.in_brussels:
        summary["province"] = "Brussel"
    if facts.get("vaph_known") in VAPH_KNOWN:
        summary["vaph_known"] = facts["vaph_known"]
    help_kind = _text(facts.get("help_kind"))
    if help_kind:
        summary["help_kind"] = help_kind
    if facts.get("urgent") in YES_NO:
        summary["urgent"] = facts["urgent"]
    for key in ("rights_shown", "plan_domains"):
        values = _texts(facts.get(key))
        if values:
            summary[key] = values
    return summary


def summary_lines(summary: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, text) in Dutch for each known field, in a fixed order. Plain text: the
    portal escapes it like everything else."""
    values: dict[str, str] = {}
    if summary.get("crisis"):
        values["crisis"] = "Er was een crisissignaal in het gesprek"
    if summary.get("speaker") in SPEAKERS:
        values["speaker"] = SPEAKERS[summary["speaker"]]
    if summary.get("age_band") in AGE_BANDS:
        values["age_band"] = AGE_BANDS[summary["age_band"]]
    for key in ("municipality", "province", "help_kind"):
        if summary.get(key):
            values[key] = str(summary[key]).replace("_", " ")
    if summary.get("vaph_known") in VAPH_KNOWN:
        values["vaph_known"] = VAPH_KNOWN[summary["vaph_known"]]
    if summary.get("urgent") in YES_NO:
        values["urgent"] = YES_NO[summary["urgent"]]
    if summary.get("rights_shown"):
        values["rights_shown"] = ", ".join(summary["rights_shown"])
    if summary.get("plan_domains"):
        values["plan_domains"] = ", ".join(
            DOMAINS.get(domain, domain) for domain in summary["plan_domains"]
        )
    return [(LABELS[key], values[key]) for key in LABELS if key in values]
