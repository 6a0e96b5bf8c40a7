"""What needs attention in the knowledge base: stale records and source bookkeeping.

`check()` reads the records from the database (so imported providers count too) and lists
- records whose `checked_on` is more than 12 months old (table, id, date);
- URLs in knowledge/data/sources.yml, the list of sources the project tracks, that no record
  uses any more;
- URLs that records use but that sources.yml does not list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from knowledge import models
from knowledge.build import open_built, shown_url
from knowledge.db import database_url
from knowledge.loader import load_sources
from knowledge.reference import DATA_DIR

MAX_AGE_DAYS = 365


@dataclass(frozen=True)
class StaleRecord:
    table: str
    id: str
    checked_on: date


@dataclass(frozen=True)
class CheckReport:
    url: str
    today: date
    stale: list[StaleRecord]
    unused_sources: list[str]  # in sources.yml, used by no record
    untracked_sources: list[str]  # used by records, missing from sources.yml

    @property
    def ok(self) -> bool:
        return not (self.stale or self.unused_sources or self.untracked_sources)


def sourced_models() -> list[type[models.SourcedMixin]]:
    """Every model that carries source fields, by table name."""
    classes = [mapper.class_ for mapper in models.Base.registry.mappers]
    sourced = [cls for cls in classes if issubclass(cls, models.SourcedMixin)]
    return sorted(sourced, key=lambda cls: cls.__tablename__)


def check(
    url: str | None = None, today: date | None = None, data_dir: Path = DATA_DIR
) -> CheckReport:
    """Check the database at `url` against `today` and data_dir/sources.yml."""
    today = today or date.today()
    tracked = load_sources(data_dir)
    url = url or database_url()
    stale: list[StaleRecord] = []
    used: set[str] = set()
    engine = open_built(url)
    try:
        with Session(engine, future=True) as session:
            for model in sourced_models():
                for record in session.execute(select(model)).scalars():
                    used.add(record.source_url)
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
        unused_sources=[source for source in tracked if source not in used],
        untracked_sources=sorted(used - set(tracked)),
    )


def _record_id(record: models.SourcedMixin) -> str:
    if isinstance(record, models.Amount):
        return f"{record.right_id}.{record.key}"
    identity = inspect(record).identity or ()
    return "/".join(str(part) for part in identity)
