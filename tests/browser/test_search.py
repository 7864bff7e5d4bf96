"""End to end in Chromium: the site's search (Pagefind) on this project's own notes.

A reader who types a name, an alias, an acronym or another spelling of a name finds that note's
page first; the kind filter narrows the results; the keyboard alone opens a result; and every
request the search makes goes to the site itself.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from ..site_builds import build_project_site, serve_folder
from .conftest import Tab

pytestmark = pytest.mark.browser

# What readers type, and the page that must come first. Surnames, acronyms, places, and the
# spelling variants and short forms recorded as aliases in the notes.
QUERIES = [
    ("Rahmon", "/people/emomali-rahmon/"),
    ("Emomali", "/people/emomali-rahmon/"),
    ("Raisi", "/people/ebrahim-raisi/"),
    ("Khamenei", "/people/ali-khamenei/"),
    ("Pezeshkian", "/people/masoud-pezeshkian/"),
    ("Ahmadinejad", "/people/mahmoud-ahmadinejad/"),
    ("Rouhani", "/people/hassan-rouhani/"),
    ("Kabiri", "/people/muhiddin-kabiri/"),
    ("Muhidin Kabiri", "/people/muhiddin-kabiri/"),  # the other spelling of his first name
    ("Bagheri", "/people/mohammad-bagheri/"),
    ("Mohammad Bagheri", "/people/mohammad-bagheri/"),
    ("Zanjani", "/people/babak-zanjani/"),
    ("Nicolas Maduro", "/people/nicolas-maduro/"),  # typed without the accent of Nicolás
    ("Lob", "/people/eric-lob/"),
    ("Trump", "/people/president-trump/"),
    ("IRPT", "/organizations/islamic-renaissance-party-of-tajikistan/"),
    ("Islamic Renaissance Party", "/organizations/islamic-renaissance-party-of-tajikistan/"),
    ("SCO", "/organizations/shanghai-cooperation-organization/"),
    ("IRGC", "/organizations/irgc/"),
    ("Revolutionary Guard", "/organizations/irgc/"),
    ("GCC", "/organizations/gulf-cooperation-council/"),
    ("ISIS", "/organizations/islamic-state/"),
    ("ISKP", "/organizations/islamic-state-khorasan-province/"),
    ("United Nations", "/organizations/united-nations/"),
    ("Iran", "/places/iran/"),
    ("Tajikistan", "/places/tajikistan/"),
    ("Dushanbe", "/places/dushanbe/"),
    ("Tehran", "/places/tehran/"),
    ("Turkiye", "/places/turkey/"),  # the spelling some sources use
    ("Istiqlol Tunnel", "/places/anzob-tunnel/"),  # the tunnel's other name
    ("Anzob", "/places/anzob-tunnel/"),
    ("Parchin", "/places/parchin-military-complex/"),
    ("Sangtuda", "/places/sangtuda-2/"),
    ("drone factory in Dushanbe", "/places/dushanbe-drone-factory/"),
]


@pytest.fixture(scope="session")
def project_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site, _ = build_project_site(tmp_path_factory.mktemp("search") / "project")
    with serve_folder(site) as base:
        yield base


@pytest.fixture
def reader(browser: Any, project_url: str) -> Iterator[Tab]:
    context = browser.new_context()
    context.set_default_timeout(15_000)
    try:
        yield Tab(context.new_page())
    finally:
        context.close()


def search(tab: Tab, base: str, query: str, *, kind: str = "", fresh: bool = True) -> list[str]:
    """Type ``query`` into the header's search field (opened with "/"); return the result links."""
    if fresh:
        tab.page.goto(base + "/")
        tab.page.keyboard.press("/")
    tab.page.locator(".md-search__input").fill(query)
    tab.page.wait_for_function(
        "shown => document.querySelector('[data-refsite-search]').dataset.shown === shown", arg=f"{kind}:{query}"
    )
    return [
        path(href) for href in tab.page.locator(".md-search-result__item > a").evaluate_all("a => a.map(x => x.href)")
    ]


def path(url: str) -> str:
    return urlsplit(url).path


@pytest.mark.parametrize(("query", "first"), QUERIES, ids=[q for q, _ in QUERIES])
def test_a_name_finds_its_page_first(reader: Tab, project_url: str, query: str, first: str) -> None:
    results = search(reader, project_url, query)
    assert results and results[0] == first, results[:5]


