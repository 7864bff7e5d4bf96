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
from .slugs import Kind, PagePath

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
    kinds: dict[Kind, tuple[Note, ...]]
    """The notes of each kind, in the order of ``Graph.of_kind``."""
    rendered: int
    """How many pages this build rendered (the others were reused)."""


def _changed_reads(old: Rendered, new: Graph, kinds: dict[Kind, tuple[Note, ...]]) -> set[Read]:
    """Every read whose answer differs between the two graphs."""
    changed: set[Read] = set()
    for f in dataclasses.fields(Graph):
        before, after = getattr(old.graph, f.name), getattr(new, f.name)
        if not isinstance(after, Mapping) or before == after:  # usually the same objects: quick
            continue
        keys = before.keys() ^ after.keys()
        if f.name == "notes":  # an unchanged note is the very same object (see refsite.memo)
            keys |= {key for key, note in after.items() if before.get(key) is not note}
        else:
            keys |= {key for key, value in after.items() if key in before and before[key] != value}
        changed.update((f.name, key) for key in keys)
        changed.add((f.name, EVERYTHING))
    for kind in Kind:
        if [n.ident for n in old.kinds[kind]] != [n.ident for n in kinds[kind]]:
            changed.add(("kind", kind))
    return changed


def render_changed(graph: Graph, site_name: str, previous: Rendered | None) -> Rendered:
    """Every page of the site; pages whose reads are all unchanged since ``previous`` are reused."""
    kinds = {kind: graph.of_kind(kind) for kind in Kind}  # sorted once, shared by every page
    reusable = previous is not None and previous.site_name == site_name
    changed = _changed_reads(previous, graph, kinds) if reusable else set()  # type: ignore[arg-type]
    pages: dict[PagePath, tuple[Page, frozenset[Read]]] = {}
    rendered = 0
    for path, render in site_plan(_recording(graph, kinds), site_name):
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
    return Rendered(graph, site_name, pages, kinds, rendered)
