"""Cases: created with routing, one open case per conversation, the queue, claim, close."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.handoff import cases, contact, plan_review
from bot.handoff.cases import CaseError, claim, close, create_case, queue, release
from bot.handoff.teams import DEFAULT_TEAMS_FILE, load_teams
from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import audit_log, db, plans, workers
from tests.storage import db_url_fixture  # noqa: F401

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
TEAMS = load_teams(DEFAULT_TEAMS_FILE)


def new_case(session, conversation="gesprek-1", minutes=0, **changes):
    arguments = {
        "reason": cases.REQUEST_HUMAN,
        "conversation_id": conversation,
        "channel": "rest",
        "facts": {"place": "Gent"},
        "teams": TEAMS,
        "now": T0 + timedelta(minutes=minutes),
    } | changes
    return create_case(session, **arguments)


def new_worker(session, username, teams=("oost-vlaanderen",), role="worker"):
    return workers.add_worker(
        session, username, username.title(), "paard-batterij-nietje", role, teams, now=T0
    )


def test_a_case_goes_to_the_team_of_the_place(db_url):
    with db.session(db_url) as session:
        gent = new_case(session, "g", facts={"place": "Gent", "age": "34", "speaker": "person"})
        brussels = new_case(session, "b", facts={"place": "Anderlecht"})
        nowhere = new_case(session, "n", facts={})
    assert gent.is_new and gent.team.id == gent.case.team_id == "oost-vlaanderen"
    assert brussels.case.team_id == "vlaams-brabant"
    assert nowhere.case.team_id == "vlaanderen"
    case = gent.case
    assert len(case.id) == 32 and case.id != brussels.case.id
    assert (case.status, case.urgency, case.reason, case.channel) == (
        "nieuw",
        "gewoon",
        "request_human",
        "rest",
    )
    assert case.summary_data == {
        "speaker": "person",
        "age_band": "18-64",
        "municipality": "Gent",
        "province": "Oost-Vlaanderen",
    }
    assert case.plan_status == "ontwerp" and case.created_at == T0
    with db.session(db_url) as session:
        entry = audit_log.entries(session, case_id=case.id)[0]
        assert (entry.action, entry.detail) == ("case_created", "request_human, gewoon")


def test_a_crisis_is_urgent(db_url):
    with db.session(db_url) as session:
        opened = new_case(session, reason=cases.CRISIS)
    assert opened.case.urgency == "dringend"
    assert opened.case.summary_data["crisis"] is True


def test_one_open_case_per_conversation(db_url):
    with db.session(db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0)
        first = new_case(session, facts={"place": "Gent", "age": "34"})
        second = new_case(
            session,
            minutes=5,
            reason=cases.CRISIS,
            facts={"place": "Gent", "urgent": "ja"},
            plan_id=plan.id,
        )
        assert not second.is_new and second.case.id == first.case.id
        assert (second.case.reason, second.case.urgency) == ("crisis", "dringend")
        assert second.case.summary_data["age_band"] == "18-64"
        assert second.case.summary_data["urgent"] == "ja"
        assert second.case.plan_id == plan.id
        assert second.case.updated_at == T0 + timedelta(minutes=5)
        # A later, ordinary request never lowers the urgency.
        third = new_case(session, minutes=6, reason=cases.FALLBACK)
        assert third.case.urgency == "dringend" and third.case.reason == "crisis"
        worker = new_worker(session, "an")
        close(session, first.case.id, worker.id, "Gebeld", now=T0 + timedelta(minutes=7))
        assert new_case(session, minutes=8).is_new


def test_unknown_reason_or_urgency(db_url):
    with db.session(db_url) as session:
        with pytest.raises(ValueError):
            new_case(session, reason="verveling")
        with pytest.raises(ValueError):
            new_case(session, urgency="heel dringend")


def test_queue_order_and_filters(db_url):
    with db.session(db_url) as session:
        old = new_case(session, "oud", minutes=0).case
        old_urgent = new_case(session, "dringend-oud", minutes=10, urgency="dringend").case
        new = new_case(session, "nieuw", minutes=20, reason=cases.FALLBACK, channel="telegram").case
        crisis = new_case(session, "crisis", minutes=30, reason=cases.CRISIS).case
        review = new_case(session, "plan", minutes=40, reason=cases.PLAN_REVIEW).case
        elsewhere = new_case(session, "elders", minutes=1, facts={"place": "Genk"}).case
        worker = new_worker(session, "an")
        claim(session, review.id, worker.id, now=T0 + timedelta(minutes=50))
        done = new_case(session, "klaar", minutes=2).case
        close(session, done.id, worker.id, "Opgelost", now=T0 + timedelta(minutes=55))

        def ids(*args, **kwargs):
            return [case.id for case in queue(session, *args, **kwargs)]

        team = ["oost-vlaanderen"]
        assert ids(team) == [old_urgent.id, crisis.id, old.id, new.id, review.id]
        assert ids(team, status="nieuw") == [old_urgent.id, crisis.id, old.id, new.id]
        assert ids(team, status="geclaimd") == [review.id]
        assert ids(team, status="gesloten") == [done.id]
        both = [old_urgent.id, crisis.id, old.id, done.id, new.id]
        assert ids(team, status=["nieuw", "gesloten"]) == both
        assert ids(team, reason="crisis") == [crisis.id]
        assert ids(team, channel="telegram") == [new.id]
        assert ids(team, reason="fallback", channel="rest") == []
        assert ids(["limburg"]) == [elsewhere.id]
        assert ids(["limburg", "oost-vlaanderen"])[:3] == [old_urgent.id, crisis.id, old.id]
        assert ids([]) == []
        assert ids(["antwerpen"]) == []


def test_claim_release_and_close(db_url):
    with db.session(db_url) as session:
        an, bert = new_worker(session, "an"), new_worker(session, "bert")
        case_id = new_case(session).case.id
        claimed = claim(session, case_id, an.id, now=T0 + timedelta(minutes=1))
        assert (claimed.status, claimed.claimed_by) == ("geclaimd", an.id)
        assert claim(session, case_id, an.id).claimed_at == T0 + timedelta(minutes=1)
        with pytest.raises(CaseError, match="collega heeft deze vraag al opgenomen"):
            claim(session, case_id, bert.id)
        with pytest.raises(CaseError, match="Alleen die collega"):
            release(session, case_id, bert.id)
        with pytest.raises(CaseError, match="Alleen die collega"):
            close(session, case_id, bert.id, "Klaar")
        released = release(session, case_id, an.id, now=T0 + timedelta(minutes=2))
        assert (released.status, released.claimed_by, released.claimed_at) == ("nieuw", None, None)
        with pytest.raises(CaseError, match="niet opgenomen"):
            release(session, case_id, an.id)
        claim(session, case_id, bert.id, now=T0 + timedelta(minutes=3))
        with pytest.raises(CaseError, match="afloop"):
            close(session, case_id, bert.id, "   ")
        closed = close(
            session, case_id, bert.id, " Teruggebeld, afspraak gemaakt ", T0 + timedelta(4)
        )
        assert (closed.status, closed.outcome) == ("gesloten", "Teruggebeld, afspraak gemaakt")
        assert closed.closed_at == T0 + timedelta(4)
        with pytest.raises(CaseError, match="al afgesloten"):
            close(session, case_id, bert.id, "Nog eens")
        with pytest.raises(CaseError, match="al afgesloten"):
            claim(session, case_id, an.id)
        with pytest.raises(CaseError, match="bestaat niet"):
            claim(session, "bestaat-niet", an.id)
        changes = [
            (entry.worker_id, entry.detail)
            for entry in reversed(audit_log.entries(session, case_id=case_id))
            if entry.action == "status_change"
        ]
        assert changes == [
            (an.id, "nieuw -> geclaimd"),
            (an.id, "geclaimd -> nieuw"),
            (bert.id, "nieuw -> geclaimd"),
            (bert.id, "geclaimd -> gesloten"),
        ]


def test_an_admin_can_force_and_a_new_case_can_be_closed(db_url):
    with db.session(db_url) as session:
        an = new_worker(session, "an")
        boss = new_worker(session, "baas", role="admin")
        first, second = new_case(session, "een").case.id, new_case(session, "twee").case.id
        claim(session, first, an.id)
        assert release(session, first, boss.id, force=True).status == "nieuw"
        claim(session, first, an.id)
        assert close(session, first, boss.id, "Dubbel", force=True).claimed_by == an.id
        closed = close(session, second, an.id, "Dubbele vraag")
        assert closed.claimed_by == an.id and closed.status == "gesloten"


def test_two_workers_claim_at_once(db_url):
    with db.session(db_url) as session:
        an, bert = new_worker(session, "an"), new_worker(session, "bert")
        case_id = new_case(session).case.id
    with db.session(db_url) as first:
        assert claim(first, case_id, an.id).claimed_by == an.id
    with db.session(db_url) as second:
        with pytest.raises(CaseError):
            claim(second, case_id, bert.id)
        assert cases.case_by_id(second, case_id).claimed_by == an.id


def test_only_the_team_may_open_a_case(db_url):
    with db.session(db_url) as session:
        an = new_worker(session, "an", teams=("oost-vlaanderen", "limburg"))
        bert = new_worker(session, "bert", teams=("antwerpen",))
        boss = new_worker(session, "baas", teams=("antwerpen",), role="admin")
        case = new_case(session).case
        assert cases.may_open(session, an.id, case)
        assert not cases.may_open(session, bert.id, case)
        assert not cases.may_open(session, boss.id, case)


def test_contact_details(db_url):
    with db.session(db_url) as session:
        case_id = new_case(session).case.id
        wrong = cases.set_contact(session, case_id, "telefoon", "0470 12 34")
        assert wrong.problem == contact.TOO_SHORT
        assert cases.case_by_id(session, case_id).contact_preference is None
        right = cases.set_contact(
            session, case_id, "telefoon", "0470/12.34.56", "  na 16 uur ", now=T0
        )
        assert right.ok
        stored = cases.case_by_id(session, case_id)
        assert (stored.contact_preference, stored.contact_value, stored.contact_when) == (
            "telefoon",
            "+32470123456",
            "na 16 uur",
        )
        assert cases.set_contact(session, case_id, "e-mail", "an@telenet").problem
        assert cases.set_contact(session, case_id, "geen", "0470 12 34 56").ok
        stored = cases.case_by_id(session, case_id)
        assert (stored.contact_preference, stored.contact_value, stored.contact_when) == (
            "geen",
            None,
            None,
        )


def test_live_reply_channels():
    assert cases.live_reply_possible("rest")
    for channel in ("socketio", *cases.MESSAGING_CHANNELS):
        assert not cases.live_reply_possible(channel)


def test_notes_per_plan_part_and_plan_status(db_url):
    with db.session(db_url) as session:
        an = new_worker(session, "an")
        case_id = new_case(session, reason=cases.PLAN_REVIEW).case.id
        plan_review.add_note(session, case_id, an.id, "vraag", "Uren kloppen", now=T0)
        plan_review.add_note(session, case_id, an.id, "algemeen", "Sterk plan", now=T0)
        plan_review.add_note(session, case_id, an.id, "vraag", "Nagevraagd", T0 + timedelta(1))
        grouped = plan_review.notes_by_part(session, case_id)
        assert list(grouped) == ["algemeen", "vraag"]
        assert [note.text for note in grouped["vraag"]] == ["Uren kloppen", "Nagevraagd"]
        for part, text in (("deel 9", "x"), ("vraag", "  "), ("vraag", "x" * 4001)):
            with pytest.raises(CaseError):
                plan_review.add_note(session, case_id, an.id, part, text)
        with pytest.raises(CaseError):
            plan_review.add_note(session, "bestaat-niet", an.id, "vraag", "x")

        assert plan_review.set_plan_status(session, case_id, an.id, "besproken").plan_status == (
            "besproken"
        )
        plan_review.set_plan_status(session, case_id, an.id, "klaar voor indiening")
        plan_review.set_plan_status(session, case_id, an.id, "klaar voor indiening")
        with pytest.raises(CaseError):
            plan_review.set_plan_status(session, case_id, an.id, "af")
        logged = [
            (entry.action, entry.detail)
            for entry in reversed(audit_log.entries(session, case_id=case_id))
        ]
        assert logged == [
            ("case_created", "plan_review, gewoon"),
            ("note_added", "vraag"),
            ("note_added", "algemeen"),
            ("note_added", "vraag"),
            ("status_change", "plan: ontwerp -> besproken"),
            ("status_change", "plan: besproken -> klaar voor indiening"),
        ]
        # The audit log never holds a note's text.
        assert not any("Uren" in (entry.detail or "") for entry in audit_log.entries(session))
