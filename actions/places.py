"""Where the person lives or searches: free text or entities -> one normalised place.

The `place` slot holds an official municipality name ("Leuven"), "provincie Limburg",
or, outside Flanders and Brussels, "Wallonië" or "het buitenland". `describe` turns it
back into what the knowledge-base queries need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge import queries
from knowledge.models import Municipality, Province

WALLONIA = "Wallonië"
ABROAD = "het buitenland"
EVERYWHERE = "overal"  # the provider search without a place
PROVINCE_PREFIX = "provincie "

# Places outside Flanders and Brussels that people may name. The knowledge base holds
# only Flemish and Brussels municipalities, so these words are recognised here.
OUTSIDE_WORDS = {
    WALLONIA: (
        "wallonie",
        "wallonië",
        "waals",
        "namen",
        "namur",
        "luik",
        "liege",
        "liège",
        "charleroi",
        "bergen",
        "mons",
        "doornik",
        "tournai",
        "aarlen",
        "arlon",
        "waver",
        "wavre",
        "nijvel",
        "nivelles",
        "moeskroen",
        "mouscron",
        "verviers",
        "eupen",
    ),
    ABROAD: (
        "buitenland",
        "nederland",
        "holland",
        "frankrijk",
        "duitsland",
        "luxemburg",
        "spanje",
        "marokko",
        "turkije",
        "engeland",
    ),
}


@dataclass(frozen=True)
class Place:
    label: str  # what the user reads: "Leuven", "provincie Limburg", "Wallonië"
    municipality: Municipality | None = None
    province_id: str | None = None
    region: str | None = None  # a knowledge.queries region when outside Flanders/Brussels

    @property
    def outside(self) -> bool:
        return self.region in (queries.WALLOON_REGION, queries.ABROAD)


def _province_by_name(session: Session, name: str) -> Province | None:
    stmt = select(Province).where(Province.name.ilike(name.strip()))
    return session.execute(stmt).scalars().first()


def outside_place(text: str) -> str | None:
    """WALLONIA or ABROAD when the text names a place outside Flanders and Brussels."""
    words = set(re.findall(r"\w+", text.lower()))
    for label, names in OUTSIDE_WORDS.items():
        if words & set(names):
            return label
    return None


def normalise(session: Session, text: str | None, entities: dict[str, str]) -> str | None:
    """The place slot value for a message, or None when no place is understood."""
    if entities.get("municipality") or entities.get("postcode"):
        found = queries.resolve_municipality(
            session, entities.get("municipality") or entities["postcode"]
        )
        if found:
            return found.name
    if entities.get("province") and not entities.get("municipality"):
        province = _province_by_name(session, entities["province"])
        if province:
            return PROVINCE_PREFIX + province.name
    text = str(text or "").strip()
    if not text or text.startswith("/"):
        return None
    outside = outside_place(text)
    if outside:
        return outside
    if text.lower().startswith(PROVINCE_PREFIX):
        province = _province_by_name(session, text[len(PROVINCE_PREFIX) :])
        if province:
            return PROVINCE_PREFIX + province.name
    found = queries.resolve_municipality(session, text)
    return found.name if found else None


# The entities that name a place.
PLACE_ENTITIES = ("municipality", "postcode", "province")


def named_place(session: Session, entities: dict[str, str]) -> str | None:
    """The place a message's entities name, normalised like an answer; None for none."""
    value = next((entities[entity] for entity in PLACE_ENTITIES if entity in entities), None)
    return None if value is None else normalise(session, value, entities)


def describe(session: Session, value: str | None) -> Place | None:
    """The slot value as a Place; None for no place (skipped, "overal" or unknown)."""
    if not value or value in ("onbekend", EVERYWHERE):
        return None
    if value == WALLONIA:
        return Place(WALLONIA, region=queries.WALLOON_REGION)
    if value == ABROAD:
        return Place(ABROAD, region=queries.ABROAD)
    if value.lower().startswith(PROVINCE_PREFIX):
        province = _province_by_name(session, value[len(PROVINCE_PREFIX) :])
        if province:
            return Place(PROVINCE_PREFIX + province.name, province_id=province.id)
    municipality = queries.resolve_municipality(session, value)
    if municipality is None:
        return None
    return Place(municipality.name, municipality, municipality.province_id)


def lives_in(place: Place | None) -> Municipality | str | None:
    """What `queries.rights_for_profile` takes as `lives_in`."""
    if place is None:
        return None
    if place.municipality is not None:
        return place.municipality
    if place.region:
        return place.region
    return queries.FLANDERS_REGION  # a Flemish province
