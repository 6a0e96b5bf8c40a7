"""Read and validate every data file in knowledge/data/ (see knowledge/SCHEMA.md).

`load()` returns the records as plain dataclasses, ready for `knowledge.build`. The first
problem found raises `DataError`, which names the file and the line of the offending record
or field: "knowledge/data/rights.yml, line 42: unknown service id 'zorgkass' in `where`".
YAML line numbers come from PyYAML's composer (node.start_mark); CSV lines count the header
as line 1.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar, overload
from urllib.parse import urlsplit

import yaml

from knowledge.reference import DATA_DIR, Municipality, fold

PROJECT_ROOT = DATA_DIR.parent.parent

STATUSES = ("verified", "uncertain")
RIGHT_KINDS = ("budget", "allowance", "support", "service")
RESIDENCES = ("vlaanderen_brussel", "belgie")
# required: the VAPH must have recognised the person already; in_application: required too,
# but the VAPH assesses the recognition during the application itself (the PVB, brief §1.2),
# so someone the VAPH does not know yet can apply; not_required: no recognition needed.
RECOGNITIONS = ("required", "in_application", "not_required")
HELP_KINDS = tuple(
    "geld begeleiding dagbesteding wonen kort_verblijf hulpmiddelen assistentie advies "
    "plan_maken".split()
)
SERVICE_KINDS = tuple(
    "vaph vaph_office dop bijstandsorganisatie gebruikersvereniging algemene_dienst "
    "ombudsdienst crisislijn andere".split()
)
FAQ_TOPICS = tuple(
    "what_is_pvf what_is_pvb what_is_bob what_is_rth priority_groups automatic_grant "
    "emergency_procedure how_to_apply what_is_dop budget_spending what_is_vza "
    "budget_categories waiting_time mdt other_support minors change_provider "
    "assistance_organisation costs privacy herziening zzi_interview contact_vaph "
    "what_is_trajectondersteuner when_carers_stop vaph_letter".split()
)
FAQ_LEVELS = ("gewoon", "eenvoudig")
RIGHT_PLACEHOLDER_FIELDS = ("min_age", "max_age", "first_request_before_age")
# `address`: street and number, then the postcode and the municipality when known.
SERVICE_PLACEHOLDER_FIELDS = ("phone", "website", "email", "address")
STATEMENT_PLACEHOLDER_FIELDS = ("text",)  # the wording of the reading level being filled
SOURCE_FIELDS = (
    "source_url",
    "source_citation",
    "other_sources",
    "checked_on",
    "status",
    "source_date",
)
# The main source of a record: a public page, or a citation of a source that has none.
MAIN_SOURCE_FIELDS = ("source_url", "source_citation")
YEAR = re.compile(r"\b(?:19|20)[0-9]{2}\b")
GEMEENTEN_COLUMNS = ("refnis", "naam_nl", "naam_fr", "provincie", "gewest", "postcodes")
PROVIDER_COLUMNS = (
    "id,name,licensed,address,postcode,municipality,phone,email,website,"
    "support_types,target_groups,source_url,checked_on,status"
).split(",")
DEMO_SOURCE_URL = "https://example.org/wegwijzer-voorbeeldgegevens"

RECORD_ID = re.compile(r"^[A-Za-z0-9_]+$")  # usable in {ID.field} placeholders
SNAKE_ID = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
PROVIDER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
POSTCODE = re.compile(r"^[1-9][0-9]{3}$")
SOURCE_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")  # a source_date given as YYYY-MM
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class DataError(Exception):
    """A problem in a data file, with the file and the line it is on."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = display_path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def display_path(path: Path | str) -> str:
    """knowledge/data/x.yml for files in the project, the full path for others."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(resolved)


# --- records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    # The main source: exactly one of the two. `source_url` is the public page the fact
    # comes from; `source_citation` a plain-text citation (title, organiser, date) of a
    # source that has no public page, such as a congress presentation.
    source_url: str | None
    other_sources: tuple[str, ...]
    checked_on: date
    status: str
    # When the source page was published or last updated (or the cited source presented),
    # as the source gives it: "YYYY-MM-DD" or "YYYY-MM"; None when unknown. Only
    # `python -m knowledge check` reads it.
    source_date: str | None = None
    source_citation: str | None = None

    @property
    def uncertain(self) -> bool:
        return self.status == "uncertain"

    @property
    def shown(self) -> str:
        """The main source as a person reads it: the URL, or else the citation."""
        return self.source_url or self.source_citation or ""

    @property
    def source_day(self) -> date | None:
        """`source_date` as a day; a month counts from its first day."""
        return source_day(self.source_date) if self.source_date else None

    def columns(self) -> dict[str, Any]:
        """The SourcedMixin columns of a model."""
        return {
            "source_url": self.source_url,
            "source_citation": self.source_citation,
            "other_sources": list(self.other_sources),
            "checked_on": self.checked_on,
            "status": self.status,
        }


@dataclass(frozen=True)
class Province:
    id: str
    name: str
    source: Source


@dataclass(frozen=True)
class PriorityGroup:
    id: str
    name: str
    description: str
    criteria: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class AutomaticGrant:
    id: str
    name: str
    description: str
    source: Source


@dataclass(frozen=True)
class Amount:
    key: str
    text: str
    value: float | None
    year: int | None
    money: bool  # a sum of money ("bedrag"); other figures are times, counts or scores
    source: Source
    eenvoudig: str | None = None  # how an eenvoudig text says it; needed to use it there


@dataclass(frozen=True)
class Right:
    id: str
    name: str
    abbreviation: str | None
    kind: str
    summary: str
    who: str
    min_age: int | None
    max_age: int | None
    first_request_before_age: int | None
    open_after_age_if_recognised: bool  # recognised by the VAPH: no first-request age
    exceptional_max_age: int | None  # the age at which even an exceptional extension stops
    new_grants_only_for: tuple[str, ...]  # empty: new grants are not limited to groups
    residence: str | None  # None: the source does not say
    recognition: str | None  # None: the source does not say
    minors_only: bool
    budget_holders_only: bool  # only for someone who already has a budget (PVB or PAB)
    help_kinds: tuple[str, ...]
    amounts: tuple[Amount, ...]
    how_to_apply: str
    how_to_apply_eenvoudig: str | None  # the same way in makkelijke taal; None: not written
    where: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Service:
    id: str
    kind: str
    name: str
    description: str
    province_id: str | None
    address: str | None
    postcode: str | None
    municipality_refnis: str | None
    phone: str | None
    email: str | None
    website: str | None
    source: Source


@dataclass(frozen=True)
class Category:
    """A support type or target group, with the VAPH ids it stands for."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    links: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class FaqEntry:
    topic: str
    title: str  # a short question for a button: "Wat is een persoonsvolgend budget?"
    uses: tuple[str, ...]
    texts: dict[str, str]  # level (gewoon | eenvoudig) -> text with placeholders


