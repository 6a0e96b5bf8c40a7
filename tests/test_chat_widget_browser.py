"""The web chat as a widget in Debian's chromium, against the real Rasa and action servers
(issue 11, points 5, 6 and 8): an FAQ exchange and the start of the intake by keyboard only,
a reload that goes on with the conversation and "Nieuw gesprek" that starts over, a dropped
connection that loses and doubles nothing, 200 % zoom and 320 px without side scrolling,
the larger-text, reading-level and voorlezen controls remembered after a reload, and
axe-core on the empty, busy and long chat with no violation at all."""

from __future__ import annotations

import pytest

from tests.browser_helpers import assert_visible_focus, focused, press_until

FOLDER = "chat-widget"


def named(text: str, tag: str = "button"):
    return lambda element: element["tag"] == tag and element["text"] == text


def text_box(element: dict) -> bool:
    return element["id"] == "message"


async def start_over(page) -> None:
    """ "Nieuw gesprek" by keyboard from the text box: Shift+Tab to the button, Enter, the
    confirmation (focus on "Nee, ga verder"), Shift+Tab to "Ja, begin opnieuw", Enter; then
    the cursor is in the text box and the new welcome is shown."""
    assert text_box(await focused(page))
    passed = await press_until(page, "Shift+Tab", named("Nieuw gesprek"))
    assert_visible_focus(passed[-1])
    await page.keyboard.press("Enter")
    assert named("Nee, ga verder")(await focused(page))
    await page.keyboard.press("Shift+Tab")
    assert named("Ja, begin opnieuw")(await focused(page))
    await page.keyboard.press("Enter")
    await page.locator("#conversation li.bot").first.wait_for()
    assert text_box(await focused(page))


pytestmark = pytest.mark.rasa