def test_an_alias_is_found_and_shown(reader: Tab, project_url: str) -> None:
    results = search(reader, project_url, "IRPT")
    assert results[0] == "/organizations/islamic-renaissance-party-of-tajikistan/"
    top = reader.page.locator(".md-search-result__item").first
    assert top.locator(".refsite-search__kind").inner_text() == "Organization"
    assert top.locator(".refsite-search__alias").inner_text() == "Also known as IRPT"


def test_a_spelling_variant_finds_the_page_and_names_the_variant(reader: Tab, project_url: str) -> None:
    results = search(reader, project_url, "Muhidin Kabiri")
    assert results[0] == "/people/muhiddin-kabiri/"
    top = reader.page.locator(".md-search-result__item").first
    assert "Muhidin Kabiri" in top.locator(".refsite-search__alias").inner_text()


def test_snippets_quote_prose_not_the_infobox_or_footnotes(reader: Tab, project_url: str) -> None:
    search(reader, project_url, "Rahmon")
    teaser = reader.page.locator(".md-search-result__item").first.locator(".refsite-search__teaser").inner_text()
    assert teaser.startswith("Emomali Rahmon is the President of Tajikistan")
    for debris in ("Also known as", "Kind Person", "↩", "refsitename"):
        assert debris not in teaser


def test_the_kind_filter_narrows_the_results(reader: Tab, project_url: str) -> None:
    everything = search(reader, project_url, "Rahmon")
    assert any(p.startswith("/people/") for p in everything)
    reader.page.locator(".refsite-search__filter", has_text=re.compile(r"^Event \d+$")).click()
    reader.page.wait_for_function(
        "() => document.querySelector('[data-refsite-search]').dataset.shown === 'Event:Rahmon'"
    )
    events = [
        path(h) for h in reader.page.locator(".md-search-result__item > a").evaluate_all("a => a.map(x => x.href)")
    ]
    assert events and all(p.startswith("/events/") for p in events)
    assert "/people/emomali-rahmon/" not in events
    kinds = set(reader.page.locator(".refsite-search__kind").all_inner_texts())
    assert kinds == {"Event"}


def test_the_keyboard_alone_opens_a_result(reader: Tab, project_url: str) -> None:
    reader.page.goto(project_url + "/about/")
    reader.page.keyboard.press("/")
    assert reader.page.evaluate("document.activeElement.classList.contains('md-search__input')")
    reader.page.keyboard.type("Pezeshkian")
    reader.page.wait_for_function(
        "() => document.querySelector('[data-refsite-search]').dataset.shown === ':Pezeshkian'"
    )
    reader.page.keyboard.press("ArrowDown")
    reader.page.keyboard.press("ArrowDown")
    second = reader.page.evaluate("document.activeElement.href")
    reader.page.keyboard.press("ArrowUp")
    first = reader.page.evaluate("document.activeElement.href")
    assert path(first) == "/people/masoud-pezeshkian/" and second != first
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url(re.compile(r"/people/masoud-pezeshkian/$"))
    assert reader.page.title().startswith("Masoud Pezeshkian - ")


def test_the_search_has_an_accessible_name_and_no_request_leaves_the_site(reader: Tab, project_url: str) -> None:
    requests: list[str] = []
    reader.page.on("request", lambda request: requests.append(request.url))
    search(reader, project_url, "Rahmon")
    search(reader, project_url, "SCO", fresh=False)
    assert reader.page.get_by_role("dialog", name="Search").count() == 1
    assert reader.page.get_by_role("combobox", name="Search the site").count() == 1
    host = urlsplit(project_url).netloc
    assert any("/pagefind/" in url for url in requests)
    assert not [url for url in requests if urlsplit(url).netloc != host and not url.startswith("data:")]


def test_the_pagefind_bundle_is_served_and_material_search_index_is_not(project_url: str) -> None:
    with urllib.request.urlopen(project_url + "/pagefind/pagefind.js") as response:  # noqa: S310 - 127.0.0.1
        assert response.status == 200
    with pytest.raises(OSError):
        urllib.request.urlopen(project_url + "/search/search_index.json")  # noqa: S310 - 127.0.0.1
