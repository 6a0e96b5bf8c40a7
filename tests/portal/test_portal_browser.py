"""The portal in Debian's chromium (issue 10, point 10): axe-core on every page with no
violations of any impact, no side scrolling at 200 % zoom, and a worker's whole flow with
the keyboard only (Tab, Shift+Tab, Enter, Space, arrows and typing; no mouse, no focus()
and no navigation but opening the login page). Screenshots of every page are kept under
var/artifacts/portal/."""

from __future__ import annotations

import secrets

import pytest

from bot.handoff import cases, plan_review
from bot.storage import db
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
from tests.portal.conftest import PASSWORD, SCRIPT, make_portal, portal_settings
from tests.portal.test_case_page import plan_with_versions

ARTIFACTS = "portal"
WIDE = {"width": 1280, "height": 900}
ZOOMED = {"width": 640, "height": 900}  # 200 % zoom of a 1280 px wide window
# The tables wider than their box: each may only scroll inside a box that the keyboard can
# reach (tabindex 0) and that has a name (a labelled region).
WIDE_TABLES = """() => Array.from(document.querySelectorAll("table"))
    .filter(table => table.scrollWidth > table.parentElement.clientWidth)
    .map(table => {
        const box = table.parentElement;
        return {
            table: table.caption ? table.caption.textContent.trim() : table.outerHTML.slice(0, 80),
            scrolls_inside: ["auto", "scroll"].includes(getComputedStyle(box).overflowX),
            focusable: box.tabIndex === 0,
            region: box.getAttribute("role") === "region",
            named: Boolean(box.getAttribute("aria-labelledby") || box.getAttribute("aria-label")),
        };
    })"""


@pytest.fixture
def offline_portal(aiohttp_client, tmp_path):
    """The portal on its own app database; nothing listens where Rasa would be."""
    settings = portal_settings(tmp_path)
    yield make_portal(aiohttp_client, settings)
    db.dispose(settings.db_url)


async def assert_fits_at_200_percent(page, where: str) -> None:
    """No side scrolling of the page body; a wide table scrolls in its labelled box."""
    assert await side_scroll(page) <= 0, f"{where} scrolls sideways at 200 %"
    for table in await page.evaluate(WIDE_TABLES):
        assert all(value for value in table.values()), f"{where}: {table}"


async def check_at_200_percent(page, where: str, screenshot: str) -> None:
    """The page as it is now, at 200 % zoom: it fits, passes axe and is kept as a
    screenshot; then back to the wide window."""
    await page.set_viewport_size(ZOOMED)
    await assert_fits_at_200_percent(page, where)
    await assert_no_axe_violations(page, f"{where} at 200 %")
    await save_screenshot(page, ARTIFACTS, screenshot)
    await page.set_viewport_size(WIDE)


async def serve(aiohttp_server, portal):
    return await aiohttp_server(create_app(portal.settings), host="127.0.0.1")


async def log_in(page, server, username: str, password: str = PASSWORD) -> None:
    """The login form filled in like a person would (for the pages scanned, not the
    keyboard test)."""
    await page.goto(str(server.make_url("/portal/login")))
    await page.get_by_label("Gebruikersnaam").fill(username)
    await page.get_by_label("Wachtwoord").fill(password)
    await page.get_by_role("button", name="Aanmelden").click()
    await page.wait_for_load_state()


def add_note(portal, case_id: str, worker_id: int, part: str, text: str) -> None:
    with db.session(portal.db_url) as session:
        plan_review.add_note(session, case_id, worker_id, part, text)


def fill_queue(portal) -> None:
    """Cases of every kind in the queue: urgent with a crisis flag, with a plan, by phone."""
    portal.add_case("gesprek-crisis", reason=cases.CRISIS, facts={"place": "Gent", "age": "17"})
    with db.session(portal.db_url) as session:
        cases.flag_crisis(session, "gesprek-crisis")
    portal.add_case(
        "gesprek-plan",
        reason=cases.PLAN_REVIEW,
        plan_id=plan_with_versions(portal.db_url),
        facts={"place": "Aalst", "age": "34", "speaker": "person", "help_kind": SCRIPT},
    )
    portal.add_case("gesprek-telegram", channel="telegram", facts={"place": "Ninove"})


