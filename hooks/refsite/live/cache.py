"""Reuse of one build's per-note work in the next build of the same ``mkdocs serve`` session.

The stages are pure functions of their inputs and know nothing of this: :class:`CachedStages`
composes the same per-note pieces as the plain stages (refsite.pipeline) with a :class:`Cache`
around them. Every entry is keyed by what it was computed from: the bytes of a note file (by
SHA-256), or the very object a piece received (by identity, with the object itself kept in the
entry, so that its id cannot be taken by another object while the entry lives), with a version of
anything else the piece reads. An entry can therefore only be reused for the same input, never
for a changed one. Each build starts a new cache from the last one and keeps only what it used,
so entries for deleted or changed notes are dropped.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Hashable
from functools import partial
from pathlib import Path
from typing import TypeVar, cast

from refsite.core.model import Note
from refsite.core.problems import Problem
from refsite.core.slugs import NoteId
from refsite.live.incremental import Rendered, render_changed
from refsite.load.notes import LoadResult, NoteFile, Parsed, RawNote, list_note_files, parse_note_bytes, read_note_bytes
from refsite.load.notes import collect as collect_notes
from refsite.render.quote_order import QuoteOrder
from refsite.render.writer import Page
from refsite.resolve.assemble import assemble
from refsite.resolve.graph import Graph, ResolveResult
from refsite.resolve.links import Index, NoteLinks, index_notes, note_links
from refsite.resolve.quotes import QuoteReport, normalized_text, note_quote_problems, read_source_files
from refsite.validate.html_check import note_html_warnings
from refsite.validate.notes import Unbuilt, ValidationResult, validate_note
from refsite.validate.notes import collect as collect_validated

MISSING = object()
S = TypeVar("S")
T = TypeVar("T")


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class Cache:
    """Results of the previous build (read only) and of this one (filled as stages run)."""

    def __init__(self, previous: Cache | None = None) -> None:
        self._previous: dict[Hashable, object] = previous._current if previous else {}
        self._current: dict[Hashable, object] = {}
        self.reused = 0
        self.computed = 0
        self.previous_pages: Rendered | None = previous.pages if previous else None
        self.pages: Rendered | None = None
        """The pages of this build with what each read (set by the render stage)."""

    def by_key(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``key`` (which must name everything the value depends on)."""
        if key in self._current:
            return self._current[key]  # type: ignore[return-value]
        if key in self._previous:
            value = self._previous[key]
            self.reused += 1
        else:
            value = compute()
            self.computed += 1
        self._current[key] = value
        return value  # type: ignore[return-value]

    def reuse(self, key: Hashable) -> object:
        """The previous build's value for ``key`` (kept for the next build too), or :data:`MISSING`."""
        if key in self._previous:
            self._current[key] = self._previous[key]
            self.reused += 1
            return self._current[key]
        return MISSING

    def keep(self, key: Hashable, value: object) -> None:
        self._current[key] = value

    def version(self, name: str, value: object) -> int:
        """A number that stays the same for as long as ``value`` equals what it was last build."""
        kept = self._previous.get(("version", name))
        if kept is None or kept[0] != value:  # type: ignore[index]
            kept = (value, kept[1] + 1 if kept else 0)  # type: ignore[index]
        self._current[("version", name)] = kept
        return int(kept[1])  # type: ignore[index]

    def by_object(self, stage: str, source: S, compute: Callable[[S], T], depends_on: Hashable = ()) -> T:
        """``compute(source)`` for this very object; ``depends_on`` names anything else it reads."""
        key = (stage, id(source), depends_on)
        for table in (self._current, self._previous):
            kept = table.get(key)
            if kept is not None and kept[0] is source:  # type: ignore[index]
                if table is self._previous:
                    self._current[key] = kept
                    self.reused += 1
                return cast(T, kept[1])  # type: ignore[index]
        value = compute(source)
        self.computed += 1
        self._current[key] = (source, value)
        return value


