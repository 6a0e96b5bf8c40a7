"""The FAQ answers of knowledge/data/ tell the facts issue 15 found missing or misstated.

Built from the real data files, as the assistant says them. Figures are compared with the
records they come from, so a changed record does not break these tests; a text that stops
taking the fact from its record does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge import loader
from knowledge.build import build
from knowledge.db import make_engine
from knowledge.models import FaqAnswer

LEVELS = ("gewoon", "eenvoudig")
NEW_TOPICS = ("herziening", "zzi_interview", "contact_vaph")


@pytest.fixture(scope="module")
def data() -> loader.KnowledgeData:
    return loader.load()


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], FaqAnswer]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('knowledge') / 'knowledge.db'}"
    build(url)
    engine = make_engine(url)
    with Session(engine, future=True, expire_on_commit=False) as session:
        rows = session.execute(select(FaqAnswer)).scalars().all()
        yield {(a.topic, a.level): a for a in rows}
    engine.dispose()


def right(data: loader.KnowledgeData, right_id: str) -> loader.Right:
    return next(r for r in data.rights if r.id == right_id)


def service(data: loader.KnowledgeData, service_id: str) -> loader.Service:
    return next(s for s in data.services if s.id == service_id)


def statement(data: loader.KnowledgeData, statement_id: str) -> loader.Statement:
    return next(s for s in data.statements if s.id == statement_id)


# --- the 65 rule (issue 15: what_is_pvb left out recognition and the rule after 65) --------


@pytest.mark.parametrize("level", LEVELS)
def test_what_is_pvb_says_recognition_is_needed_and_what_happens_after_65(
    answers: dict[tuple[str, str], FaqAnswer], data: loader.KnowledgeData, level: str
) -> None:
    text = answers[("what_is_pvb", level)].text
    age = right(data, "PVB").first_request_before_age
    assert right(data, "PVB").open_after_age_if_recognised
    assert re.search(r"\berken(?:nen|d|de)\b", text), "recognition by the VAPH is required"
    assert f"na je {age} jaar nog" in text, "recognised before that age: still welcome after"
    assert f"vóór je {age} jaar" in text


# --- emergencies: a number, and the line for violence and abuse ------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_the_emergency_procedure_gives_112_and_1712_from_their_records(
    answers: dict[tuple[str, str], FaqAnswer], data: loader.KnowledgeData, level: str
) -> None:
    text = answers[("emergency_procedure", level)].text
    emergency, abuse = service(data, "noodnummer_112").phone, service(data, "hulplijn_1712").phone
    assert f"meteen {emergency}." in text
    assert str(abuse) in text
    assert "hulpdiensten" not in text  # "bel de hulpdiensten" without a number


# --- reading levels ------------------------------------------------------------------------


def test_no_eenvoudig_answer_has_gewoon_wording_from_a_placeholder(
    answers: dict[tuple[str, str], FaqAnswer],
) -> None:
    for (topic, level), answer in answers.items():
        if level == "eenvoudig":
            assert "(bedrag van" not in answer.text, topic
            assert "(cijfer van" not in answer.text, topic
            assert "bijstand in het opstartjaar" not in answer.text, topic


def test_the_zorgbudget_amount_is_said_plainly_with_its_year_apart(
    answers: dict[tuple[str, str], FaqAnswer], data: loader.KnowledgeData
) -> None:
    amount = next(a for a in right(data, "BOB").amounts if a.key == "per_maand")
    text = answers[("what_is_bob", "eenvoudig")].text
    assert f"{amount.eenvoudig}.\nDat bedrag is van {amount.year}." in text
    assert f"(bedrag van {amount.year})" in answers[("what_is_bob", "gewoon")].text


# --- facts that had no record behind them now come from statements ---------------------------


@pytest.mark.parametrize(
    ("topic", "statement_id"),
    [
        ("costs", "pvb_belastingvrij"),
        ("what_is_bob", "zorgbudget_belastingvrij"),
        ("budget_categories", "budgetcategorie_laagste"),
        ("waiting_time", "wachttijd_hangt_af"),
        ("budget_spending", "besteding_wisselen"),
        ("change_provider", "besteding_wisselen"),
        ("what_is_dop", "dop_wensen_dromen"),
        ("how_to_apply", "op_pvb_volledig"),
        ("how_to_apply", "vtc_toelichting"),
        ("what_is_pvb", "pvb_combineren"),
        ("other_support", "pvb_combineren"),
        ("budget_spending", "cash_voorschot"),
        ("budget_spending", "cash_duurder_bij_vza"),
        ("budget_spending", "cash_familie"),
    ],
)
def test_a_fact_in_words_comes_from_its_statement(
    answers: dict[tuple[str, str], FaqAnswer],
    data: loader.KnowledgeData,
    topic: str,
    statement_id: str,
) -> None:
    gewoon = answers[(topic, "gewoon")]
    assert statement_id in gewoon.uses
    wording = statement(data, statement_id).texts["gewoon"]
    assert "{" in wording or wording in gewoon.text


CONTINUITY_AGES = {
    "gewoon": ("kalenderjaar waarin je 21 wordt", "vóór je 22ste verjaardag"),
    "eenvoudig": ("in het jaar dat je 21 wordt", "vóór je 22ste verjaardag"),
}


@pytest.mark.parametrize(
    ("topic", "level"),
    [("automatic_grant", "gewoon"), ("automatic_grant", "eenvoudig"), ("minors", "gewoon")],
)
def test_the_continuity_routes_give_their_ages_not_just_in_time(
    answers: dict[tuple[str, str], FaqAnswer], data: loader.KnowledgeData, topic: str, level: str
) -> None:
    text = answers[(topic, level)].text
    for statement_id in ("zorgcontinuiteit_mfc", "zorgcontinuiteit_pab"):
        assert statement(data, statement_id).texts[level] in text, statement_id
    for age in CONTINUITY_AGES[level]:
        assert age in text
    assert "op tijd" not in text


@pytest.mark.parametrize("level", LEVELS)
def test_the_budget_spending_answer_names_short_stays(
    answers: dict[tuple[str, str], FaqAnswer], data: loader.KnowledgeData, level: str
) -> None:
    stays = next(a for a in right(data, "PVB").amounts if a.key == "kortverblijf")
    wording = stays.text if level == "gewoon" else stays.eenvoudig
    assert wording and wording in answers[("budget_spending", level)].text


@pytest.mark.parametrize("level", LEVELS)
def test_the_budget_spending_answer_gives_the_cash_details(
    answers: dict[tuple[str, str], FaqAnswer], data: loader.KnowledgeData, level: str
) -> None:
    answer = answers[("budget_spending", level)]
    for statement_id in ("cash_voorschot", "cash_familie", "cash_duurder_bij_vza"):
        assert statement(data, statement_id).texts[level] in answer.text, statement_id
        assert statement_id in answer.uses, statement_id


# --- a way to reach the VAPH wherever an answer sends you there ------------------------------

ASKS_THE_VAPH = re.compile(
    r"\b(?:vraag|kijk)\b[^.?!\n]*\bVAPH\b|\baan het VAPH\b[^.?!\n]*\bna\b", re.IGNORECASE
)


def test_every_answer_that_sends_you_to_the_vaph_says_how_to_reach_it(
    data: loader.KnowledgeData, answers: dict[tuple[str, str], FaqAnswer]
) -> None:
    """Checked on the built answers: the pointer the build adds sends you to the VAPH too."""
    eloket = str(service(data, "vaph_eloket").website)
    sending = [key for key, answer in answers.items() if ASKS_THE_VAPH.search(answer.text)]
    assert ("mdt", "gewoon") in sending and ("mdt", "eenvoudig") in sending  # by the pointer
    missing = [
        key
        for key in sending
        if eloket not in answers[key].text or "formulier" not in answers[key].text
    ]
    assert not missing, f"no {eloket} or question form in: {missing}"


# --- every answer built from an uncertain record says that it may have changed ---------------

SAYS_IT_MAY_HAVE_CHANGED = re.compile(
    r"\b(?:kan|kunnen)\s+(?:intussen\s+)?veranderd\s+zijn\b", re.IGNORECASE
)


def test_every_answer_from_an_uncertain_record_says_it_may_have_changed(
    data: loader.KnowledgeData, answers: dict[tuple[str, str], FaqAnswer]
) -> None:
    sources = data.sources_by_id()
    uncertain = {
        key
        for key, answer in answers.items()
        if answer.uncertain or any(s.uncertain for used in answer.uses for s in sources[used])
    }
    # These tell the route to the VAPH ("Een vraag stel je het VAPH ..."), which once
    # counted as the warning.
    for topic in ("herziening", "how_to_apply", "emergency_procedure"):
        assert {(topic, level) for level in LEVELS} <= uncertain, topic
    silent = sorted(
        key for key in uncertain if not SAYS_IT_MAY_HAVE_CHANGED.search(answers[key].text)
    )
    assert not silent, f"does not say it may have changed: {silent}"


def test_the_vaph_line_has_no_invented_number(
    answers: dict[tuple[str, str], FaqAnswer],
) -> None:
    for level in LEVELS:
        text = answers[("contact_vaph", level)].text
        assert "heb ik niet" in text  # the brief has no number for the VAPH-lijn


# --- the three new topics ------------------------------------------------------------------


@pytest.mark.parametrize("topic", NEW_TOPICS)
@pytest.mark.parametrize("level", LEVELS)
def test_a_new_topic_answers_at_both_levels_and_says_who_decides(
    answers: dict[tuple[str, str], FaqAnswer], topic: str, level: str
) -> None:
    answer = answers[(topic, level)]
    assert "{" not in answer.text
    assert re.search(r"\bVAPH\b[^.?!]*\bbeslis", answer.text)
    assert "niet ik" in answer.text


@pytest.mark.parametrize(
    ("topic", "sources"),
    [
        (
            "herziening",
            {"herziening_wanneer", "herziening_budget", "herziening_datum", "vaph_bereiken"},
        ),
        ("zzi_interview", {"zzi_meet_nood", "zzi_gesprek", "zzi_waarden", "mdt"}),
        ("contact_vaph", {"vaph", "vaph_eloket", "vaph_vlaams_brabant", "vaph_bereiken"}),
    ],
)
def test_a_new_topic_carries_its_sources(
    answers: dict[tuple[str, str], FaqAnswer], topic: str, sources: set[str]
) -> None:
    for level in LEVELS:
        assert sources <= set(answers[(topic, level)].uses), level


def test_herziening_says_which_date_counts_and_is_marked_uncertain(
    answers: dict[tuple[str, str], FaqAnswer], data: loader.KnowledgeData
) -> None:
    assert statement(data, "herziening_datum").source.uncertain  # an RPC-period source
    for level in LEVELS:
        answer = answers[("herziening", level)]
        assert "datum van je eerste vraag" in answer.text
        assert "noodprocedure" in answer.text
        assert answer.uncertain


def test_zzi_interview_tells_how_long_where_and_with_whom(
    answers: dict[tuple[str, str], FaqAnswer],
) -> None:
    gewoon = answers[("zzi_interview", "gewoon")].text
    assert "2,5 uur" in gewoon and "thuis" in gewoon and "vertrouwenspersonen" in gewoon
    assert "B-waarde" in gewoon and "P-waarde" in gewoon
    assert "telefonisch toe te lichten" in gewoon
    eenvoudig = answers[("zzi_interview", "eenvoudig")].text
    assert "tweeënhalf uur" in eenvoudig and "vertrouwt" in eenvoudig


def test_contact_vaph_gives_the_only_provincial_address_the_brief_has(
    answers: dict[tuple[str, str], FaqAnswer], data: loader.KnowledgeData
) -> None:
    office = service(data, "vaph_vlaams_brabant")
    for level in LEVELS:
        text = answers[("contact_vaph", level)].text
        assert f"{office.address}, {office.postcode} Leuven" in text
        assert str(service(data, "vaph").website) in text


# --- waiting time: when the wait starts and the VAPH's aim for PG1 (brief §2.4) -------------

WAITING_FACTS = ("wachtlijst_vanaf_beslissing", "wachttijd_doel_pg1")


def test_the_waiting_facts_rest_on_the_congress_citation_and_are_uncertain(
    data: loader.KnowledgeData,
) -> None:
    for statement_id in WAITING_FACTS:
        source = statement(data, statement_id).source
        assert source.source_url is None  # the brief gives no page for it
        assert source.source_citation is not None
        assert "Hulpverlening als sociale onderneming?!" in source.source_citation
        assert "3 juni 2022" in source.source_citation
        assert source.uncertain  # an offline presentation nobody can check


def test_the_waiting_facts_say_what_the_brief_says(data: loader.KnowledgeData) -> None:
    start = statement(data, "wachtlijst_vanaf_beslissing").texts
    assert "pas mee op de wachtlijst vanaf de definitieve beslissing" in start["gewoon"]
    assert "wachttijd loopt al vanaf de dag dat je het ondersteuningsplan PVB" in start["gewoon"]
    assert "pas op de wachtlijst als de beslissing vastligt" in start["eenvoudig"]
    assert (
        "wachttijd telt al vanaf het indienen van je ondersteuningsplan PVB" in (start["eenvoudig"])
    )
    aim = statement(data, "wachttijd_doel_pg1").texts
    assert "prioriteitengroep 1" in aim["gewoon"] and "dringendste vragen" in aim["eenvoudig"]
    for level in LEVELS:
        assert "hoogstens 18 maanden" in aim[level]  # the figure of the record
        assert "doel, geen belofte" in aim[level]


@pytest.mark.parametrize("level", LEVELS)
def test_waiting_time_tells_both_facts_and_that_they_may_have_changed(
    answers: dict[tuple[str, str], FaqAnswer], data: loader.KnowledgeData, level: str
) -> None:
    answer = answers[("waiting_time", level)]
    told = []
    for statement_id in WAITING_FACTS:
        wording = statement(data, statement_id).texts[level]
        assert wording in answer.text, statement_id
        assert statement_id in answer.uses, statement_id  # its source travels with it
        told.append(answer.text.index(wording))
    assert answer.uncertain
    changed = re.search(r"\b(?:kan|kunnen) intussen veranderd zijn\b", answer.text)
    assert changed and changed.start() > max(told)  # said of both facts, after them
    assert re.search(r"\bvraag\b[^.?!]*\bwachttijd aan het VAPH\b", answer.text, re.IGNORECASE)