@dataclass(frozen=True)
class Statement:
    """A fact told in words (statements.yml), with its wording at each reading level."""

    id: str
    texts: dict[str, str]  # level (gewoon | eenvoudig) -> wording, maybe with placeholders
    source: Source


@dataclass(frozen=True)
class JargonTerm:
    """A term an eenvoudig text may only use when it explains it at its first use."""

    id: str
    forms: tuple[str, ...]  # the spellings a text may use: "Dienst Ondersteuningsplan", "DOP"
    explanation: str  # one plain sentence that explains the term
    source: Source


@dataclass(frozen=True)
class Glossary:
    """glossary.yml: the words of the eenvoudig ("makkelijk lezen") texts."""

    plain: tuple[str, ...]  # words everyone knows: used without an explanation
    jargon: tuple[JargonTerm, ...]


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    licensed: bool
    address: str | None
    postcode: str | None
    municipality_refnis: str
    province_id: str | None
    phone: str | None
    email: str | None
    website: str | None
    support_types: tuple[str, ...]
    target_groups: tuple[str, ...]
    demo: bool
    source: Source


@dataclass(frozen=True)
class KnowledgeData:
    dataset_source: Source  # of every municipality
    provinces: tuple[Province, ...]
    municipalities: tuple[Municipality, ...]
    priority_groups: tuple[PriorityGroup, ...]
    automatic_grants: tuple[AutomaticGrant, ...]
    rights: tuple[Right, ...]
    services: tuple[Service, ...]
    support_types: tuple[Category, ...]
    target_groups: tuple[Category, ...]
    faq: tuple[FaqEntry, ...]
    providers: tuple[Provider, ...]
    sources: tuple[str, ...]  # sources.yml: the source URLs the project tracks
    glossary: Glossary
    statements: tuple[Statement, ...] = ()

    def province_id(self, name: str | None) -> str | None:
        return next((p.id for p in self.provinces if p.name == name), None)

    def sources_by_id(self) -> dict[str, list[Source]]:
        """The sources of the records an FAQ answer may `use`, by record id."""
        found: dict[str, list[Source]] = {}
        groups: Iterable[Any] = (
            *self.rights,
            *self.services,
            *self.priority_groups,
            *self.automatic_grants,
            *self.support_types,
            *self.target_groups,
            *self.statements,
        )
        for record in groups:
            found.setdefault(record.id, []).append(record.source)
        return found


# --- YAML with line numbers -----------------------------------------------------------------


class YamlMap(dict):
    """A YAML mapping that remembers its line and the line and node of each key."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.nodes: dict[str, yaml.Node] = {}


class YamlList(list):
    """A YAML sequence that remembers its line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []


def read_yaml(path: Path) -> Any:
    """The document in `path` as YamlMap / YamlList / plain scalars."""
    text = _read_text(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(path, line, f"invalid YAML: {error.problem}") from None
    return None if node is None else _convert(node, yaml.SafeLoader(""), path)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path, None, "file not found") from None
    except UnicodeDecodeError as error:
        raise DataError(path, None, f"not UTF-8 text ({error.reason})") from None


def _convert(node: yaml.Node, constructor: yaml.SafeLoader, path: Path) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping = YamlMap(line)
        for key_node, value_node in node.value:
            key = _convert(key_node, constructor, path)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise DataError(path, key_line, f"field names must be text, not {key!r}")
            if key in mapping:
                raise DataError(path, key_line, f"field `{key}` appears twice")
            mapping[key] = _convert(value_node, constructor, path)
            mapping.key_lines[key] = key_line
            mapping.nodes[key] = value_node
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence = YamlList(line)
        for item in node.value:
            sequence.append(_convert(item, constructor, path))
            sequence.lines.append(item.start_mark.line + 1)
        return sequence
    try:
        return constructor.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError):
        return node.value  # e.g. the impossible date 2026-02-30: reported by the validator


# --- typed field access ---------------------------------------------------------------------


