"""Query functions of the knowledge base, used by the Rasa actions and the web app.

Every function takes a `Session` as its first argument and uses SQLAlchemy parameters only.
Nothing here decides whether someone is entitled to something: rights are returned as
"may fit", with the reasons in plain Dutch.

Places
    `resolve_place` turns free text into candidate municipalities, best first;
    `resolve_municipality` returns the first candidate. Order of the rules:
    1. text that looks like code rather than a place (`=`, `;`, `--`, brackets, ...) finds
       nothing;
    2. a known 4-digit postcode gives its municipalities. A postcode shared by several
       municipalities lists the one with the fewest postcodes first, then by name
       (1050 -> Elsene, Brussel; 1040 -> Etterbeek, Brussel; 1804 -> Vilvoorde, Zemst);
    3. an exact Dutch or French name, ignoring case, accents, hyphens and words around it
       ("ik woon in Gent", "sint genesius rode", "Bruxelles"); the longest match wins, then
       one that follows "in"/"te"/"uit"/...;
    4. the start of a name of at least 5 letters ("leuve" -> Leuven, "bruge" -> Brugge);
    5. one part of a hyphenated Dutch name ("Molenbeek", "Woluwe", "Hoeselt");
    6. a close spelling: difflib ratio >= 0.85, same first letter, at most one letter more
       or less ("antwerpn", "gentt", "zaventum"; not "londen" -> Landen);
    7. two neighbouring letters swapped in a word of at least 5 letters, the first letter
       kept ("lueven" -> Leuven, which difflib scores 0.83).
    A run of words never splits a hyphenated word ("Louvain-la-Neuve" is not Leuven).
    The names are read once per engine; call `clear_place_cache()` after rebuilding the
    database while an engine stays open.

Providers
    `find_providers` lists the same municipality first, then the rest of the same province
    (the 19 Brussels municipalities count as one "province"), each band by name. Only when
    just a province or nothing at all is given does it list a whole province or everything.
"""

from __future__ import annotations

import difflib
import re
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import and_, case, func, or_, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from knowledge.models import (
    AutomaticGrant,
    FaqAnswer,
    Municipality,
    Postcode,
    Provider,
    Right,
    Service,
    Statement,
    provider_support_types,
    provider_target_groups,
)
from knowledge.reference import BRUSSELS_REGION, fold, name_variants

# --- places -------------------------------------------------------------------------------

FLANDERS_REGION = "Vlaams Gewest"
WALLOON_REGION = "Waals Gewest"
ABROAD = "buitenland"
BRUSSELS = "brussel"  # `province` value for the 19 Brussels municipalities

FUZZY_CUTOFF = 0.85
MIN_PREFIX_LENGTH = 5
MAX_NGRAM = 5
MAX_TEXT_LENGTH = 200

_LOOKS_LIKE_CODE = re.compile(r"[=;<>{}\[\]\\|`$*]|--")
_POSTCODE = re.compile(r"\b(\d{4})\b")
_PREPOSITIONS = frozenset({"in", "te", "uit", "bij", "nabij", "rond", "van", "naar"})
# Words around a place name; a fuzzy, prefix or part match never starts or ends with one.
_STOPWORDS = _PREPOSITIONS | frozenset(
    "ik je jij u we wij ze zij hij mijn onze ons woon wonen woont de het een op aan en of "
    "maar nu nog al ook is ben zijn buurt omgeving regio gemeente stad dorp provincie dicht "
    "dichtbij rondom hier daar graag zoek zoeken hulp met voor die dat wel niet geen postcode "
    "sint saint sainte berg".split()
)


@dataclass(frozen=True)
class _PlaceIndex:
    """Spellings of the municipality names, each to the refnis codes it names."""

    names: dict[str, tuple[str, ...]]
    parts: dict[str, tuple[str, ...]]
    postcodes: dict[str, tuple[str, ...]]
    spellings: tuple[str, ...]  # names + parts, sorted, for prefix and difflib matches


_place_indexes: weakref.WeakKeyDictionary[Engine, _PlaceIndex] = weakref.WeakKeyDictionary()


def clear_place_cache() -> None:
    """Forget the cached names (after rebuilding the database behind an open engine)."""
    _place_indexes.clear()