async def test_login_queue_and_audit_pages_pass_axe_and_fit_at_200_percent(
    aiohttp_server, offline_portal
):
    portal = offline_portal
    portal.add_worker("an")
    portal.add_worker("beheer", role="admin")
    fill_queue(portal)
    server = await serve(aiohttp_server, portal)
    async with chromium() as browser:
        page = await browser.new_page(viewport=WIDE)
        await page.goto(str(server.make_url("/portal/login")))
        await assert_no_axe_violations(page, "the login page")
        await save_screenshot(page, ARTIFACTS, "login")

        await log_in(page, server, "an", "niet-mijn-wachtwoord")
        await page.get_by_role("alert").wait_for()
        await assert_no_axe_violations(page, "the login page with an error")
        await save_screenshot(page, ARTIFACTS, "login-error")

        await log_in(page, server, "an")
        await page.get_by_role("heading", name="Wachtrij", level=1).wait_for()
        assert await page.locator("table.queue tbody tr").count() == 3
        await assert_no_axe_violations(page, "the queue")
        await save_screenshot(page, ARTIFACTS, "queue")

        await check_at_200_percent(page, "the queue", "queue-zoom-200")

        await page.goto(str(server.make_url("/portal?status=alle&channel=facebook")))
        await page.get_by_text("Er zijn geen vragen die passen bij deze filters.").wait_for()
        await assert_no_axe_violations(page, "the empty queue")
        await save_screenshot(page, ARTIFACTS, "queue-empty")

        await page.goto(str(server.make_url("/portal?status=verkeerd")))
        await page.get_by_role("alert").wait_for()
        await assert_no_axe_violations(page, "the queue with a wrong filter")

        await log_in(page, server, "beheer")
        await page.goto(str(server.make_url("/portal/audit")))
        await page.get_by_role("heading", name="Logboek", level=1).wait_for()
        await assert_no_axe_violations(page, "the audit log")
        await save_screenshot(page, ARTIFACTS, "audit")
        await check_at_200_percent(page, "the audit log", "audit-zoom-200")


# --- with the real Rasa: the transcript, and actions that pause and resume the bot ------


@pytest.fixture
def live_portal(aiohttp_client, tmp_path, assistant):
    """The portal on its own app database, reading the session's real Rasa."""
    settings = portal_settings(tmp_path, base=assistant.settings)
    yield make_portal(aiohttp_client, settings)
    db.dispose(settings.db_url)


def new_conversation(assistant, *messages: str) -> str:
    sender = secrets.token_hex(16)
    for message in messages:
        assert assistant.replies(sender, message) is not None
    return sender


@pytest.mark.rasa
async def test_case_page_passes_axe_with_transcript_plan_and_notes(
    aiohttp_server, live_portal, assistant
):
    portal = live_portal
    worker_id = portal.add_worker("an")
    sender = new_conversation(assistant, "hallo", SCRIPT)
    case_id = portal.add_case(
        sender,
        reason=cases.PLAN_REVIEW,
        plan_id=plan_with_versions(portal.db_url),
        facts={"place": "Aalst", "age": "34", "speaker": "person", "help_kind": SCRIPT},
    )
    with db.session(portal.db_url) as session:
        cases.set_contact(session, case_id, "telefoon", "0470 12 34 56", "Na 17 uur")
    add_note(portal, case_id, worker_id, plan_review.GENERAL, f"Eerst bellen. {SCRIPT}")
    add_note(portal, case_id, worker_id, "budget", "Budget nog bespreken.")
    server = await serve(aiohttp_server, portal)
    async with chromium() as browser:
        page = await browser.new_page(viewport=WIDE)
        page.set_default_timeout(60_000)
        await log_in(page, server, "an")
        await page.goto(str(server.make_url(f"/portal/cases/{case_id}")))
        transcript = page.locator("ol.transcript")
        await transcript.get_by_text(SCRIPT).wait_for()
        await assert_no_axe_violations(page, "a new case")

        await page.get_by_role("button", name="Neem de vraag op").click()
        await page.get_by_role("status").get_by_text("Je hebt de vraag opgenomen").wait_for()
        await page.get_by_role("textbox", name="Jouw antwoord aan de persoon").fill(
            "Dag, ik ben An."
        )
        await page.get_by_role("button", name="Verstuur je antwoord").click()
        await page.get_by_role("status").get_by_text("staat in het gesprek").wait_for()
        await transcript.locator("li.worker").get_by_text("Dag, ik ben An.").wait_for()
        assert await page.locator("ul.diff li").count() > 0
        assert await page.locator("ul.notes li").count() == 2
        await assert_no_axe_violations(page, "a claimed case with a reply, a plan and notes")
        await save_screenshot(page, ARTIFACTS, "case")

        await check_at_200_percent(page, "the case page", "case-zoom-200")

        await page.get_by_role("button", name="Verstuur je antwoord").click()  # empty
        await page.get_by_role("alert").get_by_text("Schrijf eerst je antwoord.").wait_for()
        await assert_no_axe_violations(page, "the case page with an error")
        await save_screenshot(page, ARTIFACTS, "case-error")

        await page.get_by_role("textbox", name="Hoe loopt de vraag af?").fill("Afspraak gemaakt.")
        await page.get_by_role("button", name="Sluit de vraag af").click()
        await page.get_by_role("status").get_by_text("De vraag is afgesloten.").wait_for()
        await assert_no_axe_violations(page, "a closed case")
        await save_screenshot(page, ARTIFACTS, "case-closed")