class Record:
    """Typed access to the fields of one record; errors name its file and line."""

    def __init__(
        self,
        path: Path,
        values: dict[str, Any],
        line: int,
        key_lines: dict[str, int] | None = None,
        nodes: dict[str, yaml.Node] | None = None,
    ) -> None:
        self.path = path
        self.values = values
        self.line = line
        self.key_lines = key_lines or {}
        self.nodes = nodes or {}

    @classmethod
    def from_yaml(cls, path: Path, mapping: YamlMap) -> Record:
        return cls(path, mapping, mapping.line, mapping.key_lines, mapping.nodes)

    def line_of(self, key: str, index: int | None = None) -> int:
        value = self.values.get(key)
        if index is not None and isinstance(value, YamlList) and index < len(value.lines):
            return value.lines[index]
        return self.key_lines.get(key, self.line)

    def error(self, message: str, key: str | None = None, index: int | None = None) -> DataError:
        return DataError(self.path, self.line_of(key, index) if key else self.line, message)

    def expect_fields(self, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        required = tuple(required)
        known = set(required) | set(optional)
        for key in self.values:
            if key not in known:
                raise self.error(f"unknown field `{key}`", key)
        self.require(*required)

    def text(self, key: str, optional: bool = False) -> str | None:
        value = self.values.get(key)
        if value is None and optional:
            return None
        if value is not None and not isinstance(value, str):
            raise self.error(f"`{key}` must be text (put it in quotes), got {value!r}", key)
        if value is None or not value.strip():
            raise self.error(f"`{key}` must be non-empty text", key)
        return value.strip()

    def required_text(self, key: str) -> str:
        value = self.text(key)
        assert value is not None
        return value

    def identifier(self, key: str, pattern: re.Pattern[str], what: str) -> str:
        value = self.required_text(key)
        if not pattern.match(value):
            raise self.error(f"`{key}` {value!r} is not {what}", key)
        return value

    def integer(self, key: str, low: int = 0, high: int = 150) -> int | None:
        value = self.values.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.error(f"`{key}` must be a whole number from {low} to {high} or null", key)
        return value

    def number(self, key: str) -> float | None:
        value = self.values.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(f"`{key}` must be a number or null, got {value!r}", key)
        return float(value)

    def boolean(self, key: str, default: bool) -> bool:
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            raise self.error(f"`{key}` must be true or false, got {value!r}", key)
        return value

    @overload
    def choice(self, key: str, options: Iterable[str], nullable: Literal[False] = False) -> str: ...

    @overload
    def choice(self, key: str, options: Iterable[str], nullable: bool) -> str | None: ...

    def choice(self, key: str, options: Iterable[str], nullable: bool = False) -> str | None:
        options = tuple(options)
        value = self.values.get(key)
        if value is None and nullable:
            return None
        if value not in options:
            got = "null" if value is None else repr(value)
            raise self.error(f"`{key}` must be one of {', '.join(options)}; got {got}", key)
        return value

    def text_list(self, key: str, optional: bool = False) -> tuple[str, ...]:
        value = self.values.get(key)
        if value is None and optional:
            return ()
        if not isinstance(value, list):
            raise self.error(f"`{key}` must be a list", key)
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"`{key}` must hold non-empty texts, got {item!r}", key, index)
        return tuple(item.strip() for item in value)

    def choices(self, key: str, options: Iterable[str], what: str) -> tuple[str, ...]:
        values = self.text_list(key)
        known = set(options)
        for index, value in enumerate(values):
            if value not in known:
                raise self.error(f"unknown {what} {value!r} in `{key}`", key, index)
        return values

    def url(self, key: str, optional: bool = False) -> str | None:
        value = self.text(key, optional)
        if value is not None and not is_web_url(value):
            raise self.error(f"`{key}` must be an http(s) URL, got {value!r}", key)
        return value

    def day(self, key: str) -> date:
        value = self.values.get(key)
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                pass
        if not isinstance(value, date) or isinstance(value, datetime):
            raise self.error(f"`{key}` must be a real date YYYY-MM-DD, got {value!r}", key)
        return value

    def postcode(self, key: str) -> str | None:
        value = self.values.get(key)
        if value is None:
            return None
        code = str(value).strip()
        if isinstance(value, bool) or not POSTCODE.match(code):
            raise self.error(f"`{key}` must be a Belgian postcode of 4 digits, got {value!r}", key)
        return code

    def require(self, *keys: str) -> None:
        for key in keys:
            if key not in self.values:
                raise self.error(f"missing field `{key}`")

    def source(self, inherit: Source | None = None) -> Source:
        """The common source fields; missing ones are taken from `inherit` when given.

        The main source is `source_url` or `source_citation`, exactly one of them. A record
        that gives either one inherits neither (nor the `source_date` that goes with it)."""
        if inherit is None:
            self.require("checked_on", "status")
        elif not any(key in self.values for key in SOURCE_FIELDS):
            return inherit
        base = inherit or Source(None, (), date.min, "")

        def own(key: str) -> bool:
            return inherit is None or key in self.values

        own_main = inherit is None or any(key in self.values for key in MAIN_SOURCE_FIELDS)
        other = self.text_list("other_sources", optional=True)
        for index, url in enumerate(other):
            if not is_web_url(url):
                message = f"`other_sources` must hold http(s) URLs, got {url!r}"
                raise self.error(message, "other_sources", index)
        if own_main:
            source_url, citation = self._main_source(bool(other))
        else:
            source_url, citation = base.source_url, base.source_citation
        checked_on = self.day("checked_on") if own("checked_on") else base.checked_on
        if own("source_date"):
            source_date = self.source_date(checked_on)
        else:  # the date of the inherited source, not of a source this record names itself
            source_date = None if own_main else base.source_date
        return Source(
            source_url=source_url,
            # A citation stands alone: it takes no other sources from `inherit` either.
            other_sources=other if own("other_sources") or citation else base.other_sources,
            checked_on=checked_on,
            status=self.choice("status", STATUSES) if own("status") else base.status,
            source_date=source_date,
            source_citation=citation,
        )

    def _main_source(self, has_other_sources: bool) -> tuple[str | None, str | None]:
        """(source_url, source_citation) of a record that names its own main source."""
        given = [key for key in MAIN_SOURCE_FIELDS if key in self.values]
        if not given:
            raise self.error(
                "missing field `source_url` (the public page the fact comes from), or "
                "`source_citation` for a source that has no public page"
            )
        if len(given) > 1:
            raise self.error(
                "give `source_url` or `source_citation`, not both: a fact with a public "
                "page has that page as its source",
                "source_citation",
            )
        if given == ["source_url"]:
            return self.url("source_url"), None
        citation = self.required_text("source_citation")
        if re.search(r"https?://|www\.", citation):
            message = "`source_citation` holds a web address: give the page as `source_url`"
            raise self.error(message, "source_citation")
        if not YEAR.search(citation):
            message = (
                "`source_citation` must say when the source appeared "
                "(title, organiser, date), got no year in " + repr(citation)
            )
            raise self.error(message, "source_citation")
        if has_other_sources:
            message = (
                "a record with `source_citation` has no `other_sources`: a public page that "
                "says the same is its `source_url`"
            )
            raise self.error(message, "other_sources")
        return None, " ".join(citation.split())

    def source_date(self, checked_on: date) -> str | None:
        """The optional `source_date`, "YYYY-MM-DD" or "YYYY-MM", not after `checked_on`."""
        value = self.values.get("source_date")
        if value is None:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            value = value.isoformat()
        text = value.strip() if isinstance(value, str) else ""
        try:
            day = source_day(text) if SOURCE_MONTH.match(text) else date.fromisoformat(text)
        except ValueError:
            day = None
        if day is None:
            message = f"`source_date` must be a date YYYY-MM-DD or a month YYYY-MM, got {value!r}"
            raise self.error(message, "source_date")
        if day > checked_on:
            message = f"`source_date` {text} is after `checked_on` {checked_on}"
            raise self.error(message, "source_date")
        return text

    def text_line(self, key: str, offset: int) -> int:
        """The line of character `offset` of a text field (exact for `|` block texts)."""
        node = self.nodes.get(key)
        if isinstance(node, yaml.ScalarNode) and node.style == "|":
            return node.start_mark.line + 2 + str(self.values[key])[:offset].count("\n")
        return self.line_of(key)


