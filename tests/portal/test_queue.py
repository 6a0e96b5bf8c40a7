"""The queue: the worker's teams only (an admin: all), urgent first then oldest, filters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.handoff import cases
from bot.storage import db
from bot.storage.models import utcnow
from tests.portal.conftest import ESCAPED, SCRIPT


def positions(html: str, case_ids: list[str]) -> list[int]:
    return [html.index(f"/portal/cases/{case_id}") for case_id in case_ids]


async def test_the_queue_shows_the_teams_cases_urgent_first_then_oldest(portal):
    start = utcnow() - timedelta(hours=1)
    oldest = portal.add_case("a", now=start)
    newer = portal.add_case("b", now=start + timedelta(minutes=10))
    urgent = portal.add_case("c", reason=cases.CRISIS, now=start + timedelta(minutes=20))
    other_team = portal.add_case("d", facts={"place": "Brugge"}, now=start)
    client, _ = await portal.logged_in("an")

    response = await client.get("/portal")
    html = await response.text()

    assert response.status == 200
    assert positions(html, [urgent, oldest, newer]) == sorted(
        positions(html, [urgent, oldest, newer])
    )
    assert other_team not in html
    assert "Dringend" in html and "Crisis" in html and "Vraagt een mens" in html
    assert "Team Oost-Vlaanderen" in html and "Webchat" in html and "Nieuw" in html
    assert '<th scope="col">Hoe dringend</th>' in html
    assert "3 vragen" in html


async def test_an_admin_sees_every_team(portal):
    gent = portal.add_case("a")
    brugge = portal.add_case("b", facts={"place": "Brugge"})
    client, _ = await portal.logged_in("baas", teams=("vlaanderen",), role="admin")

    html = await (await client.get("/portal")).text()

    assert gent in html and brugge in html
    assert "Team West-Vlaanderen" in html
    assert 'href="/portal/audit"' in html


async def test_the_age_of_a_case_in_dutch(portal):
    moment = utcnow()
    portal.clock.fixed = moment
    portal.add_case("a", now=moment - timedelta(minutes=12))
    portal.add_case("b", facts={"place": "Aalst"}, now=moment - timedelta(hours=3, minutes=5))
    client, _ = await portal.logged_in("an")

    html = await (await client.get("/portal")).text()

    assert "12 minuten geleden" in html
    assert "3 uur geleden" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("status=gesloten", ["closed"], ["new", "claimed", "telegram"]),
        ("status=geclaimd", ["claimed"], ["new", "closed", "telegram"]),
        ("status=alle", ["new", "claimed", "closed", "telegram"], []),
        ("reason=crisis", ["claimed"], ["new", "closed", "telegram"]),
        ("channel=telegram", ["telegram"], ["new", "claimed", "closed"]),
        ("", ["new", "claimed", "telegram"], ["closed"]),
    ],
)
async def test_filters(portal, query, shown, hidden):
    worker_id = portal.add_worker("collega")
    ids = {
        "new": portal.add_case("n"),
        "claimed": portal.add_case("c", reason=cases.CRISIS),
        "closed": portal.add_case("x"),
        "telegram": portal.add_case("t", channel="telegram"),
    }
    with db.session(portal.db_url) as session:
        cases.claim(session, ids["claimed"], worker_id)
        cases.close(session, ids["closed"], worker_id, "Afgehandeld")
    client, _ = await portal.logged_in("an")

    response = await client.get(f"/portal?{query}")
    html = await response.text()

    assert response.status == 200
    for name in shown:
        assert ids[name] in html, name
    for name in hidden:
        assert ids[name] not in html, name


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("status=weg", "status", "Kies een status uit de lijst."),
        ("reason=%3Cscript%3E", "reason", "Kies een reden uit de lijst."),
        ("channel=fax", "channel", "Kies een kanaal uit de lijst."),
    ],
)
async def test_a_wrong_filter_is_named_next_to_its_field(portal, query, field, message):
    case_id = portal.add_case()
    client, _ = await portal.logged_in("an")

    response = await client.get(f"/portal?{query}")
    html = await response.text()

    assert response.status == 400
    assert f'<p class="field-error" id="filter-{field}-fout">{message}</p>' in html
    assert f'aria-describedby="filter-{field}-fout"' in html
    assert case_id in html  # the queue is still shown, without the wrong filter
    assert "<script>" not in html


async def test_html_in_the_summary_shows_as_text(portal):
    case_id = portal.add_case(facts={"place": "Gent", "help_kind": SCRIPT})
    client, _ = await portal.logged_in("an")

    html = await (await client.get("/portal")).text()

    assert case_id in html
    assert ESCAPED in html
    assert SCRIPT not in html


async def test_the_queue_page_is_accessible_in_its_structure(portal):
    portal.add_case()
    client, _ = await portal.logged_in("an")

    html = await (await client.get("/portal")).text()

    assert '<html lang="nl">' in html
    assert '<a class="skip-link" href="#inhoud">' in html
    assert html.count("<h1") == 1
    for field in ("status", "reason", "channel"):
        assert f'<label for="filter-{field}">' in html
    assert '<th scope="row">' in html and "<caption>" in html
