"""Which team gets a case: the team of the person's province.

The place is what the bot knows: normally the `place` slot, an official municipality name
("Gent"), "provincie Limburg", "Wallonië" or "het buitenland"; a postcode or a slightly
mistyped name also works. Free text is resolved by knowledge.queries.resolve_place in the
conversation; this module reads the same municipality list (knowledge/data/gemeenten.csv
via knowledge.reference) without the knowledge database, so routing works in any process.

- a Flemish municipality -> the team of its province;
- a Brussels municipality (no province) -> the teams file's `brussels_team`;
- a province name -> that province's team;
- anything else, or nothing -> the `default_team`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from bot.handoff.teams import Team, TeamDirectory, load_teams
from knowledge.reference import BRUSSELS_REGION, Municipality, fold, municipalities, provinces

FUZZY_CUTOFF = 0.85
MAX_TEXT = 200
_POSTCODE = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_PROVINCE_WORD = re.compile(r"^(de\s+)?provincie\s+")


@dataclass(frozen=True)
class Location:
    """Where the person lives as far as routing needs it; every field may be unknown."""

    municipality: str | None = None
    province: str | None = None
    region: str | None = None

    @property
    def in_brussels(self) -> bool:
        return self.region == BRUSSELS_REGION


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


@lru_cache(maxsize=1)
def _names() -> dict[str, Municipality]:
    """Dutch and French names, folded, with and without hyphens -> municipality."""
    found: dict[str, Municipality] = {}
    for municipality in municipalities():
        for name in (municipality.name, municipality.name_fr):
            found.setdefault(_key(name), municipality)
            found.setdefault(_key(name).replace(" ", ""), municipality)
    return found


@lru_cache(maxsize=1)
def _postcodes() -> dict[str, Municipality]:
    """Postcode -> municipality; a shared postcode goes to the municipality with the fewest
    postcodes (1050 -> Elsene, not Brussel), as knowledge.queries does."""
    found: dict[str, Municipality] = {}
    ranked = sorted(municipalities(), key=lambda m: (len(m.postcodes), m.name))
    for municipality in ranked:
        for code in municipality.postcodes:
            found.setdefault(code, municipality)
    return found


def _municipality(text: str) -> Municipality | None:
    for code in _POSTCODE.findall(text):
        if code in _postcodes():
            return _postcodes()[code]
    key = _key(text)
    if not key:
        return None
    names = _names()
    if key in names:
        return names[key]
    words = key.split()
    for length in range(min(len(words), 5), 0, -1):  # "ik woon in sint niklaas"
        for start in range(len(words) - length + 1):
            run = " ".join(words[start : start + length])
            if run in names:
                return names[run]
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=FUZZY_CUTOFF)
    if close and close[0][0] == key[0]:
        return names[close[0]]
    return None


def locate(place: str | None) -> Location:
    """The municipality, province and region of a place; unknown parts stay None."""
    text = (place or "")[:MAX_TEXT]
    municipality = _municipality(text)
    if municipality is not None:
        return Location(municipality.name, municipality.province, municipality.region)
    key = _PROVINCE_WORD.sub("", _key(text))
    for province in provinces():
        if key == _key(province):
            return Location(province=province, region="Vlaams Gewest")
    return Location()


def team_for_location(location: Location, teams: TeamDirectory | None = None) -> Team:
    teams = load_teams() if teams is None else teams
    if location.in_brussels:
        return teams.brussels_team
    return teams.for_province(location.province)


def team_for_municipality(name_or_postcode: str | None, teams: TeamDirectory | None = None) -> Team:
    """The team for a municipality name, postcode or province (the default team when the
    place is unknown or outside Flanders and Brussels)."""
    return team_for_location(locate(name_or_postcode), teams)
