"""The case page without Rasa: access, summary, contact, the plan with versions and a diff,
notes and plan status, and the audit log page for admins."""

from __future__ import annotations

import pytest

from bot.handoff import cases, plan_review
from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import audit_log, db, plans
from bot.web.portal.case_routes import answer_label
from tests.portal.conftest import ESCAPED, SCRIPT


def actions_of(db_url: str, case_id: str | None = None) -> list[str]:
    with db.session(db_url) as session:
        return [entry.action for entry in audit_log.entries(session, case_id=case_id)]


async def test_another_teams_case_is_forbidden(portal):
    case_id = portal.add_case(facts={"place": "Brugge"})
    client, csrf = await portal.logged_in("an")

    page = await client.get(f"/portal/cases/{case_id}")
    claim = await client.post(f"/portal/cases/{case_id}/claim", data={"csrf_token": csrf})
    note = await client.post(
        f"/portal/cases/{case_id}/notes",
        data={"csrf_token": csrf, "part": "algemeen", "text": "x"},
    )

    assert page.status == claim.status == note.status == 403
    assert "Deze vraag is niet voor jouw team" in await page.text()
    assert portal.case(case_id).status == "nieuw"
    assert audit_log.CASE_VIEW not in actions_of(portal.db_url, case_id)
    assert "case_refused" in actions_of(portal.db_url, case_id)


REFUSED_ACTIONS = {
    "reply": {"text": "Dag!"},
    "hand-back": {},
    "close": {"outcome": "Klaar"},
    "plan-status": {"plan_status": "besproken"},
    "notes": {"part": "algemeen", "text": "Bellen"},
}


@pytest.mark.parametrize("action", sorted(REFUSED_ACTIONS))
async def test_no_action_on_another_teams_case(portal, action):
    """A case of West-Vlaanderen, opened by a colleague there: a worker of
    Oost-Vlaanderen gets 403 for every action, and the case stays as it was."""
    case_id = portal.add_case(facts={"place": "Brugge"})
    colleague = portal.add_worker("wout", teams=("west-vlaanderen",))
    with db.session(portal.db_url) as session:
        cases.claim(session, case_id, colleague)
    client, csrf = await portal.logged_in("an")
    logged_before = actions_of(portal.db_url, case_id)

    response = await client.post(
        f"/portal/cases/{case_id}/{action}",
        data={"csrf_token": csrf, **REFUSED_ACTIONS[action]},
        allow_redirects=False,
    )

    assert response.status == 403
    assert "Deze vraag is niet voor jouw team" in await response.text()
    after = portal.case(case_id)
    assert (after.status, after.claimed_by, after.outcome) == (cases.CLAIMED, colleague, None)
    assert after.plan_status == "ontwerp"
    with db.session(portal.db_url) as session:
        assert plan_review.notes_by_part(session, case_id) == {}
    assert sorted(actions_of(portal.db_url, case_id)) == sorted([*logged_before, "case_refused"])


async def test_an_unknown_case_is_not_found(portal):
    client, csrf = await portal.logged_in("an")

    page = await client.get("/portal/cases/abcdef0123456789")
    claim = await client.post("/portal/cases/abcdef0123456789/claim", data={"csrf_token": csrf})
    odd = await client.get("/portal/cases/not-a-case-id!")

    assert page.status == claim.status == odd.status == 404
    assert "Deze pagina bestaat niet" in await page.text()


async def test_the_case_page_shows_what_is_known_as_text(portal):
    case_id = portal.add_case(
        channel="telegram",
        facts={"place": "Gent", "age": "34", "speaker": "person", "help_kind": SCRIPT},
    )
    with db.session(portal.db_url) as session:
        cases.set_contact(session, case_id, "telefoon", "0470 12 34 56", SCRIPT)
    client, _ = await portal.logged_in("an")

    response = await client.get(f"/portal/cases/{case_id}")
    html = await response.text()

    assert response.status == 200
    assert SCRIPT not in html
    assert html.count(ESCAPED) == 2  # the kind of help and when to call
    assert "De persoon zelf" in html and "18 tot 64 jaar" in html and "Gent" in html
    assert "met de telefoon" in html and "+32470123456" in html
    assert "kan je niet meteen in de chat antwoorden" in html  # Telegram: no live reply
    assert "Het gesprek kan nu niet geladen worden." in html  # Rasa is not running here
    assert "Neem de vraag op" in html
    assert response.headers["Cache-Control"] == "no-store"
    assert audit_log.CASE_VIEW in actions_of(portal.db_url, case_id)
    assert audit_log.TRANSCRIPT_VIEW not in actions_of(portal.db_url, case_id)


