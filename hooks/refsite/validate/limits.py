"""Limits on note text that keep every Markdown parser in linear time.

Python-Markdown (which renders the pages) and markdown-it-py (which checks the bodies) both try,
for each opening ``[``, ``(``, backtick run or ``<tag``, to find where it closes. Unclosed ones
make that quadratic: 150 KB of backticks, ``[`` repeated or ``<a `` repeated, all under the size
cap of a note, took minutes. A paragraph may hold a few unclosed openers (prose sometimes needs a
literal bracket); beyond that, or when a line is very long, the note is refused at the line, before
any parser sees it. Every check here is one pass over the text.
"""

from __future__ import annotations

from refsite.core.problems import Problem

MAX_LINE = 5000
"""Characters on one line (a paragraph is often one line: the longest in the notes is about 1,200)."""
MAX_UNCLOSED = 4
"""Unclosed ``[``, ``(`` or backtick runs in one paragraph."""
MAX_OPENERS = 300
"""``[``, ``(``, ``<``, backticks, ``*`` and ``_`` in one paragraph, closed or not."""

MAX_CITATIONS = 200
"""Citations in one body (the notes have at most 17). Python-Markdown takes quadratic time in the
references to one footnote, and each citation of a page is one: 3,000 took 17 seconds."""

_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/!?")


def limit_problems(text: str, path: str, field: str, first_line: int, *, spans_lines: bool = True) -> list[Problem]:
    """Problems for the parts of ``text`` (starting on file line ``first_line``) beyond the limits."""
    problems: list[Problem] = []
    lines = text.split("\n")
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        where = first_line + (number if spans_lines else 0)
        if len(line) > MAX_LINE:
            problems.append(
                Problem(path, where, field, f"line of {len(line)} characters", f"at most {MAX_LINE} characters")
            )
        problems += _open_tags(line, path, field, where)
        if line.strip():
            block.append((where, line))
        elif block:
            problems += _block(block, path, field)
            block = []
    if block:
        problems += _block(block, path, field)
    return problems


def _open_tags(line: str, path: str, field: str, where: int) -> list[Problem]:
    """A ``<`` that starts a tag must close it on the same line: unclosed, it stalls Python-Markdown."""
    last_close = line.rfind(">")
    start = line.find("<")
    while start >= 0:
        if start + 1 < len(line) and line[start + 1] in _LETTERS and start > last_close:
            column = start + 1
            return [
                Problem(
                    path,
                    where,
                    field,
                    f"'<' at column {column} opens a tag that is not closed on its line",
                    "a whole tag on one line, or &lt; for a literal '<'",
                )
            ]
        start = line.find("<", start + 1)
    return []


def _block(block: list[tuple[int, str]], path: str, field: str) -> list[Problem]:
    """Unclosed brackets, parentheses and backtick runs in one paragraph (lines between blank lines)."""
    text = "\n".join(line for _, line in block)
    first = block[0][0]
    problems: list[Problem] = []
    openers = sum(text.count(c) for c in "[(<`*_")
    if openers > MAX_OPENERS:
        problems.append(
            Problem(
                path,
                first,
                field,
                f"paragraph with {openers} of the characters [ ( < ` * _",
                f"at most {MAX_OPENERS}: split it into paragraphs",
            )
        )
    square = round_ = 0
    escaped = False
    for char in text:
        if escaped:
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char == "[":
            square += 1
        elif char == "]":
            square = max(square - 1, 0)
        elif char == "(":
            round_ += 1
        elif char == ")":
            round_ = max(round_ - 1, 0)
    unclosed_square, unclosed_round = square, round_
    runs = _unclosed_backtick_runs(text)
    for count, what in (
        (unclosed_square, "'[' brackets"),
        (unclosed_round, "'(' parentheses"),
        (runs, "backtick runs"),
    ):
        if count > MAX_UNCLOSED:
            problems.append(
                Problem(
                    path,
                    first,
                    field,
                    f"{count} unclosed {what} in one paragraph",
                    f"at most {MAX_UNCLOSED}; escape a literal one with a backslash",
                )
            )
    return problems


def _unclosed_backtick_runs(text: str) -> int:
    """Backtick runs that no later run of the same length closes (as code spans pair them)."""
    open_runs: dict[int, int] = {}
    index = 0
    length = len(text)
    while True:
        index = text.find("`", index)
        if index < 0:
            break
        end = index
        while end < length and text[end] == "`":
            end += 1
        size = end - index
        if open_runs.get(size):
            open_runs[size] -= 1
        else:
            open_runs[size] = open_runs.get(size, 0) + 1
        index = end
    return sum(open_runs.values())
