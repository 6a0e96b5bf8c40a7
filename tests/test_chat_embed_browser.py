"""The chat embedded on another site with one script tag (static/embed.js), in Debian's
chromium with the real Rasa: on a plain page of another origin, by keyboard only (real key
presses, never focus()), the button opens the chat in a modal dialog, a question typed in
the chat inside the frame gets Wegwijzer's answer, and Escape closes the dialog with the
focus back on the button; axe-core finds nothing on the site with the dialog open nor on
the chat inside it, at 320 px width. A site that is not in WEGWIJZER_FRAME_ANCESTORS gets
no frame but a link that opens the chat in a new window."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from aiohttp import web

from bot.web.app import create_app, may_embed
from tests.browser_helpers import (
    FOCUSED,
    SIDE_SCROLL,
    assert_no_axe_violations,
    assert_visible_focus,
    chromium,
    press_until,
    save_screenshot,
)
from tests.test_orientation import knowledge_answer

TIMEOUT_MS = 60_000
NARROW = {"width": 320, "height": 640}
ARTIFACTS = "chat-embed"
OPEN_BUTTON = "Chat met Wegwijzer"
# A plain page of a site: some content, and the one script tag that embeds the chat.
HOST_PAGE = """<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Gemeente Voorbeeld – Zorg en welzijn</title>
</head>
<body>
  <main>
    <h1>Zorg en welzijn</h1>
    <p>Heb je een vraag over ondersteuning? Lees meer over <a href="/budget">het budget</a>,
       of stel je vraag aan Wegwijzer.</p>
    <script src="{chat}/static/embed.js" defer></script>
    <p>Liever bellen? Bel het sociaal huis.</p>
  </main>
