"""The web chat as a widget in Debian's chromium, against the real Rasa and action servers
(issue 11, points 5, 6 and 8): an FAQ exchange and the start of the intake by keyboard only,
a reload that goes on with the conversation and "Nieuw gesprek" that starts over, a dropped
connection that loses and doubles nothing, 200 % zoom and 320 px without side scrolling,
the larger-text, reading-level and voorlezen controls remembered after a reload, and
axe-core on the empty, busy and long chat with no violation at all."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from bot.web.app import create_app
from tests.browser_helpers import (
    assert_no_axe_violations,
    assert_visible_focus,
    chromium,
    focused,
    press_until,
    save_screenshot,
    side_scroll,
)
from tests.chat import knowledge_answer
from tests.test_chat_live_browser import listening, worker_replies

pytestmark = pytest.mark.rasa

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


TIMEOUT_MS = 60_000
ZOOMED = {"width": 640, "height": 900}  # a 1280 px wide window at 200 % zoom
NARROW = {"width": 320, "height": 640}
PVB = "wat is een persoonsvolgend budget"
DOP = "wat doet een dop"
WORKER_REPLY = "Dag, ik ben An van het team. Ik lees je bericht."
# Every message on the page as a line: its label and words, without its answer buttons.
LOG_TEXTS = """() => Array.from(document.querySelectorAll("#conversation > li"), (item) => {
    const copy = item.cloneNode(true);
    copy.querySelectorAll(".choices").forEach((choices) => choices.remove());
    return copy.textContent.replace(/\\s+/g, " ").trim();
})"""
# The person's message and both messages of the answer are shown, and nobody writes.
ANSWERED = """(count) => document.querySelectorAll("#conversation > li").length >= count
    && !document.getElementById("status").classList.contains("typing")"""
SENDER = "localStorage.getItem('wegwijzer-sender')"
# Each text the status line (the polite role=status region) gets, in order.
WATCH_STATUS = """() => {
    window.statusTexts = [];
    const status = document.getElementById("status");
    new MutationObserver(() => window.statusTexts.push(status.textContent))
        .observe(status, { childList: true, characterData: true, subtree: true });
}"""
# A stand-in for the browser's speech synthesis (no sound in a headless browser): it
# records what it was asked to say, with which voice and language.
SPEECH_STUB = """(() => {
    const voices = %s.map(([name, lang]) => ({ name, lang, localService: true, default: false }));
    window.spoken = [];
    window.SpeechSynthesisUtterance = class {
        constructor(text) { this.text = text; this.lang = ""; this.voice = null; }
    };
    Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
        getVoices: () => voices,
        speak: (u) => window.spoken.push(
            { text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null }),
        cancel: () => {},
    } });
})();"""
FLEMISH_VOICES = '[["Xander", "nl-NL"], ["Ellen", "nl-BE"], ["Samantha", "en-US"]]'
DUTCH_VOICES = '[["Samantha", "en-US"], ["Xander", "nl_NL"]]'
NO_SPEECH = 'Object.defineProperty(window, "speechSynthesis", { value: undefined });'


@asynccontextmanager
async def open_chat(
    aiohttp_server, assistant, viewport: dict = ZOOMED, init_script: str | None = None, **options
) -> AsyncIterator:
    """The web app and a chromium page on its chat, once the welcome is shown; yields
    (app, context, page)."""
    server = await aiohttp_server(create_app(assistant.settings))
    async with chromium() as browser:
        context = await browser.new_context(viewport=viewport, **options)
        if init_script:
            await context.add_init_script(init_script)
        page = await context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        await page.goto(str(server.make_url("/")))
        await page.get_by_role("button", name="Mijn plan maken").wait_for()
        yield server.app, context, page


async def to_text_box(page) -> None:
    """From the top of the page: the first Tab reaches the skip link, Enter on it puts the
    cursor in the text box."""
    await page.keyboard.press("Tab")
    skip_link = await focused(page)
    assert (skip_link["tag"], skip_link["text"]) == ("a", "Naar het tekstvak")
    assert_visible_focus(skip_link)
    await page.keyboard.press("Enter")
    assert text_box(await focused(page))


async def say(page, text: str, answer: str | None = None) -> None:
    await page.keyboard.type(text)
    await page.keyboard.press("Enter")
    if answer:
        await page.get_by_text(answer).last.wait_for()


async def shown(page, text: str, who: str = "bot") -> int:
    """How many messages of `who` ("me", "bot", "worker") have exactly these words."""
    selector = {"me": "li.me", "bot": "li.bot", "worker": "li.worker"}[who]
    texts = await page.locator(f"#conversation > {selector}").evaluate_all(
        "(items) => items.map((item) => Array.from(item.childNodes)"
        ".filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.data).join(''))"
    )
    return texts.count(text)


async def pressed(page, name: str) -> str | None:
    return await page.get_by_role("button", name=name, exact=True).get_attribute("aria-pressed")


async def test_an_faq_and_the_start_of_the_intake_by_keyboard_only(aiohttp_server, assistant):
    async with open_chat(aiohttp_server, assistant) as (_, _context, page):
        await to_text_box(page)
        await say(page, PVB, knowledge_answer("what_is_pvb"))
        assert await shown(page, PVB, "me") == 1
        assert text_box(await focused(page))  # the cursor stays in the text box
        assert await page.locator("#status").inner_text() == ""  # no typing indicator left

        # Shift+Tab goes back through the answers of the newest message; Enter on
        # "Eenvoudiger uitleg" repeats the answer in easy words and the switch shows it.
        passed = await press_until(page, "Shift+Tab", named("Eenvoudiger uitleg"))
        assert all(element["tag"] == "button" for element in passed), passed
        assert_visible_focus(passed[-1])
        await page.keyboard.press("Enter")
        await page.get_by_text(knowledge_answer("what_is_pvb", "eenvoudig")).wait_for()
        assert text_box(await focused(page))  # after an answer button: back in the text box
        assert await pressed(page, "Eenvoudig") == "true"
        assert await pressed(page, "Gewoon") == "false"

        # The switch at the top, by keyboard, back to the usual words.
        passed = await press_until(page, "Shift+Tab", named("Gewoon"), most=60)
        assert_visible_focus(passed[-1])
        await page.keyboard.press("Enter")
        await page.get_by_text("Goed. Ik geef nu weer de gewone uitleg.").wait_for()
        assert await pressed(page, "Gewoon") == "true"
        assert named("Gewoon")(await focused(page))  # a switch keeps the focus
        await press_until(page, "Tab", text_box, most=60)

        # The intake starts: the consent question (and for whom), answered with its button.
        yes = "Ja, ik vertel over mezelf"
        await say(page, "ik wil mijn ondersteuningsplan maken")
        await page.get_by_role("button", name=yes).wait_for()
        passed = await press_until(page, "Shift+Tab", named(yes))
        assert all(element["tag"] == "button" for element in passed), passed
        await page.keyboard.press("Enter")
        await page.get_by_text("Welke naam mag in je plan staan?").wait_for()
        assert text_box(await focused(page))
        assert await shown(page, yes, "me") == 1
        await save_screenshot(page, FOLDER, "faq-and-intake-by-keyboard")


async def test_a_reload_goes_on_and_nieuw_gesprek_starts_over(aiohttp_server, assistant):
    async with open_chat(aiohttp_server, assistant) as (_, _context, page):
        await to_text_box(page)
        await say(page, PVB, knowledge_answer("what_is_pvb"))
        sender = await page.evaluate(SENDER)
        before = await page.evaluate(LOG_TEXTS)

        # A returning visitor: the same conversation, all of it, and the next answer in it.
        await page.reload()
        await page.get_by_text(knowledge_answer("what_is_pvb")).wait_for()
        assert await page.evaluate(SENDER) == sender
        assert await page.evaluate(LOG_TEXTS) == before
        assert "Je gesprek tot nu toe" in await page.locator("#status").inner_text()
        await press_until(page, "Tab", text_box)
        await say(page, DOP, knowledge_answer("what_is_dop"))
        assert await shown(page, PVB, "me") == 1
        await save_screenshot(page, FOLDER, "after-reload")

        # "Nieuw gesprek" asks first; "Nee" keeps everything.
        passed = await press_until(page, "Shift+Tab", named("Nieuw gesprek"))
        assert_visible_focus(passed[-1])
        await page.keyboard.press("Enter")
        assert named("Nee, ga verder")(await focused(page))
        await page.keyboard.press("Enter")
        assert named("Nieuw gesprek")(await focused(page))
        assert await page.locator("#new-confirm").is_hidden()
        assert await shown(page, DOP, "me") == 1
        await press_until(page, "Tab", text_box)

        # "Ja, begin opnieuw": a new id, only the welcome.
        await start_over(page)
        await page.get_by_role("button", name="Mijn plan maken").wait_for()
        new_sender = await page.evaluate(SENDER)
        assert new_sender != sender
        assert await page.locator("#conversation > li").count() == 1
        await page.reload()
        await page.get_by_role("button", name="Mijn plan maken").wait_for()
        assert await page.evaluate(SENDER) == new_sender
        assert await page.locator("#conversation > li.me").count() == 0
        await save_screenshot(page, FOLDER, "new-conversation")


async def test_a_dropped_connection_loses_and_doubles_nothing(aiohttp_server, assistant):
    async with open_chat(aiohttp_server, assistant) as (app, context, page):
        await to_text_box(page)

        # The answer is lost on its way back: the message did arrive, so after the
        # reconnect it shows once, with its answer once, and the text box is empty.
        async def lose_the_answer(route) -> None:
            await route.fetch()
            await route.abort("connectionreset")

        await page.route("**/chat/message", lose_the_answer)
        await say(page, PVB)
        await page.get_by_text("De verbinding is terug.").wait_for()
        await page.unroute("**/chat/message")
        await page.get_by_text(knowledge_answer("what_is_pvb")).wait_for()
        assert await shown(page, PVB, "me") == 1
        assert await shown(page, knowledge_answer("what_is_pvb")) == 1
        assert await page.locator("#message").input_value() == ""

        # Offline: a calm word, the typed text stays in the box, and a worker's reply
        # pushed meanwhile arrives once after the reconnect.
        sender = await page.evaluate(SENDER)
        await listening(app, sender)
        await context.set_offline(True)
        await page.get_by_text("Geen verbinding. Ik probeer opnieuw…").wait_for()
        await say(page, DOP)
        await page.get_by_text("Geen verbinding. Ik probeer opnieuw…").wait_for()
        assert await page.locator("#message").input_value() == DOP
        assert await shown(page, DOP, "me") == 0
        await save_screenshot(page, FOLDER, "offline")
        await worker_replies(app, sender, WORKER_REPLY)

        await context.set_offline(False)
        await page.locator("#conversation li.worker").wait_for()
        status = await page.locator("#status").inner_text()
        assert "De verbinding is terug." in status
        assert "Je bericht staat nog in het tekstvak." in status
        assert text_box(await focused(page))
        await page.keyboard.press("Enter")
        await page.get_by_text(knowledge_answer("what_is_dop")).wait_for()
        await listening(app, sender)
        await asyncio.sleep(2)  # anything sent twice would be here by now
        assert await shown(page, WORKER_REPLY, "worker") == 1
        assert await shown(page, DOP, "me") == 1
        assert await shown(page, knowledge_answer("what_is_dop")) == 1
        await save_screenshot(page, FOLDER, "reconnected")

        # Nothing lost or doubled: the page shows the conversation exactly as it is kept.
        before = await page.evaluate(LOG_TEXTS)
        await page.reload()
        await page.get_by_text(WORKER_REPLY).wait_for()
        assert await page.evaluate(LOG_TEXTS) == before


async def test_no_side_scrolling_at_200_percent_and_320_px(aiohttp_server, assistant):
    for viewport in (ZOOMED, NARROW):
        async with open_chat(aiohttp_server, assistant, viewport) as (_, _context, page):
            await to_text_box(page)
            await say(page, PVB, knowledge_answer("what_is_pvb"))
            await say(page, "Donaudampfschifffahrtsgesellschaftskapitänswoningaanpassingspremie")
            await page.get_by_text("Donaudampf", exact=False).first.wait_for()
            assert await side_scroll(page) <= 0, viewport
            # Larger text and the open confirmation of "Nieuw gesprek" fit too.
            await page.get_by_role("button", name="Grotere letters").click()
            await page.get_by_role("button", name="Nieuw gesprek").click()
            assert await side_scroll(page) <= 0, viewport
            await save_screenshot(page, FOLDER, f"width-{viewport['width']}")


async def test_the_controls_are_remembered_after_a_reload(aiohttp_server, assistant):
    script = SPEECH_STUB % FLEMISH_VOICES
    async with open_chat(aiohttp_server, assistant, init_script=script) as (_, _ctx, page):
        body_size = "parseFloat(getComputedStyle(document.body).fontSize)"
        size = await page.evaluate(body_size)
        for name in ("Grotere letters", "Voorlezen"):
            assert await pressed(page, name) == "false"
            await press_until(page, "Tab", named(name))
            await page.keyboard.press("Enter")
            assert await pressed(page, name) == "true"
        assert await page.evaluate(body_size) > size
        await press_until(page, "Shift+Tab", named("Eenvoudig"))
        await page.keyboard.press("Enter")
        await page.get_by_text("Goed. Ik schrijf nu in makkelijke taal.").wait_for()
        assert await pressed(page, "Eenvoudig") == "true"

        # Voorlezen reads Wegwijzer's new messages in a Flemish voice, not the person's.
        await press_until(page, "Tab", text_box, most=60)
        await say(page, PVB, knowledge_answer("what_is_pvb", "eenvoudig"))
        spoken = await page.evaluate("window.spoken")
        assert knowledge_answer("what_is_pvb", "eenvoudig") in [s["text"] for s in spoken]
        assert all((s["voice"], s["lang"]) == ("Ellen", "nl-BE") for s in spoken), spoken
        assert PVB not in [s["text"] for s in spoken]

        # After a reload all three are still on; the history is not read out again.
        await page.reload()
        await page.get_by_text(knowledge_answer("what_is_pvb", "eenvoudig")).wait_for()
        assert await pressed(page, "Grotere letters") == "true"
        assert await pressed(page, "Voorlezen") == "true"
        assert await pressed(page, "Eenvoudig") == "true"
        assert await pressed(page, "Gewoon") == "false"
        assert await page.evaluate(body_size) > size
        assert await page.evaluate("window.spoken") == []
        await save_screenshot(page, FOLDER, "controls-after-reload")

        # A new conversation starts in easy words.
        await press_until(page, "Tab", text_box)
        await start_over(page)
        await page.get_by_text("Ik ben een computer. Ik ben geen mens.", exact=False).wait_for()

    # Without a Flemish voice: a Dutch one; without speech synthesis: no Voorlezen button.
    async with open_chat(aiohttp_server, assistant, init_script=SPEECH_STUB % DUTCH_VOICES) as (
        _,
        _ctx,
        page,
    ):
        await page.get_by_role("button", name="Voorlezen").click()
        await press_until(page, "Tab", text_box)
        await say(page, DOP, knowledge_answer("what_is_dop"))
        spoken = await page.evaluate("window.spoken")
        assert spoken and all(s["voice"] == "Xander" for s in spoken), spoken
    async with open_chat(aiohttp_server, assistant, init_script=NO_SPEECH) as (_, _ctx, page):
        assert await page.get_by_role("button", name="Voorlezen").count() == 0
        await to_text_box(page)
        await say(page, DOP, knowledge_answer("what_is_dop"))


async def test_axe_finds_nothing_empty_busy_and_long(aiohttp_server, assistant):
    async with open_chat(aiohttp_server, assistant, reduced_motion="reduce") as (_, _ctx, page):
        await assert_no_axe_violations(page, "the chat with only the welcome")
        await save_screenshot(page, FOLDER, "empty")

        # Busy: the answer is held back; the typing indicator shows and is said once.
        released = asyncio.Event()

        async def hold(route) -> None:
            await released.wait()
            await route.continue_()

        await page.route("**/chat/message", hold)
        await page.evaluate(WATCH_STATUS)
        await to_text_box(page)
        await say(page, PVB)
        status = page.locator("#status")
        await page.get_by_text("Wegwijzer schrijft…").wait_for()
        assert "typing" in (await status.get_attribute("class") or "")
        animation = "getComputedStyle(document.getElementById('status'), '::before').animationName"
        assert await page.evaluate(animation) == "none"  # reduced motion: the dots stand still
        await asyncio.sleep(2.5)
        assert await page.evaluate("window.statusTexts") == ["Wegwijzer schrijft…"]
        await assert_no_axe_violations(page, "the chat while Wegwijzer writes")
        await save_screenshot(page, FOLDER, "busy")
        released.set()
        await page.get_by_text(knowledge_answer("what_is_pvb")).wait_for()
        await page.unroute("**/chat/message")
        assert await page.evaluate("window.statusTexts") == ["Wegwijzer schrijft…", ""]

        # Long: twenty messages and more, every one in the single polite log.
        questions = [DOP, "hoe lang moet ik wachten op mijn budget", PVB] * 2
        for question in questions:
            count = await page.locator("#conversation > li").count()
            await say(page, question)
            await page.wait_for_function(ANSWERED, arg=count + 3)
        assert await page.locator("#conversation > li").count() >= 20
        assert await page.locator("[aria-live]").count() == 1  # the log (and role=status)
        assert await page.locator('[role="log"][aria-live="polite"] li').count() >= 20
        await assert_no_axe_violations(page, "a long conversation")
        await save_screenshot(page, FOLDER, "long")
    async with open_chat(aiohttp_server, assistant) as (_, _ctx, page):
        await page.route("**/chat/message", hold)
        released.clear()
        await to_text_box(page)
        await say(page, PVB)
        await page.get_by_text("Wegwijzer schrijft…").wait_for()
        assert await page.evaluate(animation) == "typing"  # the dots move when motion is fine
        released.set()


async def test_larger_letters_asked_in_words_turn_the_switch_on(aiohttp_server, assistant):
    """ "kan de tekst groter" was read as a wish for makkelijke taal (simpler_language 0.93
    on the model of 2026-12-06): the words got easier, the letters stayed small."""
    async with open_chat(aiohttp_server, assistant) as (_, _ctx, page):
        body_size = "parseFloat(getComputedStyle(document.body).fontSize)"
        size = await page.evaluate(body_size)
        await to_text_box(page)

        await say(page, "kan de tekst groter", "Ik maak de letters groter.")

        assert await pressed(page, "Grotere letters") == "true"
        assert await page.evaluate(body_size) > size
        assert await pressed(page, "Gewoon") == "true"  # the words stay as they were
        assert await page.evaluate("localStorage.getItem('wegwijzer-large-text')") == "1"
        await save_screenshot(page, FOLDER, "larger-letters-asked")