def source_day(text: str) -> date:
    """A valid source date as a day: "2019-09" is 2019-09-01."""
    return date.fromisoformat(text if len(text) > len("YYYY-MM") else f"{text}-01")


def is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not re.search(r"\s", value)


def _records(path: Path) -> Iterator[Record]:
    """The records of a YAML file holding a list of mappings."""
    document = read_yaml(path)
    if not isinstance(document, YamlList):
        line = getattr(document, "line", 1)
        raise DataError(path, line, "expected a list of records (`- id: ...`)")
    for item, line in zip(document, document.lines, strict=True):
        if not isinstance(item, YamlMap):
            raise DataError(path, line, "expected a record with fields, not a single value")
        yield Record.from_yaml(path, item)


T = TypeVar("T")


def _unique(records: Iterable[Record], parse: Callable[[Record], T], key: str = "id") -> list[T]:
    """Parse each record, refusing a value of `key` that was used before."""
    seen: dict[str, int] = {}
    parsed: list[T] = []
    for record in records:
        value = record.values.get(key)
        if isinstance(value, str) and value in seen:
            raise record.error(f"duplicate {key} {value!r} (first on line {seen[value]})", key)
        parsed.append(parse(record))
        seen[str(value)] = record.line_of(key)
    return parsed


# --- places ---------------------------------------------------------------------------------


def _load_places(data_dir: Path) -> tuple[Source, tuple[Province, ...], tuple[Municipality, ...]]:
    path = data_dir / "places.yml"
    document = read_yaml(path)
    if not isinstance(document, YamlMap):
        raise DataError(path, 1, "expected the fields `dataset` and `provinces`")
    top = Record.from_yaml(path, document)
    top.expect_fields(("dataset", "provinces"))
    if not isinstance(document["dataset"], YamlMap):
        raise top.error("`dataset` must hold fields", "dataset")
    dataset = Record.from_yaml(path, document["dataset"])
    dataset.expect_fields(("file", "source_url", "checked_on", "status"), SOURCE_FIELDS)
    source = dataset.source()
    csv_path = data_dir / dataset.required_text("file")
    if not csv_path.is_file():
        raise dataset.error(f"file {csv_path.name!r} not found in {display_path(data_dir)}", "file")

    if not isinstance(document["provinces"], YamlList):
        raise top.error("`provinces` must be a list of records", "provinces")

    def province(record: Record) -> Province:
        record.expect_fields(("id", "name"), SOURCE_FIELDS)
        return Province(
            id=record.identifier("id", SNAKE_ID, "a lower_snake_case id"),
            name=record.required_text("name"),
            source=record.source(inherit=source),
        )

    items = document["provinces"]
    for item, line in zip(items, items.lines, strict=True):
        if not isinstance(item, YamlMap):
            raise DataError(path, line, "expected a province record with `id` and `name`")
    provinces = _unique((Record.from_yaml(path, item) for item in items), province)
    _unique((Record.from_yaml(path, item) for item in items), lambda r: r, key="name")
    municipalities = _load_municipalities(csv_path, {p.name for p in provinces})
    used = {m.province for m in municipalities}
    for item, parsed in zip(items, provinces, strict=True):
        if parsed.name not in used:
            raise Record.from_yaml(path, item).error(
                f"province {parsed.name!r} has no municipality in {csv_path.name}", "name"
            )
    return source, tuple(provinces), municipalities


