"""Parse the inline syntax of note text: ``[[links]]`` and ``[@source "quote"]`` citations."""

from __future__ import annotations

import re

from refsite.core.model import Citation, CiteGroup, LinkRef, RichText, Segment
from refsite.core.problems import Problem
from refsite.core.slugs import NoteId, is_valid_id

# A link may wrap across lines (editors rewrap prose), but not across a blank line: a paragraph break.
_IN_LINK = r"(?:(?!\n[ \t]*\n)[^\[\]|])"
LINK_RE = re.compile(rf"\[\[({_IN_LINK}+?)(?:\|((?:(?!\n[ \t]*\n)[^\[\]])+?))?\]\]")
CITE_RE = re.compile(r"\[@(?:[^\]\"]|\"[^\"]*\")*\]")
_ITEM_RE = re.compile(r"\s*@([^\s\"]+)\s+\"([^\"]*)\"\s*(?:;|$)")
_TOKEN_RE = re.compile(f"{LINK_RE.pattern}|{CITE_RE.pattern}")
MAX_QUOTE_WORDS = 40


def parse_cite_items(
    items: list[tuple[str, str, int]], path: str, field: str, problems: list[Problem]
) -> tuple[Citation, ...]:
    """Check (source, quote, line) triples and turn them into citations."""
    found: list[Citation] = []
    for source, quote, line in items:
        if not is_valid_id(source):
            problems.append(Problem(path, line, field, f"{source!r} is not a source id", "@source-id"))
            continue
        words = len(quote.split())
        if words == 0:
            problems.append(Problem(path, line, field, "empty quote", "a verbatim quote from the source"))
            continue
        if words > MAX_QUOTE_WORDS:
            problems.append(Problem(path, line, field, f"quote of {words} words", f"at most {MAX_QUOTE_WORDS} words"))
            continue
        found.append(Citation(NoteId(source), " ".join(quote.split()), line))
    return tuple(found)


def parse_text(text: str, path: str, field: str, first_line: int, problems: list[Problem]) -> RichText:
    """Split ``text`` (which starts on file line ``first_line``) into segments."""
    segments: list[Segment] = []
    position = 0
    for match in _TOKEN_RE.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        if match.start() > position:
            segments.append(text[position : match.start()])
        position = match.end()
        token = match.group(0)
        if token.startswith("[["):
            target, shown = " ".join(match.group(1).split()), match.group(2)
            segments.append(LinkRef(target, " ".join(shown.split()) if shown else None, line))
            continue
        inner = token[1:-1]
        items: list[tuple[str, str, int]] = []
        cursor = 0
        while cursor < len(inner):
            item = _ITEM_RE.match(inner, cursor)
            if item is None or item.end() == cursor:
                problems.append(
                    Problem(path, line, field, f"malformed citation {token[:60]!r}", '[@source-id "verbatim quote"]')
                )
                items = []
                break
            items.append((item.group(1), item.group(2), line))
            cursor = item.end()
        citations = parse_cite_items(items, path, field, problems)
        if citations:
            segments.append(CiteGroup(citations))
    if position < len(text):
        segments.append(text[position:])
    return RichText(tuple(segments), field, first_line)
