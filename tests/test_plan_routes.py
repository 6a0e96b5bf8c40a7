"""The draft plan on the web (bot/web/plan_routes.py): HTML, PDF and JSON of a stored plan."""

from __future__ import annotations

import io
from datetime import timedelta

import pypdf
import pytest

from bot import processes
from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.plan_document import build_document
from bot.storage import db, plans
from bot.storage.models import utcnow
from bot.web.app import create_app
from tests.browser_helpers import CHROMIUM, violations_report
from tests.test_plan_document import ANSWERS

SCRIPT = "<script>alert(1)</script>"
EMOJI = "Rolstoel 🦽, duim 👍🏽 en 🧑‍🦽 samen"
PLAN_ANSWERS = {**ANSWERS, "what_matters": SCRIPT, "works_well": EMOJI}
PRIVATE = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
}


@pytest.fixture
def settings(tmp_path):
    settings = processes.settings_on_free_ports(f"sqlite:///{tmp_path / 'app.db'}")
    db.migrate(settings.db_url)
    return settings


@pytest.fixture
def token(settings) -> str:
    """A plan filled in through the storage API, confirmed once (version 1)."""
    with db.session(settings.db_url) as session:
        plan = plans.create_plan(session, "conversation-1", CONSENT_TEXT_VERSION)
        for key, value in PLAN_ANSWERS.items():
            plans.save_answer(session, plan.id, key, value)
        assert plans.save_version(session, plan.id) == 1
        return plan.document_token


@pytest.fixture
async def client(aiohttp_client, settings):
    return await aiohttp_client(create_app(settings))


def assert_private(response) -> None:
    for header, value in PRIVATE.items():
        assert response.headers.get(header) == value, header


async def test_html_shows_the_answers_as_text(client, token):
    response = await client.get(f"/plan/{token}")
    html = await response.text()

    assert response.status == 200
    assert response.content_type == "text/html"
    assert_private(response)
    assert '<html lang="nl">' in html
    assert html.count("<h1") == 1
    assert "Koffie drinken in het café met Jens." in html
    assert "Lotte gaat op kamers" in html
    assert "3 nachten per week" in html
    assert "Dit is een voorbereiding op het officiële ondersteuningsplan PVB." in html
    assert "Versie 1 van" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT not in html
    assert EMOJI in html
    assert f'href="/plan/{token}.pdf"' in html
    assert f'href="/plan/{token}.json"' in html


async def test_pdf_has_the_answers(client, token):
    response = await client.get(f"/plan/{token}.pdf")
    body = await response.read()

    assert response.status == 200
    assert response.content_type == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="ondersteuningsplan-ontwerp.pdf"'
    )
    assert_private(response)
    reader = pypdf.PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        "café",
        "Lotte gaat op kamers",
        "Ik woon bij mama en papa.",
        "3 nachten per week",
        "Mama",
        SCRIPT,
        "Rolstoel",
        "Dit is een voorbereiding op het officiële ondersteuningsplan PVB.",
    ):
        assert expected in text, expected
    assert reader.metadata.title == "Ontwerp van je ondersteuningsplan"
    assert reader.trailer["/Root"]["/Lang"] == "nl-BE"


async def test_json_is_the_document(client, settings, token):
    response = await client.get(f"/plan/{token}.json")

    assert response.status == 200
    assert response.content_type == "application/json"
    assert_private(response)
    with db.session(settings.db_url) as session:
        plan = plans.plan_by_token(session, token)
        expected = build_document(
            plan.created_at, plan.updated_at, 1, plans.answers(session, plan.id)
        )
    assert await response.json() == expected
    assert expected["version"]["number"] == 1


async def test_a_plan_without_confirmed_version_is_version_0(client, settings):
    with db.session(settings.db_url) as session:
        plan = plans.create_plan(session, "conversation-2", CONSENT_TEXT_VERSION)
        plans.save_answer(session, plan.id, "speaker", "person")
        token = plan.document_token

    document = await (await client.get(f"/plan/{token}.json")).json()

    assert document["version"]["number"] == 0
    assert "nog niet bevestigd" in document["version"]["text"]


@pytest.mark.parametrize(
    "path",
    [
        "/plan/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "/plan/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.pdf",
        "/plan/kort",
        "/plan/%3Cscript%3E",
        "/plan/a/b/c",
        "/plan/",
    ],
)
async def test_unknown_or_malformed_token_is_a_dutch_404(client, token, path):
    response = await client.get(path)
    html = await response.text()

    assert response.status == 404
    assert response.content_type == "text/html"
    assert_private(response)
    assert '<html lang="nl">' in html
    assert "Dit plan vinden we niet" in html
    assert "<script>" not in html


async def test_unknown_token_as_json_is_a_json_404(client, token):
    response = await client.get("/plan/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.json")

    assert response.status == 404
    assert_private(response)
    body = await response.json()
    assert body["error"].startswith("Dit plan vinden we niet.")


async def test_no_store_on_every_form_of_the_plan(client, token):
    for path in (f"/plan/{token}", f"/plan/{token}.pdf", f"/plan/{token}.json"):
        response = await client.get(path)
        assert response.status == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    stylesheet = await client.get("/static/plan.css")
    assert stylesheet.status == 200