def _words(text: str) -> list[str]:
    """Folded words without punctuation: "St-Truiden!" -> ["sint", "truiden"]."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(text)).split()
    return ["sint" if word == "st" else word for word in words]


def _add(index: dict[str, list[str]], key: str, refnis: str) -> None:
    if key and refnis not in index.setdefault(key, []):
        index[key].append(refnis)


def _build_index(session: Session) -> _PlaceIndex:
    names: dict[str, list[str]] = {}
    parts: dict[str, list[str]] = {}
    for refnis, name, name_fr in session.execute(
        select(Municipality.refnis, Municipality.name, Municipality.name_fr)
    ):
        for variant in name_variants(name) | name_variants(name_fr):
            spaced = " ".join(_words(variant))
            _add(names, spaced, refnis)
            _add(names, spaced.replace(" ", ""), refnis)
        # "Sint-Jans-Molenbeek" -> "molenbeek"; the saint's name alone is not a part.
        segments = [" ".join(_words(segment)) for segment in fold(name).split("-")]
        for position, segment in enumerate(segments):
            after_saint = position > 0 and segments[position - 1] == "sint"
            if len(segments) > 1 and len(segment) >= 4 and segment not in _STOPWORDS:
                if not after_saint:
                    _add(parts, segment, refnis)
    rows = session.execute(
        select(Postcode.code, Postcode.municipality_refnis, Municipality.name).join(Municipality)
    ).all()
    sizes = Counter(refnis for _, refnis, _ in rows)
    postcodes: dict[str, list[tuple[int, str, str]]] = {}
    for code, refnis, name in rows:
        postcodes.setdefault(code, []).append((sizes[refnis], name, refnis))
    parts = {key: value for key, value in parts.items() if key not in names}
    return _PlaceIndex(
        names={key: tuple(value) for key, value in names.items()},
        parts={key: tuple(value) for key, value in parts.items()},
        postcodes={code: tuple(r for *_, r in sorted(found)) for code, found in postcodes.items()},
        spellings=tuple(sorted(set(names) | set(parts))),
    )


def _place_index(session: Session) -> _PlaceIndex:
    engine = session.get_bind().engine
    index = _place_indexes.get(engine)
    if index is None:
        index = _place_indexes[engine] = _build_index(session)
    return index


Run = tuple[int, int, str]  # start, number of words, the words joined by spaces


def _runs(text: str) -> tuple[list[str], list[Run]]:
    """The words of the text and every run of up to MAX_NGRAM of them, longest first.

    A run never splits a hyphenated word: "Louvain-la-Neuve" is not "Louvain".
    """
    words: list[str] = []
    starts: set[int] = set()
    for chunk in re.split(r"[^a-z0-9-]+", fold(text)):
        chunk_words = [word for word in _words(chunk) if not word.isdigit()]
        if chunk_words:
            starts.add(len(words))
            words += chunk_words
    ends = (starts - {0}) | {len(words)}
    runs = [
        (start, length, " ".join(words[start : start + length]))
        for length in range(min(MAX_NGRAM, len(words)), 0, -1)
        for start in range(len(words) - length + 1)
        if start in starts and start + length in ends
    ]
    return words, runs


def _exact(words: list[str], runs: list[Run], names: dict[str, tuple[str, ...]]) -> list[str]:
    """Exact names: the longest first, then one after "in"/"te"/..., then by position."""
    hits = [
        (-length, not start or words[start - 1] not in _PREPOSITIONS, start, refnis)
        for start, length, text in runs
        for refnis in names.get(text, ())
    ]
    return [refnis for *_, refnis in sorted(hits)]


def _close(text: str, spelling: str) -> bool:
    """A likely typo: same first letter, at most one letter more or less."""
    return text[0] == spelling[0] and abs(len(text) - len(spelling)) <= 1


def _loose(words: list[str], runs: list[Run], index: _PlaceIndex) -> list[str]:
    """Prefix, part and difflib matches on runs that do not start or end with a stopword."""
    texts = [
        text
        for start, length, text in runs
        if words[start] not in _STOPWORDS and words[start + length - 1] not in _STOPWORDS
    ]
    lookup = {**index.parts, **index.names}
    for text in texts:  # longest first
        if len(text) >= MIN_PREFIX_LENGTH:
            prefixed = [spelling for spelling in index.spellings if spelling.startswith(text)]
            if prefixed:
                return _refnis_of(sorted(prefixed, key=len), lookup)
    parts = [text for text in texts if text in index.parts]
    if parts:
        return _refnis_of(parts, index.parts)
    scored = [
        (-difflib.SequenceMatcher(None, text, close).ratio(), close)
        for text in texts
        for close in difflib.get_close_matches(text, index.spellings, n=3, cutoff=FUZZY_CUTOFF)
        if _close(text, close)
    ]
    if scored:
        return _refnis_of([close for _, close in sorted(scored)], lookup)
    swapped = [s for text in texts for s in index.spellings if _swapped(text, s)]
    return _refnis_of(swapped, lookup)


def _swapped(text: str, spelling: str) -> bool:
    """Two neighbouring letters swapped ("lueven" for "leuven"), the first letter kept."""
    if len(text) != len(spelling) or len(text) < MIN_PREFIX_LENGTH or text[0] != spelling[0]:
        return False
    differ = [i for i, (a, b) in enumerate(zip(text, spelling, strict=True)) if a != b]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and (text[differ[0]], text[differ[1]]) == (spelling[differ[1]], spelling[differ[0]])
    )


def _refnis_of(spellings: Iterable[str], lookup: dict[str, tuple[str, ...]]) -> list[str]:
    return [refnis for spelling in spellings for refnis in lookup[spelling]]


def resolve_place(session: Session, text: str) -> list[Municipality]:
    """Candidate municipalities for free text, best first (see the module docstring)."""
    text = text[:MAX_TEXT_LENGTH]
    if not text.strip() or _LOOKS_LIKE_CODE.search(text):
        return []
    index = _place_index(session)
    refnis_list: list[str] = []
    for code in _POSTCODE.findall(text):
        refnis_list = list(index.postcodes.get(code, ()))
        if refnis_list:
            break
    words, runs = _runs(text)
    if not refnis_list and runs:
        refnis_list = _exact(words, runs, index.names) or _loose(words, runs, index)
    unique = dict.fromkeys(refnis_list)
    return [m for m in (session.get(Municipality, refnis) for refnis in unique) if m]


def resolve_municipality(session: Session, text: str) -> Municipality | None:
    """The best municipality for free text, or None for an unknown place."""
    candidates = resolve_place(session, text)
    return candidates[0] if candidates else None


# --- providers ----------------------------------------------------------------------------

Nearness = Literal["municipality", "province", "anywhere"]


@dataclass(frozen=True)
class ProviderMatch:
    provider: Provider
    nearness: Nearness  # same municipality, only the same province, or no place asked

    @property
    def same_municipality(self) -> bool:
        return self.nearness == "municipality"


@dataclass(frozen=True)
class ProviderPage:
    items: list[ProviderMatch]
    page: int
    page_size: int
    total: int

    @property
    def has_more(self) -> bool:
        return self.page * self.page_size < self.total

    @property
    def demo(self) -> bool:
        """True when any item is demonstration data (not a real organisation)."""
        return any(item.provider.demo for item in self.items)


def _in_province(province_id: str | None) -> ColumnElement[bool]:
    """Providers of a province; None (or BRUSSELS) is the Brussels region."""
    if province_id is None or province_id == BRUSSELS:
        return Provider.province_id.is_(None)
    return Provider.province_id == province_id


def find_providers(
    session: Session,
    *,
    municipality: Municipality | None = None,
    postcode: str | None = None,
    province: str | None = None,
    support_type: str | None = None,
    target_group: str | None = None,
    licensed: bool | None = None,
    page: int = 1,
    page_size: int = 5,
) -> ProviderPage:
    """Providers nearest first, filtered by support type id, target group id and licence.

    `municipality` wins over `postcode`, which wins over `province` (a province id such as
    "limburg", or BRUSSELS). An unknown postcode finds nothing.
    """
    if page < 1 or not 1 <= page_size <= 100:
        raise ValueError("page must be >= 1 and page_size between 1 and 100")
    home: list[Municipality] = [municipality] if municipality else []
    if not home and postcode:
        home = resolve_place(session, postcode) if _POSTCODE.fullmatch(postcode.strip()) else []
        if not home:
            return ProviderPage([], page, page_size, 0)
    conditions: list[ColumnElement[bool]] = []
    if licensed is not None:
        conditions.append(Provider.licensed.is_(licensed))
    # Joins rather than EXISTS: SQLite then starts from the (type, provider) index of the
    # link table, about twice as fast on 10,000 providers (benchmarks/provider_search.py).
    links = [
        (table, and_(table.c.provider_id == Provider.id, column == value))
        for table, column, value in (
            (provider_support_types, provider_support_types.c.support_type_id, support_type),
            (provider_target_groups, provider_target_groups.c.target_group_id, target_group),
        )
        if value
    ]

    def filtered(stmt: Select, *band: ColumnElement[bool]) -> Select:
        for table, on in links:
            stmt = stmt.join(table, on)
        return stmt.where(*conditions, *band)

    def fetch(offset: int, limit: int, *band: ColumnElement[bool]) -> list[Provider]:
        stmt = filtered(select(Provider), *band).order_by(Provider.name, Provider.id)
        return list(session.execute(stmt.offset(offset).limit(limit)).scalars())

    # Each band is read on its own, by name: cheaper than sorting the whole province, and
    # the municipality band can use the (municipality, name) index.
    bands: list[tuple[list[ColumnElement[bool]], int, Nearness]]
    if home:
        near = Provider.municipality_refnis.in_([m.refnis for m in home])
        region = or_(*(_in_province(m.province_id) for m in home))
        counts = select(func.count(), func.count(case((near, 1)))).select_from(Provider)
        total, near_total = session.execute(filtered(counts, region)).one()
        bands = [
            ([near], near_total, "municipality"),
            ([region, ~near], total - near_total, "province"),
        ]
    else:
        region = _in_province(province) if province else true()
        total = session.execute(
            filtered(select(func.count()).select_from(Provider), region)
        ).scalar_one()
        bands = [([region], total, "province" if province else "anywhere")]
    items: list[ProviderMatch] = []
    offset = (page - 1) * page_size
    for band, size, nearness in bands:
        if offset < size and len(items) < page_size:
            found = fetch(offset, page_size - len(items), *band)
            items += [ProviderMatch(provider, nearness) for provider in found]
        offset = max(0, offset - size)
    return ProviderPage(items, page, page_size, total)


# --- rights -------------------------------------------------------------------------------

HELP_KINDS: dict[str, str] = {  # help kind -> what the person looks for, in plain Dutch
    "geld": "je zoekt geld voor je ondersteuning",
    "begeleiding": "je zoekt begeleiding",
    "dagbesteding": "je zoekt iets om overdag te doen",
    "wonen": "je zoekt hulp bij het wonen",
    "kort_verblijf": "je zoekt een plek om even te logeren",
    "hulpmiddelen": "je zoekt hulpmiddelen of aanpassingen",
    "assistentie": "je zoekt assistentie",
    "advies": "je zoekt advies",
    "plan_maken": "je wilt een plan maken",
}
EMERGENCY_GRANT = "ATG_NOOD"
MAX_AGE = 120  # the top of an open age band ("65 of ouder")
# Belgian legal majority: where rights for minors (`minors_only`) stop. The brief does not
# state it, so no record holds it and no reason says it: they say "minderjarigen".
ADULT_AGE = 18
# The recognitions (knowledge/loader.py) that need the VAPH's recognition as a person with a
# handicap; "in_application" is assessed during the application.
NEEDS_RECOGNITION = ("required", "in_application")
FIRST_REQUEST_RIGHT = "PVB"  # its first_request_before_age is the VAPH's age limit
EMERGENCY_RIGHT = "PVB"  # the emergency procedure (noodprocedure) gives a PVB
_REGION_LABELS = {
    FLANDERS_REGION: "Vlaanderen",
    BRUSSELS_REGION: "Brussel",
    WALLOON_REGION: "Wallonië",
    ABROAD: "het buitenland",
}


@dataclass(frozen=True)
class RightMatch:
    """A right that may fit, with the reasons in plain Dutch. Never a decision.

    `reasons` are clauses for one gewoon sentence ("je bent 34 en dit kan vanaf 17 jaar");
    `plain_reasons` say the same for eenvoudig texts, each one or two short sentences
    ("Je bent 34 jaar. Dit kan vanaf 17 jaar."), with the same figures from the record."""

    right: Right
    reasons: list[str]
    emergency: AutomaticGrant | None = None  # the emergency procedure, when urgent
    plain_reasons: list[str] = field(default_factory=list)


@dataclass
class _Reasons:
    """The reasons for one right, at both reading levels, kept in step."""

    gewoon: list[str] = field(default_factory=list)
    eenvoudig: list[str] = field(default_factory=list)

    def add(self, gewoon: str, eenvoudig: str, *, first: bool = False) -> None:
        """Add a reason; eenvoudig says a sentence only once."""
        at = 0 if first else len(self.gewoon)
        self.gewoon.insert(at, gewoon)
        if eenvoudig not in self.eenvoudig:
            self.eenvoudig.insert(0 if first else len(self.eenvoudig), eenvoudig)

    def extend(self, other: _Reasons) -> None:
        self.gewoon += other.gewoon
        self.eenvoudig += [said for said in other.eenvoudig if said not in self.eenvoudig]


def _sentence(clause: str) -> str:
    """`clause` as a sentence of its own: "je bent 34" -> "Je bent 34."."""
    return f"{clause[:1].upper()}{clause[1:]}."


@dataclass(frozen=True)
class _Subject:
    """Who the reasons are about: "je" (the person chatting) or a name such as "Lotte"."""

    about: str | None = None

    def verb(self, you: str, third: str) -> str:
        return f"je {you}" if self.about is None else f"{self.about} {third}"

    @property
    def is_(self) -> str:
        return self.verb("bent", "is")

    @property
    def object(self) -> str:
        return "je" if self.about is None else self.about


def age_bands(session: Session) -> list[tuple[int, int]]:
    """The three age bands the eligibility check offers: minors, adults below the VAPH's
    first-request age, and from that age on (bounds included)."""
    right = session.get(Right, FIRST_REQUEST_RIGHT)
    limit = right.first_request_before_age if right else None
    if limit is None:
        return [(0, ADULT_AGE - 1), (ADULT_AGE, MAX_AGE)]
    return [(0, ADULT_AGE - 1), (ADULT_AGE, limit - 1), (limit, MAX_AGE)]


def _age_label(low: int, high: int) -> str:
    if low == high:
        return str(low)
    if low == 0:
        return f"jonger dan {high + 1}"
    if high >= MAX_AGE:
        return f"{low} of ouder"
    return f"tussen {low} en {high}"


def _age_reasons(
    right: Right, low: int, high: int, subject: _Subject, recognised: bool | None
) -> _Reasons | None:
    """Reasons an age (or an age band low..high) fits, or None when it rules the right out.

    Eenvoudig says the age once ("Je bent 34 jaar."), then each rule in a sentence of its own.
    """
    be = f"{subject.is_} {_age_label(low, high)}"
    gewoon: list[str] = []
    plain: list[str] = []
    if right.min_age is not None:
        if high < right.min_age:
            return None
        gewoon.append(f"{be} en dit kan vanaf {right.min_age} jaar")
        plain.append(f"Dit kan vanaf {right.min_age} jaar.")
    if right.max_age is not None:
        if low < right.max_age:
            gewoon.append(f"{be} en dit kan tot {right.max_age} jaar")
            plain.append(f"Dit kan tot {right.max_age} jaar.")
        elif right.exceptional_max_age is not None and low < right.exceptional_max_age:
            gewoon.append(
                f"{be}: dit kan meestal tot {right.max_age} jaar, "
                f"en soms nog tot {right.exceptional_max_age} jaar"
            )
            plain.append(f"Dit kan meestal tot {right.max_age} jaar.")
            plain.append(f"Soms kan het nog tot {right.exceptional_max_age} jaar.")
        else:
            return None
    if right.first_request_before_age is not None:
        limit = right.first_request_before_age
        if low < limit:
            gewoon.append(f"{be} en een eerste aanvraag kan tot {limit} jaar")
            plain.append(f"Een eerste aanvraag kan tot {limit} jaar.")
        elif recognised and right.open_after_age_if_recognised:
            # Someone the VAPH already recognised can still turn to it after the limit.
            gewoon.append(
                f"{be}, maar {subject.is_} al erkend door het VAPH: wie vóór {limit} jaar "
                "erkend werd, kan ook later nog hulp vragen"
            )
            plain.append(_sentence(f"{subject.is_} al erkend door het VAPH"))
            plain.append(f"Wie vóór {limit} jaar erkend werd, kan later nog hulp vragen.")
        else:
            return None
    if right.minors_only:
        if low >= ADULT_AGE:
            return None
        gewoon.append(f"{be} en dit is alleen voor minderjarigen")
        plain.append("Dit is alleen voor minderjarigen.")
    age = f"{low} jaar" if low == high else _age_label(low, high)
    said_age = [_sentence(f"{subject.is_} {age}")] if plain else []
    return _Reasons(gewoon, said_age + plain)


_RESIDENCE_RULES = {  # a right's `residence` -> who it is for, as a clause
    "vlaanderen_brussel": "dit is voor wie in Vlaanderen of Brussel woont",
    "belgie": "dit kan overal in België",
}


def _residence_reason(right: Right, place: str, region: str, subject: _Subject) -> _Reasons | None:
    """The reason the place fits, or None when it rules the right out (empty: no reason)."""
    lives = f"{subject.verb('woont', 'woont')} in {place}"
    if right.residence == "vlaanderen_brussel":
        if region not in (FLANDERS_REGION, BRUSSELS_REGION):
            return None
    elif right.residence == "belgie":
        if region == ABROAD:
            return None
    else:
        return _Reasons()
    rule = _RESIDENCE_RULES[right.residence]
    return _Reasons([f"{lives}, en {rule}"], [f"{_sentence(lives)} {_sentence(rule)}"])


# --- one right's conditions, for a direct question (actions/eligibility_start.py) ---------


def first_request_rule(right: Right) -> list[str]:
    """The right's age limit for a first request, in short sentences; [] when it has none."""
    limit = right.first_request_before_age
    if limit is None:
        return []
    said = [f"Een eerste aanvraag kan tot {limit} jaar."]
    if right.open_after_age_if_recognised:
        said.append(f"Wie vóór {limit} jaar erkend werd, kan later nog hulp vragen.")
    return said


