"""knowledge.check: stale records and source URLs that sources.yml and the records disagree on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.__main__ import main
from knowledge.build import NoDatabase, build
from knowledge.check import StaleRecord, check
from tests.knowledge.sample_data import replace_in, write_sample_data

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


def test_a_record_checked_over_a_year_ago_is_listed(data_dir: Path, db_url: str) -> None:
    report = check(db_url, TODAY, data_dir)
    assert report.stale == [StaleRecord("priority_groups", "PG1", date(2025, 10, 1))]


def test_everything_is_stale_two_years_on(data_dir: Path, db_url: str) -> None:
    report = check(db_url, date(2028, 12, 1), data_dir)
    tables = {record.table for record in report.stale}
    assert {"rights", "amounts", "municipalities", "providers", "services"} <= tables
    assert StaleRecord("amounts", "PVB.per_month", date(2026, 11, 24)) in report.stale


def test_an_unused_source_url_is_listed(data_dir: Path, db_url: str) -> None:
    report = check(db_url, TODAY, data_dir)
    assert report.unused_sources == [OLD_PAGE]
    assert "https://statbel.fgov.be/" in report.untracked_sources  # used, no longer listed
    assert "https://www.vaph.be/" not in report.untracked_sources
    assert not report.ok


def test_no_database(tmp_path: Path, data_dir: Path) -> None:
    with pytest.raises(NoDatabase):
        check(f"sqlite:///{tmp_path / 'none.db'}", TODAY, data_dir)
    assert not (tmp_path / "none.db").exists()


def test_the_cli_prints_the_findings(
    data_dir: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", "--db", db_url, "--data-dir", str(data_dir), "--today", "2026-12-01"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "priority_groups: PG1 (checked on 2025-10-01)" in out
    assert f"Sources in sources.yml that no record uses: 1\n  {OLD_PAGE}" in out
