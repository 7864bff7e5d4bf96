"""Parse the inline syntax of note text: ``[[links]]`` and ``[@source "quote"]`` citations."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from refsite.core.model import Citation, CiteGroup, LinkRef, RichText, Segment
from refsite.core.problems import Problem
from refsite.core.slugs import NoteId, is_valid_id

_ITEM_RE = re.compile(r"\s*@([^\s\"]+)\s+\"([^\"]*)\"\s*(?:;|$)")
_QUOTE = re.compile('"')
_CLOSE = re.compile(r"\]")
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


def scan_tokens(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each ``[[link]]`` and ``[@citation]`` in ``text``, left to right, in linear time.

    The same tokens as the patterns ``\\[\\[([^\\[\\]|\\n]+?)(?:\\|([^\\[\\]\\n]+?))?\\]\\]`` and
    ``\\[@(?:[^\\]"]|"[^"]*")*\\]``, found without backtracking: text comes from strangers, and a regular
    expression that tries every ``[@`` afresh takes quadratic time on ``[@"`` repeated.
    A citation ends at the first ``]`` outside double quotes; where a scan for that end goes after a
    quote is memoized by position, so every character is looked at a bounded number of times.
    """
    length = len(text)
    ends: _Ends | None = None
    position = 0
    while True:
        start = text.find("[", position)
        if start < 0 or start + 1 >= length:
            return
        follower = text[start + 1]
        if follower == "[":
            end = _link_end(text, start)
            if end > 0:
                yield start, end
                position = end
                continue
        elif follower == "@":
            ends = ends or _Ends(text)
            end = ends.citation_end(start + 2)
            if end > 0:
                yield start, end
                position = end
                continue
        position = start + 1


def _link_end(text: str, start: int) -> int:
    """End of a ``[[target]]`` or ``[[target|shown]]`` at ``start``, or -1."""
    pipe = -1
    for cursor in range(start + 2, len(text)):  # ends at the first bracket or blank line: bounded
        char = text[cursor]
        if char == "]":
            break
        if char == "[":
            return -1
        if char == "\n" and _blank_line_at(text, cursor + 1):
            return -1  # a link may wrap across lines (editors rewrap prose), not across paragraphs
        if char == "|" and pipe < 0:
            pipe = cursor
    else:
        return -1
    if not text.startswith("]]", cursor):
        return -1
    target = text[start + 2 : pipe if pipe >= 0 else cursor].strip()
    shown = text[pipe + 1 : cursor].strip() if pipe >= 0 else None
    if not target or (shown is not None and not shown):
        return -1
    return cursor + 2


def _blank_line_at(text: str, start: int) -> bool:
    """Whether the line that starts at ``start`` holds only spaces and tabs (or the text ends)."""
    end = text.find("\n", start)
    return not text[start : end if end >= 0 else len(text)].strip(" \t")


class _Ends:
    """Where each citation that starts in one text ends: positions of quotes and brackets, and a memo."""

    def __init__(self, text: str) -> None:
        self.quotes = [match.start() for match in _QUOTE.finditer(text)]
        self.brackets = [match.start() for match in _CLOSE.finditer(text)]
        self.close_from: dict[int, int] = {}
        """Position outside quotes -> end of the citation that is inside there (after its "]"), or -1."""

    def _next(self, positions: list[int], cursor: int) -> int:
        index = bisect_left(positions, cursor)
        return positions[index] if index < len(positions) else -1

    def citation_end(self, cursor: int) -> int:
        """End of a citation whose inside starts at ``cursor`` (outside quotes), or -1; see scan_tokens."""
        visited: list[int] = []
        found = -1
        while True:
            if cursor in self.close_from:
                found = self.close_from[cursor]
                break
            visited.append(cursor)
            bracket = self._next(self.brackets, cursor)
            quote = self._next(self.quotes, cursor)
            if quote < 0 or 0 <= bracket < quote:
                found = bracket + 1 if bracket >= 0 else -1
                break
            after = self._next(self.quotes, quote + 1)
            if after < 0:
                break
            cursor = after + 1
        for seen in visited:
            self.close_from[seen] = found
        return found


def parse_text(text: str, path: str, field: str, first_line: int, problems: list[Problem]) -> RichText:
    """Split ``text`` (which starts on file line ``first_line``) into segments."""
    segments: list[Segment] = []
    position = 0
    line = first_line
    for start, end in scan_tokens(text):
        line += text.count("\n", position, start)
        if start > position:
            segments.append(text[position:start])
        token = text[start:end]
        line_end = line + token.count("\n")
        position = end
        if token.startswith("[["):
            target, _, shown = token[2:-2].partition("|")
            shown_text = " ".join(shown.split()) if "|" in token else None
            segments.append(LinkRef(" ".join(target.split()), shown_text, line))
            line = line_end
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
        line = line_end
    if position < len(text):
        segments.append(text[position:])
    return RichText(tuple(segments), field, first_line)
