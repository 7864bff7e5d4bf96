"""Render again only the pages whose inputs changed since the previous build (``mkdocs serve``).

Each page is rendered from a graph that records what the page reads: which notes, which entries
of the backlink, relation, event… tables, which lists of notes of a kind. Rendering is a pure
function of the graph, so a page whose every read is unchanged would come out the same, and the
previous page is reused. Anything read in bulk (iterating a whole table) makes the page depend on
the whole table. Nothing is assumed about which page shows what, so new sections need no care here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass

from .graph import Graph
from .model import Note
from .render import Page, site_plan
from .slugs import Kind, NoteId, PagePath

Read = tuple[str, Hashable]
"""(table, key): ``("notes", id)``, ``("backlinks", id)``, ``("kind", Kind.PERSON)``…"""
EVERYTHING = "*"
"""The key of a read of a whole table."""


class _Recorded(Mapping):
    """A read-only table of the graph that notes every key read from it."""

    def __init__(self, name: str, table: Mapping, reads: set[Read]) -> None:
        self._name, self._table, self._reads = name, table, reads

    def __getitem__(self, key: Hashable) -> object:
        self._reads.add((self._name, key))
        return self._table[key]

    def get(self, key: Hashable, default: object = None) -> object:
        self._reads.add((self._name, key))
        return self._table.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.add((self._name, key))  # type: ignore[arg-type]
        return key in self._table

    def __iter__(self) -> Iterator:
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
        self.reads.update(("notes", note.ident) for note in found)
        return found


def _recording(graph: Graph, kinds: dict[Kind, tuple[Note, ...]]) -> _RecordingGraph:
    reads: set[Read] = set()
    tables = {
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
    rendered: int
    """How many pages this build rendered (the others were reused)."""


def _changed_reads(old: Graph, new: Graph) -> set[Read]:
    """Every read whose answer differs between the two graphs."""
    changed: set[Read] = set()
    for f in dataclasses.fields(Graph):
        before, after = getattr(old, f.name), getattr(new, f.name)
        if not isinstance(after, Mapping):
            continue
        # Unchanged notes are the very same objects (see refsite.memo); other values are compared.
        same = (lambda a, b: a is b) if f.name == "notes" else (lambda a, b: a == b)
        missing = object()
        keys = {
            key for key in before.keys() | after.keys() if not same(before.get(key, missing), after.get(key, missing))
        }
        changed.update((f.name, key) for key in keys)
        if keys:
            changed.add((f.name, EVERYTHING))
    for kind in Kind:
        if [n.ident for n in old.of_kind(kind)] != [n.ident for n in new.of_kind(kind)]:
            changed.add(("kind", kind))
    return changed


def render_changed(graph: Graph, site_name: str, previous: Rendered | None) -> Rendered:
    """Every page of the site; pages whose reads are all unchanged since ``previous`` are reused."""
    reusable = previous is not None and previous.site_name == site_name
    changed = _changed_reads(previous.graph, graph) if reusable else set()  # type: ignore[union-attr]
    kinds: dict[Kind, tuple[Note, ...]] = {}
    pages: dict[PagePath, tuple[Page, frozenset[Read]]] = {}
    rendered = 0
    for path, render in site_plan(graph, site_name):
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
    return Rendered(graph, site_name, pages, rendered)


def page_notes(rendered: Rendered, path: PagePath) -> frozenset[NoteId]:
    """The notes a page read (for tests and messages)."""
    return frozenset(key for table, key in rendered.pages[path][1] if table == "notes" and key != EVERYTHING)  # type: ignore[misc]