def _load_municipalities(path: Path, province_names: set[str]) -> tuple[Municipality, ...]:
    rows = _csv_records(path, GEMEENTEN_COLUMNS)
    found: list[Municipality] = []
    refnis_seen: dict[str, int] = {}
    name_seen: dict[str, int] = {}
    for record in rows:
        refnis = record.required_text("refnis")
        name = record.required_text("naam_nl")
        if not re.match(r"^[0-9]{5}$", refnis):
            raise record.error(f"refnis must be 5 digits, got {refnis!r}")
        for value, seen, what in ((refnis, refnis_seen, "refnis"), (name, name_seen, "name")):
            if value in seen:
                raise record.error(f"duplicate {what} {value!r} (first on line {seen[value]})")
            seen[value] = record.line
        province = record.text("provincie", optional=True)
        if province is not None and province not in province_names:
            raise record.error(f"province {province!r} is not listed in places.yml")
        postcodes = tuple(code.strip() for code in record.required_text("postcodes").split(";"))
        for code in postcodes:
            if not POSTCODE.match(code):
                raise record.error(f"postcode {code!r} of {name} is not 4 digits")
        found.append(
            Municipality(
                refnis=refnis,
                name=name,
                name_fr=record.required_text("naam_fr"),
                province=province,
                region=record.required_text("gewest"),
                postcodes=postcodes,
            )
        )
    return tuple(found)


def _csv_records(path: Path, columns: Iterable[str]) -> list[Record]:
    """The rows of a CSV file as records; the header is line 1 and must hold `columns`."""
    reader = csv.DictReader(_read_text(path).splitlines(keepends=True))
    header = reader.fieldnames or []
    missing = [column for column in columns if column not in header]
    unknown = [column for column in header if column not in columns]
    if missing or unknown:
        problems = [f"missing column(s) {', '.join(missing)}"] if missing else []
        problems += [f"unknown column(s) {', '.join(unknown)}"] if unknown else []
        raise DataError(path, 1, "; ".join(problems))
    records = []
    for row in reader:
        if None in row or any(value is None for value in row.values()):
            raise DataError(path, reader.line_num, f"expected {len(header)} columns")
        values = {key: value.strip() or None for key, value in row.items()}
        records.append(Record(path, values, reader.line_num))
    return records


# --- facts ----------------------------------------------------------------------------------


def _priority_group(record: Record) -> PriorityGroup:
    record.expect_fields(("id", "name", "description", "criteria"), SOURCE_FIELDS)
    return PriorityGroup(
        id=record.identifier("id", RECORD_ID, "an id of letters, digits and _"),
        name=record.required_text("name"),
        description=record.required_text("description"),
        criteria=record.text_list("criteria"),
        source=record.source(),
    )


def _automatic_grant(record: Record) -> AutomaticGrant:
    record.expect_fields(("id", "name", "description"), SOURCE_FIELDS)
    return AutomaticGrant(
        id=record.identifier("id", RECORD_ID, "an id of letters, digits and _"),
        name=record.required_text("name"),
        description=record.required_text("description"),
        source=record.source(),
    )


def _right(record: Record, service_ids: set[str]) -> Right:
    record.expect_fields(
        ("id", "name", "kind", "summary", "who", "residence", "recognition", "help_kinds")
        + ("how_to_apply", "where"),
        ("abbreviation", "min_age", "max_age", "first_request_before_age", "minors_only")
        + ("open_after_age_if_recognised", "exceptional_max_age", "new_grants_only_for")
        + ("budget_holders_only", "amounts", "how_to_apply_eenvoudig")
        + SOURCE_FIELDS,
    )
    source = record.source()
    min_age, max_age = record.integer("min_age"), record.integer("max_age")
    if min_age is not None and max_age is not None and min_age > max_age:
        raise record.error(f"`min_age` {min_age} is above `max_age` {max_age}", "min_age")
    exceptional_max_age = record.integer("exceptional_max_age")
    if exceptional_max_age is not None and (max_age is None or exceptional_max_age <= max_age):
        message = "`exceptional_max_age` needs a `max_age` below it"
        raise record.error(message, "exceptional_max_age")
    first_request_before_age = record.integer("first_request_before_age")
    open_after_age = record.boolean("open_after_age_if_recognised", default=False)
    if open_after_age and first_request_before_age is None:
        message = "`open_after_age_if_recognised` needs a `first_request_before_age`"
        raise record.error(message, "open_after_age_if_recognised")
    return Right(
        id=record.identifier("id", RECORD_ID, "an id of letters, digits and _"),
        name=record.required_text("name"),
        abbreviation=record.text("abbreviation", optional=True),
        kind=record.choice("kind", RIGHT_KINDS),
        summary=record.required_text("summary"),
        who=record.required_text("who"),
        min_age=min_age,
        max_age=max_age,
        first_request_before_age=first_request_before_age,
        open_after_age_if_recognised=open_after_age,
        exceptional_max_age=exceptional_max_age,
        new_grants_only_for=record.text_list("new_grants_only_for", optional=True),
        residence=record.choice("residence", RESIDENCES, nullable=True),
        recognition=record.choice("recognition", RECOGNITIONS, nullable=True),
        minors_only=record.boolean("minors_only", default=False),
        budget_holders_only=record.boolean("budget_holders_only", default=False),
        help_kinds=record.choices("help_kinds", HELP_KINDS, "help kind"),
        amounts=_amounts(record, source),
        how_to_apply=record.required_text("how_to_apply"),
        how_to_apply_eenvoudig=record.text("how_to_apply_eenvoudig", optional=True),
        where=record.choices("where", service_ids, "service id"),
        source=source,
    )


