"""Prove that every quote occurs in the source it cites, and that the source is the one checked."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .model import Note, SourceDetails
from .problems import Problem
from .slugs import NoteId

_QUOTE_MARKS = str.maketrans({c: "'" for c in '"“”„‟″‶«»‘’‚‛′‵`´'})
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−﹘﹣－"})
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold the differences a quote may have from its source: spacing, quote marks, dashes."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).translate(_DASHES)
    text = text.replace("…", "...")
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class QuoteReport:
    """What the quote check did."""

    checked: bool
    """False when no source directory was given: quotes were not checked."""
    quotes: int
    sources: int
    problems: tuple[Problem, ...]


def check_quotes(notes: tuple[Note, ...], sources_dir: Path | None) -> QuoteReport:
    """Check checksums and quotes against the texts in ``sources_dir`` (skipped when None)."""
    quotes = sum(len(n.all_citations) for n in notes)
    if sources_dir is None:
        return QuoteReport(False, quotes, 0, ())
    problems: list[Problem] = []
    texts: dict[NoteId, str] = {}
    for note in notes:
        details = note.details
        if not isinstance(details, SourceDetails):
            continue
        path = sources_dir / details.file
        if not path.is_file():
            problems.append(
                Problem(
                    note.path,
                    1,
                    "file",
                    f"source text {details.file!r} not found in {sources_dir}",
                    "a file in the sources directory",
                )
            )
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != details.sha256:
            problems.append(
                Problem(
                    note.path,
                    1,
                    "sha256",
                    f"{details.file} has checksum {digest}",
                    f"{details.sha256}, the text the quotes were checked against",
                )
            )
        texts[note.ident] = normalize(data.decode("utf-8", errors="replace"))
    for note in notes:
        for citation in note.all_citations:
            text = texts.get(citation.source)
            if text is not None and normalize(citation.quote) not in text:
                problems.append(
                    Problem(
                        note.path,
                        citation.line,
                        "cite",
                        f"quote not found in {citation.source}: {citation.quote[:80]!r}",
                        "the source's exact words",
                    )
                )
    return QuoteReport(True, quotes, len(texts), tuple(problems))
