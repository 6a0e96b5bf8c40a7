"""The open case page in Debian's chromium: a crisis flagged while Wegwijzer is silent
appears at the top without a reload, as an alert, while the focus stays where the worker
was (bot/web/static/portal.js, /portal/events?case=<id>)."""

from __future__ import annotations

import secrets

from bot.handoff import cases
from bot.storage import db
from bot.web.app import create_app
from tests.browser_helpers import assert_no_axe_violations, chromium, save_screenshot
from tests.portal.conftest import make_portal, portal_settings
from tests.portal.test_queue_live_browser import listening, logged_in_page


async def test_a_crisis_appears_on_the_open_case_page(aiohttp_server, aiohttp_client, tmp_path):
    settings = portal_settings(tmp_path)
    portal = make_portal(aiohttp_client, settings)
    portal.add_worker("an")
    conversation = secrets.token_hex(18)
    case_id = portal.add_case(conversation)
    server = await aiohttp_server(create_app(settings))
    try:
        async with chromium() as browser:
            page = await logged_in_page(browser, server)
            await page.goto(str(server.make_url(f"/portal/cases/{case_id}")))
            assert await page.locator(".crisis-alert").count() == 0
            await page.locator("#outcome").focus()
            await page.keyboard.type("Gebeld")
            await listening(server.app)

            with db.session(settings.db_url) as session:
                cases.flag_crisis(session, conversation)
            alert = page.locator("#live-crisis .crisis-alert")
            await alert.wait_for()

            assert await alert.get_attribute("role") == "alert"
            assert "Crisissignaal" in await alert.inner_text()
            assert await page.evaluate("document.activeElement.id") == "outcome"
            assert await page.locator("#outcome").input_value() == "Gebeld"
            await assert_no_axe_violations(page, "case page after a live crisis")
            await save_screenshot(page, "portal-live", "case-after-crisis")
    finally:
        db.dispose(settings.db_url)
