"""Where each quote occurs in its source's text, so that a source page lists its quotes in reading order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from refsite.core.model import Note, SourceDetails
from refsite.core.slugs import NoteId
from refsite.resolve.quotes import normalize

QuoteOrder = Mapping[NoteId, Mapping[str, int]]
"""Source id → normalized quote → where it starts in the source's normalized text."""


def quote_positions(notes: Iterable[Note], sources_dir: Path | None) -> dict[NoteId, dict[str, int]]:
    """The position of every cited quote in its source's text; a source without a text is left out."""
    if sources_dir is None:
        return {}
    notes = tuple(notes)
    quotes: dict[NoteId, set[str]] = {}
    for note in notes:
        for citation in note.all_citations:
            quotes.setdefault(citation.source, set()).add(normalize(citation.quote))
    found: dict[NoteId, dict[str, int]] = {}
    for note in notes:
        d = note.details
        if not isinstance(d, SourceDetails) or note.ident not in quotes:
            continue
        path = sources_dir / d.file
        try:
            text = normalize(path.read_bytes().decode("utf-8", errors="replace"))
        except OSError:
            continue
        found[note.ident] = {q: at for q in quotes[note.ident] if (at := text.find(q)) >= 0}
    return found
