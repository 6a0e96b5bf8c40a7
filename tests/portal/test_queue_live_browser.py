"""The open queue page in Debian's chromium: a new case appears without a reload, with the
page's filters, and "Nieuwe vraag in de wachtrij" is said in the polite live region while
the focus stays where it was (bot/web/static/portal.js)."""

from __future__ import annotations

import asyncio
import secrets

from bot.storage import db
from bot.web.app import create_app
from bot.web.push import QUEUE_HUB
from tests.browser_helpers import assert_no_axe_violations, chromium, save_screenshot
from tests.portal.conftest import PASSWORD, make_portal, portal_settings

TIMEOUT_MS = 30_000


async def listening(app) -> None:
    """Until the page's event stream is open."""

    async def wait() -> None:
        while not app[QUEUE_HUB].active:
            await asyncio.sleep(0.05)

    await asyncio.wait_for(wait(), TIMEOUT_MS / 1000)


async def logged_in_page(browser, server, username: str = "an"):
    """A page at 200 % zoom of a worker who logged in through the login form."""
    page = await browser.new_page(viewport={"width": 640, "height": 900})  # 200 %
    page.set_default_timeout(TIMEOUT_MS)
    await page.goto(str(server.make_url("/portal/login")))
    await page.locator("#username").fill(username)
    await page.locator("#password").fill(PASSWORD)
    async with page.expect_navigation():
        await page.keyboard.press("Enter")
    return page


async def test_a_new_case_appears_in_the_open_queue_and_is_announced(
    aiohttp_server, aiohttp_client, tmp_path
):
    settings = portal_settings(tmp_path)
    portal = make_portal(aiohttp_client, settings)
    portal.add_worker("an")
    server = await aiohttp_server(create_app(settings))
    try:
        async with chromium() as browser:
            page = await logged_in_page(browser, server)
            await page.goto(str(server.make_url("/portal?channel=rest")))
            await page.get_by_text("Er zijn geen vragen die passen bij deze filters.").wait_for()
            await page.locator("#filter-status").focus()
            await listening(server.app)

            telegram = portal.add_case(secrets.token_hex(18), channel="telegram")
            chat = portal.add_case(secrets.token_hex(18), channel="rest", reason="crisis")
            await page.locator(f'a[href="/portal/cases/{chat}"]').wait_for()
            status = page.locator("#live-status")
            await page.wait_for_function(
                "() => document.getElementById('live-status').textContent.length > 0"
            )

            assert await status.inner_text() == "Nieuwe dringende vraag in de wachtrij"
            assert await status.get_attribute("aria-live") == "polite"
            assert await page.locator(f'a[href="/portal/cases/{telegram}"]').count() == 0
            assert await page.evaluate("document.activeElement.id") == "filter-status"
            assert "1 vraag" in await page.locator("caption").inner_text()
            await assert_no_axe_violations(page, "queue after a live update")
            await save_screenshot(page, "portal-live", "queue-after-new-case")
    finally:
        db.dispose(settings.db_url)
