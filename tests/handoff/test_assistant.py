"""bot.handoff.assistant: the case from the slots, the contact answers, who can help."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.handoff import assistant
from bot.handoff.teams import DEFAULT_TEAMS_FILE, load_teams
from bot.storage import db, portal_sessions, workers
from tests.storage import db_url_fixture  # noqa: F401

TEAMS = load_teams(DEFAULT_TEAMS_FILE)
MONDAY_10 = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)  # 10 o'clock in Brussels
SATURDAY = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(name="app_db")
def app_db_fixture(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WEGWIJZER_DB_URL", db_url)
    return db_url


def test_the_facts_are_the_known_slots_and_the_plan_domains():
    slots = {
        "speaker": "network",
        "age": "8",
        "place": "Hasselt",
        "vaph_known": None,
        "wonen_wish": "woonondersteuning",
        "dagbesteding_wish": "geen",
        "vrije_tijd_wish": "onbekend",
        "mobiliteit_wish": "individuele_praktische_hulp",
        "good_day": "free text that never goes into a case",
    }
    assert assistant.facts_from_slots(slots) == {
        "speaker": "network",
        "age": "8",
        "place": "Hasselt",
        "plan_domains": ["wonen", "mobiliteit"],
    }


def test_a_case_from_the_slots_goes_to_the_team_of_the_place(app_db):
    opened = assistant.open_case(
        reason="request_human",
        conversation_id="c1",
        channel="rest",
        slots={"place": "Hasselt", "age": "70", "rights_shown": ["Zorgbudget"]},
        teams=TEAMS,
        now=MONDAY_10,
    )
    assert opened.is_new and not opened.has_contact
    assert opened.team.id == "limburg"
    with db.session() as session:
        from bot.handoff import cases

        case = cases.case_by_id(session, opened.case_id)
    assert case is not None
    assert case.summary_data == {
        "age_band": "65+",
        "municipality": "Hasselt",
        "province": "Limburg",
        "rights_shown": ["Zorgbudget"],
    }


def test_after_a_crisis_any_trigger_is_urgent(app_db):
    opened = assistant.open_case(
        reason="fallback",
        conversation_id="c2",
        channel="rest",
        slots={},
        crisis_before=True,
        teams=TEAMS,
    )
    with db.session() as session:
        from bot.handoff import cases

        case = cases.case_by_id(session, opened.case_id)
    assert case is not None and case.urgency == "dringend" and case.summary_data["crisis"]


@pytest.mark.parametrize(
    ("text", "intent", "preference"),
    [
        ("telefoon", "", "telefoon"),
        ("e-mail", "", "e-mail"),
        ("bel mij maar op mijn gsm", "inform", "telefoon"),
        ("belt mij", "inform", "telefoon"),
        ("stuur maar een mailtje", "inform", "e-mail"),
        ("emailen is goed", "inform", "e-mail"),
        ("hier in de chat", "inform", "chat"),
        ("chatten", "inform", "chat"),
        ("0470123456", "inform", "telefoon"),
        ("an@telenet.be", "inform", "e-mail"),
        ("liever niet", "inform", "geen"),
        ("geen contact nodig", "inform", "geen"),
        ("ja", "deny", "geen"),
        ("/skip", "skip", "geen"),
        ("bellen of mailen", "inform", None),
        ("banaan", "nlu_fallback", None),
    ],
)
def test_the_preference_in_own_words(text, intent, preference):
    assert assistant.parse_preference(text, intent) == preference


@pytest.mark.parametrize(
    ("text", "any_way"),
    [
        ("maakt niet uit", True),
        ("om het even", True),
        ("maakt mij ni uit he", True),
        ("geen idee", True),
        ("ik weet het niet", True),
        ("geen voorkeur", True),
        ("maakt niet uit, bel maar", False),  # names the phone
        ("om het even, een mailtje is ook goed", False),
        ("liever niet", False),  # a "no"
        ("geen contact nodig", False),
        ("hier", False),
    ],
)
def test_no_preference_is_not_a_no(text, any_way):
    assert assistant.names_any_way(text) is any_way


def test_a_number_or_address_typed_with_the_preference():
    assert assistant.value_in_answer("telefoon", "bel 0470 12 34 56") == "+32470123456"
    assert assistant.value_in_answer("telefoon", "bel 0470 12") is None  # asked then
    assert assistant.value_in_answer("e-mail", "mail naar an@telenet.be") == "an@telenet.be"
    assert assistant.value_in_answer("e-mail", "mail mij") is None


@pytest.mark.parametrize(
    ("text", "intent", "when"),
    [
        ("  na   14 uur ", "inform", "na 14 uur"),
        ("maakt niet uit", "inform", "onbekend"),
        ("weet ik niet", "inform", "onbekend"),
        ("maakt mij ni uit he", "inform", "onbekend"),
        ("altijd", "inform", "onbekend"),
        ("wanneer ge wilt", "inform", "onbekend"),
        ("eender wanneer", "inform", "onbekend"),
        ("om het even wanneer", "inform", "onbekend"),
        # Hours said next to "any time" are kept: the support worker needs them.
        ("altijd na 17u", "inform", "altijd na 17u"),
        ("maakt niet uit, liefst 's avonds", "inform", "maakt niet uit, liefst 's avonds"),
        ("om het even, maar niet op woensdag", "inform", "om het even, maar niet op woensdag"),
        ("/skip", "skip", "onbekend"),
        ("sla maar over", "skip", "onbekend"),
        ("nee", "deny", "onbekend"),
        # A "no" with a moment in it says when not to call: kept for the support worker.
        ("niet voor 10u", "deny", "niet voor 10u"),
        ("liever niet 's avonds", "skip", "liever niet 's avonds"),
        ("nee, nooit op woensdag", "deny", "nee, nooit op woensdag"),
        ("", "inform", "onbekend"),
        # "ja" to "Wanneer past het jou het best?" was told back as "Je zei wanneer het je
        # past: ja." (2026-12-07): a yes without a moment is any time, however it was read.
        ("ja", "affirm", "onbekend"),
        ("ja", "inform", "onbekend"),
        ("oké", "nlu_fallback", "onbekend"),
        ("ja, na 17 uur", "affirm", "ja, na 17 uur"),  # the moment is kept
    ],
)
def test_when(text, intent, when):
    assert assistant.parse_when(text, intent) == when


def test_saving_the_contact_checks_it_first(app_db):
    opened = assistant.open_case(
        reason="request_human", conversation_id="c3", channel="rest", slots={}, teams=TEAMS
    )
    wrong = assistant.save_contact(opened.case_id, "telefoon", "0470 12", "onbekend")
    assert not wrong.ok and wrong.problem
    right = assistant.save_contact(opened.case_id, "telefoon", "0470 12 34 56", "onbekend")
    assert right.ok
    again = assistant.open_case(
        reason="request_human", conversation_id="c3", channel="rest", slots={}, teams=TEAMS
    )
    assert not again.is_new and again.has_contact


def test_who_can_help_is_honest_about_the_team_and_the_channel(app_db):
    opened = assistant.open_case(
        reason="request_human",
        conversation_id="c4",
        channel="rest",
        slots={"place": "Brugge"},
        teams=TEAMS,
    )
    nobody = assistant.who_can_help(opened.case_id, "rest", teams=TEAMS, now=SATURDAY)
    assert nobody is not None and not nobody.joins_now
    assert nobody.team_name == "Team West-Vlaanderen"
    assert nobody.hours == "van maandag tot vrijdag, van 9 tot 17 uur"
    assert (nobody.open_until, nobody.back) == (None, "op maandag 7 december om 9 uur")
    working = assistant.who_can_help(opened.case_id, "rest", teams=TEAMS, now=MONDAY_10)
    assert working is not None and not working.joins_now  # open, but nobody is online
    assert (working.open_until, working.back) == ("17 uur", None)

    with db.session() as session:
        worker = workers.add_worker(
            session,
            "jan",
            "Jan",
            "paard-batterij-nietje",
            "worker",
            ["west-vlaanderen"],
            now=MONDAY_10,
        )
        portal_sessions.create_session(session, worker.id, now=MONDAY_10)
    online = assistant.who_can_help(
        opened.case_id, "rest", online_minutes=5, teams=TEAMS, now=MONDAY_10
    )
    assert online is not None and online.joins_now
    # A worker's reply cannot reach an SMS conversation live: nobody is said to join.
    sms = assistant.who_can_help(
        opened.case_id, "twilio", online_minutes=5, teams=TEAMS, now=MONDAY_10
    )
    assert sms is not None and not sms.joins_now
    assert assistant.who_can_help("no-such-case", "rest", teams=TEAMS) is None


def test_the_value_as_the_person_reads_it():
    assert assistant.shown_value("telefoon", "+32470123456") == "0470 12 34 56"
    assert assistant.shown_value("e-mail", "an@telenet.be") == "an@telenet.be"
    assert assistant.shown_value("geen", None) == ""


def test_the_plan_goes_with_the_case_only_when_the_person_asks_for_a_person(app_db):
    """The consent says a trajectondersteuner sees the plan only when the person asks for
    one. A crisis and the second misunderstanding open a case on their own: without the
    plan, which asking for a person then adds."""
    from bot.handoff import cases
    from bot.intake_catalogue import CONSENT_TEXT_VERSION
    from bot.storage import plans

    with db.session() as session:
        plan_id = plans.create_plan(session, "c-plan", CONSENT_TEXT_VERSION, now=MONDAY_10).id
    slots = {"place": "Gent", "plan_id": plan_id}

    def case_plan(reason: str) -> str | None:
        opened = assistant.open_case(
            reason=reason, conversation_id="c-plan", channel="rest", slots=slots, teams=TEAMS
        )
        with db.session() as session:
            case = cases.case_by_id(session, opened.case_id)
            assert case is not None
            return case.plan_id

    assert case_plan(cases.CRISIS) is None
    assert case_plan(cases.FALLBACK) is None
    assert case_plan(cases.REQUEST_HUMAN) == plan_id
