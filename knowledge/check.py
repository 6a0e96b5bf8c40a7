"""What needs attention in the knowledge base: facts, statuses, stale records and sources.

`check()` lists
- records whose `status` differs from the domain team's facts.json (`status_differences`);
- figures typed straight into an FAQ text instead of a `{RECORD.field}` placeholder
  (`text_facts`, found by knowledge.text_facts);
- crisis lines (services.yml, kind `crisislijn`) whose source is more than 12 months old, or
  that have no `source_date` (`old_crisis_sources`);
- records whose `checked_on` is more than 12 months old (`stale`; read from the database, so
  imported providers count too);
- URLs in knowledge/data/sources.yml, the list of sources the project tracks, that no record
  uses any more, and URLs that records use but that sources.yml does not list;
- records whose source is a `source_citation` of a source without a public page, not a URL
  (`cited`): sources.yml lists URLs only, so they are not "missing" from it, but they are
  listed, to be replaced by a public page when one is found.

Errors and warnings (`CheckReport.has_errors`; `python -m knowledge check` exits with 1 on
an error):
- errors: a record that is surer than facts.json (`verified` where facts.json says
  `uncertain` or `not_found`, or `uncertain` where it says `not_found`): the assistant would
  tell a doubtful fact as if it were sure; and any figure typed into an FAQ text.
- warnings, exit code 0: a record that is more careful than facts.json (`uncertain` where
  facts.json says `verified`; the brief marks some of those [ONZEKER]); an old or undated
  crisis-line source (the brief's §8.1 sources are news pages that a maintainer should
  replace by the organisations' own pages); stale records; the source bookkeeping; records
  with a citation instead of a URL; and a facts.json that cannot be found, so that no
  status was compared.

The statuses, texts and crisis lines are read from the data files (knowledge.loader), the
`checked_on` dates from the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from knowledge import models
from knowledge.build import open_built, shown_url
from knowledge.db import database_url
from knowledge.loader import PROJECT_ROOT, KnowledgeData, Source, display_path, load
from knowledge.reference import DATA_DIR
from knowledge.text_facts import literal_facts

MAX_AGE_DAYS = 365
# The domain team's structured facts, next to the repository (shared/domain/facts.json).
FACTS_PATH = PROJECT_ROOT.parent / "shared" / "domain" / "facts.json"
# How sure a status is: a record may be as sure as facts.json or less, never surer.
CERTAINTY = {"not_found": 0, "uncertain": 1, "verified": 2}
CRISIS_LINE = "crisislijn"


class FactsFileError(Exception):
    """facts.json exists but cannot be read as the domain team's facts."""


@dataclass(frozen=True)
class StaleRecord:
    table: str
    id: str
    checked_on: date


@dataclass(frozen=True)
class StatusDifference:
    file: str  # data file of the record, e.g. "rights.yml"
    id: str
    status: str  # the record's
    facts_status: str  # facts.json's
    facts_entry: str  # where facts.json says it, e.g. "rights PVB"

    @property
    def surer_than_facts(self) -> bool:
        """The record claims more certainty than facts.json: an error."""
        return CERTAINTY[self.status] > CERTAINTY[self.facts_status]


@dataclass(frozen=True)
class TextFacts:
    """Figures typed into one FAQ text instead of filled in from a record."""

    topic: str
    level: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class CrisisSource:
    """A crisis line whose source is old, or has no date (`source_date` None)."""

    id: str
    source: str  # its source_url, or its source_citation when it has no public page
    source_date: str | None


@dataclass(frozen=True)
class CitedRecord:
    """A record whose source is a citation of a source without a public page, not a URL."""

    table: str
    id: str
    citation: str


@dataclass(frozen=True)
class CheckReport:
    url: str
    today: date
    stale: list[StaleRecord]
    unused_sources: list[str]  # in sources.yml, used by no record
    untracked_sources: list[str]  # used by records, missing from sources.yml
    cited: list[CitedRecord]  # sourced by a citation, not a URL: replace when a page is found
    status_differences: list[StatusDifference]
    text_facts: list[TextFacts]
    old_crisis_sources: list[CrisisSource]
    facts_file: str  # the facts.json compared with
    facts_found: bool  # False: facts.json was not found, no status was compared

    @property
    def has_errors(self) -> bool:
        """A record surer than facts.json, or a figure typed into an FAQ text."""
        return bool(self.text_facts) or any(d.surer_than_facts for d in self.status_differences)

    @property
    def ok(self) -> bool:
        """Nothing to report at all."""
        return self.facts_found and not (
            self.stale
            or self.unused_sources
            or self.untracked_sources
            or self.cited
            or self.status_differences
            or self.text_facts
            or self.old_crisis_sources
        )


def sourced_models() -> list[type[models.SourcedMixin]]:
    """Every model that carries source fields, by table name."""
    classes = [mapper.class_ for mapper in models.Base.registry.mappers]
    sourced = [cls for cls in classes if issubclass(cls, models.SourcedMixin)]
    return sorted(sourced, key=lambda cls: cls.__tablename__)


