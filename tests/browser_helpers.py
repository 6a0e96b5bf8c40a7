"""Shared helpers of the browser tests: Debian's chromium driven by Playwright, axe-core
(axe_playwright_python), where the keyboard focus is, side scrolling and screenshots."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "var" / "artifacts"

# What has the keyboard focus: the element, its words, and whether a focus indicator shows
# (an outline or a box-shadow in its computed style) on screen.
FOCUSED = """() => {
    const element = document.activeElement || document.body;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const label = element.labels && element.labels.length ? element.labels[0].textContent : "";
    return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        type: element.getAttribute("type") || "",
        role: element.getAttribute("role") || "",
        text: (element.textContent || "").trim().replace(/\\s+/g, " "),
        label: label.trim(),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        box_shadow: style.boxShadow !== "none",
        on_screen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight && box.left < window.innerWidth,
    };
}"""
# How far the page body scrolls sideways (0 or less: not at all).
SIDE_SCROLL = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium with `make browser`.")


@asynccontextmanager
async def chromium() -> AsyncIterator:
    """A headless Debian chromium, closed afterwards."""
    require_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield browser
        finally:
            await browser.close()


def violations_report(results) -> str:
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


async def assert_no_axe_violations(page, where: str) -> None:
    """axe-core on the page as it is now: no violations of any impact."""
    from axe_playwright_python.async_playwright import Axe

    results = await Axe().run(page)
    assert results.violations_count == 0, f"{where}:\n{violations_report(results)}"


async def focused(page) -> dict:
    return await page.evaluate(FOCUSED)


def assert_visible_focus(element: dict) -> None:
    assert element["on_screen"], f"the focused element is not on screen: {element}"
    assert element["outline"] or element["box_shadow"], f"no focus indicator on {element}"


async def press_until(
    page, key: str, reached: Callable[[dict], bool], most: int = 40, read=focused
) -> list[dict]:
    """Presses `key` until `reached(focused element)`, the element as `read(page)` sees
    it; returns the elements focused on the way (the last one is the target). Fails when
    the target is not reached."""
    passed = []
    for _ in range(most):
        await page.keyboard.press(key)
        passed.append(await read(page))
        if reached(passed[-1]):
            return passed
    pytest.fail(f"{key} {most} times did not reach the element; focus went to {passed}")


async def side_scroll(page) -> int:
    return await page.evaluate(SIDE_SCROLL)


async def save_screenshot(page, folder: str, name: str) -> Path:
    """A full-page screenshot under var/artifacts/<folder>/<name>.png (kept by the CI)."""
    path = ARTIFACTS / folder / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    return path
