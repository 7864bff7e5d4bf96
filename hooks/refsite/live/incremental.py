"""Render again only the pages whose inputs changed since the previous build (``mkdocs serve``).

Each page is rendered from a graph that records what the page reads: which fields of which notes
(a page that shows a note's name does not depend on its body), which entries of the backlink,
relation, event… tables, which lists of notes of a kind. Rendering is a pure function of the graph,
so a page whose every read is unchanged would come out the same, and the previous page is reused.
Anything read in bulk (iterating a whole table) makes the page depend on the whole table. Nothing is
assumed about which page shows what, so new sections need no care here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from refsite.core.model import Note
from refsite.core.slugs import Kind, PagePath
from refsite.render.quote_order import QuoteOrder
from refsite.render.site import site_plan
from refsite.render.writer import Page
from refsite.resolve.graph import Graph

Read = tuple[Hashable, ...]
"""``("backlinks", id)``, ``("kind", Kind.PERSON)``, ``("note", id, "summary")``, ``("exists", id)``…"""
EVERYTHING = "*"
"""The key of a read of a whole table."""
_NOTE_PARTS = frozenset({f.name for f in dataclasses.fields(Note)} | {"texts", "all_citations"})


class _RecordedNote:
    """A note that records which of its fields a page reads."""

    __slots__ = ("_note", "_reads")

    def __init__(self, note: Note, reads: set[Read]) -> None:
        self._note, self._reads = note, reads

    def __getattr__(self, name: str) -> object:
        note = self._note
        self._reads.add(("note", note.ident, name) if name in _NOTE_PARTS else ("notes", note.ident))
        return getattr(note, name)


_ABSENT = object()


class _Recorded(Mapping[Hashable, object]):
    """A read-only table of the graph that notes every key read from it."""

    def __init__(self, name: str, table: Mapping[Any, Any], reads: set[Read]) -> None:
        self._name, self._table, self._reads = name, table, reads

    def __getitem__(self, key: Hashable) -> object:
        self._record(key)
        return self._wrap(self._table[key])

    def get(self, key: Hashable, default: object = None) -> object:
        self._record(key)
        value = self._table.get(key, _ABSENT)
        return default if value is _ABSENT else self._wrap(value)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, Hashable):
            self._record(key)
        return key in self._table

    def _record(self, key: Hashable) -> None:
        # Of a note, only that it exists: the fields a page reads are recorded as it reads them.
        self._reads.add(("exists", key) if self._name == "notes" else (self._name, key))

    def _wrap(self, value: object) -> object:
        return _RecordedNote(value, self._reads) if self._name == "notes" and isinstance(value, Note) else value

    def __iter__(self) -> Iterator[Hashable]:
        self._reads.add((self._name, EVERYTHING))
        return iter(self._table)

    def __len__(self) -> int:
        self._reads.add((self._name, EVERYTHING))
        return len(self._table)


@dataclass(frozen=True)
class _RecordingGraph(Graph):
    """The graph of this build, with every read of a page recorded in ``reads``."""

    base: Graph | None = None
    reads: set[Read] = dataclasses.field(default_factory=set)
    kinds: dict[Kind, tuple[Note, ...]] = dataclasses.field(default_factory=dict)

    def of_kind(self, kind: Kind) -> tuple[Note, ...]:
        # Which notes, in which order (a kind's list), and what each of them holds.
        self.reads.add(("kind", kind))
        found = self.kinds.get(kind)
        if found is None:
            found = self.kinds[kind] = self.base.of_kind(kind)  # type: ignore[union-attr]
        return tuple(_RecordedNote(note, self.reads) for note in found)  # type: ignore[misc]


@dataclass(frozen=True)
class _SortedOnce(Graph):
    """The graph of this build, with the notes of each kind sorted once for all pages."""

    kinds: dict[Kind, tuple[Note, ...]] = dataclasses.field(default_factory=dict)

    def of_kind(self, kind: Kind) -> tuple[Note, ...]:
        return self.kinds[kind]


def _recording(graph: Graph, kinds: dict[Kind, tuple[Note, ...]]) -> _RecordingGraph:
    reads: set[Read] = set()
    tables: dict[str, Any] = {
        f.name: _Recorded(f.name, getattr(graph, f.name), reads)
        if isinstance(getattr(graph, f.name), Mapping)
        else getattr(graph, f.name)
        for f in dataclasses.fields(Graph)
    }
    return _RecordingGraph(**tables, base=graph, reads=reads, kinds=kinds)


@dataclass(frozen=True)
class Rendered:
    """The pages of one build, each with what it read, and the graph they were read from."""

    graph: Graph
    site_name: str
    pages: dict[PagePath, tuple[Page, frozenset[Read]]]
    kinds: dict[Kind, tuple[Note, ...]]
    """The notes of each kind, in the order of ``Graph.of_kind``."""
    rendered: int
    """How many pages this build rendered (the others were reused)."""
    quote_order: QuoteOrder = dataclasses.field(default_factory=dict)
    """Where each quote occurs in its source (see refsite.render.quote_order)."""


def _changed_reads(old: Rendered, new: Graph, kinds: dict[Kind, tuple[Note, ...]]) -> set[Read]:
    """Every read whose answer differs between the two graphs."""
    changed: set[Read] = set()
    for f in dataclasses.fields(Graph):
        before, after = getattr(old.graph, f.name), getattr(new, f.name)
        if not isinstance(after, Mapping) or before == after:  # usually the same objects: quick
            continue
        changed.add((f.name, EVERYTHING))
        if f.name == "notes":
            changed |= _changed_notes(before, after)
            continue
        keys = before.keys() ^ after.keys()
        keys |= {key for key, value in after.items() if key in before and before[key] != value}
        changed.update((f.name, key) for key in keys)
    for kind in Kind:
        if [n.ident for n in old.kinds[kind]] != [n.ident for n in kinds[kind]]:
            changed.add(("kind", kind))
    return changed


def _changed_notes(before: Mapping[Hashable, Note], after: Mapping[Hashable, Note]) -> set[Read]:
    """Notes that appeared or went, and each field that differs; unchanged notes are the same objects."""
    changed: set[Read] = set()
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old is new:
            continue
        changed.add(("notes", key))
        if old is None or new is None:
            changed.add(("exists", key))
        changed.update(
            ("note", key, part)
            for part in _NOTE_PARTS
            if old is None or new is None or getattr(old, part) != getattr(new, part)
        )
    return changed


def render_changed(
    graph: Graph, site_name: str, previous: Rendered | None, quote_order: QuoteOrder | None = None
) -> Rendered:
    """Every page of the site; pages whose reads are all unchanged since ``previous`` are reused."""
    quote_order = quote_order or {}
    kinds = {kind: graph.of_kind(kind) for kind in Kind}  # sorted once, shared by every page
    reusable = previous is not None and previous.site_name == site_name
    changed = _changed_reads(previous, graph, kinds) if reusable else set()  # type: ignore[arg-type]
    if reusable:
        # A source page lists its quotes in the order of its text: it changes with that order.
        old_order = previous.quote_order  # type: ignore[union-attr]
        for source in old_order.keys() | quote_order.keys():
            if old_order.get(source) != quote_order.get(source):
                changed.add(("citing", source))
    pages: dict[PagePath, tuple[Page, frozenset[Read]]] = {}
    rendered = 0
    tables = {f.name: getattr(graph, f.name) for f in dataclasses.fields(Graph)}
    for path, render in site_plan(_SortedOnce(**tables, kinds=kinds), site_name, quote_order):
        kept = previous.pages.get(path) if reusable else None  # type: ignore[union-attr]
        if kept is not None and kept[1].isdisjoint(changed):
            pages[path] = kept
            continue
        recording = _recording(graph, kinds)
        page = render(recording)
        if page.path != path:
            raise AssertionError(f"the plan renders {page.path} for {path}")
        pages[path] = (page, frozenset(recording.reads))
        rendered += 1
    return Rendered(graph, site_name, pages, kinds, rendered, quote_order)
