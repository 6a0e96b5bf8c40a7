"""What the eligibility check and the FAQ tell about rights, on the real knowledge base
(knowledge/data/, built once by the `knowledge_url` fixture), one profile at a time.

Profiles (issue 15): a child, an adult under 65, someone of 65 or older recognised by the
VAPH, someone of 65 or older not recognised, and someone living in Brussels. Each test names
the rights that must and must not be offered, and the reasons given.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from actions.eligibility import ActionShowRights
from knowledge import db, queries
from knowledge.models import AutomaticGrant, Right
from tests.actions.conftest import Turn, load_tracker, run_action

FIRST_REQUEST = "een eerste aanvraag kan tot 65 jaar"
RECOGNISED_LATER = (
    "maar je bent al erkend door het VAPH: wie vóór 65 jaar erkend werd, "
    "kan ook later nog hulp vragen"
)
FLANDERS_OR_BRUSSELS = "en dit is voor wie in Vlaanderen of Brussel woont"


@pytest.fixture()
def session(knowledge_url: str) -> Iterator[Session]:
    with db.session(knowledge_url) as session:
        yield session


def offered(session: Session, place: str | None = None, **profile) -> dict[str, list[str]]:
    """The rights offered to a profile, by id, with their reasons."""
    lives_in = queries.resolve_municipality(session, place) if place else None
    matches = queries.rights_for_profile(session, lives_in=lives_in, **profile)
    return {match.right.id: match.reasons for match in matches}


def all_reasons(rights: dict[str, list[str]]) -> str:
    return " | ".join(reason for reasons in rights.values() for reason in reasons)


# --- the five profiles ----------------------------------------------------------------------


def test_a_child_gets_the_groeipakket_and_not_the_zorgbudget(session: Session) -> None:
    rights = offered(session, "Leuven", age=8)

    assert {"ONDERSTEUNINGSTOESLAG", "ZORGTOESLAG", "PAB", "MFC", "RTH"} <= set(rights)
    # For minors the zorgbudget became the ondersteuningstoeslag on 1 January 2023.
    assert "BOB" not in rights
    assert "PVB" not in rights and "ZB_OUDEREN" not in rights and "IVT_IT" not in rights
    assert "je bent 8 en dit kan tot 21 jaar" in rights["ONDERSTEUNINGSTOESLAG"]
    assert f"je bent 8 en {FIRST_REQUEST}" in rights["RTH"]


def test_an_adult_under_65_is_not_offered_the_zorgbudget(session: Session) -> None:
    rights = offered(session, "Gent", age=34, recognised=True, help_kind="geld")

    # New zorgbudgets only go to people moving over from NRTH (brief §3): not offered.
    assert "BOB" not in rights
    assert {"PVB", "IVT_IT", "ZB_ZWAAR"} <= set(rights)
    assert f"je bent 34 en {FIRST_REQUEST}" in rights["PVB"]
    assert "je bent door het VAPH erkend als persoon met een handicap" in rights["PVB"]
    assert "ZB_OUDEREN" not in rights and "PAB" not in rights


def test_someone_of_65_or_older_recognised_keeps_pvb_rth_and_imb(session: Session) -> None:
    rights = offered(session, "Hasselt", age=70, recognised=True)

    assert {"PVB", "RTH", "IMB", "ZB_OUDEREN"} <= set(rights)
    for right_id in ("PVB", "RTH", "IMB"):
        assert f"je bent 70, {RECOGNISED_LATER}" in rights[right_id]
    # The federal allowances are not the VAPH's: its recognition does not lift their limit.
    assert "IVT_IT" not in rights
    assert "BOB" not in rights and "MFC" not in rights
    assert FIRST_REQUEST not in all_reasons(rights)


def test_someone_of_65_or_older_not_recognised_gets_no_vaph_support(session: Session) -> None:
    rights = offered(session, "Hasselt", age=70, recognised=False)

    assert "PVB" not in rights and "RTH" not in rights and "IMB" not in rights
    assert "BOB" not in rights and "IVT_IT" not in rights
    assert "ZB_OUDEREN" in rights
    assert "je bent 70 en dit kan vanaf 65 jaar" in rights["ZB_OUDEREN"]
    assert "je hebt hiervoor geen erkenning van het VAPH nodig" in rights["ZB_OUDEREN"]


def test_someone_in_brussels_gets_reasons_only_where_the_brief_gives_them(
    session: Session,
) -> None:
    rights = offered(session, "Elsene", age=40)

    for right_id in ("PVB", "RTH", "IMB"):
        assert f"je woont in Elsene, {FLANDERS_OR_BRUSSELS}" in rights[right_id]
    # The brief states no residence rule for the zorgbudgetten: no reason about it.
    assert "ZB_ZWAAR" in rights
    assert not any(reason.startswith("je woont") for reason in rights["ZB_ZWAAR"])
    assert "BOB" not in rights


# --- single rules ---------------------------------------------------------------------------


def test_the_mfc_is_offered_during_its_exceptional_extension(session: Session) -> None:
    assert "je bent 21 en dit kan tot 22 jaar" in offered(session, age=21)["MFC"]
    assert (
        "je bent 23: dit kan meestal tot 22 jaar, en soms nog tot 26 jaar"
        in (offered(session, age=23)["MFC"])
    )
    assert "MFC" not in offered(session, age=26)


def test_the_zorgbudget_has_no_age_rule_and_is_never_offered(session: Session) -> None:
    bob = session.get(Right, "BOB")
    assert bob is not None
    assert bob.first_request_before_age is None and bob.new_grants_only_for
    assert bob.residence is None
    assert "BOB" not in offered(session)


@pytest.mark.parametrize("right_id", ["ZB_ZWAAR", "ZB_OUDEREN"])
def test_no_residence_rule_the_brief_does_not_give(session: Session, right_id: str) -> None:
    right = session.get(Right, right_id)
    assert right is not None and right.residence is None


@pytest.mark.parametrize(
    ("model", "record_id"),
    [(Right, "PVB"), (Right, "ZORGTOESLAG"), (AutomaticGrant, "ATG_NAH")],
)
def test_statuses_follow_the_brief(session: Session, model: type, record_id: str) -> None:
    record = session.get(model, record_id)
    assert record is not None and record.uncertain


# --- what the user reads --------------------------------------------------------------------


async def show_rights(**slots) -> Turn:
    return await run_action(ActionShowRights(), load_tracker("eligibility_done", slots=slots))


async def test_the_check_for_a_child_names_no_zorgbudget():
    turn = await show_rights(age="8", help_kind="geld", vaph_known="onbekend")

    titles = [text.split("\n")[0] for text in turn.texts[1:-1]]
    assert "Ondersteuningstoeslag (Groeipakket)" in titles
    assert not any(title.startswith("Zorgbudget voor mensen met een handicap") for title in titles)


async def test_the_check_for_a_recognised_65_plus_shows_rth_with_the_reason():
    turn = await show_rights(age="65-120", vaph_known="erkend", help_kind="begeleiding")

    texts = {text.split("\n")[0]: text for text in turn.texts[1:-1]}
    rth = texts["Rechtstreeks toegankelijke hulp (RTH)"]
    assert f"je bent 65 of ouder, {RECOGNISED_LATER}" in rth


def faq(session: Session, topic: str, level: str) -> str:
    answer = queries.faq_answer(session, topic, level)
    assert answer is not None
    return answer.text


def test_the_zorgbudget_amount_is_not_a_promise(session: Session) -> None:
    text = faq(session, "what_is_bob", "eenvoudig")
    assert "Je krijgt" not in text
    # Eenvoudig: no gewoon-level "(bedrag van 2019)"; the year is a sentence of its own.
    assert "Het laatste bedrag dat ik ken, is 300 euro per maand.\nDat bedrag is van 2019." in text


def test_waiting_times_are_figures_not_amounts(session: Session) -> None:
    text = faq(session, "waiting_time", "gewoon")
    assert "ongeveer 1 jaar in prioriteitengroep 1 (cijfer van 2021)" in text
    assert "bedrag van 2021" not in text and "bedrag van 2022" not in text
    assert "(bedrag van 2019)" in faq(session, "what_is_rth", "gewoon")  # money stays "bedrag"


@pytest.mark.parametrize("level", ["gewoon", "eenvoudig"])
def test_an_answer_about_the_pvb_says_it_may_have_changed(session: Session, level: str) -> None:
    assert "veranderd" in faq(session, "what_is_pvb", level)
