"""What the body of a note says, read from a parsed Markdown tree rather than searched as text.

"Every paragraph cites" is decided here: the body is parsed with markdown-it-py (CommonMark, plus
tables and footnotes as the pages have them) after each well-formed citation has been replaced by
a marker character that no note may contain (the loader refuses U+E000 and U+E001). A paragraph,
list item or table row is cited when its own text holds a marker: a citation inside a code span,
an HTML comment or a raw HTML tag is not shown as one and does not count, and neither does text
such as ``[@`` that only looks like one.

The rest of the tree is held to what a page can show as a sourced statement:

- footnotes (``[^x]`` and ``[^x]: …``) are the site's own citation marks: a note that wrote them
  could make up a citation, or point at another one, so they are refused;
- headings are section titles inside the note's page (``##`` and deeper; ``#`` is the note's
  name): they need no citation, and are kept to at most 12 words, so that a statement cannot pass
  as a heading; their anchors may not be those of the generated sections (see site.py);
- a raw HTML block with text needs a citation outside its tags and comments, like a paragraph; code
  blocks are refused, as text in them would be shown without a citation;
- links and images are collected with their lines for the site-wide checks of site.py.

Bodies are parsed only after the limits of limits.py have passed, so parsing is linear in time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from refsite.core.problems import Problem
from refsite.validate.limits import MAX_CITATIONS, limit_problems
from refsite.validate.textparse import scan_tokens

_Report = Callable[[int, str, str], None]
"""Records a problem of the body: (line, message, expected)."""

CITED = "\ue001"
"""Stands for a well-formed citation in the text that is parsed."""
LINKED = "\ue000"
"""Stands for a ``[[link]]``."""
MAX_HEADING_WORDS = 12
CITATION_EXPECTED = 'a [@source-id "quote"] citation'
FOOTNOTE_EXPECTED = 'a [@source-id "quote"] citation: the site numbers and writes the footnotes'
_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^<>]*>", re.DOTALL)
_CITE_ITEM = re.compile(r"\s*@[^\s\"]+\s+\"[^\"]*\"\s*(?:;|$)")


@dataclass(frozen=True)
class BodyLink:
    line: int
    target: str
    image: bool


@dataclass
class BodyScan:
    """What the tree of one body holds, for the checks that need the whole site."""

    problems: list[Problem] = field(default_factory=list)
    links: list[BodyLink] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    """(line, text) of each heading."""


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin, inline=False)


def marked(text: str) -> str:
    """``text`` with each well-formed citation replaced by CITED and each link by LINKED (lines kept)."""
    out: list[str] = []
    position = 0
    for start, end in scan_tokens(text):
        token = text[start:end]
        out.append(text[position:start])
        if token.startswith("[["):
            out.append(LINKED)
        elif _well_formed(token[2:-1]):
            out.append(CITED)
        else:
            out.append(" ")
        out.append("\n" * token.count("\n"))
        position = end
    out.append(text[position:])
    return "".join(out)


def _well_formed(inner: str) -> bool:
    cursor = 0
    inner = "@" + inner
    while cursor < len(inner):
        item = _CITE_ITEM.match(inner, cursor)
        if item is None or item.end() == cursor:
            return False
        cursor = item.end()
    return cursor > 0


@lru_cache(maxsize=65536)
def checked_body(body: str, path: str, first_line: int) -> tuple[tuple[Problem, ...], BodyScan | None]:
    """The limit problems of a body, and its scan if it is within the limits (see limits.py).

    Kept per body text: validation and the site-wide checks both need it, in every rebuild of a
    live preview, and a body is parsed once as long as it does not change.
    """
    limits = limit_problems(body, path, "body", first_line)
    citations = sum(1 for start, _end in scan_tokens(body) if body.startswith("[@", start))
    if citations > MAX_CITATIONS:
        limits.append(
            Problem(
                path,
                first_line,
                "body",
                f"body with {citations} citations",
                f"at most {MAX_CITATIONS}: split the note",
            )
        )
    return tuple(limits), (None if limits else scan_body(body, path, first_line))


def scan_body(body: str, path: str, first_line: int) -> BodyScan:
    """Parse ``body`` (starting on file line ``first_line``) and report what a body may not hold."""
    scan = BodyScan()
    tokens = _parser().parse(marked(body), {})
    in_footnote = 0

    def problem(line: int, message: str, expected: str) -> None:
        scan.problems.append(Problem(path, line, "body", message, expected))

    last_line = first_line
    for index, token in enumerate(tokens):
        line = first_line + token.map[0] if token.map else last_line
        last_line = line
        kind = token.type
        if kind == "footnote_open":
            in_footnote += 1
            label = token.meta.get("label", "") if token.meta else ""
            where = next((t.map[0] for t in tokens[index:] if t.map), None)
            problem(
                first_line + where if where is not None else line,
                f"footnote definition [^{label}] is not allowed",
                FOOTNOTE_EXPECTED,
            )
        elif kind == "footnote_close":
            in_footnote -= 1
        elif kind == "heading_open":
            inline = tokens[index + 1]
            text = _visible(inline)
            if token.tag == "h1":
                problem(line, "level-1 heading", "## or deeper: the note's name is the title of its page")
            words = len(text.replace(CITED, " ").replace(LINKED, " x ").split())
            if words > MAX_HEADING_WORDS:
                problem(
                    line,
                    f"heading of {words} words",
                    f"at most {MAX_HEADING_WORDS} words: a statement goes in a paragraph with a citation",
                )
            scan.headings.append((line, inline.content))
        elif kind == "paragraph_open" and not in_footnote:
            inline = tokens[index + 1]
            text = _visible(inline)
            if text.strip() and CITED not in text:
                problem(line, "paragraph without a citation", CITATION_EXPECTED)
        elif kind == "html_block":
            shown = _TAG_OR_COMMENT.sub("", token.content)
            if shown.strip() and CITED not in shown:
                problem(line, "raw HTML block without a citation", CITATION_EXPECTED)
        elif kind in ("fence", "code_block"):
            problem(line, "code block", "cited paragraphs; `code` inside a sentence is fine")
        if kind == "inline":
            _inline(token, line, scan, problem)
    _table_rows(tokens, first_line, problem)
    return scan


def _table_rows(tokens: list[Token], first_line: int, problem: _Report) -> None:
    """Each row of a table body states something: each needs a citation."""
    row_line: int | None = None
    cited = False
    in_body = False
    for token in tokens:
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tbody_close":
            in_body = False
        elif token.type == "tr_open" and in_body:
            row_line = first_line + token.map[0] if token.map else first_line
            cited = False
        elif token.type == "inline" and in_body and CITED in _visible(token):
            cited = True
        elif token.type == "tr_close" and in_body and row_line is not None:
            if not cited:
                problem(row_line, "table row without a citation", CITATION_EXPECTED)
            row_line = None


def _visible(inline: Token) -> str:
    """The text of an inline token as a page shows it: code spans and raw HTML become a blank."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in ("code_inline", "html_inline"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_visible(child))
    return "".join(parts)


def _inline(token: Token, line: int, scan: BodyScan, problem: _Report) -> None:
    current = line
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            current += 1
        elif child.type == "footnote_ref":
            label = child.meta.get("label", "") if child.meta else ""
            problem(current, f"footnote reference [^{label}] is not allowed", FOOTNOTE_EXPECTED)
        elif child.type in ("text", "text_special"):
            current += child.content.count("\n")
            at = child.content.find("[^")
            if at >= 0:
                end = child.content.find("]", at)
                shown = child.content[at : end + 1] if 0 < end < at + 40 else child.content[at : at + 20]
                problem(current, f"footnote reference {shown} is not allowed", FOOTNOTE_EXPECTED)
        elif child.type == "link_open":
            scan.links.append(BodyLink(current, str(child.attrs.get("href", "")), image=False))
        elif child.type == "image":
            scan.links.append(BodyLink(current, str(child.attrs.get("src", "")), image=True))
        elif child.type in ("code_inline", "html_inline"):
            current += child.content.count("\n")
