"""knowledge.importer: every row of the provider list is imported or rejected with a reason."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.__main__ import main
from knowledge.build import NoDatabase, build
from knowledge.db import make_engine
from knowledge.importer import ImportFailed, import_providers
from knowledge.models import Provider
from tests.knowledge.sample_data import write_sample_data

LIST_URL = "https://www.vaph.be/zorgaanbieders"
TODAY = date(2026, 11, 30)

# Semicolon-separated, as a Belgian spreadsheet exports it; column names as variants.
SAMPLE = """\
Naam;Erkenningsnummer;Straat;Postcode;Gemeente;Telefoon;E-mail;Website;Ondersteuningsfuncties;Doelgroepen;Opmerking
De Vlinder;VZA-101;Kerkstraat 1;9000;Gent;09 123 45 67;info@devlinder.be;www.devlinder.be;Dagcentrum, logeren, zwemclub;Autisme
Huis Zonder Gemeente;VZA-102;;9000;Gentbrugge-Noord;;;;woonondersteuning;
Verkeerde Postcode;VZA-103;;9000;Aalst;;;;dagondersteuning;
Alleen Onbekend;VZA-104;;3000;Leuven;;;;paardrijden;
Op Postcode;VZA-105;;9300;;;;;begeleid wonen;NAH / rolstoel
;VZA-106;;9000;Gent;;;;dagcentrum;
Dubbel;VZA-101;;9000;Gent;;;;dagcentrum;
Sint-Genesius;VZA-107;;1640;sint genesius rode;;geen-mail;;Individuele praktische hulp;
"""  # noqa: E501


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'knowledge.db'}"
    build(url, write_sample_data(tmp_path / "data"))
    return url


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "zorgaanbieders.csv"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


@pytest.fixture
def session_for(db_url: str) -> Iterator[Session]:
    engine = make_engine(db_url)
    with Session(engine, future=True) as session:
        yield session
    engine.dispose()


def test_every_row_is_accounted_for(sample: Path, db_url: str) -> None:
    report = import_providers(sample, db_url, source_url=LIST_URL, today=TODAY)
    assert [row.row for row in report.rows] == list(range(2, 10))
    by_row = {row.row: row for row in report.rows}
    assert by_row[2].imported and by_row[2].provider_id == "vaph_vza_101"
    assert by_row[2].warnings == ["unknown support type 'zwemclub'"]
    assert by_row[3].reason == (
        "unknown municipality 'Gentbrugge-Noord' (not in Flanders or Brussels)"
    )
    assert by_row[4].reason.startswith("postcode 9000 does not belong to Aalst")
    assert by_row[5].reason == "no known support type in 'paardrijden'"
    assert by_row[5].warnings == ["unknown support type 'paardrijden'"]
    assert by_row[6].imported  # municipality found by postcode alone
    assert by_row[6].warnings == []
    assert by_row[7].reason == "no name (naam)"
    assert by_row[8].reason == "same provider id 'vaph_vza_101' as row 2"
    assert by_row[9].imported  # name spelled differently
    assert by_row[9].warnings == ["e-mail address 'geen-mail' left out: not an e-mail address"]
    assert len(report.imported) + len(report.rejected) == len(report.rows) == 8
    assert report.ignored_columns == ["Opmerking"]
    assert report.written and report.replaced == 0


def test_imported_providers_are_stored(sample: Path, db_url: str, session_for: Session) -> None:
    import_providers(sample, db_url, source_url=LIST_URL, today=TODAY)
    providers = {p.id: p for p in session_for.execute(select(Provider)).scalars()}
    vlinder = providers["vaph_vza_101"]
    assert (vlinder.demo, vlinder.source_url, vlinder.checked_on, vlinder.status) == (
        False,
        LIST_URL,
        TODAY,
        "verified",
    )
    assert vlinder.licensed
    assert vlinder.municipality.name == "Gent" and vlinder.province_id == "oost_vlaanderen"
    assert vlinder.website == "https://www.devlinder.be"
    assert {t.id for t in vlinder.support_types} == {"dagondersteuning", "logeren"}
    assert {t.id for t in vlinder.target_groups} == {"autisme"}
    on_postcode = providers["vaph_vza_105"]
    assert on_postcode.municipality.name == "Aalst"
    assert {t.id for t in on_postcode.target_groups} == {"nah", "motorische_beperking"}
    assert providers["vaph_vza_107"].municipality.name == "Sint-Genesius-Rode"
    assert providers["voorbeeld_gent"].demo  # demo providers stay


def test_importing_again_replaces_the_previous_import(sample: Path, db_url: str) -> None:
    import_providers(sample, db_url, source_url=LIST_URL, today=TODAY)
    again = import_providers(sample, db_url, source_url=LIST_URL, today=TODAY)
    assert again.replaced == 3 and len(again.imported) == 3


def test_nothing_is_written_when_no_row_can_be_imported(tmp_path: Path, db_url: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("naam,postcode,ondersteuningsfuncties\nA,9999,dagcentrum\n", "utf-8")
    report = import_providers(path, db_url, source_url=LIST_URL)
    assert not report.written
    assert report.rows[0].reason == "postcode 9999 is not in Flanders or Brussels"


def test_missing_columns_are_named(tmp_path: Path, db_url: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("naam,adres\nA,Straat 1\n", "utf-8")
    with pytest.raises(ImportFailed, match="missing column.*ondersteuningsfuncties"):
        import_providers(path, db_url, source_url=LIST_URL)


def test_an_xlsx_list_gives_the_same_result_as_its_csv_export(
    sample: Path, tmp_path: Path, db_url: str
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in SAMPLE.splitlines():
        sheet.append([cell or None for cell in line.split(";")])
    path = tmp_path / "zorgaanbieders.xlsx"
    workbook.save(path)

    from_xlsx = import_providers(path, db_url, source_url=LIST_URL, today=TODAY)
    from_csv = import_providers(sample, db_url, source_url=LIST_URL, today=TODAY)

    assert [(r.row, r.imported, r.reason) for r in from_xlsx.rows] == [
        (r.row, r.imported, r.reason) for r in from_csv.rows
    ]
    assert len(from_xlsx.imported) == 3


def test_xlsx_without_openpyxl_asks_for_csv(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails as when not installed
    path = tmp_path / "lijst.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(ImportFailed, match="openpyxl.*save it as CSV"):
        import_providers(path, db_url, source_url=LIST_URL)


def test_the_source_url_must_be_a_web_address(sample: Path, db_url: str) -> None:
    with pytest.raises(ImportFailed, match="--source-url"):
        import_providers(sample, db_url, source_url="vaph.be")


def test_no_database(sample: Path, tmp_path: Path) -> None:
    with pytest.raises(NoDatabase, match="python -m knowledge build"):
        import_providers(sample, f"sqlite:///{tmp_path / 'none.db'}", source_url=LIST_URL)
    assert not (tmp_path / "none.db").exists()


def test_the_cli_lists_every_row(
    sample: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import-providers", str(sample), "--source-url", LIST_URL, "--db", db_url])
    out = capsys.readouterr().out
    assert code == 0
    assert "8 rows" in out and "3 imported, 5 rejected" in out
    assert "row 2: imported vaph_vza_101 (De Vlinder); unknown support type 'zwemclub'" in out
    assert "row 3: REJECTED (Huis Zonder Gemeente): unknown municipality" in out