async def test_the_case_page_is_accessible_in_its_structure(portal):
    case_id = portal.add_case()
    client, _ = await portal.logged_in("an")

    html = await (await client.get(f"/portal/cases/{case_id}")).text()

    assert '<html lang="nl">' in html
    assert html.count("<h1") == 1
    for field in ("outcome", "note-part", "note-text", "plan-status"):
        assert f'<label for="{field}">' in html
    assert html.count('name="csrf_token"') == html.count('method="post"')


def plan_with_versions(db_url: str) -> str:
    with db.session(db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION)
        plans.save_answer(session, plan.id, "what_matters", "Zelfstandig wonen")
        plans.save_answer(session, plan.id, "good_day", "Wandelen")
        plans.save_version(session, plan.id)
        plans.save_answer(session, plan.id, "what_matters", SCRIPT)
        plans.save_version(session, plan.id)
        plans.save_answer(session, plan.id, "good_day", "Fietsen")
        plans.save_version(session, plan.id)
        return plan.id


async def test_the_plan_with_its_versions_and_a_diff(portal):
    plan_id = plan_with_versions(portal.db_url)
    case_id = portal.add_case(reason=cases.PLAN_REVIEW, plan_id=plan_id)
    client, _ = await portal.logged_in("an")

    html = await (await client.get(f"/portal/cases/{case_id}")).text()
    first = await (await client.get(f"/portal/cases/{case_id}?van=1&naar=2")).text()

    assert "Versie 1" in html and "Versie 2" in html and "Versie 3" in html
    assert "Verschil tussen versie 2 en versie 3" in html
    assert '<span class="mark">Weg:</span> <span class="text">Een goede dag: Wandelen' in html
    assert '<span class="mark">Nieuw:</span> <span class="text">Een goede dag: Fietsen' in html
    assert "Verschil tussen versie 1 en versie 2" in first
    assert f"Wat belangrijk is: {ESCAPED}" in first
    assert "Wat belangrijk is: Zelfstandig wonen" in first
    assert SCRIPT not in html and SCRIPT not in first
    assert 'href="/plan/' in html


async def test_a_wrong_version_choice_is_named(portal):
    case_id = portal.add_case(plan_id=plan_with_versions(portal.db_url))
    client, _ = await portal.logged_in("an")

    html = await (await client.get(f"/portal/cases/{case_id}?van=9&naar=x")).text()

    assert '<p class="field-error" id="diff-fout">Kies twee versies uit de lijst.</p>' in html
    assert "Verschil tussen versie 2 en versie 3" in html


async def test_notes_per_plan_part_and_the_plan_status(portal):
    case_id = portal.add_case()
    client, csrf = await portal.logged_in("an")

    note = await client.post(
        f"/portal/cases/{case_id}/notes",
        data={"csrf_token": csrf, "part": "vraag", "text": f"Bellen over {SCRIPT}"},
        allow_redirects=False,
    )
    status = await client.post(
        f"/portal/cases/{case_id}/plan-status",
        data={"csrf_token": csrf, "plan_status": "klaar voor indiening"},
        allow_redirects=False,
    )
    html = await (await client.get(note.headers["Location"])).text()

    assert note.status == status.status == 303
    assert "Je notitie is bewaard." in html
    assert f"Bellen over {ESCAPED}" in html and SCRIPT not in html
    assert portal.case(case_id).plan_status == "klaar voor indiening"
    actions = actions_of(portal.db_url, case_id)
    assert audit_log.NOTE_ADDED in actions and audit_log.STATUS_CHANGE in actions
    with db.session(portal.db_url) as session:
        details = [entry.detail or "" for entry in audit_log.entries(session)]
    assert not any("Bellen" in detail for detail in details)


async def test_an_empty_note_keeps_the_page_and_names_the_field(portal):
    case_id = portal.add_case()
    client, csrf = await portal.logged_in("an")

    response = await client.post(
        f"/portal/cases/{case_id}/notes", data={"csrf_token": csrf, "part": "vraag", "text": " "}
    )
    wrong_status = await client.post(
        f"/portal/cases/{case_id}/plan-status", data={"csrf_token": csrf, "plan_status": "x"}
    )

    assert response.status == wrong_status.status == 400
    html = await response.text()
    assert '<p class="field-error" id="note-fout">De notitie is leeg.</p>' in html
    assert 'aria-describedby="note-fout"' in html
    assert "Kies: ontwerp, besproken of klaar voor indiening." in await wrong_status.text()


