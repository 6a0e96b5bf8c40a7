"""knowledge.check: statuses against facts.json, figures typed into FAQ texts, old crisis-line
sources, stale records and source URLs that sources.yml and the records disagree on."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from knowledge.__main__ import main
from knowledge.build import NoDatabase, build
from knowledge.check import (
    CheckReport,
    CitedRecord,
    CrisisSource,
    FactsFileError,
    StaleRecord,
    StatusDifference,
    TextFacts,
    check,
)
from knowledge.loader import DataError, load
from tests.knowledge.sample_data import SOURCE, line_of, replace_in, write_sample_data

OLD_PAGE = "https://www.vaph.be/een-pagina-die-niet-meer-gebruikt-wordt"
TODAY = date(2026, 12, 1)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data_dir = write_sample_data(tmp_path / "data")
    replace_in(data_dir / "priority_groups.yml", "checked_on: 2026-11-24", "checked_on: 2025-10-01")
    replace_in(data_dir / "sources.yml", "- https://statbel.fgov.be/", f"- {OLD_PAGE}")
    return data_dir


@pytest.fixture
def db_url(tmp_path: Path, data_dir: Path) -> str:
    url = f"sqlite:///{tmp_path / 'knowledge.db'}"
    build(url, data_dir)
    return url


# facts.json as the domain team writes it, with the statuses of the sample data.
SAMPLE_FACTS: dict[str, Any] = {
    "priority_groups": [{"id": "PG1", "name": "Prioriteitengroep 1", "status": "verified"}],
    "automatic_grant_groups": [{"id": "ATG_NOOD", "name": "Noodprocedure", "status": "verified"}],
    "rights": [
        {"id": "PVB", "name": "Persoonsvolgend budget", "status": "verified"},
        {"id": "BOB", "name": "Zorgbudget", "status": "verified"},
    ],
    "support_types": [{"id": "woonondersteuning", "status": "uncertain"}],  # not compared
    "contacts": [],
}


def write_facts(path: Path, changes: dict[str, Any] | None = None) -> Path:
    path.write_text(json.dumps({**SAMPLE_FACTS, **(changes or {})}), encoding="utf-8")
    return path


@pytest.fixture
def facts_path(tmp_path: Path) -> Path:
    return write_facts(tmp_path / "facts.json")


def test_a_record_checked_over_a_year_ago_is_listed(
    data_dir: Path, db_url: str, facts_path: Path
) -> None:
    report = check(db_url, TODAY, data_dir, facts_path)
    assert report.stale == [StaleRecord("priority_groups", "PG1", date(2025, 10, 1))]


def test_everything_is_stale_two_years_on(data_dir: Path, db_url: str, facts_path: Path) -> None:
    report = check(db_url, date(2028, 12, 1), data_dir, facts_path)
    tables = {record.table for record in report.stale}
    assert {"rights", "amounts", "municipalities", "providers", "services"} <= tables
    assert StaleRecord("amounts", "PVB.per_month", date(2026, 11, 24)) in report.stale


def test_an_unused_source_url_is_listed(data_dir: Path, db_url: str, facts_path: Path) -> None:
    report = check(db_url, TODAY, data_dir, facts_path)
    assert report.unused_sources == [OLD_PAGE]
    assert "https://statbel.fgov.be/" in report.untracked_sources  # used, no longer listed
    assert "https://www.vaph.be/" not in report.untracked_sources
    assert not report.ok


def test_no_database(tmp_path: Path, data_dir: Path, facts_path: Path) -> None:
    with pytest.raises(NoDatabase):
        check(f"sqlite:///{tmp_path / 'none.db'}", TODAY, data_dir, facts_path)
    assert not (tmp_path / "none.db").exists()


def cli(db_url: str, data_dir: Path, facts_path: Path, today: str = "2026-12-01") -> list[str]:
    return [
        *("check", "--db", db_url, "--data-dir", str(data_dir)),
        *("--today", today, "--facts", str(facts_path)),
    ]


def test_the_cli_prints_the_findings(
    data_dir: Path, db_url: str, facts_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(cli(db_url, data_dir, facts_path)) == 0  # warnings only
    out = capsys.readouterr().out
    assert "priority_groups: PG1 (checked on 2025-10-01)" in out
    assert f"Sources in sources.yml that no record uses: 1\n  {OLD_PAGE}" in out
    assert "Records surer than" in out and "(ERROR): none" in out
    assert "Figures typed into FAQ texts, not from a record (ERROR): none" in out
    assert "Crisis lines with a source over 365 days old or without a date: none" in out
    assert out.endswith("Result: no errors.\n")


# --- statuses against facts.json ------------------------------------------------------------


def checked_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'checked.db'}"


def run_check(tmp_path: Path, data_dir: Path, facts: Path, today: date = TODAY) -> CheckReport:
    """Build the database from data_dir as it is now and check it."""
    build(checked_url(tmp_path), data_dir)
    return check(checked_url(tmp_path), today, data_dir, facts)


def run_cli(
    tmp_path: Path, data_dir: Path, facts: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    """`python -m knowledge check` on the database of the latest run_check: (exit code, output)."""
    code = main(cli(checked_url(tmp_path), data_dir, facts))
    return code, capsys.readouterr().out


def test_statuses_as_in_facts_json_are_no_finding(
    tmp_path: Path, data_dir: Path, facts_path: Path
) -> None:
    report = run_check(tmp_path, data_dir, facts_path)
    assert report.facts_found
    assert report.status_differences == []
    assert not report.has_errors


def test_a_record_surer_than_facts_json_is_an_error(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rights = [
        {"id": "PVB", "status": "uncertain"},
        {"id": "BOB", "status": "verified"},
        {"id": "PAB", "status": "uncertain"},  # no such record: not compared
    ]
    facts = write_facts(
        tmp_path / "facts.json",
        {
            "rights": rights,
            "automatic_grant_groups": [{"id": "ATG_NOOD", "status": "not_found"}],
        },
    )
    report = run_check(tmp_path, data_dir, facts)
    assert report.status_differences == [
        StatusDifference(
            "automatic_grants.yml",
            "ATG_NOOD",
            "verified",
            "not_found",
            "automatic_grant_groups ATG_NOOD",
        ),
        StatusDifference("rights.yml", "PVB", "verified", "uncertain", "rights PVB"),
    ]
    assert all(d.surer_than_facts for d in report.status_differences)
    assert report.has_errors

    code, out = run_cli(tmp_path, data_dir, facts, capsys)
    assert code == 1
    assert "(ERROR): 2\n" in out
    assert "  rights.yml: PVB is verified; rights PVB is uncertain\n" in out
    assert out.endswith("Result: ERRORS (exit code 1).\n")


def test_a_record_more_careful_than_facts_json_is_a_warning(
    tmp_path: Path, data_dir: Path, facts_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(
        data_dir / "priority_groups.yml",
        "status: verified",
        "status: uncertain  # brief: [ONZEKER]",
    )
    report = run_check(tmp_path, data_dir, facts_path)
    assert report.status_differences == [
        StatusDifference(
            "priority_groups.yml", "PG1", "uncertain", "verified", "priority_groups PG1"
        )
    ]
    assert not report.has_errors

    code, out = run_cli(tmp_path, data_dir, facts_path, capsys)
    assert code == 0
    assert "  priority_groups.yml: PG1 is uncertain; priority_groups PG1 is verified\n" in out


def test_a_contact_is_matched_by_the_main_source_of_a_service(
    tmp_path: Path, data_dir: Path
) -> None:
    contacts = [
        {"name": "VAPH", "details": "www.vaph.be", "status": "uncertain", "source": SOURCE},
        {"name": "Elders", "status": "uncertain", "source": "https://example.org/elders"},
        {"name": "Zonder bron", "status": "not_found", "source": None},
    ]
    replace_in(
        data_dir / "services.yml",
        f"  source_url: {SOURCE}\n  checked_on: 2026-11-24\n  status: verified",
        f"  source_url: https://www.vaph.be/contact\n  other_sources: [{SOURCE}]\n"
        "  checked_on: 2026-11-24\n  status: verified",
    )  # the first service, vaph: the page is only one of its other sources
    with (data_dir / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write("- https://www.vaph.be/contact\n")
    facts = write_facts(tmp_path / "facts.json", {"contacts": contacts})
    report = run_check(tmp_path, data_dir, facts)
    assert {(d.file, d.id) for d in report.status_differences} == {
        ("services.yml", "zorgkas"),
        ("services.yml", "vaph_gent"),
    }
    assert report.status_differences[0].facts_entry == "contacts 'VAPH'"
    assert report.has_errors  # verified records, an uncertain contact


def test_no_facts_json_is_a_warning(
    tmp_path: Path, data_dir: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "facts.json"
    report = check(db_url, TODAY, data_dir, missing)
    assert not report.facts_found and report.status_differences == []
    assert not report.has_errors and not report.ok
    assert main(cli(db_url, data_dir, missing)) == 0
    out = capsys.readouterr().out
    assert "facts.json not found, so no status was compared with it." in out
    assert "(ERROR): not compared" in out


def test_an_unreadable_facts_json_is_an_error(
    tmp_path: Path, data_dir: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "facts.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(FactsFileError):
        check(db_url, TODAY, data_dir, broken)
    assert main(cli(db_url, data_dir, broken)) == 1
    assert "facts.json: cannot read it" in capsys.readouterr().err


# --- facts typed into FAQ texts -------------------------------------------------------------


def test_a_figure_typed_into_an_faq_text_is_an_error(
    tmp_path: Path, data_dir: Path, facts_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(data_dir / "faq.yml", "Een budget is geld.", "Een budget is geld, tot 65 jaar.")
    replace_in(data_dir / "faq.yml", "Bel het VAPH.", "Bel het VAPH op 02 225 84 11.")
    report = run_check(tmp_path, data_dir, facts_path)
    assert report.text_facts == [
        TextFacts("what_is_pvb", "eenvoudig", ("65 jaar",)),
        TextFacts("what_is_bob", "eenvoudig", ("02 225 84 11",)),
    ]
    assert report.has_errors

    code, out = run_cli(tmp_path, data_dir, facts_path, capsys)
    assert code == 1
    assert "Figures typed into FAQ texts, not from a record (ERROR): 2\n" in out
    assert "  faq.yml: what_is_bob (eenvoudig): 02 225 84 11\n" in out


# --- crisis-line sources --------------------------------------------------------------------

CRISIS_LINES = f"""\
- id: noodnummer_112
  kind: crisislijn
  name: Noodnummer 112
  description: Bel bij gevaar.
  phone: "112"
  source_url: {SOURCE}
  checked_on: 2026-11-24
  status: verified
