"""The chat page in Debian's chromium, against the real Rasa and action servers: the intake
with the keyboard only (Tab, Shift+Tab, Enter and typing, never a mouse or focus()), the
plan link, and axe-core on a conversation with many buttons."""

from __future__ import annotations

import pytest

from bot.web.app import create_app
from tests.browser_helpers import CHROMIUM, violations_report
from tests.browser_helpers import press_until as press_until_reading

pytestmark = pytest.mark.rasa

# What has the keyboard focus: the element, its words, whether its focus ring shows, and
# whether it is in the newest message of Wegwijzer.
FOCUSED = """() => {
    const element = document.activeElement;
    const messages = document.querySelectorAll("#conversation > li.bot");
    const newest = messages[messages.length - 1];
    const box = element.getBoundingClientRect();
    return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        text: (element.textContent || "").trim(),
        outline: getComputedStyle(element).outlineStyle,
        on_screen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0,
        in_newest_message: Boolean(newest && newest.contains(element)),
    };
}"""
MAX_PRESSES = 15


async def focused(page) -> dict:
    return await page.evaluate(FOCUSED)


async def press_until(page, key: str, reached) -> list[dict]:
    return await press_until_reading(page, key, reached, most=MAX_PRESSES, read=focused)


def button(name: str):
    return lambda element: element["tag"] == "button" and element["text"] == name


def text_box(element: dict) -> bool:
    return element["id"] == "message"


def assert_visible_focus(element: dict) -> None:
    assert element["on_screen"], element
    assert element["outline"] not in ("none", ""), f"no focus ring on {element}"


async def test_intake_by_keyboard_with_a_plan_link_and_no_axe_violations(aiohttp_server, assistant):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium with `make browser`.")
    from axe_playwright_python.async_playwright import Axe
    from playwright.async_api import async_playwright

    # On the web app's own port: the plan links the assistant writes lead here.
    server = await aiohttp_server(
        create_app(assistant.settings), host="127.0.0.1", port=assistant.settings.web_port
    )
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = await browser.new_page(viewport={"width": 640, "height": 900})  # 200 %
            await page.goto(str(server.make_url("/")))
            await page.get_by_role("button", name="Mijn plan maken").wait_for()  # the welcome

            # The first Tab reaches the skip link; Enter on it puts the cursor in the text box.
            await page.keyboard.press("Tab")
            skip_link = await focused(page)
            assert (skip_link["tag"], skip_link["text"]) == ("a", "Naar het tekstvak")
            assert_visible_focus(skip_link)
            await page.keyboard.press("Enter")
            assert text_box(await focused(page))

            await page.keyboard.type("ik wil mijn ondersteuningsplan maken")
            await page.keyboard.press("Enter")
            # Not known yet who is talking: the yes buttons say for whom too.
            yes = "Ja, ik vertel over mezelf"
            await page.get_by_role("button", name=yes).wait_for()
            assert text_box(await focused(page))  # the cursor stays in the text box

            # Shift+Tab from the text box goes back through the answers to the question just
            # asked, the last one first.
            passed = await press_until(page, "Shift+Tab", button(yes))
            assert all(e["tag"] == "button" and e["in_newest_message"] for e in passed), passed
            assert passed[0]["text"] == "Meer over privacy"
            assert_visible_focus(passed[-1])
            await page.keyboard.press("Enter")
            await page.get_by_text("Welke naam mag in je plan staan?").wait_for()

            results = await Axe().run(page)
            assert results.violations_count == 0, violations_report(results)
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0

            # After an answer button the cursor is back in the text box; Shift+Tab goes back
            # to the answers of the new question.
            assert text_box(await focused(page))
            passed = await press_until(page, "Shift+Tab", button("Sla over"))
            assert all(e["tag"] == "button" and e["in_newest_message"] for e in passed), passed
            assert_visible_focus(passed[-1])
            await page.keyboard.press("Enter")
            await page.get_by_text("hoe ziet een goede dag eruit").wait_for()
            assert text_box(await focused(page))

            # The new answers are just before the text box.
            passed = await press_until(page, "Shift+Tab", button("Weet ik niet"))
            assert all(e["tag"] == "button" and e["in_newest_message"] for e in passed), passed
            await press_until(page, "Tab", text_box)
            await page.keyboard.type("wat heb ik al ingevuld")
            await page.keyboard.press("Enter")
            link = page.get_by_role("link", name="Open je plan (nieuw venster)")
            await link.wait_for()

            # Shift+Tab reaches the plan link; Enter opens the plan in a new window.
            passed = await press_until(
                page, "Shift+Tab", lambda e: e["tag"] == "a" and e["text"].startswith("Open je")
            )
            assert_visible_focus(passed[-1])
            href = await link.get_attribute("href")
            assert "/plan/" in href
            async with page.expect_popup() as opened:
                await page.keyboard.press("Enter")
            plan_page = await opened.value
            await plan_page.wait_for_load_state()
            assert plan_page.url == href
            heading = plan_page.get_by_role("heading", level=1)
            assert await heading.text_content() == "Ontwerp van je ondersteuningsplan"
        finally:
            await browser.close()
