"""Import the VAPH's published list of providers (CSV or XLSX).

    python -m knowledge import-providers lijst.csv --source-url https://www.vaph.be/...

Expected columns, in the first row. Case, accents, spaces, hyphens and underscores in the
column names do not matter; the first name is the canonical one, the others are accepted:

| column                 | also accepted                                        | needed |
|------------------------|------------------------------------------------------|--------|
| naam                   | naam voorziening, voorziening, organisatie, name     | yes    |
| erkenningsnummer       | vergunningsnummer, vergunning, erkenning, nummer     | no     |
| vergund                | vergunde zorgaanbieder, vza, licensed                | no     |
| straat                 | adres, straat en nummer, address                     | no     |
| postcode               | postnummer                                           | *      |
| gemeente               | plaats, woonplaats, stad, municipality               | *      |
| telefoon               | tel, telefoonnummer, phone                           | no     |
| e-mail                 | email, mail, e-mailadres                             | no     |
| website                | url, webadres, webpagina                             | no     |
| ondersteuningsfuncties | ondersteuningsfunctie, ondersteuningsvormen, aanbod  | yes    |
| doelgroepen            | doelgroep, target groups                             | no     |

`*` at least one of postcode and gemeente. A CSV may be separated by `,`, `;` or tabs and be
UTF-8 or Windows-1252. Lists in a cell (support functions, target groups) are separated by
`;`, `,`, `/`, `|` or line breaks; each word is mapped to a support type or target group
through the synonyms in support_types.yml / target_groups.yml. `vergund` is ja/nee and is
`ja` when the column is missing (the VAPH's list holds licensed providers). The provider id
is `vaph_<erkenningsnummer>`, or made from the name and postcode when there is no number.

Every row is reported as imported or rejected with its reason; unmapped words are reported
as warnings even when the row is imported. The import replaces every previously imported
(non-demo) provider in one transaction; demo providers stay. Nothing is written when no row
can be imported.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from knowledge import models
from knowledge.build import open_built, provider_model, shown_url
from knowledge.db import database_url
from knowledge.loader import POSTCODE, Provider, Source, is_web_url
from knowledge.reference import Category, fold, name_variants, support_types, target_groups

COLUMNS: dict[str, tuple[str, ...]] = {
    "naam": ("naam voorziening", "voorziening", "organisatie", "name"),
    "erkenningsnummer": ("vergunningsnummer", "vergunning", "erkenning", "nummer"),
    "vergund": ("vergunde zorgaanbieder", "vza", "licensed"),
    "straat": ("adres", "straat en nummer", "address"),
    "postcode": ("postnummer",),
    "gemeente": ("plaats", "woonplaats", "stad", "municipality"),
    "telefoon": ("tel", "telefoonnummer", "phone"),
    "e-mail": ("email", "mail", "e-mailadres"),
    "website": ("url", "webadres", "webpagina"),
    "ondersteuningsfuncties": ("ondersteuningsfunctie", "ondersteuningsvormen", "aanbod"),
    "doelgroepen": ("doelgroep", "target groups"),
}
YES = {"ja", "j", "yes", "y", "true", "1", "vergund"}
NO = {"nee", "n", "no", "false", "0", "niet vergund"}
LIST_SEPARATORS = re.compile(r"[;,/|\n]+")


class ImportFailed(Exception):
    """The file as a whole cannot be imported (unreadable, columns missing, no database)."""


@dataclass
class RowResult:
    row: int  # line of the CSV (header = 1) or row of the sheet
    name: str
    provider_id: str | None = None
    reason: str | None = None  # why the row was rejected; None when imported
    warnings: list[str] = field(default_factory=list)

    @property
    def imported(self) -> bool:
        return self.reason is None


@dataclass
class ImportReport:
    path: str
    url: str
    rows: list[RowResult]
    ignored_columns: list[str]
    replaced: int = 0  # previously imported providers that were replaced
    written: bool = False

    @property
    def imported(self) -> list[RowResult]:
        return [row for row in self.rows if row.imported]

    @property
    def rejected(self) -> list[RowResult]:
        return [row for row in self.rows if not row.imported]


def import_providers(
    path: Path | str,
    url: str | None = None,
    *,
    source_url: str,
    today: date | None = None,
) -> ImportReport:
    """Import the provider list in `path` into the knowledge database at `url`."""
    if not is_web_url(source_url):
        raise ImportFailed(f"--source-url must be an http(s) URL, got {source_url!r}")
    path = Path(path)
    header, rows = _read_table(path)
    columns, ignored = _map_columns(header)
    url = url or database_url()
    source = Source(source_url, (), today or date.today(), "verified")
    engine = open_built(url)
    try:
        with Session(engine, future=True) as session:
            report = ImportReport(str(path), shown_url(url), [], ignored)
            mapper = _RowMapper(session, source)
            providers = []
            for number, cells in rows:
                values = {key: _cell(cells, index) for key, index in columns.items()}
                result, provider = mapper.map(number, values)
                report.rows.append(result)
                if provider is not None:
                    providers.append(provider)
            if providers:
                report.replaced = mapper.replace_imported(providers)
                session.commit()
                report.written = True
            return report
    finally:
        engine.dispose()


# --- reading the file -----------------------------------------------------------------------


def _read_table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-empty rows with their row numbers (header = 1)."""
    if not path.is_file():
        raise ImportFailed(f"file not found: {path}")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if path.suffix.lower() == ".xls":
        raise ImportFailed("old .xls files are not supported: save the sheet as CSV (UTF-8)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, [])
    rows = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    return header, rows


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        import openpyxl
    except ImportError:
        raise ImportFailed(
            "reading .xlsx needs the openpyxl package, which is not installed: open the file in "
            "a spreadsheet program, save it as CSV (UTF-8) and import that file instead"
        ) from None
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet_rows = workbook.active.iter_rows(values_only=True)
    header = [_xlsx_text(value) for value in next(sheet_rows, ())]
    rows = [
        (number, [_xlsx_text(value) for value in cells])
        for number, cells in enumerate(sheet_rows, start=2)
        if any(_xlsx_text(value) for value in cells)
    ]
    workbook.close()
    return header, rows


def _xlsx_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # postcodes and numbers stored as numbers
    return "" if value is None else str(value).strip()


def _normalise(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", fold(name)).strip()


def _map_columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Canonical column name -> index, and the names of the columns that are not used."""
    wanted = {
        _normalise(variant): canonical
        for canonical, variants in COLUMNS.items()
        for variant in (canonical, *variants)
    }
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        canonical = wanted.get(_normalise(name))
        if canonical is None or canonical in columns:
            ignored.append(name)
        else:
            columns[canonical] = index
    missing = [name for name in ("naam", "ondersteuningsfuncties") if name not in columns]
    if "postcode" not in columns and "gemeente" not in columns:
        missing.append("postcode or gemeente")
    if missing:
        raise ImportFailed(
            f"missing column(s): {', '.join(missing)}; found: {', '.join(header) or 'nothing'}"
            " (see the list of expected columns in knowledge/importer.py)"
        )
    return columns, ignored


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


# --- mapping rows ---------------------------------------------------------------------------


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def _category_index(categories: tuple[Category, ...]) -> dict[str, str]:
    """Folded word -> category id, from the ids, names and synonyms."""
    index: dict[str, str] = {}
    for category in categories:
        for word in (category.id.replace("_", " "), category.name, *category.synonyms):
            index.setdefault(_words(word), category.id)
            index.setdefault(_words(re.sub(r"\(.*?\)", "", word)), category.id)
    return index


def _map_words(cell: str, index: dict[str, str]) -> tuple[list[str], list[str]]:
    """The category ids of the words in a cell, and the words that map to none."""
    ids: list[str] = []
    unknown: list[str] = []
    for word in (w.strip() for w in LIST_SEPARATORS.split(cell) if w.strip()):
        found = index.get(_words(word)) or index.get(_words(re.sub(r"\(.*?\)", "", word)))
        if found is None:
            unknown.append(word)
        elif found not in ids:
            ids.append(found)
    return ids, unknown


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


class _RowMapper:
    """Turns rows into providers, with the database's municipalities and categories."""

    def __init__(self, session: Session, source: Source) -> None:
        self.session = session
        self.source = source
        query = select(models.Municipality).options(selectinload(models.Municipality.postcodes))
        self.municipalities = list(session.execute(query).scalars())
        self.by_variant: dict[str, models.Municipality] = {}
        for municipality in self.municipalities:
            for name in (municipality.name, municipality.name_fr):
                for variant in name_variants(name):
                    self.by_variant.setdefault(variant, municipality)
        self.support_index = _category_index(support_types())
        self.target_index = _category_index(target_groups())
        self.support_rows = {
            row.id: row for row in session.execute(select(models.SupportType)).scalars()
        }
        self.target_rows = {
            row.id: row for row in session.execute(select(models.TargetGroup)).scalars()
        }
        demo = select(models.Provider.id).where(models.Provider.demo.is_(True))
        self.demo_ids = set(session.execute(demo).scalars())
        self.seen: dict[str, int] = {}  # provider id -> row

    def map(self, number: int, values: dict[str, str]) -> tuple[RowResult, Provider | None]:
        result = RowResult(row=number, name=values.get("naam", ""))
        try:
            provider = self._provider(values, result)
        except _Rejected as rejection:
            result.reason = str(rejection)
            return result, None
        result.provider_id = provider.id
        self.seen[provider.id] = number
        return result, provider

    def _provider(self, values: dict[str, str], result: RowResult) -> Provider:
        name = values.get("naam", "")
        if not name:
            raise _Rejected("no name (naam)")
        postcode = values.get("postcode", "") or None
        if postcode is not None and not POSTCODE.match(postcode):
            raise _Rejected(f"postcode {postcode!r} is not 4 digits")
        municipality = self._municipality(values.get("gemeente", ""), postcode)
        supports, unknown = _map_words(values.get("ondersteuningsfuncties", ""), self.support_index)
        result.warnings += [f"unknown support type {word!r}" for word in unknown]
        supports = [i for i in supports if i in self.support_rows]
        if not supports:
            raise _Rejected(
                f"no known support type in {values.get('ondersteuningsfuncties', '')!r}"
                if values.get("ondersteuningsfuncties")
                else "no support types (ondersteuningsfuncties)"
            )
        groups, unknown = _map_words(values.get("doelgroepen", ""), self.target_index)
        result.warnings += [f"unknown target group {word!r}" for word in unknown]
        provider_id = self._provider_id(values, name, municipality, postcode)
        provider = Provider(
            id=provider_id,
            name=name,
            licensed=_licensed(values.get("vergund", "")),
            address=values.get("straat") or None,
            postcode=postcode,
            municipality_refnis=municipality.refnis,
            province_id=municipality.province_id,
            phone=values.get("telefoon") or None,
            email=_email(values.get("e-mail", ""), result),
            website=_website(values.get("website", ""), result),
            support_types=tuple(supports),
            target_groups=tuple(i for i in groups if i in self.target_rows),
            demo=False,
            source=self.source,
        )
        for column in ("name", "address", "phone", "email", "website"):
            value, limit = (
                getattr(provider, column),
                models.Provider.__table__.c[column].type.length,
            )
            if value and len(value) > limit:
                raise _Rejected(f"{column} is longer than {limit} characters")
        return provider

    def _municipality(self, name: str, postcode: str | None) -> models.Municipality:
        if name:
            municipality = self.by_variant.get(fold(name))
            if municipality is None:
                raise _Rejected(f"unknown municipality {name!r} (not in Flanders or Brussels)")
            codes = [p.code for p in municipality.postcodes]
            if postcode is not None and postcode not in codes:
                raise _Rejected(
                    f"postcode {postcode} does not belong to {municipality.name} "
                    f"({', '.join(codes)})"
                )
            return municipality
        if postcode is None:
            raise _Rejected("no municipality (gemeente) and no postcode")
        matches = [m for m in self.municipalities if postcode in {p.code for p in m.postcodes}]
        if not matches:
            raise _Rejected(f"postcode {postcode} is not in Flanders or Brussels")
        if len(matches) > 1:
            names = ", ".join(m.name for m in matches)
            raise _Rejected(f"postcode {postcode} belongs to several municipalities ({names})")
        return matches[0]

    def _provider_id(
        self,
        values: dict[str, str],
        name: str,
        municipality: models.Municipality,
        postcode: str | None,
    ) -> str:
        number = _slug(values.get("erkenningsnummer", ""))
        base = number or f"{_slug(name)[:40]}_{postcode or municipality.refnis}"
        provider_id = f"vaph_{base}"[:60]
        if provider_id in self.seen:
            raise _Rejected(f"same provider id {provider_id!r} as row {self.seen[provider_id]}")
        if provider_id in self.demo_ids:
            raise _Rejected(f"provider id {provider_id!r} is used by a demo provider")
        return provider_id

    def replace_imported(self, providers: list[Provider]) -> int:
        """Replace the previously imported providers by `providers`; returns how many went."""
        query = select(models.Provider).where(models.Provider.demo.is_(False))
        previous = list(self.session.execute(query).scalars())
        for row in previous:
            self.session.delete(row)
        self.session.flush()
        self.session.add_all(
            provider_model(p, self.support_rows, self.target_rows) for p in providers
        )
        return len(previous)


class _Rejected(Exception):
    """A row that cannot be imported, with the reason."""


def _licensed(value: str) -> bool:
    folded = fold(value)
    if not folded or folded in YES:
        return True
    if folded in NO:
        return False
    raise _Rejected(f"vergund must be ja or nee, got {value!r}")


def _email(value: str, result: RowResult) -> str | None:
    if value and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
        result.warnings.append(f"e-mail address {value!r} left out: not an e-mail address")
        return None
    return value or None


def _website(value: str, result: RowResult) -> str | None:
    if value and not re.match(r"^https?://", value, re.IGNORECASE):
        value = f"https://{value}"
    if value and not is_web_url(value):
        result.warnings.append(f"website {value!r} left out: not a web address")
        return None
    return value or None