def check(
    url: str | None = None,
    today: date | None = None,
    data_dir: Path = DATA_DIR,
    facts_path: Path = FACTS_PATH,
) -> CheckReport:
    """Check the data in `data_dir` against `facts_path`, and the database at `url`."""
    today = today or date.today()
    data = load(data_dir)
    facts = read_facts(facts_path)
    url = url or database_url()
    stale: list[StaleRecord] = []
    cited: list[CitedRecord] = []
    used: set[str] = set()
    engine = open_built(url)
    try:
        with Session(engine, future=True) as session:
            for model in sourced_models():
                for record in session.execute(select(model)).scalars():
                    if record.source_url:
                        used.add(record.source_url)
                    else:  # no public page: sources.yml, a list of URLs, has no place for it
                        citation = record.source_citation or ""
                        cited.append(CitedRecord(model.__tablename__, _record_id(record), citation))
                    used.update(record.other_sources or ())
                    if record.is_stale(today, MAX_AGE_DAYS):
                        stale.append(
                            StaleRecord(model.__tablename__, _record_id(record), record.checked_on)
                        )
    finally:
        engine.dispose()
    return CheckReport(
        url=shown_url(url),
        today=today,
        stale=stale,
        unused_sources=[source for source in data.sources if source not in used],
        untracked_sources=sorted(used - set(data.sources)),
        cited=cited,
        status_differences=status_differences(data, facts) if facts is not None else [],
        text_facts=faq_text_facts(data),
        old_crisis_sources=old_crisis_sources(data, today),
        facts_file=display_path(facts_path),
        facts_found=facts is not None,
    )


def _record_id(record: models.SourcedMixin) -> str:
    if isinstance(record, models.Amount):
        return f"{record.right_id}.{record.key}"
    identity = inspect(record).identity or ()
    return "/".join(str(part) for part in identity)


# --- statuses against facts.json ------------------------------------------------------------


def read_facts(path: Path) -> dict[str, Any] | None:
    """facts.json as a dict; None when the file does not exist."""
    try:
        facts = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FactsFileError(f"{display_path(path)}: cannot read it ({error})") from None
    if not isinstance(facts, dict):
        raise FactsFileError(f"{display_path(path)}: expected an object with lists of facts")
    return facts


def status_differences(data: KnowledgeData, facts: dict[str, Any]) -> list[StatusDifference]:
    """Records whose status is not the status facts.json gives the same fact.

    How records are matched to facts.json; only what matches is compared:
    - `priority_groups`, `automatic_grant_groups` and `rights` of facts.json: by id, with
      priority_groups.yml, automatic_grants.yml and rights.yml, which reuse those ids
      (PG1, ATG_NOOD, PVB, ...; see knowledge/SCHEMA.md).
    - `contacts` of facts.json have no id: a contact matches each services.yml record whose
      `source_url` (its main source) is the contact's `source`, the page both rest on.
    - Not compared: amounts (facts.json gives one status for a right with all its figures),
      support types and target groups (our user-level categories only name a group of VAPH
      terms and state no fact of their own), entries of facts.json without a status, and
      records that nothing in facts.json matches.
    """
    # (our data file, its records, the section of facts.json, the field that matches)
    matches: list[tuple[str, Iterable[Any], str, str]] = [
        ("priority_groups.yml", data.priority_groups, "priority_groups", "id"),
        ("automatic_grants.yml", data.automatic_grants, "automatic_grant_groups", "id"),
        ("rights.yml", data.rights, "rights", "id"),
        ("services.yml", data.services, "contacts", "source"),
    ]
    found: list[StatusDifference] = []
    for file, records, section, field in matches:
        entries: dict[str, list[dict[str, Any]]] = {}
        for entry in _entries(facts, section):
            if isinstance(entry.get(field), str):
                entries.setdefault(entry[field], []).append(entry)
        for record in records:
            status = record.source.status
            key = record.id if field == "id" else record.source.source_url
            for entry in entries.get(key, []) if key else []:
                if entry["status"] != status:
                    name = entry["id"] if field == "id" else repr(entry.get("name"))
                    found.append(
                        StatusDifference(
                            file, record.id, status, entry["status"], f"{section} {name}"
                        )
                    )
    return found


def _entries(facts: dict[str, Any], section: str) -> Iterator[dict[str, Any]]:
    """The entries of a section of facts.json that carry a known status."""
    entries = facts.get(section)
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("status") in CERTAINTY:
            yield entry


# --- facts in texts and crisis-line sources -------------------------------------------------


def faq_text_facts(data: KnowledgeData) -> list[TextFacts]:
    """FAQ texts that state a figure themselves instead of through a placeholder."""
    found = []
    for entry in data.faq:
        for level, text in entry.texts.items():
            facts = literal_facts(text)
            if facts:
                found.append(TextFacts(entry.topic, level, tuple(facts)))
    return found


def old_crisis_sources(data: KnowledgeData, today: date) -> list[CrisisSource]:
    """Crisis lines whose source is more than MAX_AGE_DAYS old, or has no source date."""
    return [
        CrisisSource(service.id, service.source.shown, service.source.source_date)
        for service in data.services
        if service.kind == CRISIS_LINE and _source_is_old(service.source, today)
    ]


def _source_is_old(source: Source, today: date) -> bool:
    day = source.source_day
    return day is None or (today - day).days > MAX_AGE_DAYS