</body>
</html>"""
# What has the keyboard focus on the site (as browser_helpers.FOCUSED reads it), looking
# into shadow roots: the embed's button lives in one. A frame in focus is the iframe.
SHADOW_FOCUS = """let element = document.activeElement || document.body;
    while (element.shadowRoot && element.shadowRoot.activeElement) {
        element = element.shadowRoot.activeElement;
    }"""
DEEP_FOCUSED = FOCUSED.replace(
    "const element = document.activeElement || document.body;", SHADOW_FOCUS
)
assert DEEP_FOCUSED != FOCUSED
DIALOG_OPEN = "() => document.querySelector('[data-wegwijzer-chat]').shadowRoot"
DIALOG_OPEN += ".querySelector('dialog').open"

FORCED_FRAME = """(url) => {
    const frame = document.createElement("iframe");
    frame.id = "forced";
    frame.title = "Chat zonder toestemming";
    frame.src = url;
    document.querySelector("main").append(frame);
}"""


async def deep_focused(page) -> dict:
    return await page.evaluate(DEEP_FOCUSED)


def focus_on(text: str):
    return lambda element: element["tag"] == "button" and element["text"] == text


async def host_site(aiohttp_server, chat: dict[str, str]) -> str:
    """A site on its own origin whose page embeds the chat at `chat["origin"]`."""

    async def page(request: web.Request) -> web.Response:
        return web.Response(text=HOST_PAGE.format(chat=chat["origin"]), content_type="text/html")

    app = web.Application()
    app.router.add_get("/", page)
    server = await aiohttp_server(app, host="127.0.0.1")
    return str(server.make_url("/")).rstrip("/")


async def chat_site(aiohttp_server, settings) -> str:
    server = await aiohttp_server(create_app(settings), host="127.0.0.1")
    return str(server.make_url("/")).rstrip("/")


async def open_dialog_by_keyboard(page) -> None:
    """Tab to the embed's button (past the site's own link), Enter: the dialog opens with
    the focus on "Sluiten"."""
    await page.get_by_role("button", name=OPEN_BUTTON).wait_for()
    passed = await press_until(page, "Tab", focus_on(OPEN_BUTTON), most=10, read=deep_focused)
    assert passed[0]["tag"] == "a", passed  # the site's link comes first
    assert_visible_focus(passed[-1])
    await page.keyboard.press("Enter")
    await page.get_by_role("dialog", name="Wegwijzer chat").wait_for()
    assert await page.evaluate(DIALOG_OPEN)
    closing = await deep_focused(page)
    assert focus_on("Sluiten")(closing), closing
    assert_visible_focus(closing)


async def close_by_escape(page) -> None:
    await page.keyboard.press("Escape")
    assert not await page.evaluate(DIALOG_OPEN)
    assert await page.get_by_role("dialog").count() == 0
    back = await deep_focused(page)
    assert focus_on(OPEN_BUTTON)(back), back
    assert_visible_focus(back)


@pytest.mark.rasa
async def test_a_site_embeds_the_chat_in_a_dialog_used_by_keyboard(aiohttp_server, assistant):
    chat: dict[str, str] = {}
    host = await host_site(aiohttp_server, chat)
    chat["origin"] = await chat_site(
        aiohttp_server, replace(assistant.settings, frame_ancestors=(host,))
    )
    async with chromium() as browser:
        page = await browser.new_page(viewport=NARROW)
        page.set_default_timeout(TIMEOUT_MS)
        await page.goto(f"{host}/")
        await open_dialog_by_keyboard(page)

        frame_element = page.locator("iframe[title='Wegwijzer chat']")
        chat_frame = page.frame_locator("iframe[title='Wegwijzer chat']")
        await chat_frame.get_by_role("button", name="Mijn plan maken").wait_for()  # welcome
        frame = await (await frame_element.element_handle()).content_frame()
        assert frame.url == f"{chat['origin']}/?embed=1"

        # Tab goes from "Sluiten" into the chat, on to its text box.
        async def in_frame(_page) -> dict:
            return await frame.evaluate(
                "() => ({id: document.hasFocus() ? document.activeElement.id : ''})"
            )

        await press_until(page, "Tab", lambda element: element["id"] == "message", read=in_frame)
        await page.keyboard.type("wat is een persoonsvolgend budget")
        await page.keyboard.press("Enter")
        answer = knowledge_answer("what_is_pvb", "gewoon")
        await chat_frame.get_by_text(answer).wait_for()
        await chat_frame.get_by_role("button", name="Eenvoudiger uitleg").wait_for()
        assert (await in_frame(page))["id"] == "message"  # the cursor stays in the text box

        # The dialog fills the narrow screen; nothing scrolls sideways, on the site or in
        # the chat; axe-core finds nothing on either.
        box = await page.get_by_role("dialog").bounding_box()
        assert box is not None and box["width"] == NARROW["width"], box
        assert await page.evaluate(SIDE_SCROLL) <= 0
        assert await frame.evaluate(SIDE_SCROLL) <= 0
        await assert_no_axe_violations(page, "the site with the chat dialog open")
        await assert_no_axe_violations(frame, "the chat inside the dialog")
        await save_screenshot(page, ARTIFACTS, "dialog-open-320px")

        # Back out of the chat to "Sluiten" by keyboard; Escape closes the dialog and the
        # focus returns to the button.
        await press_until(page, "Shift+Tab", focus_on("Sluiten"), read=deep_focused)
        await close_by_escape(page)
        await save_screenshot(page, ARTIFACTS, "dialog-closed-320px")

        # Opened again, the same conversation is still there.
        await page.keyboard.press("Enter")
        await chat_frame.get_by_text(answer).wait_for()
        assert await page.locator("iframe").count() == 1

        # The chat may close its dialog (Escape inside the frame never reaches the site):
        # the site's own scripts may not, the chat in the frame may.
        await page.evaluate("() => window.postMessage({wegwijzer: 'close'}, '*')")
        await page.wait_for_timeout(300)
        assert await page.evaluate(DIALOG_OPEN)
        await frame.evaluate("() => window.parent.postMessage({wegwijzer: 'close'}, '*')")
        await page.wait_for_function(f"() => !({DIALOG_OPEN})()")
        assert focus_on(OPEN_BUTTON)(await deep_focused(page))


@pytest.mark.rasa
async def test_a_site_not_allowed_gets_a_link_instead_of_a_frame(aiohttp_server, assistant):
    chat: dict[str, str] = {}
    host = await host_site(aiohttp_server, chat)
    chat["origin"] = await chat_site(
        aiohttp_server, replace(assistant.settings, frame_ancestors=("https://gemeente.example",))
    )
    async with chromium() as browser:
        page = await browser.new_page(viewport=NARROW)
        page.set_default_timeout(TIMEOUT_MS)
        await page.goto(f"{host}/")
        await open_dialog_by_keyboard(page)

        await page.get_by_text("De chat kan hier niet openen.").wait_for()
        link = page.get_by_role("link", name="Open de chat in een nieuw venster")
        assert await link.get_attribute("href") == f"{chat['origin']}/"
        assert await page.locator("iframe").count() == 0
        await assert_no_axe_violations(page, "the site with the dialog of a refused site")
        await save_screenshot(page, ARTIFACTS, "refused-site-320px")

        # Tab reaches the link; Enter opens the chat itself in a new window.
        passed = await press_until(
            page, "Tab", lambda element: element["tag"] == "a", most=5, read=deep_focused
        )
        assert_visible_focus(passed[-1])
        async with page.expect_popup() as opened:
            await page.keyboard.press("Enter")
        chat_page = await opened.value
        await chat_page.get_by_role("button", name="Mijn plan maken").wait_for()
        assert chat_page.url == f"{chat['origin']}/"

        await page.bring_to_front()
        await close_by_escape(page)

        # A frame of the chat that the site makes itself is blocked by the browser.
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        await page.evaluate(FORCED_FRAME, f"{chat['origin']}/?embed=1")
        for _ in range(100):
            if any("frame-ancestors https://gemeente.example" in text for text in messages):
                break
            await asyncio.sleep(0.1)
        assert any("frame-ancestors https://gemeente.example" in text for text in messages)
        forced = page.frame_locator("#forced")
        assert await forced.get_by_role("button", name="Mijn plan maken").count() == 0


@pytest.mark.parametrize(
    ("origin", "sources", "allowed"),
    [
        ("https://www.gemeente.be", ("https://www.gemeente.be",), True),
        ("https://www.gemeente.be", ("https://www.gemeente.be:443",), True),
        ("https://www.gemeente.be", ("http://www.gemeente.be",), True),  # as CSP does
        ("http://www.gemeente.be", ("https://www.gemeente.be",), False),
        ("https://zorg.gemeente.be", ("https://*.gemeente.be",), True),
        ("https://gemeente.be", ("https://*.gemeente.be",), False),
        ("https://gemeente.be.evil.example", ("https://gemeente.be",), False),
        ("https://evilgemeente.be", ("https://*.gemeente.be",), False),
        ("http://127.0.0.1:8080", ("http://127.0.0.1:8080",), True),
        ("http://127.0.0.1:8081", ("http://127.0.0.1:8080",), False),
        ("https://www.gemeente.be", ("'self'", "www.gemeente.be"), False),
        ("null", ("https://www.gemeente.be",), False),
        ("https://www.gemeente.be:99999", ("https://www.gemeente.be",), False),
    ],
)
def test_only_the_sites_that_may_frame_the_chat_may_read_it(origin, sources, allowed):
    assert may_embed(origin, sources) is allowed
