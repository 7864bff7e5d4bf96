"""What a reader's browser pays for the site's search: bytes downloaded per query, time to results.

The hook's site is served from its folder on 127.0.0.1 and searched in Debian's Chromium
(Playwright), as a reader would: "/" opens the header's field and the query is typed. Every
response after the page has loaded is counted (its body and headers as received), for a first
query and for a second, different one. Material's search, in the baseline, downloads its whole
JSON index before the first result; its size is the figure to compare with.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..site_builds import serve_folder

CHROMIUM = Path("/usr/bin/chromium")
_INDEXED = re.compile(r"search: Pagefind indexed (\d+) pages in ([\d.]+) s")


@dataclass(frozen=True)
class SearchCost:
    first_query_kb: float
    second_query_kb: float
    first_results_ms: float
    """From typing the first query until its results are shown (includes the UI's 120 ms debounce)."""
    second_results_ms: float
    queries: tuple[str, str]


def indexing_seconds(output: str) -> float:
    """Pagefind's indexing time as the hook reports it in the build's output."""
    found = _INDEXED.findall(output)
    return float(found[-1][1]) if found else 0.0


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6 if folder.is_dir() else 0.0


def search_cost(site: Path, first: str, second: str) -> SearchCost | None:
    """Search the built site twice in Chromium; None if Chromium or Playwright is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.is_file():
        return None
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(base + "/about/", wait_until="networkidle")
            responses: list[Any] = []
            page.on("requestfinished", lambda request: responses.append(request))
            page.keyboard.press("/")
            one_kb, one_ms = _query(page, first, responses)
            responses.clear()
            two_kb, two_ms = _query(page, second, responses)
        finally:
            browser.close()
    return SearchCost(one_kb, two_kb, one_ms, two_ms, (first, second))


def _query(page: Any, query: str, responses: list[Any]) -> tuple[float, float]:
    start = time.perf_counter()
    page.locator(".md-search__input").fill(query)
    page.wait_for_function(
        "q => document.querySelector('[data-refsite-search]').dataset.shown === ':' + q", arg=query, timeout=60_000
    )
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    total = 0
    for request in responses:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total / 1e3, seconds * 1e3