def _amounts(record: Record, right_source: Source) -> tuple[Amount, ...]:
    items = record.values.get("amounts")
    if items is None:
        return ()
    if not isinstance(items, YamlList):
        raise record.error("`amounts` must be a list of records", "amounts")
    for index, item in enumerate(items):
        if not isinstance(item, YamlMap):
            raise record.error("each amount must be a record with fields", "amounts", index)

    def amount(sub: Record) -> Amount:
        sub.expect_fields(("id", "text", "value", "year"), ("money", "eenvoudig") + SOURCE_FIELDS)
        year = sub.integer("year", low=1900, high=2100)
        if year is not None and "money" not in sub.values:
            # The year is said as "bedrag van" or "cijfer van": the record must say which.
            raise sub.error("an amount with a `year` needs `money: true` or `money: false`")
        return Amount(
            key=sub.identifier("id", RECORD_ID, "an id of letters, digits and _"),
            text=sub.required_text("text"),
            value=sub.number("value"),
            year=year,
            money=sub.boolean("money", default=False),
            source=sub.source(inherit=right_source),
            eenvoudig=sub.text("eenvoudig", optional=True),
        )

    return tuple(_unique((Record.from_yaml(record.path, item) for item in items), amount))


def _service(record: Record, province_ids: set[str], by_name: dict[str, Municipality]) -> Service:
    record.expect_fields(
        ("id", "kind", "name", "description"),
        ("province", "address", "postcode", "municipality", "phone", "email", "website")
        + SOURCE_FIELDS,
    )
    province = record.values.get("province")
    if province is not None and province not in province_ids:
        raise record.error(f"unknown province id {province!r} (see places.yml)", "province")
    postcode = record.postcode("postcode")
    municipality = _municipality(record, "municipality", by_name, postcode)
    email = record.text("email", optional=True)
    if email is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        raise record.error(f"`email` {email!r} is not an e-mail address", "email")
    return Service(
        id=record.identifier("id", SNAKE_ID, "a lower_snake_case id"),
        kind=record.choice("kind", SERVICE_KINDS),
        name=record.required_text("name"),
        description=record.required_text("description"),
        province_id=province,
        address=record.text("address", optional=True),
        postcode=postcode,
        municipality_refnis=municipality.refnis if municipality else None,
        phone=_phone(record),
        email=email,
        website=record.url("website", optional=True),
        source=record.source(),
    )


def _phone(record: Record) -> str | None:
    value = record.values.get("phone")
    if isinstance(value, int) and not isinstance(value, bool):
        raise record.error("`phone` must be text: put the number in quotes", "phone")
    return record.text("phone", optional=True)


def _municipality(
    record: Record, key: str, by_name: dict[str, Municipality], postcode: str | None
) -> Municipality | None:
    name = record.text(key, optional=True)
    if name is None:
        if postcode is not None:
            raise record.error(f"`postcode` {postcode} needs a `{key}`", "postcode")
        return None
    municipality = by_name.get(name)
    if municipality is None:
        close = [m.name for m in by_name.values() if fold(m.name) == fold(name)]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise record.error(f"unknown municipality {name!r}{hint}", key)
    if postcode is not None and postcode not in municipality.postcodes:
        raise record.error(
            f"postcode {postcode} does not belong to {municipality.name} "
            f"(its postcodes: {', '.join(municipality.postcodes)})",
            "postcode",
        )
    return municipality


def _category(record: Record, link_field: str) -> Category:
    record.expect_fields(("id", "name", "synonyms"), (link_field,) + SOURCE_FIELDS)
    return Category(
        id=record.identifier("id", SNAKE_ID, "a lower_snake_case id"),
        name=record.required_text("name"),
        synonyms=record.text_list("synonyms"),
        links=record.text_list(link_field, optional=True),
        source=record.source(),
    )


# --- faq ------------------------------------------------------------------------------------


def parse_placeholder(inner: str) -> tuple[str, str, str | None] | None:
    """'PVB.amount.per_month' -> ('PVB', 'amount', 'per_month'); None when malformed."""
    parts = inner.split(".")
    fields = RIGHT_PLACEHOLDER_FIELDS + SERVICE_PLACEHOLDER_FIELDS + STATEMENT_PLACEHOLDER_FIELDS
    if len(parts) == 2 and parts[1] in fields:
        return parts[0], parts[1], None
    if len(parts) == 3 and parts[1] == "amount":
        return parts[0], "amount", parts[2]
    return None


@dataclass(frozen=True)
class PlaceholderRecords:
    """The records a placeholder may name; `statements` is empty inside a statement."""

    rights: dict[str, Right]
    services: dict[str, Service]
    statements: dict[str, Statement]


