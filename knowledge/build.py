"""Validate the data files and (re)create the knowledge database from them.

Everything is validated first (`loader.load`); nothing is written when a file is invalid.
SQLite: the database is built in a temporary file next to the target, which then replaces
the target atomically (os.replace), so readers see either the old or the new database.
Other databases: drop_all + create_all + inserts in one transaction.

Providers imported with `python -m knowledge import-providers` live only in the database:
a rebuild removes them, so import them again after building.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from knowledge import loader, models
from knowledge.db import database_url, make_engine
from knowledge.reference import DATA_DIR, fold


class NoDatabase(Exception):
    """There is no knowledge database at the URL (or it has no tables)."""


@dataclass(frozen=True)
class BuildReport:
    url: str  # without password
    counts: dict[str, int]  # table name -> number of rows


def build(url: str | None = None, data_dir: Path = DATA_DIR) -> BuildReport:
    """Validate `data_dir` and (re)create the database at `url`; raises loader.DataError."""
    data = loader.load(data_dir)
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        counts = _build_sqlite_file(Path(parsed.database), data)
    else:
        engine = make_engine(url)
        try:
            counts = _fill(engine, data)
        finally:
            engine.dispose()
    return BuildReport(url=shown_url(url), counts=counts)


def shown_url(url: str) -> str:
    """The database URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def open_built(url: str) -> Engine:
    """An engine on a database made by `build`; raises NoDatabase when there is none.

    A missing SQLite file is not created (as merely connecting would do).
    """
    parsed = make_url(url)
    missing = NoDatabase(
        f"no knowledge database at {shown_url(url)}: run `python -m knowledge build` first"
    )
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not Path(parsed.database).is_file():
            raise missing
    engine = make_engine(url)
    if not inspect(engine).has_table(models.FaqAnswer.__tablename__):
        engine.dispose()
        raise missing
    return engine


