"""knowledge.build: validates first, builds idempotently, fills in the FAQ placeholders."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from knowledge.__main__ import main
from knowledge.build import MAY_HAVE_CHANGED, UNCERTAIN_POINTER, build
from knowledge.db import make_engine
from knowledge.loader import FAQ_TOPICS, DataError
from knowledge.models import Amount, FaqAnswer, Municipality, Provider, Province
from tests.conftest import POSTGRES_URL
from tests.knowledge.sample_data import COMMON, line_of, replace_in, write_sample_data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_sample_data(tmp_path / "data")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "knowledge.db"


@pytest.fixture
def session(data_dir: Path, db_path: Path) -> Iterator[Session]:
    build(f"sqlite:///{db_path}", data_dir)
    engine = make_engine(f"sqlite:///{db_path}")
    with Session(engine, future=True) as session:
        yield session
    engine.dispose()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_building_twice_gives_the_same_counts(data_dir: Path, db_path: Path) -> None:
    first = build(f"sqlite:///{db_path}", data_dir)
    second = build(f"sqlite:///{db_path}", data_dir)
    assert first.counts == second.counts
    assert first.counts["faq_answers"] == 2 * len(FAQ_TOPICS)  # two reading levels
    assert first.counts["statements"] == 1
    assert first.counts["municipalities"] == 304
    assert first.counts["provinces"] == 5
    assert first.counts["providers"] == 2
    assert first.counts["amounts"] == 1
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["knowledge.db"]  # no temp files


def test_faq_placeholders_are_filled_in(session: Session) -> None:
    answers = {(a.topic, a.level): a for a in session.execute(select(FaqAnswer)).scalars()}
    gewoon = answers[("what_is_pvb", "gewoon")]
    assert "vanaf 17 jaar, voor je 65 bent" in gewoon.text
    assert not gewoon.uncertain
    eenvoudig = answers[("what_is_pvb", "eenvoudig")]
    # Eenvoudig: the amount's own eenvoudig wording, and its year as a sentence on the next
    # line, never the gewoon "(bedrag van 2024)".
    assert "Je krijgt ongeveer 300 euro elke maand.\nDat bedrag is van 2024." in eenvoudig.text
    assert "(bedrag van" not in eenvoudig.text
    assert eenvoudig.uncertain  # the amount is uncertain
    assert "02 225 84 11" in answers[("what_is_bob", "gewoon")].text
    assert answers[("what_is_bob", "gewoon")].uses == ["BOB", "zorgkas"]
    assert all("{" not in a.text for a in answers.values())


def test_every_faq_answer_carries_its_topic_title_at_both_levels(session: Session) -> None:
    answers = {(a.topic, a.level): a for a in session.execute(select(FaqAnswer)).scalars()}
    assert answers[("what_is_pvb", "gewoon")].title == "Wat is een persoonsvolgend budget?"
    assert answers[("what_is_pvb", "eenvoudig")].title == "Wat is een persoonsvolgend budget?"
    assert answers[("privacy", "eenvoudig")].title == "Vraag over privacy?"


@pytest.mark.parametrize(
    ("money", "year", "spoken"),
    [
        (True, 2019, "300 euro per maand (bedrag van 2019)"),
        (False, 2021, "300 euro per maand (cijfer van 2021)"),  # a time, count or score
        (True, None, "300 euro per maand"),
    ],
)
def test_the_year_is_said_as_an_amount_only_for_money(
    money: bool, year: int | None, spoken: str
) -> None:
    assert Amount(text="300 euro per maand", money=money, year=year).spoken() == spoken


@pytest.mark.parametrize(
    ("money", "year", "note"),
    [
        (True, 2019, "Dat bedrag is van 2019."),
        (False, 2021, "Dat cijfer is van 2021."),
        (True, None, None),
    ],
)
def test_eenvoudig_says_the_amount_plainly_and_its_year_apart(
    money: bool, year: int | None, note: str | None
) -> None:
    amount = Amount(text="300 euro per maand", eenvoudig="300 euro", money=money, year=year)
    assert amount.spoken("eenvoudig") == "300 euro"
    assert amount.year_note() == note


def test_an_uncertain_used_record_marks_the_answer(data_dir: Path, db_path: Path) -> None:
    replace_in(data_dir / "services.yml", "status: verified", "status: uncertain", count=2)
    build(f"sqlite:///{db_path}", data_dir)
    engine = make_engine(f"sqlite:///{db_path}")
    with Session(engine, future=True) as session:
        answer = session.get(FaqAnswer, ("what_is_bob", "eenvoudig"))
        assert answer is not None and answer.uncertain  # uses zorgkas, now uncertain
    engine.dispose()


def test_an_uncertain_answer_says_it_may_have_changed(session: Session) -> None:
    eenvoudig = session.get(FaqAnswer, ("what_is_pvb", "eenvoudig"))
    gewoon = session.get(FaqAnswer, ("what_is_pvb", "gewoon"))

    assert eenvoudig.uncertain
    # The sample text does not name the VAPH, so it is not sent there.
    assert eenvoudig.text.endswith(MAY_HAVE_CHANGED["eenvoudig"])
    assert not gewoon.uncertain
    assert "veranderd" not in gewoon.text


ROUTE = f"""\
- id: vaph_bereiken
  gewoon: Een vraag stel je het VAPH via {{vaph.website}}.
  eenvoudig: Stuur het VAPH een vraag via {{vaph.website}}.
  {COMMON}