class CachedStages:
    """The stages of refsite.pipeline, composed from the same pure pieces, reusing ``cache``'s entries."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def load(self, seeds_dir: Path, display_root: Path | None) -> LoadResult:
        listed = list_note_files(seeds_dir, display_root)
        return collect_notes(listed, [self._parse(file) for file in listed.files])

    def _parse(self, file: NoteFile) -> Parsed:
        """A file whose bytes are unchanged is not parsed again; one that has not changed for a while
        (see :func:`settled`) is not even read."""
        cache = self.cache
        identity = settled(file.info) if file.info is not None else None
        key = ("settled", file.shown, file.kind, identity)
        if identity is not None:
            kept = cache.reuse(key)
            if kept is not MISSING:
                return kept  # type: ignore[return-value]
        raw = read_note_bytes(file)
        if isinstance(raw, Parsed):
            return raw
        parsed = cache.by_key(("load", file.shown, file.kind, digest(raw)), lambda: parse_note_bytes(file, raw))
        if identity is not None:
            cache.keep(key, parsed)
        return parsed

    def validate(self, raws: tuple[RawNote, ...], docs: frozenset[str]) -> ValidationResult:
        # A raw note reused by the load stage is the same object: it is not validated again.
        validated = [self.cache.by_object("validate", raw, validate_note) for raw in raws]
        return collect_validated(raws, validated, docs)

    def html_warnings(self, raws: tuple[RawNote, ...]) -> list[Problem]:
        return [warning for raw in raws for warning in self.cache.by_object("html", raw, note_html_warnings)]

    def resolve(self, notes: tuple[Note, ...], unbuilt: tuple[Unbuilt, ...]) -> ResolveResult:
        cache = self.cache
        index = index_notes(notes, unbuilt)
        ids = cache.version("ids", (dict(index.kinds), frozenset(index.by_id)))
        names = cache.version("names", dict(index.names))
        return assemble(index, {ident: self._links(note, index, ids, names) for ident, note in index.by_id.items()})

    def _links(self, note: Note, index: Index, ids: int, names: int) -> NoteLinks:
        """What ``note`` adds to the graph, reused while the ids and the owners of the names its links
        use are the same (a rename recomputes only the notes that link by an affected name). A note
        with problems also waits for any change of names: a message may suggest a close name."""
        key = ("resolve", id(note), ids)
        kept = self.cache.reuse(key)
        if isinstance(kept, tuple) and kept[0] is note:
            owners, seen, links = cast(tuple[tuple[frozenset[NoteId] | None, ...], int, NoteLinks], kept[1:])
            if (not links.problems or seen == names) and owners == _owners(links, index):
                return links
        found = note_links(note, index)
        self.cache.computed += 1
        self.cache.keep(key, (note, _owners(found, index), names, found))
        return found

    def check_quotes(self, notes: tuple[Note, ...], sources_dir: Path | None) -> QuoteReport:
        """Each source text is normalised once per content; the quotes of a note are checked again
        only if the note or the text of a source has changed."""
        cache = self.cache
        quotes = sum(cache.by_object("citation count", note, _citation_count) for note in notes)
        if sources_dir is None:
            return QuoteReport(False, quotes, 0, ())
        files = read_source_files(notes, sources_dir)
        versions = {ident: digest(data) for ident, data in files.data.items()}
        texts = {
            ident: cache.by_key(("source text", versions[ident]), partial(normalized_text, data))
            for ident, data in files.data.items()
        }
        check = partial(note_quote_problems, texts=texts)
        version = cache.version("source texts", versions)
        found = [problem for note in notes for problem in cache.by_object("quotes", note, check, version)]
        return QuoteReport(True, quotes, len(texts), (*files.problems, *found))

    def render(self, graph: Graph, site_name: str, quote_order: QuoteOrder | None = None) -> tuple[Page, ...]:
        """Only the pages whose reads changed are rendered again (see refsite.live.incremental)."""
        cache = self.cache
        cache.pages = render_changed(graph, site_name, cache.previous_pages, quote_order)
        return tuple(page for page, _reads in cache.pages.pages.values())


def _owners(found: NoteLinks, index: Index) -> tuple[frozenset[NoteId] | None, ...]:
    return tuple(index.names.get(name) for name in found.names_used)


def _citation_count(note: Note) -> int:
    return len(note.all_citations)


def settled(info: os.stat_result) -> tuple[int, ...] | None:
    """The identity of a file that has not changed for a while: device, inode, size and times.

    A save changes the change time (which no program can set back), so the same identity means the
    same bytes, unless two saves fall within one tick of the file system's clock: a file changed in
    the last two seconds has no settled identity and is read again (as git does with "racy" files).
    """
    if time.time_ns() - info.st_ctime_ns < 2_000_000_000:  # recent, or in the future: read it
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
