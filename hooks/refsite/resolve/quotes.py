"""Prove that every quote occurs in the source it cites, and that the source is the one checked."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from refsite.core.model import Note, SourceDetails
from refsite.core.problems import Problem
from refsite.core.slugs import NoteId

# One table for quote marks, dashes and the ellipsis: each text is translated once.
_FOLD = str.maketrans({**{c: "'" for c in '"“”„‟″‶«»‘’‚‛′‵`´'}, **{c: "-" for c in "‐‑‒–—―−﹘﹣－"}, "…": "..."})
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold the differences a quote may have from its source: spacing, quote marks, dashes."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD)).strip()


@dataclass(frozen=True)
class QuoteReport:
    """What the quote check did."""

    checked: bool
    """False when no source directory was given: quotes were not checked."""
    quotes: int
    sources: int
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class SourceFiles:
    """The bytes of each source note's text, and the problems with finding or checking them."""

    data: dict[NoteId, bytes]
    problems: tuple[Problem, ...]


def check_quotes(notes: tuple[Note, ...], sources_dir: Path | None) -> QuoteReport:
    """Check checksums and quotes against the texts in ``sources_dir`` (skipped when None)."""
    quotes = sum(len(note.all_citations) for note in notes)
    if sources_dir is None:
        return QuoteReport(False, quotes, 0, ())
    texts, file_problems = load_source_texts(notes, sources_dir)
    problems = [*file_problems, *(problem for note in notes for problem in note_quote_problems(note, texts))]
    return QuoteReport(True, quotes, len(texts), tuple(problems))


def load_source_texts(notes: tuple[Note, ...], sources_dir: Path) -> tuple[dict[NoteId, str], tuple[Problem, ...]]:
    """Every source note's text, normalised for comparison, by source id; and the problems."""
    files = read_source_files(notes, sources_dir)
    return {ident: normalized_text(data) for ident, data in files.data.items()}, files.problems


def read_source_files(notes: tuple[Note, ...], sources_dir: Path) -> SourceFiles:
    """Read the text of every source note, checking it against the checksum the note records."""
    problems: list[Problem] = []
    data: dict[NoteId, bytes] = {}
    for note in notes:
        details = note.details
        if not isinstance(details, SourceDetails):
            continue
        path = sources_dir / details.file
        if not path.is_file():
            message = f"source text {details.file!r} not found in {sources_dir}"
            problems.append(Problem(note.path, details.file_line, "file", message, "a file in the sources directory"))
            continue
        text = path.read_bytes()
        digest = hashlib.sha256(text).hexdigest()
        if digest != details.sha256:
            message = f"{details.file} has checksum {digest}"
            expected = f"{details.sha256}, the text the quotes were checked against"
            problems.append(Problem(note.path, details.sha256_line, "sha256", message, expected))
        data[note.ident] = text
    return SourceFiles(data, tuple(problems))


def normalized_text(data: bytes) -> str:
    """A source text as quotes are compared with it."""
    return normalize(data.decode("utf-8", errors="replace"))


def note_quote_problems(note: Note, texts: Mapping[NoteId, str]) -> tuple[Problem, ...]:
    """Every quote of one note that is not in the (normalised) text of the source it cites."""
    found = []
    for citation in note.all_citations:
        text = texts.get(citation.source)
        if text is not None and normalize(citation.quote) not in text:
            message = f"quote not found in {citation.source}: {citation.quote[:80]!r}"
            found.append(Problem(note.path, citation.line, "cite", message, "the source's exact words"))
    return tuple(found)
