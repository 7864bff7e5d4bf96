"""The canary notes carry every kind of HTML payload; the built site must contain none of them live.

These tests read the built HTML; tests/browser/ opens the same site in Chromium.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from refsite.emit.sanitize import clean_html

from .site_builds import build_canary_site

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset"}
NEVER_IN_CONTENT = {"script", "iframe", "object", "embed", "form", "base", "meta", "style", "svg", "math", "link"}
CANARY_NAME = 'Canary </title><script>window.__pwned = "name"</script><img src=x onerror="window.__pwned = 1"> & Co'


class Audit(HTMLParser):
    """Collects what could run: handlers, dangerous URLs, scripts, and active elements in the content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.in_article = 0
        self.title: list[str] = []
        self.script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value is not None:
                squeezed = "".join(ch for ch in value if ch > " ").lower()  # as browsers read a URL
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", squeezed)
                if scheme and scheme.group(1) not in {"http", "https", "mailto"}:
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            src = dict(attrs).get("src")
            if src is not None and not re.fullmatch(r"/?(\.\./)*assets/javascripts/[\w./-]+\.js", src):
                self.problems.append(f"<script src={src!r}>")
        if self.in_article and tag in NEVER_IN_CONTENT:
            self.problems.append(f"<{tag}> in the content")
        if tag == "article":
            self.in_article += 1
        if "title" in self.stack:
            self.problems.append(f"<{tag}> inside <title>")
        if tag not in {"meta", "link", "img", "br", "hr", "input", "wbr", "source"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "title":
            self.title.append(data)
        if self.stack and self.stack[-1] == "script":
            self.script_text.append(data)

    def handle_comment(self, data: str) -> None:
        if "__pwned" in data:
            self.problems.append("a note's comment kept in the page")


def audit(page: Path) -> Audit:
    parser = Audit()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    if any("__pwned" in text for text in parser.script_text):
        parser.problems.append("note text inside a <script>")
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_canary_site(tmp_path_factory.mktemp("canary") / "project")


def test_no_page_holds_anything_that_runs(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    found = {page.relative_to(site).as_posix(): audit(page).problems for page in pages}
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_titles_and_headings_show_markup_as_text(site: Path) -> None:
    page = audit(site / "people" / "canary" / "index.html")
    assert "".join(page.title).strip() == f"{CANARY_NAME} - Fixture reference"
    html = (site / "people" / "canary" / "index.html").read_text()
    assert "Canary &lt;/title&gt;&lt;script&gt;" in html
    source = audit(site / "sources" / "canary-source" / "index.html")
    assert (
        "".join(source.title).strip()
        == '<script>window.__pwned = "source title"</script>Canary report - Fixture reference'
    )


def test_safe_markup_and_links_survive(site: Path) -> None:
    html = (site / "people" / "canary" / "index.html").read_text()
    assert '<a rel="noopener noreferrer nofollow" href="https://example.org/ok">safe link</a>' in html
    assert '<a rel="noopener noreferrer nofollow" href="mailto:editor@example.org">mail</a>' in html
    assert '<a href="../ada-brook/">relative link</a>' in html
    assert "<b>bold</b>" in html
    assert '<a class="footnote-ref" href="#fn:1">1</a>' in html
    assert 'class="refsite-infobox"' in html
    for removed in ("JaVaScRiPt:", "jav&#x61;script", "data:text/html", "onclick", "<iframe", "<form", "<svg"):
        assert removed not in html.split('<article class="md-content__inner md-typeset">', 1)[1]


def test_search_keys_hold_no_live_markup(site: Path) -> None:
    """What the page tells Pagefind (names, aliases, kind) is text: search results show it as text too."""
    html = (site / "people" / "canary" / "index.html").read_text()
    keys = html.split('<div class="refsite-search-keys" hidden>', 1)[1].split("</div>", 1)[0]
    parser = Audit()
    parser.in_article = 1
    parser.feed(keys)
    assert parser.problems == []
    assert "Canary &lt;/title&gt;&lt;script&gt;" in keys
    assert (site / "pagefind" / "pagefind.js").is_file(), "the site is indexed"
    assert not (site / "search" / "search_index.json").exists(), "Material's search is replaced"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ('<p onclick="x()">t</p>', "<p>t</p>"),
        ('<a href="JaVaScRiPt:alert(1)">t</a>', "<a>t</a>"),
        ('<a href="jav&#x61;script:alert(1)">t</a>', "<a>t</a>"),
        ('<a href="java&#x09;script:alert(1)">t</a>', "<a>t</a>"),
        ('<a href="data:text/html,x">t</a>', "<a>t</a>"),
        ('<img src="data:image/png;base64,AAAA" alt="a">', '<img alt="a">'),
        ("<script>alert(1)</script>t", "t"),
        ("<style>p{}</style>t", "t"),
        ('<iframe src="https://example.org"></iframe>t', "t"),
        ('<div id="__search">t</div>', "<div>t</div>"),
        (
            '<table><tbody><tr><td style="text-align: right; background: url(x)">1</td></tr></tbody></table>',
            '<table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>',
        ),
        ('<a href="#fn:1" class="footnote-ref">1</a>', '<a href="#fn:1" class="footnote-ref">1</a>'),
        ('<div class="admonition warning"><p class="admonition-title">W</p></div>', None),
        ('<div class="highlight"><pre><span></span><code><span class="k">def</span></code></pre></div>', None),
        ('<h2 id="cost">Cost<a class="headerlink" href="#cost" title="Permanent link">¶</a></h2>', None),
        (
            '<a href="https://example.org/" title="t">x</a> <a href="mailto:a@b.c">m</a> <a href="../x/">r</a>',
            '<a rel="noopener noreferrer nofollow" href="https://example.org/" title="t">x</a> '
            '<a rel="noopener noreferrer nofollow" href="mailto:a@b.c">m</a> <a href="../x/">r</a>',
        ),
        (
            '<a href="https://x.example" rel="opener" target="_blank">x</a>',
            '<a rel="noopener noreferrer nofollow" href="https://x.example">x</a>',
        ),
        ('<p class="md-typeset md-button note">t</p>', '<p class="note">t</p>'),
        ('<p class="md-button">t</p>', "<p>t</p>"),
        (
            '<img src="https://tracker.example/p.png" alt="a"><img src="//t.example/p.png" alt="b">',
            '<img alt="a"><img alt="b">',
        ),
        ('<p style="color: red" data-x="1">t</p>', "<p>t</p>"),
    ],
)
def test_sanitizer_allow_list(dirty: str, clean: str | None) -> None:
    assert clean_html(dirty) == (dirty if clean is None else clean)
