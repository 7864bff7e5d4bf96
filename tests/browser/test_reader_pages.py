"""Reader-first pages in Chromium: citation marks apart, citations land on quotes, previews, collapsed boxes, axe."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import Tab
from .measure_pages import MERGED_MARKERS_JS

pytestmark = pytest.mark.browser

ONE_PAGE_OF_EACH_TYPE = [
    "/",
    "/timeline/",
    "/people/",
    "/people/ada-brook/",
    "/places/lowtown-bridge/",
    "/organizations/river-works-company/",
    "/events/bridge-opening/",
    "/themes/infrastructure/",
    "/sources/",
    "/sources/gazette/",
    "/disagreements/",
    "/disagreements/bridge-cost/",
    "/questions/",
]


@pytest.mark.parametrize("path", ONE_PAGE_OF_EACH_TYPE)
def test_citation_marks_never_run_together_and_no_note_syntax_shows(tab: Tab, site_url: str, path: str) -> None:
    tab.page.goto(site_url + path)
    assert tab.page.evaluate(MERGED_MARKERS_JS) == 0
    text = tab.page.locator("article").inner_text()
    assert not any(token in text for token in ("[[", "]]", "[@"))


def test_marks_in_a_row_read_as_a_list(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "/events/bridge-opening/")
    pair = tab.page.locator("article sup[id^='fnref'] + .refsite-cite-sep").first
    assert pair.inner_text() == ","
    assert pair.is_visible()


def test_a_preview_of_the_linked_note_appears_on_hover(tab: Tab, site_url: str) -> None:
    # Material previews only pages named in the sitemap, which names the site's own address
    # (site_url); the test server runs on another port, so the sitemap is read with its address.
    def sitemap(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("http://127.0.0.1:8000/", site_url + "/"))

    tab.page.route("**/sitemap.xml", sitemap)
    tab.page.goto(site_url + "/people/ada-brook/")
    link = tab.page.locator("article .refsite-narrative a[data-preview]").first
    link.hover()
    preview = tab.page.locator(".md-tooltip2 article, .md-tooltip2 .md-typeset").first
    preview.wait_for(state="visible", timeout=10_000)
    assert "Lowtown Bridge" in tab.page.locator(".md-tooltip2").first.inner_text()


def test_boxes_beside_the_story_start_collapsed(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "/places/lowtown-bridge/")
    box = tab.page.locator("article details.warning")
    assert box.count() == 1
    assert "Where the sources differ" in box.locator("summary").inner_text()
    assert box.get_attribute("open") is None
    # The story comes first: the narrative sits above the box.
    narrative = tab.page.locator("article .refsite-lead, article .refsite-narrative").first.bounding_box()
    assert narrative is not None and box.bounding_box()["y"] > narrative["y"]  # type: ignore[index]


@pytest.mark.parametrize("path", ONE_PAGE_OF_EACH_TYPE)
def test_no_serious_accessibility_violation(tab: Tab, site_url: str, path: str) -> None:
    axe = pytest.importorskip("axe_playwright_python")
    tab.page.set_viewport_size({"width": 1280, "height": 900})
    tab.page.goto(site_url + path)
    tab.page.evaluate((Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8"))
    result = tab.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert serious == []


def test_the_source_page_keeps_its_checksum_for_maintainers_only(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "/sources/gazette/")
    maintainers = tab.page.locator("article details", has_text="For maintainers")
    assert maintainers.get_attribute("open") is None
    assert not tab.page.get_by_text(re.compile("SHA-256")).first.is_visible()
