"""The chat page's edge in Debian's chromium, against a fake Rasa on 127.0.0.1 (no model
needed), with the keyboard only: a plan link becomes a link only on the site's own origin,
the list of the browser's conversations is kept in localStorage only after consent and goes
with every message of a new conversation ("Nieuw gesprek") and of the browser's other tabs,
"vergeet mij" clears it, unknown custom messages are never
shown, and too many messages get a calm word with the typed text kept. The page runs
under its Content-Security-Policy without a single violation, and axe-core finds nothing."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace

from aiohttp import web

from bot.web.app import create_app
from bot.web.compressed_bodies import SERVER_OPTIONS
from tests import fake_rasa
from tests.browser_helpers import assert_no_axe_violations, chromium, focused
from tests.test_chat_widget_browser import start_over
from tests.test_web_edge import web_settings  # noqa: F401  (the fixture "settings")

TIMEOUT_MS = 20_000
ZOOMED = {"width": 640, "height": 900}  # 200 % zoom
TOKEN = "abcdefABCDEF0123456789_-"
STORED = """() => ({
    sender: localStorage.getItem("wegwijzer-sender"),
    remembered: localStorage.getItem("wegwijzer-conversations"),
})"""
# Every message of Wegwijzer on the page, without its "Wegwijzer:" label.
BOT_TEXTS = """() => Array.from(document.querySelectorAll("#conversation > li.bot"),
    (item) => item.textContent.replace(/^Wegwijzer:/, "").trim())"""


async def start(aiohttp_server, settings) -> tuple[fake_rasa.FakeRasa, str]:
    rasa = await fake_rasa.start(aiohttp_server, settings)
    server = await aiohttp_server(create_app(settings), **SERVER_OPTIONS)
    return rasa, str(server.make_url("/")).rstrip("/")


async def open_chat(context, origin: str, csp_errors: list[str]):
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.on(
        "console",
        lambda message: csp_errors.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )
    await page.goto(f"{origin}/")
    await page.get_by_role("button", name="Hallo").wait_for()  # the welcome
    # The first Tab reaches the skip link; Enter on it puts the cursor in the text box.
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    assert (await focused(page))["id"] == "message"
    return page


async def say(page, text: str, answer: str | None = None) -> None:
    """Type `text` in the text box and press Enter; wait for `answer` when given."""
    await page.keyboard.type(text)
    await page.keyboard.press("Enter")
    if answer:
        await page.get_by_text(answer).wait_for()


async def stored(page) -> dict:
    found = await page.evaluate(STORED)
    if found["remembered"] is not None:
        found["remembered"] = json.loads(found["remembered"])
    return found


def sent_by(rasa: fake_rasa.FakeRasa, sender: str) -> list[dict]:
    return [body for body in rasa.bodies() if body["sender"] == sender]


async def test_plan_links_consent_and_forget_by_keyboard(aiohttp_server, settings):
    rasa, origin = await start(aiohttp_server, settings)
    rasa.replies.update(
        {
            "mijn plan": [{"text": f"Je plan staat hier: {origin}/plan/{TOKEN}. Bewaar de link."}],
            "ander plan": [
                {
                    "text": f"Kijk op https://evil.example/plan/{TOKEN} "
                    f"of {origin}.evil.example/plan/{TOKEN}"
                }
            ],
            "ja, dat is goed": [
                {"text": "Bedankt. Ik bewaar je antwoorden."},
                {"custom": {"wegwijzer": {"remember_conversation": True}}},
            ],
            "vreemd": [
                {"custom": {"iets": "anders"}},
                {"custom": "tekst"},
                {"custom": {"wegwijzer": 5}},
                {"custom": None},
                {"custom": {"wegwijzer": {"onbekend": True}}},
                {"text": "Nog hier."},
            ],
            "vergeet mij": [
                {"text": "Alles is gewist."},
                {"custom": {"wegwijzer": {"forget_browser": True}}},
            ],
        }
    )
    csp_errors: list[str] = []
    async with chromium() as browser:
        context = await browser.new_context(viewport=ZOOMED)
        page = await open_chat(context, origin, csp_errors)

        # A plan link on the site's own origin is a link; on any other host it is text.
        await say(page, "mijn plan")
        link = page.get_by_role("link", name="Open je plan (nieuw venster)")
        await link.wait_for()
        assert await link.get_attribute("href") == f"{origin}/plan/{TOKEN}"
        await say(page, "ander plan", f"https://evil.example/plan/{TOKEN}")
        assert await page.get_by_role("link").filter(has_text="Open je plan").count() == 1
        assert f"{origin}.evil.example/plan/{TOKEN}" in (await page.evaluate(BOT_TEXTS))[-1]

        # Before consent the list of the browser's conversations is not kept.
        first = await stored(page)
        assert first["sender"] and first["remembered"] is None
        assert all(body["metadata"]["browser_conversations"] == [] for body in rasa.bodies())
        await say(page, "ja, dat is goed", "Bedankt. Ik bewaar je antwoorden.")
        assert (await stored(page))["remembered"] == [first["sender"]]

        # Unknown custom messages are ignored: no empty message, the page goes on.
        shown = len(await page.evaluate(BOT_TEXTS))
        await say(page, "vreemd", "Nog hier.")
        texts = await page.evaluate(BOT_TEXTS)
        assert len(texts) == shown + 1 and all(texts), texts
        assert (await focused(page))["id"] == "message"
        await assert_no_axe_violations(page, "chat with plan links and custom messages")

        # "Nieuw gesprek": a new conversation, which names the first one.
        await start_over(page)
        second = await stored(page)
        assert second["sender"] != first["sender"]
        assert second["remembered"] == [first["sender"]]
        [greet] = sent_by(rasa, second["sender"])
        assert greet["metadata"]["browser_conversations"] == [first["sender"]]

        # Another tab of the same browser goes on with the newest conversation.
        second_page = await open_chat(context, origin, csp_errors)
        assert await stored(second_page) == second

        # "Vergeet mij" clears what this browser keeps; the next message starts afresh.
        await say(second_page, "vergeet mij", "Alles is gewist.")
        assert await stored(second_page) == {"sender": None, "remembered": None}
        await say(second_page, "hallo weer", "Je schreef: hallo weer")
        fresh = await stored(second_page)
        assert fresh["sender"] not in (None, first["sender"], second["sender"])
        assert sent_by(rasa, fresh["sender"])[0]["metadata"]["browser_conversations"] == []
        await say(page, "nog iets", "Je schreef: nog iets")
        assert sent_by(rasa, second["sender"])[-1]["metadata"]["browser_conversations"] == []
        await assert_no_axe_violations(second_page, "chat after vergeet mij")

    assert csp_errors == []


async def test_too_many_messages_get_a_calm_word_and_keep_the_text(aiohttp_server, settings):
    _, origin = await start(aiohttp_server, replace(settings, chat_messages_per_minute=2))
    csp_errors: list[str] = []
    async with chromium() as browser:
        context = await browser.new_context(viewport=ZOOMED)
        page = await open_chat(context, origin, csp_errors)  # the welcome is message 1
        await say(page, "een", "Je schreef: een")

        await say(page, "twee")
        status = page.locator("#status")
        await page.get_by_text("Je stuurt veel berichten kort na elkaar").wait_for()

        words = await status.inner_text()
        assert "Wacht" in words and "Je bericht staat nog in het tekstvak." in words
        assert await page.locator("#message").input_value() == "twee"
        assert await page.locator("#conversation li.me", has_text="twee").count() == 0
        assert (await focused(page))["id"] == "message"
        await assert_no_axe_violations(page, "chat after too many messages")

    assert csp_errors == []


async def test_only_the_configured_site_can_show_the_chat_in_a_frame(aiohttp_server, settings):
    chats: dict[str, str] = {}  # frame id: the chat's address

    async def host_page(request: web.Request) -> web.Response:
        frames = "".join(
            f'<iframe id="{name}" title="Wegwijzer" src="{url}/"></iframe>'
            for name, url in chats.items()
        )
        return web.Response(
            text=f"<!doctype html><title>Gemeente</title>{frames}", content_type="text/html"
        )

    host_app = web.Application()
    host_app.router.add_get("/", host_page)
    host = await aiohttp_server(host_app)
    host_origin = str(host.make_url("/")).rstrip("/")
    await fake_rasa.start(aiohttp_server, settings)
    allowed = await aiohttp_server(create_app(replace(settings, frame_ancestors=(host_origin,))))
    refused = await aiohttp_server(create_app(settings))
    chats["allowed"] = str(allowed.make_url("/")).rstrip("/")
    chats["refused"] = str(refused.make_url("/")).rstrip("/")
    messages: list[str] = []

    def refused_by_policy() -> bool:
        return any("frame-ancestors 'none'" in text for text in messages)

    async with chromium() as browser:
        page = await browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("console", lambda message: messages.append(message.text))
        await page.goto(f"{host_origin}/")

        await page.frame_locator("#allowed").get_by_role("button", name="Hallo").wait_for()
        for _ in range(100):
            if refused_by_policy():
                break
            await asyncio.sleep(0.1)
        assert refused_by_policy(), messages
        refused_frame = page.frame_locator("#refused")
        assert await refused_frame.get_by_role("button", name="Hallo").count() == 0