async def test_an_empty_reply_or_outcome_is_named(portal):
    case_id = portal.add_case()
    client, csrf = await portal.logged_in("an")

    reply = await client.post(f"/portal/cases/{case_id}/reply", data={"csrf_token": csrf})
    close = await client.post(
        f"/portal/cases/{case_id}/close", data={"csrf_token": csrf, "outcome": ""}
    )
    unclaimed = await client.post(
        f"/portal/cases/{case_id}/reply", data={"csrf_token": csrf, "text": "Dag!"}
    )

    assert reply.status == close.status == 400
    assert "Schrijf eerst je antwoord." in await reply.text()
    assert '<p class="field-error" id="outcome-fout">' in await close.text()
    assert unclaimed.status == 409
    assert "Neem de vraag eerst op." in await unclaimed.text()


async def test_the_audit_log_is_for_admins_only(portal):
    client, _ = await portal.logged_in("an")

    response = await client.get("/portal/audit")

    assert response.status == 403
    assert "Alleen voor beheerders" in await response.text()
    assert 'href="/portal/audit"' not in await (await client.get("/portal")).text()


async def test_admins_read_the_audit_log_newest_first_in_pages(portal):
    with db.session(portal.db_url) as session:
        for number in range(60):
            audit_log.record(session, audit_log.EXPORT, case_id=f"case{number:04d}", detail="pdf")
    client, _ = await portal.logged_in("baas", role="admin")

    response = await client.get("/portal/audit")
    html = await response.text()

    assert response.status == 200
    assert "Logboek bekeken" in html and "Aangemeld" in html
    assert "Baas (baas)" in html
    assert html.index("Logboek bekeken") < html.index("case0059") < html.index("case0058")
    assert "case0005" not in html
    older = html.split('href="/portal/audit?voor=')[1].split('"')[0]
    second = await (await client.get(f"/portal/audit?voor={older}")).text()
    assert "case0005" in second and "case0059" not in second
    assert 'href="/portal/audit"' in second


async def test_when_rasa_is_down_a_claim_changes_nothing(portal):
    case_id = portal.add_case()
    client, csrf = await portal.logged_in("an")

    response = await client.post(f"/portal/cases/{case_id}/claim", data={"csrf_token": csrf})

    assert response.status == 503
    assert "Wegwijzer is even niet bereikbaar. Er is niets veranderd." in await response.text()
    assert portal.case(case_id).status == "nieuw"


async def test_when_rasa_is_down_a_claimed_case_stays_claimed_and_the_text_stays(portal):
    case_id = portal.add_case()
    client, csrf = await portal.logged_in("an")
    with db.session(portal.db_url) as session:
        worker_id = audit_log.entries(session, action=audit_log.LOGIN)[0].worker_id
        cases.claim(session, case_id, worker_id)

    reply = await client.post(
        f"/portal/cases/{case_id}/reply", data={"csrf_token": csrf, "text": "Dag & welkom"}
    )
    back = await client.post(f"/portal/cases/{case_id}/hand-back", data={"csrf_token": csrf})
    close = await client.post(
        f"/portal/cases/{case_id}/close", data={"csrf_token": csrf, "outcome": "Klaar"}
    )

    assert reply.status == back.status == close.status == 503
    assert "Je antwoord is niet verstuurd." in (reply_html := await reply.text())
    assert ">Dag &amp; welkom</textarea>" in reply_html  # nothing typed is lost
    assert ">Klaar</textarea>" in await close.text()
    assert portal.case(case_id).status == "geclaimd"
    assert audit_log.REPLY not in actions_of(portal.db_url, case_id)


def test_plan_answers_are_named_in_dutch():
    assert answer_label("wonen_now") == "Wonen (nu)"
    assert answer_label("network.2.could_do") == "Netwerk, persoon 2 (zou kunnen doen)"
    assert answer_label("what_matters") == "Wat belangrijk is"
    assert answer_label("spending") == "Cash of voucher"


async def test_a_crisis_while_paused_is_shown_at_the_top(portal):
    case_id = portal.add_case("gesprek-crisis")
    with db.session(portal.db_url) as session:
        cases.flag_crisis(session, "gesprek-crisis")
    client, _ = await portal.logged_in("an")

    queue = await (await client.get("/portal")).text()
    page = await (await client.get(f"/portal/cases/{case_id}")).text()

    assert "Crisissignaal om " in queue
    assert '<p class="crisis-alert" role="alert"><strong>Crisissignaal</strong>' in page
    assert page.index("crisis-alert") < page.index("Over de vraag")