def is_button(name: str):
    return lambda element: element["tag"] == "button" and element["text"] == name


def is_link(name: str):
    return lambda element: element["tag"] == "a" and element["text"].startswith(name)


def has_id(element_id: str):
    return lambda element: element["id"] == element_id


async def focus_lands_on(page, selector: str) -> dict:
    """Waits until the element of `selector` has the focus (autofocus and a #fragment
    focus it as the page loads); returns it."""
    await page.wait_for_function(
        "selector => document.activeElement && document.activeElement.matches(selector)",
        arg=selector,
    )
    return await focused(page)


async def submit_with(page, key: str) -> None:
    """Presses `key` on the focused button and waits for the page it leads to."""
    async with page.expect_navigation():
        await page.keyboard.press(key)


async def assert_announced(page, role: str, text: str) -> None:
    """After a form post: a status or alert region says `text` and has the focus, with
    a visible focus indicator."""
    element = await focus_lands_on(page, f'[role="{role}"]')
    assert text in element["text"], element
    assert_visible_focus(element)


async def tab_to(page, reached, key: str = "Tab") -> dict:
    """Tab (or Shift+Tab) to an element; every element on the way shows its focus."""
    passed = await press_until(page, key, reached, most=60)
    for element in passed:
        if element["tag"] != "body":
            assert_visible_focus(element)
    return passed[-1]


async def type_and_send(page, field_id: str, text: str, button: str, key: str) -> None:
    """Tab to the text field, type, Tab to the form's button and press `key` on it."""
    await tab_to(page, has_id(field_id))
    await page.keyboard.type(text)
    await tab_to(page, is_button(button))
    await submit_with(page, key)


async def select_option_by_arrows(page, select_id: str, wanted: str) -> None:
    """ArrowDown on the focused (closed) list until `wanted` is chosen."""
    for _ in range(10):
        chosen = await page.eval_on_selector(
            f"#{select_id}", "element => element.selectedOptions[0].textContent.trim()"
        )
        if chosen == wanted:
            return
        await page.keyboard.press("ArrowDown")
    pytest.fail(f"ArrowDown did not reach {wanted!r} in #{select_id}")