def age_sentence(age: int, about: str | None = None, turning: bool = False) -> str:
    """The age as a sentence about the person: "Je bent 70." or "Je vader is 70."; with
    `turning` the age they turn: "Je wordt 65." or "Je ma wordt 65."."""
    subject = _Subject(about)
    return _sentence(f"{subject.verb('wordt', 'wordt') if turning else subject.is_} {age}")


def residence_rule(
    right: Right, municipality: Municipality, level: str = "gewoon", about: str | None = None
) -> str | None:
    """Where the person lives and whom the right is for, as a sentence at `level` ("Je
    woont in ...", or with `about` "Je moeder woont in ..."); None when the record does not
    say where one must live."""
    subject = _Subject(about)
    reasons = _residence_reason(right, municipality.name, municipality.region, subject)
    if reasons is None:
        return None  # the place rules it out: no rule to tell, the check explains
    said = reasons.eenvoudig if level == "eenvoudig" else [_sentence(r) for r in reasons.gewoon]
    return " ".join(said) or None


def plain_conditions(right: Right) -> list[str]:
    """Whom the right is for, in short sentences made from its fields: the eenvoudig
    counterpart of its `who` text (which has no eenvoudig wording)."""
    said: list[str] = []
    if right.min_age is not None:
        said.append(f"Dit kan vanaf {right.min_age} jaar.")
    if right.max_age is not None:
        said.append(f"Dit kan tot {right.max_age} jaar.")
        if right.exceptional_max_age is not None:
            said.append(f"Soms kan het nog tot {right.exceptional_max_age} jaar.")
    said += first_request_rule(right)
    if right.minors_only:
        said.append("Dit is alleen voor minderjarigen.")
    if right.residence in _RESIDENCE_RULES:
        said.append(_sentence(_RESIDENCE_RULES[right.residence]))
    if right.recognition in NEEDS_RECOGNITION:
        said.append("Het VAPH moet je erkennen als persoon met een handicap.")
    if right.recognition == "in_application":
        said.append("Dat bekijkt het VAPH bij je aanvraag.")
    elif right.recognition == "not_required":
        said.append("Je hebt hiervoor geen erkenning van het VAPH nodig.")
    if right.new_grants_only_for:
        said.append("Alleen deze mensen krijgen het nog nieuw:")
        said += [f"- {group}" for group in right.new_grants_only_for]
    return said


