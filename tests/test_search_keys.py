"""What each page tells Pagefind: its names weighted, its kind, and only its prose as text."""

from __future__ import annotations

from refsite.mkdocs.search import SearchKeys, fold, mark_page, name_tokens

PAGE = (
    '<h1 id="emomali-rahmon">Emomali Rahmon</h1>\n<div class="refsite-infobox"><table></table></div>\n'
    "<p>Prose about Rahmon.</p>\n"
    '<h2 id="relations">Relations</h2>\n<ul><li>met <a href="../x/">X</a></li></ul>\n'
    '<h2 id="referenced-by">Referenced by</h2>\n<ul><li><a href="../y/">Y</a></li></ul>\n'
    '<div class="footnote"><ol><li>note</li></ol></div>'
)


def test_names_are_folded_and_every_run_of_last_words_is_a_token() -> None:
    assert fold("Nicolás Maduro") == ["nicolas", "maduro"]
    assert fold("U.S.") == ["u", "s"]
    tokens = name_tokens(("Islamic Revolutionary Guard Corps", "IRGC"))
    assert tokens == [
        "refsitenameislamicrevolutionaryguardcorps",
        "refsitenamerevolutionaryguardcorps",
        "refsitenameguardcorps",
        "refsitenamecorps",
        "refsitenameirgc",
    ]


def test_a_page_is_marked_with_its_keys_and_its_lists_left_out() -> None:
    keys = SearchKeys("Person", "Emomali Rahmon", ("Rahmon", "<b>x</b>"), 10)
    html = mark_page(PAGE, "Emomali Rahmon", keys)
    assert html.startswith('<div data-pagefind-body><div class="refsite-search-keys" hidden>')
    assert '<span data-pagefind-filter="kind">Person</span>' in html
    assert '<span data-pagefind-meta="aliases">Rahmon · &lt;b&gt;x&lt;/b&gt;</span>' in html
    assert '<h1 data-pagefind-weight="10" id="emomali-rahmon">' in html
    assert '<div data-pagefind-ignore><h2 id="relations">' in html
    assert '<div data-pagefind-ignore><h2 id="referenced-by">' in html
    prose = html.split('<div data-pagefind-ignore><h2 id="relations">')[0]
    assert "<p>Prose about Rahmon.</p>" in prose


def test_an_overview_page_is_found_by_its_title_only() -> None:
    html = mark_page(
        "<h1>People</h1><ul><li>Emomali Rahmon</li></ul>", "People", SearchKeys("Overview", "", (), 3, False)
    )
    assert '<div data-pagefind-ignore><h1 data-pagefind-weight="3">People</h1><ul>' in html
    assert '<span data-pagefind-meta="title">People</span>' in html
