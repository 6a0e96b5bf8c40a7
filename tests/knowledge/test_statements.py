"""Statements (statements.yml) and the reading level of placeholders (issue 15).

A statement is a fact told in words, with a `gewoon` and an `eenvoudig` wording and its own
source. An FAQ text takes it through {ID.text}: each reading level gets its own wording, and
the statement's id joins the answer's `uses`. Amounts and addresses are filled in at the
text's level too. Runs on the sample data set (tests/knowledge/sample_data.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from knowledge.build import MAY_HAVE_CHANGED, build
from knowledge.db import make_engine
from knowledge.loader import DataError, load
from knowledge.models import FaqAnswer, Statement
from tests.knowledge.sample_data import line_of, replace_in, write_sample_data

PVB_GEWOON = "Een persoonsvolgend budget is geld voor ondersteuning."
PVB_EENVOUDIG = "Een budget is geld."


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_sample_data(tmp_path / "data")


def answers(data_dir: Path, tmp_path: Path) -> dict[tuple[str, str], FaqAnswer]:
    """Build the data set and return its FAQ answers by (topic, level)."""
    url = f"sqlite:///{tmp_path / 'knowledge.db'}"
    build(url, data_dir)
    engine = make_engine(url)
    try:
        with Session(engine, future=True) as session:
            rows = session.query(FaqAnswer).all()
            statements = session.query(Statement).all()
            assert [s.id for s in statements] == ["pvb_belastingvrij"]
            return {(a.topic, a.level): a for a in rows}
    finally:
        engine.dispose()


def use_statement(data_dir: Path) -> None:
    """Let both texts of what_is_pvb tell the sample statement."""
    faq = data_dir / "faq.yml"
    replace_in(faq, PVB_GEWOON, f"{PVB_GEWOON}\n    {{pvb_belastingvrij.text}}")
    replace_in(faq, PVB_EENVOUDIG, f"{PVB_EENVOUDIG}\n    {{pvb_belastingvrij.text}}")


def test_a_statement_gives_the_wording_of_each_reading_level(
    data_dir: Path, tmp_path: Path
) -> None:
    use_statement(data_dir)
    found = answers(data_dir, tmp_path)
    gewoon, eenvoudig = found[("what_is_pvb", "gewoon")], found[("what_is_pvb", "eenvoudig")]
    assert "Op een persoonsvolgend budget betaal je geen belastingen." in gewoon.text
    assert "Je betaalt er geen belasting op." in eenvoudig.text
    assert "Je betaalt er geen belasting op." not in gewoon.text
    # The statement's source joins the answer's sources, after the ones in `uses`.
    assert gewoon.uses == eenvoudig.uses == ["PVB", "pvb_belastingvrij"]
    assert found[("what_is_bob", "gewoon")].uses == ["BOB", "zorgkas"]


def test_an_uncertain_statement_marks_the_answer(data_dir: Path, tmp_path: Path) -> None:
    use_statement(data_dir)
    replace_in(data_dir / "statements.yml", "status: verified", "status: uncertain")
    gewoon = answers(data_dir, tmp_path)[("what_is_pvb", "gewoon")]
    assert gewoon.uncertain
    assert gewoon.text.endswith(MAY_HAVE_CHANGED["gewoon"])  # the text names no VAPH


def test_a_statement_can_fill_in_a_service(data_dir: Path, tmp_path: Path) -> None:
    use_statement(data_dir)
    replace_in(
        data_dir / "statements.yml",
        "eenvoudig: Je betaalt er geen belasting op.",
        "eenvoudig: Vraag het VAPH op {vaph.phone}.",
    )
    eenvoudig = answers(data_dir, tmp_path)[("what_is_pvb", "eenvoudig")]
    assert "Vraag het VAPH op 02 225 84 11." in eenvoudig.text


def test_an_address_is_filled_in_with_postcode_and_municipality(
    data_dir: Path, tmp_path: Path
) -> None:
    replace_in(data_dir / "faq.yml", "Bel het VAPH.", "Ga naar {vaph.address}.")
    eenvoudig = answers(data_dir, tmp_path)[("what_is_bob", "eenvoudig")]
    assert eenvoudig.text == "Ga naar Koning Albert II-laan 37, 1030 Schaarbeek."


def test_an_eenvoudig_amount_has_its_year_on_the_next_line(data_dir: Path, tmp_path: Path) -> None:
    eenvoudig = answers(data_dir, tmp_path)[("what_is_pvb", "eenvoudig")]
    lines = eenvoudig.text.split("\n")
    index = lines.index("Je krijgt ongeveer 300 euro elke maand.")
    assert lines[index + 1] == "Dat bedrag is van 2024."
    assert "(" not in eenvoudig.text


# --- validation (more cases, statements_*, in test_loader.py) ----------------------------


def test_an_amount_in_an_eenvoudig_text_needs_an_eenvoudig_wording(data_dir: Path) -> None:
    replace_in(data_dir / "rights.yml", "      eenvoudig: 300 euro elke maand\n", "")
    message = "amount 'per_month' of 'PVB' has no `eenvoudig` wording"
    with pytest.raises(DataError, match=message) as raised:
        load(data_dir)
    faq = data_dir / "faq.yml"  # the error is where the amount is used
    where = (Path(raised.value.path), raised.value.line)
    assert where == (faq.resolve(), line_of(faq, "{PVB.amount.per_month}"))


def test_a_gewoon_text_may_use_an_amount_without_an_eenvoudig_wording(data_dir: Path) -> None:
    replace_in(data_dir / "rights.yml", "      eenvoudig: 300 euro elke maand\n", "")
    replace_in(data_dir / "faq.yml", "Je krijgt ongeveer {PVB.amount.per_month}.", "Kort.")
    replace_in(data_dir / "faq.yml", PVB_GEWOON, f"{PVB_GEWOON} {{PVB.amount.per_month}}")
    assert load(data_dir).faq


def test_a_service_without_an_address_has_no_address_placeholder(data_dir: Path) -> None:
    replace_in(data_dir / "faq.yml", "Bel het VAPH.", "Ga naar {zorgkas.address}.")
    with pytest.raises(DataError, match="service 'zorgkas' has no address"):
        load(data_dir)