def _build_sqlite_file(target: Path, data: loader.KnowledgeData) -> dict[str, int]:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        engine = make_engine(f"sqlite:///{temp}")
        try:
            counts = _fill(engine, data)
        finally:
            engine.dispose()
        # mkstemp makes the file private; keep the old file's mode so readers can open it.
        os.chmod(temp, stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return counts


def _fill(engine: Engine, data: loader.KnowledgeData) -> dict[str, int]:
    """Drop and create every table and insert the records, in one transaction."""
    with engine.begin() as connection:
        models.Base.metadata.drop_all(connection)
        models.Base.metadata.create_all(connection)
        with Session(bind=connection, future=True) as session:
            for group in _row_groups(data):
                session.add_all(group)
                session.flush()  # in dependency order: foreign keys exist before use
            return {
                table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
                for table in models.Base.metadata.sorted_tables
            }


def _row_groups(data: loader.KnowledgeData) -> Iterable[list[models.Base]]:
    """The rows to insert, in groups that only refer to earlier groups."""
    yield [models.Province(id=p.id, name=p.name, **p.source.columns()) for p in data.provinces]
    dataset = data.dataset_source.columns()
    yield [
        models.Municipality(
            refnis=m.refnis,
            name=m.name,
            name_fr=m.name_fr,
            folded_name=fold(m.name),
            province_id=data.province_id(m.province),
            region=m.region,
            postcodes=[models.Postcode(code=code) for code in m.postcodes],
            **dataset,
        )
        for m in data.municipalities
    ]
    support_types = {c.id: _category(models.SupportType, c) for c in data.support_types}
    target_groups = {c.id: _category(models.TargetGroup, c) for c in data.target_groups}
    services = {s.id: _service(s) for s in data.services}
    rights = {r.id: _right(r) for r in data.rights}
    statements = {s.id: _statement(s) for s in data.statements}
    yield [
        *support_types.values(),
        *target_groups.values(),
        *services.values(),
        *rights.values(),
        *statements.values(),
        *(_priority_group(g) for g in data.priority_groups),
        *(_automatic_grant(g) for g in data.automatic_grants),
    ]
    yield [provider_model(p, support_types, target_groups) for p in data.providers]
    places = {m.refnis: m.name for m in data.municipalities}
    yield list(_faq_answers(data, Facts(rights, services, statements, places)))


def _category(
    model: type[models.SupportType] | type[models.TargetGroup], category: loader.Category
) -> models.SupportType | models.TargetGroup:
    return model(
        id=category.id,
        name=category.name,
        synonyms=list(category.synonyms),
        **category.source.columns(),
    )


def _service(service: loader.Service) -> models.Service:
    return models.Service(
        id=service.id,
        kind=service.kind,
        name=service.name,
        description=service.description,
        province_id=service.province_id,
        address=service.address,
        postcode=service.postcode,
        municipality_refnis=service.municipality_refnis,
        phone=service.phone,
        email=service.email,
        website=service.website,
        **service.source.columns(),
    )


def _right(right: loader.Right) -> models.Right:
    return models.Right(
        id=right.id,
        name=right.name,
        abbreviation=right.abbreviation,
        kind=right.kind,
        summary=right.summary,
        who=right.who,
        min_age=right.min_age,
        max_age=right.max_age,
        first_request_before_age=right.first_request_before_age,
        open_after_age_if_recognised=right.open_after_age_if_recognised,
        exceptional_max_age=right.exceptional_max_age,
        new_grants_only_for=list(right.new_grants_only_for),
        residence=right.residence,
        recognition=right.recognition,
        minors_only=right.minors_only,
        budget_holders_only=right.budget_holders_only,
        help_kinds=list(right.help_kinds),
        how_to_apply=right.how_to_apply,
        how_to_apply_eenvoudig=right.how_to_apply_eenvoudig,
        where=list(right.where),
        amounts=[
            models.Amount(
                key=amount.key,
                position=position,
                text=amount.text,
                value=amount.value,
                year=amount.year,
                money=amount.money,
                eenvoudig=amount.eenvoudig,
                **amount.source.columns(),
            )
            for position, amount in enumerate(right.amounts)
        ],
        **right.source.columns(),
    )


def _statement(statement: loader.Statement) -> models.Statement:
    return models.Statement(
        id=statement.id,
        gewoon=statement.texts["gewoon"],
        eenvoudig=statement.texts["eenvoudig"],
        **statement.source.columns(),
    )


def _priority_group(group: loader.PriorityGroup) -> models.PriorityGroup:
    return models.PriorityGroup(
        id=group.id,
        name=group.name,
        description=group.description,
        criteria=list(group.criteria),
        **group.source.columns(),
    )


def _automatic_grant(grant: loader.AutomaticGrant) -> models.AutomaticGrant:
    return models.AutomaticGrant(
        id=grant.id, name=grant.name, description=grant.description, **grant.source.columns()
    )


def provider_model(
    provider: loader.Provider,
    support_types: dict[str, models.SupportType],
    target_groups: dict[str, models.TargetGroup],
) -> models.Provider:
    """A Provider row; the category dicts hold the rows of the same session by id."""
    return models.Provider(
        id=provider.id,
        name=provider.name,
        licensed=provider.licensed,
        address=provider.address,
        postcode=provider.postcode,
        municipality_refnis=provider.municipality_refnis,
        province_id=provider.province_id,
        phone=provider.phone,
        email=provider.email,
        website=provider.website,
        demo=provider.demo,
        support_types=[support_types[i] for i in provider.support_types],
        target_groups=[target_groups[i] for i in provider.target_groups],
        **provider.source.columns(),
    )


# Said after an answer that tells an uncertain fact, unless the answer already says that what
# it tells may have changed. A route to the VAPH (the statement ROUTE_STATEMENT, filled in at
# the answer's level) follows, unless the answer already gives it. An answer that does not
# name the VAPH (it is about another service's right) only gets MAY_HAVE_CHANGED: it says
# itself where to check.
UNCERTAIN_POINTER = {
    "gewoon": "Dit kan intussen veranderd zijn: kijk het na bij het VAPH of een "
    "Dienst Ondersteuningsplan (DOP).",
    "eenvoudig": "Dit kan veranderd zijn.\nVraag het na bij het VAPH.",
}
MAY_HAVE_CHANGED = {
    "gewoon": "Wat ik hier vertel, kan intussen veranderd zijn.",
    "eenvoudig": "Wat ik hier vertel, kan veranderd zijn.",
}
NAMES_THE_VAPH = re.compile(r"\bVAPH\b")
ROUTE_STATEMENT = "vaph_bereiken"
SAYS_CHANGED = re.compile(r"\b(?:kan|kunnen)\s+(?:intussen\s+)?veranderd\s+zijn\b", re.IGNORECASE)


@dataclass(frozen=True)
class Facts:
    """The rows that fill the placeholders of an FAQ text."""

    rights: dict[str, models.Right]
    services: dict[str, models.Service]
    statements: dict[str, models.Statement]
    places: dict[str, str]  # refnis -> municipality name, for `{SERVICE.address}`


@dataclass(frozen=True)
class Filled:
    text: str
    uncertain: bool  # a filled-in fact is uncertain
    statements: tuple[str, ...]  # ids of the statements the text tells, in order


def _faq_answers(data: loader.KnowledgeData, facts: Facts) -> Iterable[models.FaqAnswer]:
    sources = data.sources_by_id()
    for entry in data.faq:
        uses_uncertain = any(s.uncertain for used in entry.uses for s in sources[used])
        for level, raw in entry.texts.items():
            filled = fill_placeholders(raw, facts, level)
            uncertain = uses_uncertain or filled.uncertain
            if uncertain:
                filled = with_pointer(filled, facts, level)
            # A statement's source joins the answer's sources, as if it were in `uses`.
            told = [s for s in filled.statements if s not in entry.uses]
            yield models.FaqAnswer(
                topic=entry.topic,
                level=level,
                title=entry.title,
                text=filled.text,
                uses=[*entry.uses, *told],
                uncertain=uncertain,
            )


def with_pointer(filled: Filled, facts: Facts, level: str) -> Filled:
    """The answer of an uncertain fact, ending with UNCERTAIN_POINTER and the route to the VAPH.

    Unchanged when it already says that it may have changed (SAYS_CHANGED); only
    MAY_HAVE_CHANGED when it does not name the VAPH. The route is left out when the answer
    already gives it, or when there is no ROUTE_STATEMENT record.
    """
    if SAYS_CHANGED.search(filled.text):
        return filled
    if not NAMES_THE_VAPH.search(filled.text):
        return Filled(f"{filled.text}\n{MAY_HAVE_CHANGED[level]}", True, filled.statements)
    added = [UNCERTAIN_POINTER[level]]
    told = list(filled.statements)
    if ROUTE_STATEMENT in facts.statements:
        route = fill_placeholders(f"{{{ROUTE_STATEMENT}.text}}", facts, level)
        if route.text not in filled.text:
            added.append(route.text)
            told += [s for s in route.statements if s not in told]
    text = "\n".join([filled.text, *added])
    return Filled(text=text, uncertain=True, statements=tuple(told))


def fill_placeholders(text: str, facts: Facts, level: str = "gewoon") -> Filled:
    """The text with every {ID.field} filled in at reading `level`.

    A statement gives its wording of `level`, an amount its `spoken(level)`. In an
    eenvoudig text the year of an amount follows as a sentence on a line of its own, after
    the line that holds the amount (eenvoudig texts have one sentence a line). The
    placeholders were validated by the loader, so every lookup succeeds.
    """
    uncertain = False
    told: list[str] = []

    def fill_line(line: str) -> str:
        notes: list[str] = []

        def fill(match: re.Match[str]) -> str:
            nonlocal uncertain
            parsed = loader.parse_placeholder(match.group(1))
            assert parsed is not None
            record_id, field_name, amount_key = parsed
            if field_name in loader.STATEMENT_PLACEHOLDER_FIELDS:
                statement = facts.statements[record_id]
                inner = fill_placeholders(statement.wording(level), facts, level)
                uncertain = uncertain or statement.uncertain or inner.uncertain
                if record_id not in told:
                    told.append(record_id)
                return inner.text
            if field_name in loader.SERVICE_PLACEHOLDER_FIELDS:
                service = facts.services[record_id]
                uncertain = uncertain or service.uncertain
                if field_name == "address":
                    return postal_address(service, facts.places)
                return str(getattr(service, field_name))
            right = facts.rights[record_id]
            uncertain = uncertain or right.uncertain
            if amount_key is None:
                return str(getattr(right, field_name))
            amount = next(a for a in right.amounts if a.key == amount_key)
            uncertain = uncertain or amount.uncertain
            note = amount.year_note() if level == "eenvoudig" else None
            if note and note not in notes:
                notes.append(note)
            return amount.spoken(level)

        return "\n".join([loader.PLACEHOLDER.sub(fill, line), *notes])

    text = "\n".join(fill_line(line) for line in text.split("\n"))
    return Filled(text=text, uncertain=uncertain, statements=tuple(told))


def postal_address(service: models.Service, places: dict[str, str]) -> str:
    """'Diestsepoort 6/57, 3000 Leuven': the street, then postcode and municipality."""
    place = " ".join(
        part for part in (service.postcode, places.get(service.municipality_refnis or "")) if part
    )
    return f"{service.address}, {place}" if place else str(service.address)