"""


def build_with_route(data_dir: Path, db_path: Path, eenvoudig: str) -> FaqAnswer:
    """what_is_pvb at eenvoudig (uncertain: its amount is) with `eenvoudig` as first line."""
    with (data_dir / "statements.yml").open("a", encoding="utf-8") as statements:
        statements.write(ROUTE)
    replace_in(data_dir / "faq.yml", "Een budget is geld.", eenvoudig)
    build(f"sqlite:///{db_path}", data_dir)
    engine = make_engine(f"sqlite:///{db_path}")
    with Session(engine, future=True, expire_on_commit=False) as session:
        answer = session.get(FaqAnswer, ("what_is_pvb", "eenvoudig"))
    engine.dispose()
    assert answer is not None and answer.uncertain
    return answer


def test_an_uncertain_answer_naming_the_vaph_ends_with_the_way_to_reach_it(
    data_dir: Path, db_path: Path
) -> None:
    # "Een vraag stel je het VAPH ..." is a route, not a warning: the warning still follows.
    answer = build_with_route(data_dir, db_path, "Een vraag stel je het VAPH met een brief.")
    route = "Stuur het VAPH een vraag via https://www.vaph.be."
    assert answer.text.endswith(f"{UNCERTAIN_POINTER['eenvoudig']}\n{route}")
    assert answer.uses == ["PVB", "vaph_bereiken"]  # the route's source travels with it


def test_the_route_is_not_said_twice(data_dir: Path, db_path: Path) -> None:
    answer = build_with_route(data_dir, db_path, "Het VAPH geeft het.\n    {vaph_bereiken.text}")
    assert answer.text.count("Stuur het VAPH een vraag via") == 1
    assert answer.text.endswith(UNCERTAIN_POINTER["eenvoudig"])


def test_an_answer_that_says_itself_it_may_have_changed_gets_no_second_warning(
    data_dir: Path, db_path: Path
) -> None:
    answer = build_with_route(
        data_dir, db_path, "Het VAPH zegt dit. Het kan intussen veranderd zijn."
    )
    assert answer.text.count("veranderd") == 1
    assert "Stuur het VAPH" not in answer.text


def test_places_and_providers(session: Session) -> None:
    antwerpen = session.get(Province, "antwerpen")
    assert antwerpen is not None and antwerpen.source_url == "https://statbel.fgov.be/"
    gent = session.execute(select(Municipality).where(Municipality.name == "Gent")).scalar_one()
    assert gent.province_id == "oost_vlaanderen"
    assert gent.folded_name == "gent"
    assert "9000" in {p.code for p in gent.postcodes}
    assert gent.source_url == "https://statbel.fgov.be/"
    providers = {p.id: p for p in session.execute(select(Provider)).scalars()}
    assert providers["voorbeeld_gent"].demo
    assert providers["voorbeeld_gent"].province_id == "oost_vlaanderen"
    assert providers["voorbeeld_brussel"].province_id is None
    assert {t.id for t in providers["voorbeeld_gent"].support_types} == {
        "dagondersteuning",
        "logeren",
    }


def test_nothing_is_written_when_the_data_is_invalid(data_dir: Path, db_path: Path) -> None:
    build(f"sqlite:///{db_path}", data_dir)
    before = digest(db_path)
    replace_in(data_dir / "rights.yml", "where: [vaph, zorgkas]", "where: [zorgkass]")
    with pytest.raises(DataError, match="unknown service id 'zorgkass'"):
        build(f"sqlite:///{db_path}", data_dir)
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["knowledge.db"]


def test_no_database_is_created_from_invalid_data(data_dir: Path, db_path: Path) -> None:
    replace_in(data_dir / "faq.yml", "{PVB.min_age}", "{PVB.minimum}")
    with pytest.raises(DataError):
        build(f"sqlite:///{db_path}", data_dir)
    assert not db_path.exists()


def test_the_cli_prints_the_error_line_without_traceback(
    data_dir: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(data_dir / "rights.yml", "where: [vaph, zorgkas]", "where: [zorgkass]")
    code = main(["build", "--db", f"sqlite:///{db_path}", "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    line = line_of(data_dir / "rights.yml", "zorgkass")
    assert code == 1
    expected = f"rights.yml, line {line}: unknown service id 'zorgkass' in `where`"
    assert err.strip().endswith(expected)
    assert "Traceback" not in out + err


def test_the_cli_prints_the_counts(
    data_dir: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--db", f"sqlite:///{db_path}", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Built sqlite:///")
    assert "faq_answers" in out and str(2 * len(FAQ_TOPICS)) in out


@pytest.mark.postgres
def test_building_into_postgresql_is_idempotent(data_dir: Path) -> None:
    schema = "wegwijzer_knowledge_build_test"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    try:
        first = build(url, data_dir)
        second = build(url, data_dir)
        assert first.counts == second.counts
        assert first.counts["faq_answers"] == 2 * len(FAQ_TOPICS)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()
