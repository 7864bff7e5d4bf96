"""End to end in Chromium: the canary's payloads never run, and a reader can search, follow and cite."""

from __future__ import annotations

import re

import pytest

from .conftest import Tab

pytestmark = pytest.mark.browser

CANARY_PAGES = [
    "/people/canary/",
    "/sources/canary-source/",
    "/people/ada-brook/",  # shows the canary's name in its relations and backlinks
    "/people/",
    "/places/lowtown/",
    "/organizations/lowtown-council/",
    "/sources/",
    "/sources/gazette/",
]


def assert_nothing_ran(tab: Tab) -> None:
    assert tab.page.evaluate("typeof window.__pwned") == "undefined"
    assert tab.dialogs == []


@pytest.mark.parametrize("path", CANARY_PAGES)
def test_no_script_of_the_canary_runs(tab: Tab, site_url: str, path: str) -> None:
    tab.page.goto(site_url + path)
    tab.page.wait_for_load_state("load")
    # Handlers that need a reader: hover and click everything in the content.
    for element in tab.page.locator("article.md-content__inner *:visible").all()[:400]:
        element.hover(force=True, timeout=2_000, no_wait_after=True)
    for link in tab.page.locator("article.md-content__inner a:not([href])").all():
        link.click(timeout=2_000, no_wait_after=True)
    tab.page.wait_for_timeout(300)
    assert tab.page.url.startswith(site_url)
    assert_nothing_ran(tab)


def test_the_canary_name_is_shown_as_text(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "/people/canary/")
    name = 'Canary </title><script>window.__pwned = "name"</script><img src=x onerror="window.__pwned = 1"> & Co'
    assert tab.page.title() == f"{name} - Fixture reference"
    assert tab.page.locator("article h1").inner_text() == name
    assert_nothing_ran(tab)


def test_searching_the_canary_runs_nothing(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "/")
    tab.page.keyboard.press("/")
    tab.page.keyboard.type("Canary")
    tab.page.locator(".md-search-result__item").first.wait_for()
    tab.page.wait_for_timeout(500)
    assert_nothing_ran(tab)


def test_a_reader_finds_a_person_by_an_alias(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "/")
    tab.page.keyboard.press("/")
    tab.page.keyboard.type("Mayor Brook")
    result = tab.page.locator(".md-search-result__item > a", has_text="Ada Brook").first
    result.click()
    tab.page.wait_for_url(re.compile(r"/people/ada-brook/$"))
    assert tab.page.locator("article h1").inner_text() == "Ada Brook"
    assert "Mayor Brook" in tab.page.locator(".refsite-aliases").inner_text()


def test_a_reader_follows_a_relation(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "/people/ada-brook/")
    relations = tab.page.locator("h2#relations + ul")
    relations.get_by_role("link", name="Hightown council").click()
    tab.page.wait_for_url(re.compile(r"/organizations/hightown-council/$"))
    assert tab.page.locator("article h1").inner_text() == "Hightown council"
    # The other end shows the relation back.
    back = tab.page.locator("h2#relations + ul")
    assert "Met Ada Brook" in back.inner_text()
    back.get_by_role("link", name="Ada Brook").click()
    tab.page.wait_for_url(re.compile(r"/people/ada-brook/$"))


def test_a_reader_follows_a_citation_to_its_quote(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "/people/ada-brook/")
    mark = tab.page.locator("article sup a.footnote-ref").first
    target = mark.get_attribute("href")
    assert target is not None and target.startswith("#fn:")
    mark.click()
    tab.page.wait_for_url(re.compile(re.escape(target) + "$"))
    footnote = tab.page.locator(f"li[id='{target[1:]}']")
    text = footnote.inner_text()
    assert "“" in text and "The Northern Gazette, 2020" in text  # title, publisher, date, then the quote
    quote = text.split("“", 1)[1].split("”", 1)[0]
    footnote.locator("a[href*='sources/']").first.click()
    tab.page.wait_for_url(re.compile(r"/sources/(gazette|herald)/#q-[0-9a-f]{10}$"))
    anchor = tab.page.url.rsplit("#", 1)[1]
    landed = tab.page.locator(f"li[id='{anchor}']")
    assert quote in landed.inner_text()
    assert landed.is_visible()
    box = landed.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the quote is scrolled into view"
    assert "Ada Brook" in landed.inner_text()
