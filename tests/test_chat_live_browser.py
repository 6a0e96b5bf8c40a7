"""The chat page in Debian's chromium with the real Rasa: a worker's reply appears live as a
message of the trajectondersteuner (as text, focus untouched), and a reload shows the
conversation so far with the reply once, then goes on listening."""

from __future__ import annotations

import asyncio

import pytest

from bot.web.app import create_app
from bot.web.portal import rasa_api
from bot.web.push import CHAT_HUB
from tests.browser_helpers import assert_no_axe_violations, chromium, save_screenshot

pytestmark = pytest.mark.rasa

TIMEOUT_MS = 60_000
REPLY = "Dag, ik ben An van het team. <b>Geen HTML</b>"


async def worker_replies(app, sender: str, text: str) -> int:
    """What the portal does on a reply: the tracker first, then the live push."""
    message_id = rasa_api.new_message_id()
    await rasa_api.append_events(app, sender, [rasa_api.bot_event(text, message_id=message_id)])
    return await rasa_api.publish_reply(app, sender, text, message_id=message_id)


async def listening(app, sender: str) -> None:
    async def wait() -> None:
        while not app[CHAT_HUB].watching(sender):
            await asyncio.sleep(0.05)

    await asyncio.wait_for(wait(), TIMEOUT_MS / 1000)


async def test_a_workers_reply_shows_live_and_after_a_reload(aiohttp_server, assistant):
    server = await aiohttp_server(create_app(assistant.settings))
    app = server.app
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 640, "height": 900})  # 200 % zoom
        page.set_default_timeout(TIMEOUT_MS)
        await page.goto(str(server.make_url("/")))
        await page.get_by_role("button", name="Mijn plan maken").wait_for()
        await page.locator("#message").focus()
        await page.keyboard.type("ik wil met een mens praten")
        await page.keyboard.press("Enter")
        await page.get_by_role("button", name="Hier in de chat").wait_for()
        sender = await page.evaluate("localStorage.getItem('wegwijzer-sender')")
        await listening(app, sender)

        await rasa_api.append_events(app, sender, [rasa_api.pause_event()])
        assert await worker_replies(app, sender, REPLY) == 1
        worker = page.locator("#conversation li.worker")
        await worker.wait_for()

        assert await worker.inner_text() == f"Trajectondersteuner:\n{REPLY}"
        assert await worker.locator("b").count() == 0  # text, not HTML
        assert await page.evaluate("document.activeElement.id") == "message"  # focus stays
        assert await page.locator('[role="log"][aria-live="polite"] li.worker').count() == 1
        await assert_no_axe_violations(page, "chat with a worker's reply")
        await save_screenshot(page, "chat-live", "reply-live")

        await page.reload()
        await worker.first.wait_for()
        assert await worker.count() == 1  # once, from the history
        mine = page.locator("#conversation li.me")
        assert "ik wil met een mens praten" in await mine.first.inner_text()
        assert "Je gesprek tot nu toe" in await page.locator("#status").inner_text()
        # The contact question's buttons are gone: the worker's reply came after them.
        assert await page.get_by_role("button", name="Hier in de chat").count() == 0

        await listening(app, sender)
        await worker_replies(app, sender, "Ben je er nog?")
        await page.get_by_text("Ben je er nog?").wait_for()
        assert await worker.count() == 2
        await assert_no_axe_violations(page, "chat after a reload")
        await save_screenshot(page, "chat-live", "after-reload")
        await rasa_api.append_events(app, sender, [rasa_api.resume_event()])