async def test_plan_page_passes_axe_in_chromium(aiohttp_server, settings, token):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium with `make browser`.")
    from axe_playwright_python.async_playwright import Axe
    from playwright.async_api import async_playwright

    server = await aiohttp_server(create_app(settings), host="127.0.0.1")
    axe = Axe()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            for path in (f"/plan/{token}", "/plan/onbekend"):
                await page.goto(str(server.make_url(path)))
                results = await axe.run(page)
                assert results.violations_count == 0, f"{path}:\n{violations_report(results)}"

            # 200 % zoom of a 1280 px wide window: 640 CSS pixels, no side scrolling.
            await page.set_viewport_size({"width": 640, "height": 900})
            await page.goto(str(server.make_url(f"/plan/{token}")))
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0
            results = await axe.run(page)
            assert results.violations_count == 0, violations_report(results)
        finally:
            await browser.close()


# --- expired and replaced links ----------------------------------------------------------------


def age_link(settings, token: str, days: int) -> None:
    """Make the plan's link as if it was made or extended `days` ago."""
    with db.session(settings.db_url) as session:
        plan = plans.plan_by_token(session, token)
        plan.document_token_expires_at = utcnow() + timedelta(days=settings.plan_link_days - days)


async def assert_no_plan_data(response, status: int) -> str:
    body = await response.text()
    assert response.status == status
    assert_private(response)
    for answer in ("Lotte gaat op kamers", "café", "Jens", "Mama", "nachten"):
        assert answer not in body, answer
    return body


async def test_a_link_works_until_the_plan_link_days_have_passed(client, settings, token):
    age_link(settings, token, settings.plan_link_days - 1)
    assert (await client.get(f"/plan/{token}")).status == 200


async def test_an_expired_link_is_a_kind_dutch_410_for_page_pdf_and_json(client, settings, token):
    age_link(settings, token, settings.plan_link_days)

    page = await assert_no_plan_data(await client.get(f"/plan/{token}"), 410)
    pdf = await client.get(f"/plan/{token}.pdf")
    data = await client.get(f"/plan/{token}.json")

    assert '<html lang="nl">' in page
    assert "Deze link werkt niet meer" in page
    assert f"Een link naar je plan werkt {settings.plan_link_days} dagen." in page
    assert "verleng mijn link" in page
    assert f"/plan/{token}.pdf" not in page
    assert pdf.content_type == "text/html"
    await assert_no_plan_data(pdf, 410)
    await assert_no_plan_data(data, 410)
    assert (await data.json())["error"].startswith("Deze link werkt niet meer.")


async def test_a_plan_from_before_link_expiry_expires_after_its_creation(client, settings):
    with db.session(settings.db_url) as session:
        plan = plans.create_plan(
            session, "c-old", CONSENT_TEXT_VERSION, now=utcnow() - timedelta(days=400)
        )
        plan.document_token_expires_at = None
        token = plan.document_token

    await assert_no_plan_data(await client.get(f"/plan/{token}.json"), 410)


async def test_a_replaced_link_is_a_dutch_404_and_the_new_one_works(client, settings, token):
    with db.session(settings.db_url) as session:
        plan_id = plans.plan_by_token(session, token).id
        new = plans.new_plan_link(session, plan_id).document_token

    for suffix in ("", ".pdf", ".json"):
        await assert_no_plan_data(await client.get(f"/plan/{token}{suffix}"), 404)
    page = await (await client.get(f"/plan/{token}")).text()
    assert "Misschien kreeg je plan een nieuwe link." in page
    assert (await client.get(f"/plan/{new}")).status == 200


async def test_an_extended_link_works_again(client, settings, token):
    age_link(settings, token, settings.plan_link_days + 5)
    assert (await client.get(f"/plan/{token}.json")).status == 410
    with db.session(settings.db_url) as session:
        plans.extend_plan_link(session, plans.plan_by_token(session, token).id)

    assert (await client.get(f"/plan/{token}.json")).status == 200


async def test_the_json_holds_no_internal_id(client, settings, token):
    with db.session(settings.db_url) as session:
        plan_id = plans.plan_by_token(session, token).id

    body = await (await client.get(f"/plan/{token}.json")).text()
    pdf = await (await client.get(f"/plan/{token}.pdf")).read()

    assert "plan_id" not in body
    assert plan_id not in body and token not in body
    assert plan_id.encode() not in pdf and token.encode() not in pdf


async def test_unreadable_database_is_a_dutch_503(aiohttp_client, tmp_path):
    settings = processes.settings_on_free_ports(f"sqlite:///{tmp_path / 'empty.db'}")
    client = await aiohttp_client(create_app(settings))  # no migrate(): no app_ tables
    path = "/plan/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

    page = await client.get(path)
    data = await client.get(f"{path}.json")

    assert page.status == 503
    assert_private(page)
    assert "Probeer het over een paar minuten opnieuw." in await page.text()
    assert data.status == 503
    assert "Probeer het over een paar minuten opnieuw." in (await data.json())["error"]