def _placeholder_problem(inner: str, records: PlaceholderRecords, level: str) -> str | None:
    parsed = parse_placeholder(inner)
    if parsed is None:
        return (
            f"unknown placeholder {{{inner}}}: use {{RIGHT.min_age|max_age|"
            f"first_request_before_age|amount.AMOUNT_ID}}, "
            f"{{SERVICE.phone|website|email|address}} or {{STATEMENT.text}}"
        )
    record_id, field_name, amount_key = parsed
    if field_name in STATEMENT_PLACEHOLDER_FIELDS:
        if record_id not in records.statements:
            return f"placeholder {{{inner}}}: unknown statement id {record_id!r}"
        return None
    if field_name in SERVICE_PLACEHOLDER_FIELDS:
        if record_id not in records.services:
            return f"placeholder {{{inner}}}: unknown service id {record_id!r}"
        if getattr(records.services[record_id], field_name) is None:
            return f"placeholder {{{inner}}}: service {record_id!r} has no {field_name}"
        return None
    if record_id not in records.rights:
        return f"placeholder {{{inner}}}: unknown right id {record_id!r}"
    right = records.rights[record_id]
    if amount_key is not None:
        amount = next((a for a in right.amounts if a.key == amount_key), None)
        if amount is None:
            return f"placeholder {{{inner}}}: right {record_id!r} has no amount {amount_key!r}"
        if level == "eenvoudig" and amount.eenvoudig is None:
            return (
                f"placeholder {{{inner}}} in an eenvoudig text: "
                f"amount {amount_key!r} of {record_id!r} has no `eenvoudig` wording"
            )
    elif getattr(right, field_name) is None:
        return f"placeholder {{{inner}}}: {field_name} of {record_id!r} is null"
    return None


def _check_placeholders(record: Record, records: PlaceholderRecords) -> None:
    """Raise DataError at the line of the first placeholder in a level text that is wrong."""
    for level in FAQ_LEVELS:
        raw = str(record.values[level])
        for match in PLACEHOLDER.finditer(raw):
            problem = _placeholder_problem(match.group(1), records, level)
            if problem:
                raise DataError(record.path, record.text_line(level, match.start()), problem)


def _load_statements(
    path: Path, rights: dict[str, Right], services: dict[str, Service], other_ids: set[str]
) -> list[Statement]:
    inner = PlaceholderRecords(rights, services, statements={})  # no statement in a statement

    def statement(record: Record) -> Statement:
        record.expect_fields(("id",) + FAQ_LEVELS, SOURCE_FIELDS)
        statement_id = record.identifier("id", SNAKE_ID, "a lower_snake_case id")
        if statement_id in other_ids:
            raise record.error(f"id {statement_id!r} is already the id of another record", "id")
        texts = {level: record.required_text(level) for level in FAQ_LEVELS}
        _check_placeholders(record, inner)
        return Statement(id=statement_id, texts=texts, source=record.source())

    return _unique(_records(path), statement)


def _load_faq(
    path: Path, placeholders: PlaceholderRecords, known_ids: set[str]
) -> tuple[FaqEntry, ...]:
    def entry(record: Record) -> FaqEntry:
        record.expect_fields(("topic", "title", "uses") + FAQ_LEVELS)
        topic = record.values.get("topic")
        if topic not in FAQ_TOPICS:
            raise record.error(f"unknown topic {topic!r} (not one of the NLU contract)", "topic")
        title = record.required_text("title")
        uses = record.choices("uses", known_ids, "record id")
        texts = {level: record.required_text(level) for level in FAQ_LEVELS}
        _check_placeholders(record, placeholders)
        return FaqEntry(topic=topic, title=title, uses=uses, texts=texts)

    records = list(_records(path))
    entries = _unique(records, entry, key="topic")
    missing = [topic for topic in FAQ_TOPICS if topic not in {e.topic for e in entries}]
    if missing:
        raise DataError(path, None, f"missing topic(s): {', '.join(missing)}")
    return tuple(entries)


# --- providers and sources ------------------------------------------------------------------


def _load_providers(
    path: Path,
    by_name: dict[str, Municipality],
    province_ids: dict[str, str],
    support_types: set[str],
    target_groups: set[str],
) -> tuple[Provider, ...]:
    def provider(record: Record) -> Provider:
        for key in ("support_types", "target_groups"):
            raw = record.values.get(key) or ""
            record.values[key] = [item.strip() for item in raw.split(";") if item.strip()]
        name = record.required_text("name")
        if not name.startswith("Voorbeeld"):
            raise record.error(f"demo provider names start with 'Voorbeeld', got {name!r}")
        for key in ("email", "website"):
            value = record.values.get(key)
            if value and not re.search(r"[@/.]example\.org(/|$)", value):
                raise record.error(f"demo {key} must use example.org, got {value!r}")
        phone = record.values.get("phone")
        if phone and not re.sub(r"\D", "", phone).startswith("000"):
            raise record.error(f"demo phone numbers start with 000, got {phone!r}")
        if record.values.get("source_url") != DEMO_SOURCE_URL:
            raise record.error(f"demo providers use source_url {DEMO_SOURCE_URL}")
        postcode = record.postcode("postcode")
        municipality = _municipality(record, "municipality", by_name, postcode)
        if municipality is None:
            raise record.error("missing `municipality`")
        licensed = record.choice("licensed", ("ja", "nee"))
        return Provider(
            id=record.identifier("id", PROVIDER_ID, "an id of letters, digits, _ . -"),
            name=name,
            licensed=licensed == "ja",
            address=record.text("address", optional=True),
            postcode=postcode,
            municipality_refnis=municipality.refnis,
            province_id=province_ids.get(municipality.province or ""),
            phone=record.text("phone", optional=True),
            email=record.text("email", optional=True),
            website=record.url("website", optional=True),
            support_types=record.choices("support_types", support_types, "support type id"),
            target_groups=record.choices("target_groups", target_groups, "target group id"),
            demo=True,
            source=record.source(),
        )

    return tuple(_unique(_csv_records(path, PROVIDER_COLUMNS), provider))