- id: zelfmoordlijn_1813
  kind: crisislijn
  name: Zelfmoordlijn 1813
  description: Praat erover.
  phone: "1813"
  source_url: {SOURCE}
  source_date: 2019-09
  checked_on: 2026-11-24
  status: verified
- id: tele_onthaal_106
  kind: crisislijn
  name: Tele-Onthaal 106
  description: Praat met iemand.
  phone: "106"
  source_url: {SOURCE}
  source_date: 2025-12-01
  checked_on: 2026-11-24
  status: verified
"""


def test_old_and_undated_crisis_line_sources_are_a_warning(
    tmp_path: Path, data_dir: Path, facts_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (data_dir / "services.yml").open("a", encoding="utf-8") as services:
        services.write(CRISIS_LINES)
    report = run_check(tmp_path, data_dir, facts_path)  # TODAY: 2026-12-01
    assert report.old_crisis_sources == [
        CrisisSource("noodnummer_112", SOURCE, None),
        CrisisSource("zelfmoordlijn_1813", SOURCE, "2019-09"),
    ]  # tele_onthaal_106's source is 365 days old: not over 12 months yet
    assert not report.has_errors

    later = run_check(tmp_path, data_dir, facts_path, date(2026, 12, 2))
    assert [line.id for line in later.old_crisis_sources][-1] == "tele_onthaal_106"

    code, out = run_cli(tmp_path, data_dir, facts_path, capsys)
    assert code == 0
    assert "Crisis lines with a source over 365 days old or without a date: 2\n" in out
    assert f"  noodnummer_112: {SOURCE} (no source_date)\n" in out
    assert f"  zelfmoordlijn_1813: {SOURCE} (source_date 2019-09)\n" in out


# --- a source without a public page ---------------------------------------------------------

CITATION = "Congres Hulpverlening als sociale onderneming?!, UCLL, 3 juni 2022"


def test_a_record_with_a_citation_is_listed_not_missing_from_sources_yml(
    tmp_path: Path, data_dir: Path, facts_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(
        data_dir / "statements.yml", f"  source_url: {SOURCE}\n", f"  source_citation: {CITATION}\n"
    )
    report = run_check(tmp_path, data_dir, facts_path)
    assert report.cited == [CitedRecord("statements", "pvb_belastingvrij", CITATION)]
    # sources.yml lists URLs: a record without one is not "missing" from it
    assert None not in report.untracked_sources
    assert CITATION not in report.untracked_sources
    assert SOURCE not in report.unused_sources  # other records still use it
    assert not report.has_errors

    code, out = run_cli(tmp_path, data_dir, facts_path, capsys)
    assert code == 0
    assert "None" not in out and f"  {CITATION}\n" not in out
    assert (
        "Records sourced by a citation, not a public page (replace it when one is found): 1\n"
        f"  statements: pvb_belastingvrij: {CITATION}\n"
    ) in out


def test_a_crisis_line_with_a_citation_shows_it(
    tmp_path: Path, data_dir: Path, facts_path: Path
) -> None:
    with (data_dir / "services.yml").open("a", encoding="utf-8") as services:
        services.write(
            CRISIS_LINES.replace(f"source_url: {SOURCE}", f"source_citation: {CITATION}", 1)
        )
    report = run_check(tmp_path, data_dir, facts_path)
    assert report.old_crisis_sources[0] == CrisisSource("noodnummer_112", CITATION, None)


def test_only_crisis_lines_need_a_recent_source(
    tmp_path: Path, data_dir: Path, facts_path: Path
) -> None:
    replace_in(
        data_dir / "services.yml",
        "  checked_on: 2026-11-24",
        "  source_date: 2001-01\n  checked_on: 2026-11-24",
    )
    assert run_check(tmp_path, data_dir, facts_path).old_crisis_sources == []


# --- source_date in the data files ----------------------------------------------------------


def test_source_date_is_a_day_or_a_month(data_dir: Path) -> None:
    replace_in(
        data_dir / "rights.yml",
        "  how_to_apply: Via",
        "  source_date: 2024-05\n  how_to_apply: Via",
    )
    replace_in(
        data_dir / "priority_groups.yml",
        "  checked_on:",
        "  source_date: 2023-03-06\n  checked_on:",
    )
    data = load(data_dir)
    pvb = data.rights[0]
    assert pvb.source.source_date == "2024-05"
    assert pvb.source.source_day == date(2024, 5, 1)
    assert pvb.amounts[0].source.source_date is None  # the amount names its own page
    assert data.priority_groups[0].source.source_date == "2023-03-06"
    assert data.automatic_grants[0].source.source_date is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-13", "`source_date` must be a date YYYY-MM-DD or a month YYYY-MM, got '2019-13'"),
        ("2019-02-30", "`source_date` must be a date YYYY-MM-DD or a month YYYY-MM"),
        ("september 2019", "`source_date` must be a date YYYY-MM-DD or a month YYYY-MM"),
        ("2019", "`source_date` must be a date YYYY-MM-DD or a month YYYY-MM, got 2019"),
        ("2025-11", "`source_date` 2025-11 is after `checked_on` 2025-10-01"),
    ],
)
def test_a_wrong_source_date_names_its_line(data_dir: Path, value: str, message: str) -> None:
    path = data_dir / "priority_groups.yml"
    replace_in(path, "  checked_on:", f"  source_date: {value}\n  checked_on:")
    with pytest.raises(DataError) as raised:
        load(data_dir)
    assert raised.value.line == line_of(path, "source_date:")
    assert message in raised.value.message
