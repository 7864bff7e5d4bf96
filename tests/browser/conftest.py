"""Browser fixtures: the canary site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

Chromium is the system one (``apt-get install chromium``; ``make chromium``): Playwright's own
browser downloads are never used. In CI (``CI`` set) a missing browser fails the run instead of
skipping it, so the browser tests cannot silently stop running.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from ..site_builds import build_canary_site, serve_folder

CHROMIUM = Path(os.environ.get("REFSITE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _unavailable(reason: str) -> None:
    message = f"{reason}: install it with `make chromium` (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_folder(build_canary_site(tmp_path_factory.mktemp("browser") / "project")) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        _unavailable(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


class Tab:
    """A page that records every dialog (alert, confirm, prompt) a script tries to open."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    context = browser.new_context()
    host = urlsplit(site_url).netloc

    # Nothing leaves the machine: the theme's web fonts and the canary's outside links are refused.
    def only_local(route: Any) -> None:
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_local)
    context.set_default_timeout(15_000)
    try:
        yield Tab(context.new_page())
    finally:
        context.close()