def load_sources(data_dir: Path = DATA_DIR) -> tuple[str, ...]:
    """sources.yml: the list of source URLs the project tracks."""
    path = data_dir / "sources.yml"
    document = read_yaml(path)
    if not isinstance(document, YamlList):
        raise DataError(path, getattr(document, "line", 1), "expected a list of URLs")
    seen: dict[str, int] = {}
    for url, line in zip(document, document.lines, strict=True):
        if not isinstance(url, str) or not is_web_url(url):
            raise DataError(path, line, f"expected an http(s) URL, got {url!r}")
        if url in seen:
            raise DataError(path, line, f"duplicate URL (first on line {seen[url]})")
        seen[url] = line
    return tuple(document)


# --- glossary -------------------------------------------------------------------------------


def term_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """Whole-word matches of any of `forms`, the longest first ("RTH" in "RTH-punten" too).

    A form written in capitals only (an abbreviation: "VAPH", "OP PVB") matches exactly as
    written; any other form matches in any case ("Zorgkas" and "zorgkas")."""
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = re.escape(form).replace(r"\ ", r"\s+")
        alternatives.append(escaped if _is_abbreviation(form) else f"(?i:{escaped})")
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _is_abbreviation(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def load_glossary(data_dir: Path = DATA_DIR) -> Glossary:
    """glossary.yml: plain words and jargon terms of the eenvoudig texts (SCHEMA.md)."""
    path = data_dir / "glossary.yml"
    document = read_yaml(path)
    if not isinstance(document, YamlMap):
        line = getattr(document, "line", 1)
        raise DataError(path, line, "expected the fields `plain` and `jargon`")
    top = Record.from_yaml(path, document)
    top.expect_fields(("plain", "jargon"))
    plain = top.text_list("plain")
    seen: dict[str, str] = {}  # folded word or form -> what it is
    for index, word in enumerate(plain):
        if word.casefold() in seen:
            raise top.error(f"plain word {word!r} is listed twice", "plain", index)
        seen[word.casefold()] = "a plain word"
    items = document["jargon"]
    if not isinstance(items, YamlList):
        raise top.error("`jargon` must be a list of records", "jargon")
    for item, line in zip(items, items.lines, strict=True):
        if not isinstance(item, YamlMap):
            raise DataError(path, line, "expected a jargon record with `id`, `forms`, ...")

    def term(record: Record) -> JargonTerm:
        record.expect_fields(("id", "forms", "explanation"), SOURCE_FIELDS)
        term_id = record.identifier("id", SNAKE_ID, "a lower_snake_case id")
        forms = record.text_list("forms")
        if not forms:
            raise record.error("`forms` must name at least one spelling of the term", "forms")
        for index, form in enumerate(forms):
            if form.casefold() in seen:
                message = f"form {form!r} is already {seen[form.casefold()]}"
                raise record.error(message, "forms", index)
            seen[form.casefold()] = f"a form of {term_id!r}"
        explanation = record.required_text("explanation")
        if re.search(r"[.!?]\s", explanation) or "\n" in explanation:
            raise record.error("`explanation` must be one sentence", "explanation")
        if not term_pattern(forms).search(explanation):
            message = "`explanation` must name the term (one of its `forms`)"
            raise record.error(message, "explanation")
        return JargonTerm(
            id=term_id,
            forms=forms,
            explanation=explanation,
            source=record.source(),
        )

    jargon = _unique((Record.from_yaml(path, item) for item in items), term)
    return Glossary(plain=plain, jargon=tuple(jargon))


# --- everything -----------------------------------------------------------------------------


def load(data_dir: Path = DATA_DIR) -> KnowledgeData:
    """Read and validate every data file; raises DataError on the first problem."""
    data_dir = Path(data_dir)
    dataset_source, provinces, municipalities = _load_places(data_dir)
    by_name = {m.name: m for m in municipalities}
    province_ids = {p.name: p.id for p in provinces}
    services = _unique(
        _records(data_dir / "services.yml"),
        lambda r: _service(r, set(province_ids.values()), by_name),
    )
    service_ids = {s.id for s in services}
    rights = _unique(_records(data_dir / "rights.yml"), lambda r: _right(r, service_ids))
    groups = _unique(_records(data_dir / "priority_groups.yml"), _priority_group)
    grants = _unique(_records(data_dir / "automatic_grants.yml"), _automatic_grant)
    support_types = _unique(
        _records(data_dir / "support_types.yml"), lambda r: _category(r, "vaph_support_types")
    )
    target_groups = _unique(
        _records(data_dir / "target_groups.yml"), lambda r: _category(r, "vaph_codes")
    )
    records: list[Right | Service | PriorityGroup | AutomaticGrant | Category] = [
        *rights,
        *services,
        *groups,
        *grants,
        *support_types,
        *target_groups,
    ]
    known_ids = {record.id for record in records}
    by_id = {r.id: r for r in rights}, {s.id: s for s in services}
    statements = _load_statements(data_dir / "statements.yml", *by_id, known_ids)
    placeholders = PlaceholderRecords(*by_id, {s.id: s for s in statements})
    faq = _load_faq(data_dir / "faq.yml", placeholders, known_ids | set(placeholders.statements))
    providers = _load_providers(
        data_dir / "providers_demo.csv",
        by_name,
        province_ids,
        {c.id for c in support_types},
        {c.id for c in target_groups},
    )
    return KnowledgeData(
        dataset_source=dataset_source,
        provinces=provinces,
        municipalities=municipalities,
        priority_groups=tuple(groups),
        automatic_grants=tuple(grants),
        rights=tuple(rights),
        services=tuple(services),
        support_types=tuple(support_types),
        target_groups=tuple(target_groups),
        faq=faq,
        providers=providers,
        sources=load_sources(data_dir),
        glossary=load_glossary(data_dir),
        statements=tuple(statements),
    )
