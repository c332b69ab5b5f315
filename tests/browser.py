"""A real Chromium for the browser tests: Debian's ``/usr/bin/chromium`` driven by Playwright for
Python, never a browser Playwright downloads (``playwright install`` must never run: CI and this
machine have no network to fetch one). Without Chromium or Playwright the tests skip, saying why,
on a developer's machine, and fail in CI (``tests.conftest.require``); ``.ci/run`` installs both.

The phone is an iPhone-sized page: 390×844 CSS pixels, a touch screen, a mobile viewport."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.conftest import require

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = os.environ.get("SEMINAR_TEST_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 720}

# This machine's network is closed: Chromium's own background connections (updates, sync,
# QUIC probes, field trials) would each wait for a timeout; none of them is needed to test a page.
# Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir here).
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Debian's Chromium, or the one ``SEMINAR_TEST_CHROMIUM`` names, when it is there."""
    found = shutil.which(CHROMIUM) if not Path(CHROMIUM).is_absolute() else CHROMIUM
    return found if found and os.access(found, os.X_OK) else None


def require_browser() -> str:
    """The Chromium to launch; skips (fails in CI) with the reason when the tests cannot run."""
    require(
        importlib.util.find_spec("playwright") is not None,
        "Playwright for Python is not installed (pip install -e '.[test]')",
    )
    path = chromium_path()
    require(path is not None, f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    assert path is not None
    return path


@contextmanager
def launched_chromium() -> Iterator[Browser]:
    """One headless Chromium for a whole test module (launching costs about a second)."""
    path = require_browser()
    from playwright.sync_api import sync_playwright

    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=args, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def phone_context(browser: Browser, locale: str = "fr-FR", **options: Any) -> BrowserContext:
    """A phone of its own (its own cookies): 390×844, touch, mobile viewport."""
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale=locale,
        **options,
    )
    # generous on a loaded machine (two cores, six test suites): a wait ends as soon as its
    # condition holds, so the bound only matters when something is wrong
    context.set_default_timeout(20_000)
    return context


def desktop_context(browser: Browser, locale: str = "fr-FR") -> BrowserContext:
    """A laptop's browser driving a projector: 1280×720."""
    context = browser.new_context(viewport=DESKTOP, locale=locale)
    context.set_default_timeout(20_000)
    return context


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now, one line each (rule, impact, first node).

    axe-playwright-python ships axe-core's script (``axe.min.js``): nothing is downloaded."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    lines = []
    for violation in results.response["violations"]:
        nodes = violation.get("nodes", [])
        where = nodes[0].get("html", "")[:120] if nodes else ""
        lines.append(f"{violation['id']} ({violation.get('impact')}): {where}")
    return lines