@pytest.mark.rasa
async def test_a_case_from_login_to_logout_with_the_keyboard_only(
    aiohttp_server, live_portal, assistant
):
    portal = live_portal
    portal.add_worker("an")
    sender = new_conversation(assistant, "hallo", "ik wil met iemand praten")
    case_id = portal.add_case(sender, facts={"place": "Gent", "age": "34"})
    portal.add_case("gesprek-telegram", channel="telegram", facts={"place": "Ninove"})
    server = await serve(aiohttp_server, portal)
    async with chromium() as browser:
        page = await browser.new_page(viewport=WIDE)
        page.set_default_timeout(60_000)
        await page.goto(str(server.make_url("/portal/login")))  # the only address typed

        # Log in: the skip link first, a wrong password is announced and focused.
        skip = await tab_to(page, is_link("Naar de inhoud"))
        assert skip == (await focused(page))
        await tab_to(page, has_id("username"))
        await page.keyboard.type("an")
        await page.keyboard.press("Tab")
        assert has_id("password")(await focused(page))
        await page.keyboard.type("niet-mijn-wachtwoord")
        await submit_with(page, "Enter")
        await assert_announced(page, "alert", "De gebruikersnaam of het wachtwoord klopt niet.")
        await tab_to(page, has_id("password"))
        await page.keyboard.type(PASSWORD)
        await submit_with(page, "Enter")

        # The queue: a new page, read from the top; the skip link leads to the content.
        await page.get_by_role("heading", name="Wachtrij", level=1).wait_for()
        assert (await focused(page))["tag"] == "body"
        await tab_to(page, is_link("Naar de inhoud"))
        await page.keyboard.press("Enter")
        main = await focus_lands_on(page, "main#inhoud")
        assert_visible_focus(main)
        assert await page.locator("table.queue tbody tr").count() == 2
        await save_screenshot(page, ARTIFACTS, "keyboard-queue")

        # Filter on the web chat: the list of channels by arrows, Toon by Space.
        await tab_to(page, has_id("filter-channel"))
        await select_option_by_arrows(page, "filter-channel", "Webchat")
        await tab_to(page, is_button("Toon"))
        await submit_with(page, "Space")
        assert "channel=rest" in page.url
        assert await page.locator("table.queue tbody tr").count() == 1
        assert await page.locator("#filter-channel").input_value() == "rest"
        await save_screenshot(page, ARTIFACTS, "keyboard-queue-filtered")

        # Open the case from its row.
        await tab_to(page, is_link("Open de vraag"))
        await submit_with(page, "Enter")
        assert page.url.endswith(f"/portal/cases/{case_id}")
        await page.locator("ol.transcript").get_by_text("ik wil met iemand praten").wait_for()

        # Claim.
        await tab_to(page, is_button("Neem de vraag op"))
        await submit_with(page, "Enter")
        await assert_announced(page, "status", "Je hebt de vraag opgenomen.")
        assert assistant.tracker(sender)["paused"] is True

        # Reply: Tab goes on from the message to the text box.
        reply = "Dag, ik ben An. Ik help je verder."
        await type_and_send(page, "reply-text", reply, "Verstuur je antwoord", "Space")
        await assert_announced(page, "status", "staat in het gesprek")
        worker_lines = page.locator("ol.transcript li.worker")
        await worker_lines.get_by_text(reply).wait_for()
        await save_screenshot(page, ARTIFACTS, "keyboard-case-reply")

        # A note on part 1 of the plan.
        await tab_to(page, has_id("note-part"))
        await select_option_by_arrows(page, "note-part", "Deel 1. Over wie gaat het plan?")
        note = "Eerst het netwerk bespreken."
        await type_and_send(page, "note-text", note, "Bewaar de notitie", "Enter")
        await assert_announced(page, "status", "Je notitie is bewaard.")
        notes = page.locator("ul.notes")
        await notes.get_by_text(note).wait_for()

        # The plan status.
        await tab_to(page, has_id("plan-status"))
        await select_option_by_arrows(page, "plan-status", "besproken")
        await tab_to(page, is_button("Bewaar de status"))
        await submit_with(page, "Enter")
        await assert_announced(page, "status", "De status van het plan is aangepast.")
        assert await page.locator("#plan-status").input_value() == "besproken"

        # Close without an outcome: the error is announced and its link leads to the field.
        await tab_to(page, is_button("Sluit de vraag af"))
        await submit_with(page, "Enter")
        await assert_announced(page, "alert", "Schrijf kort op hoe de vraag afloopt.")
        await tab_to(page, is_link("Schrijf kort op hoe de vraag afloopt."))
        await page.keyboard.press("Enter")
        outcome = await focus_lands_on(page, "textarea#outcome")
        assert_visible_focus(outcome)
        await page.keyboard.type("Afspraak gemaakt voor dinsdag.")
        await tab_to(page, is_button("Sluit de vraag af"))
        await submit_with(page, "Enter")
        await assert_announced(page, "status", "De vraag is afgesloten.")
        found = portal.case(case_id)
        assert (found.status, found.outcome) == ("gesloten", "Afspraak gemaakt voor dinsdag.")
        assert assistant.tracker(sender)["paused"] is False
        await save_screenshot(page, ARTIFACTS, "keyboard-case-closed")

        # Log out: Shift+Tab back to the header.
        await tab_to(page, is_button("Afmelden"), key="Shift+Tab")
        await submit_with(page, "Enter")
        await assert_announced(page, "status", "Je bent afgemeld.")
        assert page.url.endswith("/portal/login?afgemeld=1")
        await save_screenshot(page, ARTIFACTS, "keyboard-logged-out")