def rights_for_profile(
    session: Session,
    *,
    age: int | None = None,
    age_range: tuple[int, int] | None = None,
    lives_in: Municipality | str | None = None,
    recognised: bool | None = None,
    has_budget: bool | None = None,
    help_kind: str | None = None,
    urgent: bool = False,
    about: str | None = None,
) -> list[RightMatch]:
    """Rights that may fit a profile, by name; what is unknown (None) excludes nothing.

    `age_range` (low, high) stands for an age band ("jonger dan 18") when the exact age is
    not known; a right fits when it fits some age in the band. `about` names the person
    when someone from their network is asking ("Lotte", "je zoon"): the reasons then say
    "Lotte is 34" instead of "je bent 34".

    `lives_in` is a Municipality, or a region when only that is known: FLANDERS_REGION,
    BRUSSELS_REGION, WALLOON_REGION or ABROAD. A right that new people only get in
    particular groups (`new_grants_only_for`, such as the zorgbudget voor mensen met een
    handicap) is never listed: the profile cannot tell whether someone is in such a group.
    A right with `open_after_age_if_recognised` stays for someone the VAPH recognised who
    is past its `first_request_before_age`. A right for budget holders only
    (`budget_holders_only`, the bijstandsorganisaties) is left out when `has_budget` is
    False. With `urgent=True` the PVB comes first and
    carries the emergency procedure (AutomaticGrant ATG_NOOD) in `emergency`, when both exist
    and the PVB fits the profile.
    """
    if age is not None:
        age_range = (age, age)
    if age_range is not None and not 0 <= age_range[0] <= age_range[1]:
        raise ValueError("age must be >= 0 and the band low <= high")
    if help_kind is not None and help_kind not in HELP_KINDS:
        raise ValueError(f"unknown help kind: {help_kind!r}")
    place = region = ""
    if isinstance(lives_in, Municipality):
        place, region = lives_in.name, lives_in.region
    elif lives_in is not None:
        place, region = _REGION_LABELS.get(lives_in, lives_in), lives_in
    emergency = session.get(AutomaticGrant, EMERGENCY_GRANT) if urgent else None
    subject = _Subject(about)

    matches: list[RightMatch] = []
    for right in session.execute(select(Right).order_by(Right.name, Right.id)).scalars():
        if right.new_grants_only_for:
            continue  # the questions cannot tell whether someone is in one of those groups
        reasons = _Reasons()
        if age_range is not None:
            age_reasons = _age_reasons(right, *age_range, subject, recognised)
            if age_reasons is None:
                continue
            reasons.extend(age_reasons)
        if lives_in is not None:
            residence_reason = _residence_reason(right, place, region, subject)
            if residence_reason is None:
                continue
            reasons.extend(residence_reason)
        if right.recognition in NEEDS_RECOGNITION:
            if recognised is False and right.recognition == "required":
                continue
            if recognised is False:
                assessed = f"het VAPH bekijkt bij de aanvraag of het {subject.object} erkent"
                reasons.add(
                    f"{subject.verb('bent', 'is')} nog niet erkend door het VAPH; {assessed}",
                    _sentence(assessed),
                )
            if recognised:
                reasons.add(
                    f"{subject.is_} door het VAPH erkend als persoon met een handicap",
                    _sentence(f"{subject.is_} al erkend door het VAPH"),
                )
        elif right.recognition == "not_required" and not recognised:
            needs = f"{subject.verb('hebt', 'heeft')} hiervoor geen erkenning van het VAPH nodig"
            reasons.add(needs, _sentence(needs))
        if right.budget_holders_only:
            if has_budget is False:
                continue
            if has_budget:
                holds = (
                    f"{subject.verb('hebt', 'heeft')} al een budget, en dit is voor budgethouders"
                )
                reasons.add(holds, _sentence(holds))
        if help_kind is not None:
            if help_kind not in (right.help_kinds or []):
                continue
            looks_for = HELP_KINDS[help_kind]
            reasons.add(
                f"{looks_for}, en daar helpt dit bij",
                f"{_sentence(looks_for)} Daar helpt dit bij.",
            )
        if emergency is not None and right.id == EMERGENCY_RIGHT:
            reasons.add(
                "het is dringend, en daarvoor bestaat een noodprocedure",
                "Het is dringend. Daarvoor bestaat een noodprocedure.",
                first=True,
            )
            matches.insert(0, RightMatch(right, reasons.gewoon, emergency, reasons.eenvoudig))
        else:
            matches.append(RightMatch(right, reasons.gewoon, None, reasons.eenvoudig))
    return matches


