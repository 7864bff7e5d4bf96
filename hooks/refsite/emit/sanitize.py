"""Allow-list sanitizing of rendered page HTML, so nothing a note contains can run in a reader's browser.

Notes are written by strangers and their bodies are Markdown, which passes raw HTML through. The
rendered HTML of every page is therefore cleaned by nh3 (Python bindings of the Rust ``ammonia``
sanitizer, which parses HTML as a browser does): script, style and unknown elements go, every
event-handler and unlisted attribute goes, and links keep only http, https, mailto and relative
addresses (the scheme is checked after entities are decoded, so ``jav&#x61;script:`` and
``JaVaScRiPt:`` are caught too). What Material and the Markdown extensions emit is kept: classes,
ids, admonitions, footnotes, tables with alignment, definition lists, highlighted code.
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto"})
TAGS = (nh3.ALLOWED_TAGS - {"area", "map"}) | {"tfoot"}
_GENERIC = {"class", "id", "title", "lang", "dir"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GENERIC,
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
}
# data-preview: Material shows a preview of the linked page on hover (links between notes carry it).
ATTRIBUTES["a"] = ATTRIBUTES.get("a", set()) | {"title", "data-preview"}
ATTRIBUTES["img"] = ATTRIBUTES.get("img", set()) | {"title", "loading"}
ATTRIBUTES["time"] = {"datetime"}
# Python-Markdown's tables write column alignment as style="text-align: …"; no other CSS is kept.
for _cell in ("th", "td"):
    ATTRIBUTES[_cell] = ATTRIBUTES.get(_cell, set()) | {"style"}
STYLE_PROPERTIES = frozenset({"text-align"})
ADMONITIONS = frozenset(
    [
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
    ]
)
CLASSES = ADMONITIONS | {
    "admonition",
    "admonition-title",
    "footnote",
    "footnote-ref",
    "footnote-backref",
    "headerlink",
    "toc",
    "refsite-infobox",
    "refsite-kind",
    # The renderer's own (render/): the lead, the narrative, aliases, excerpts, citation separators.
    "refsite-aliases",
    "refsite-cite-sep",
    "refsite-excerpt",
    "refsite-lead",
    "refsite-narrative",
}
"""Classes a page keeps: those of Python-Markdown's extensions and refsite's own, and the short token
classes of code highlighting (``highlight``, ``k``, ``s2``…). Any other (such as Material's ``md-*``,
which would let a note dress up as the site's own interface) is removed."""
_HIGHLIGHT_CLASS = re.compile(r"highlight|codehilite|language-[a-z0-9+-]+|[a-z]{1,2}[a-z0-9]?")
LINK_REL = "noopener noreferrer nofollow"
"""Links to other sites: no window handle and no referrer for the target, and no endorsement."""
_EXTERNAL_LINK = re.compile(r'<a (?=[^<>]*\bhref="(?:https?:|mailto:|//))(?![^<>]*\brel=)', re.IGNORECASE)


def is_other_origin(url: str) -> bool:
    """Whether ``url`` (as a browser reads it: entities decoded, blanks dropped) names another origin."""
    squeezed = "".join(ch for ch in html.unescape(url) if ch > " ").lower().replace("\\", "/")
    return squeezed.startswith("//") or bool(re.match(r"[a-z][a-z0-9+.-]*:", squeezed))


def class_kept(name: str) -> bool:
    return name in CLASSES or bool(_HIGHLIGHT_CLASS.fullmatch(name))


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    # Material's own elements have ids such as "__search" and "__drawer"; content must not clobber them.
    if attribute == "id" and value.startswith("__"):
        return None
    # Images come from the site itself: one from another origin would make readers' browsers contact it.
    if element == "img" and attribute == "src" and is_other_origin(value):
        return None
    if attribute == "class":
        kept = [name for name in value.split() if class_kept(name)]
        return " ".join(kept) if kept else None
    return value


_SETTINGS: dict[str, Any] = {
    "tags": set(TAGS),
    "clean_content_tags": {"script", "style"},
    "attributes": ATTRIBUTES,
    "attribute_filter": _attribute_filter,
    "strip_comments": True,
    "link_rel": None,
    "url_schemes": set(URL_SCHEMES),
    "filter_style_properties": set(STYLE_PROPERTIES),
}
# Built once: nh3.clean would build the same sanitizer again for each of thousands of pages.
_CLEANER = nh3.Cleaner(**_SETTINGS) if hasattr(nh3, "Cleaner") else None


def clean_html(fragment: str) -> str:
    """The fragment with everything outside the allow-list removed, and links to other sites marked.

    nh3 writes attributes quoted with ``"`` and drops any ``rel``, so one pattern over its output
    finds every link to another site and gives it LINK_REL.
    """
    cleaned = _CLEANER.clean(fragment) if _CLEANER is not None else nh3.clean(fragment, **_SETTINGS)
    return _EXTERNAL_LINK.sub(f'<a rel="{LINK_REL}" ', cleaned) if "<a " in cleaned else cleaned


_TAG = re.compile(r"<[^>]*>")


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment without tags, entities decoded (for a title or a label)."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())
