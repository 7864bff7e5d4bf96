"""Prove that every quote occurs in the source it cites, and that the source is the one checked."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from refsite.core.model import Note, SourceDetails
from refsite.core.problems import Problem
from refsite.core.slugs import NoteId
from refsite.live.memo import Memo
from refsite.live.memo import digest as raw_digest
from refsite.load.readahead import ReadAhead

# One table for quote marks, dashes and the ellipsis: each text is translated once.
_FOLD = str.maketrans({**{c: "'" for c in '"“”„‟″‶«»‘’‚‛′‵`´'}, **{c: "-" for c in "‐‑‒–—―−﹘﹣－"}, "…": "..."})
_CITATIONS = Note.all_citations.fget
"""Every citation of a note (shared with resolve, which memoizes it under the same name)."""
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


def check_quotes(notes: tuple[Note, ...], sources_dir: Path | None, memo: Memo | None = None) -> QuoteReport:
    """Check checksums and quotes against the texts in ``sources_dir`` (skipped when None).

    Each source text is normalised once. With a ``memo`` (``mkdocs serve``), the quotes of a note
    are checked again only if the note or the text of a source it cites has changed.
    """
    memo = memo or Memo()
    cited = {note.ident: memo.by_object("citations", note, _CITATIONS) for note in notes}
    quotes = sum(len(c) for c in cited.values())
    if sources_dir is None:
        return QuoteReport(False, quotes, 0, ())
    problems: list[Problem] = []
    texts: dict[NoteId, str] = {}
    versions: dict[NoteId, bytes] = {}
    sourced = [(note, d, sources_dir / d.file) for note in notes if isinstance(d := note.details, SourceDetails)]
    read_ahead = ReadAhead([path for _note, _details, path in sourced])
    for note, details, path in sourced:
        read_ahead.before_reading(path)
        if not path.is_file():
            problems.append(
                Problem(
                    note.path,
                    details.file_line,
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
                    details.sha256_line,
                    "sha256",
                    f"{details.file} has checksum {digest}",
                    f"{details.sha256}, the text the quotes were checked against",
                )
            )
        versions[note.ident] = raw_digest(data)
        texts[note.ident] = memo.by_key(("source text", versions[note.ident]), lambda d=data: _normalized(d))

    def check(note: Note) -> tuple[Problem, ...]:
        found = []
        for citation in cited[note.ident]:
            text = texts.get(citation.source)
            if text is not None and normalize(citation.quote) not in text:
                found.append(
                    Problem(
                        note.path,
                        citation.line,
                        "cite",
                        f"quote not found in {citation.source}: {citation.quote[:80]!r}",
                        "the source's exact words",
                    )
                )
        return tuple(found)

    # While no source text changes (the usual case), an unchanged note's quotes need no new check.
    texts_version = memo.version("source texts", versions)
    for note in notes:
        problems.extend(memo.by_object("quotes", note, check, depends_on=texts_version))
    return QuoteReport(True, quotes, len(texts), tuple(problems))


def _normalized(data: bytes) -> str:
    return normalize(data.decode("utf-8", errors="replace"))
