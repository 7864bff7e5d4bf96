"""The last check on the generated pages: no note syntax reaches a reader as written.

A ``[[link]]`` or ``[@source "quote"]`` that the parser did not take (unclosed, or broken across a
paragraph) would be shown to readers as it was typed. Every generated page is scanned for
``[[``, ``]]`` and ``[@`` that the generator did not escape, and each is reported as a problem at
the note line that holds it (or, failing that, at the line of the generated page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from refsite.core.model import Note
from refsite.core.problems import Problem
from refsite.render.writer import Page

LEFTOVER = re.compile(r"(?<!\\)(?:\[\[|\]\]|\[@)")
EXPECTED = '[[id]], [[id|text]] or [@source-id "quote"], opened and closed within one paragraph'


def leftover_syntax(pages: Iterable[Page], notes: Iterable[Note], root: Path | None) -> list[Problem]:
    """A problem for each place where note syntax survives into a page's text."""
    hits: list[tuple[Page, int, str, list[re.Pattern[str]]]] = []
    for page in pages:
        if "[[" not in page.markdown and "]]" not in page.markdown and "[@" not in page.markdown:
            continue  # the usual case: one quick scan of the page
        for number, line in enumerate(page.markdown.splitlines(), 1):
            for match in LEFTOVER.finditer(line):
                hits.append((page, number, match.group(0), _patterns(line, match.start(), match.end())))
    if not hits:
        return []
    texts = _note_texts(notes, root)
    problems = []
    for page, number, token, snippet in hits:
        message = f"{token!r} would be shown on {page.path} as written"
        found = next(
            ((path, at.start(), text) for pattern in snippet for path, text in texts if (at := pattern.search(text))),
            None,
        )
        if found is None:
            problems.append(Problem(f"docs/{page.path}", number, "page", message + " (generated text)", EXPECTED))
            continue
        path, start, text = found
        problems.append(Problem(path, text.count("\n", 0, start) + 1, "text", message, EXPECTED))
    return problems


def _patterns(line: str, start: int, end: int) -> list[re.Pattern[str]]:
    """Ways the note may have written the text around the token, most specific first.

    The page folds white space and sets citation marks against the word before them, so the
    words around the token are matched with any white space between them.
    """
    core = re.escape(line[start:end])
    before = re.search(r"[\w-]*$", line[:start])
    after = re.match(r"[\w-]*", line[end:])
    word = (re.escape(before.group(0)) if before else "") + core + (re.escape(after.group(0)) if after else "")
    previous = line[:start].split()[-2:-1] if before and before.group(0) else line[:start].split()[-1:]
    following = line[end:].split()[1:2] if after and after.group(0) else line[end:].split()[:1]
    context = [re.escape(w) for w in previous] + [word] + [re.escape(w) for w in following]
    return [re.compile(r"\s+".join(context)), re.compile(word)]


def _note_texts(notes: Iterable[Note], root: Path | None) -> list[tuple[str, str]]:
    """Each note's file as written (read only when a page holds note syntax: rare)."""
    found = []
    for note in notes:
        try:
            found.append((note.path, (Path(root or ".") / note.path).read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return found