# --- services and FAQ ---------------------------------------------------------------------

SERVICE_KIND_ORDER = (
    "dop",
    "vaph_office",
    "vaph",
    "algemene_dienst",
    "bijstandsorganisatie",
    "gebruikersvereniging",
    "ombudsdienst",
    "crisislijn",
    "andere",
)
BRUSSELS_OFFICE_PROVINCE = "vlaams_brabant"  # the Vlaams-Brabant VAPH office serves Brussels


def contact_services(session: Session, municipality: Municipality | None) -> list[Service]:
    """Services for a municipality: its province's, plus those for all of Flanders + Brussels.

    Brussels municipalities get the Vlaams-Brabant VAPH office. Ordered by
    SERVICE_KIND_ORDER, then by name.
    """
    where: list[ColumnElement[bool]] = [Service.province_id.is_(None)]
    if municipality is not None and municipality.province_id is not None:
        where.append(Service.province_id == municipality.province_id)
    elif municipality is not None and municipality.region == BRUSSELS_REGION:
        where.append(
            and_(
                Service.province_id == BRUSSELS_OFFICE_PROVINCE,
                Service.kind == "vaph_office",
            )
        )
    kind_order = case(
        {kind: position for position, kind in enumerate(SERVICE_KIND_ORDER)},
        value=Service.kind,
        else_=len(SERVICE_KIND_ORDER),
    )
    stmt = select(Service).where(or_(*where)).order_by(kind_order, Service.name, Service.id)
    return list(session.execute(stmt).scalars())


