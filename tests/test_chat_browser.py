"""The chat page in Debian's chromium, against the real Rasa and action servers: the intake
by keyboard only, the plan link, and axe-core on a conversation with many buttons."""

from __future__ import annotations

import pytest

from bot.web.app import create_app
from tests.test_plan_routes import CHROMIUM, violations_report

pytestmark = pytest.mark.rasa


async def test_intake_by_keyboard_with_a_plan_link_and_no_axe_violations(aiohttp_server, assistant):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium with `make browser`.")
    from axe_playwright_python.async_playwright import Axe
    from playwright.async_api import async_playwright

    server = await aiohttp_server(create_app(assistant.settings), host="127.0.0.1")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = await browser.new_page(viewport={"width": 640, "height": 900})  # 200 %
            await page.goto(str(server.make_url("/")))
            await page.keyboard.press("Tab")  # skip link or the message box first
            await page.focus("#message")
            await page.keyboard.type("ik wil mijn ondersteuningsplan maken")
            await page.keyboard.press("Enter")
            consent = page.get_by_role("button", name="Ja, dat is goed")
            await consent.wait_for()

            await consent.focus()  # keyboard only: focus the button, press Enter
            await page.keyboard.press("Enter")
            await page.get_by_role("button", name="Over mezelf").wait_for()
            results = await Axe().run(page)
            assert results.violations_count == 0, violations_report(results)
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0

            await page.focus("#message")
            await page.keyboard.type("wat heb ik al ingevuld")
            await page.keyboard.press("Enter")
            link = page.get_by_role("link", name="Open je plan (nieuw venster)")
            await link.wait_for()
            assert "/plan/" in await link.get_attribute("href")
        finally:
            await browser.close()