def faq_answer(session: Session, topic: str, level: str = "gewoon") -> FaqAnswer | None:
    """The answer at `level` ("gewoon" or "eenvoudig"), else the "gewoon" one, else None."""
    return session.get(FaqAnswer, (topic, level)) or session.get(FaqAnswer, (topic, "gewoon"))


def statement_wording(session: Session, statement_id: str, level: str = "gewoon") -> str | None:
    """A statement's wording at `level` (statements.yml), None when there is no such one."""
    statement = session.get(Statement, statement_id)
    return statement.wording(level).strip() if statement is not None else None


# --- crisis -------------------------------------------------------------------------------

# The order in which crisis lines are shown: danger first, then suicide, then a listening ear.
CRISIS_LINE_ORDER = ("noodnummer_112", "zelfmoordlijn_1813", "tele_onthaal_106", "hulplijn_1712")
EMERGENCY_PROCEDURE = "ATG_NOOD"


def crisis_lines(session: Session) -> list[Service]:
    """The crisis lines (112, Zelfmoordlijn, Tele-Onthaal, 1712), in the order they are shown."""
    lines = session.execute(select(Service).where(Service.kind == "crisislijn")).scalars()

    def position(service: Service) -> tuple[int, str]:
        known = service.id in CRISIS_LINE_ORDER
        return (
            CRISIS_LINE_ORDER.index(service.id) if known else len(CRISIS_LINE_ORDER),
            service.id,
        )

    return sorted(lines, key=position)


def emergency_procedure(session: Session) -> AutomaticGrant | None:
    """The VAPH's noodprocedure PVB."""
    return session.get(AutomaticGrant, EMERGENCY_PROCEDURE)
