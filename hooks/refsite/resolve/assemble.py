"""Stage 3: resolve references between notes into a graph the renderer can walk.

:func:`resolve` is :func:`~refsite.resolve.links.index_notes`, then
:func:`~refsite.resolve.links.note_links` for each note, then :func:`assemble`: the live preview
composes the same pieces with a cache around the middle one (refsite.live.cache).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TypeVar

from refsite.core.model import DisagreementDetails, EventDetails, Note
from refsite.core.problems import Problem
from refsite.core.slugs import Kind, NoteId
from refsite.resolve.graph import Backlink, Graph, RelationView, ResolveResult
from refsite.resolve.links import Index, NoteLinks, index_notes, note_links
from refsite.validate.notes import Unbuilt


def resolve(notes: tuple[Note, ...], unbuilt: tuple[Unbuilt, ...] = ()) -> ResolveResult:
    """Index notes by id and name, resolve every reference, and report what does not resolve."""
    index = index_notes(notes, unbuilt)
    return assemble(index, {ident: note_links(note, index) for ident, note in index.by_id.items()})


def name_order(index: Index) -> list[Note]:
    """The notes in the order of their names (then load order)."""
    return sorted(index.by_id.values(), key=lambda n: index.labels[n.ident].sort_key)


def assemble(index: Index, links: Mapping[NoteId, NoteLinks]) -> ResolveResult:
    """The graph from the index and what each note adds to it (``links``, by note id)."""
    by_id, labels = index.by_id, index.labels
    problems: list[Problem] = list(index.problems)
    link_targets: dict[str, Mapping[tuple[int, str], NoteId]] = {}
    backlinks: dict[NoteId, list[Backlink]] = defaultdict(list)
    views: dict[NoteId, list[RelationView]] = defaultdict(list)
    events: dict[NoteId, set[NoteId]] = defaultdict(set)
    citing: dict[NoteId, set[NoteId]] = defaultdict(set)
    totals = dict.fromkeys((kind.value for kind in Kind), 0)
    citations = relations = 0
    # In name order, so that each note's backlinks come out sorted, grouped by referring note.
    for note in name_order(index):
        found = links[note.ident]
        link_targets[note.path] = found.targets
        for target, items in found.backlinks:
            backlinks[target].extend(items)
        problems.extend(found.problems)
        for ident, event in found.events:
            events[ident].add(event)
        for source in found.cited:
            citing[source].add(note.ident)
        totals[note.kind.value] += 1
        citations += found.citations
        relations += len(note.relations)
    for note in by_id.values():  # in load order: relations that sort alike stay in it
        for ident, view in links[note.ident].relations:
            views[ident].append(view)
    event_order = {
        ident: (note.details.date, ident) for ident, note in by_id.items() if isinstance(note.details, EventDetails)
    }
    graph = Graph(
        notes=by_id,
        link_targets=MappingProxyType(link_targets),
        backlinks=_freeze(backlinks),
        relations=_freeze(
            {
                ident: sorted(found, key=lambda v: (v.wording, labels[v.other].sort_key))
                for ident, found in views.items()
            }
        ),
        events=_freeze(
            {ident: sorted(found, key=event_order.__getitem__) for ident, found in events.items() if ident in by_id}
        ),
        disagreements=_freeze(_disagreements(by_id)),
        citing=_freeze({source: sorted(found) for source, found in citing.items()}),
        labels=labels,
        totals=MappingProxyType({**totals, "citations": citations, "relations": relations}),
    )
    return ResolveResult(graph, tuple(problems))


K = TypeVar("K")
V = TypeVar("V")


def _freeze(mapping: Mapping[K, Iterable[V]]) -> Mapping[K, tuple[V, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in mapping.items()})


def _disagreements(by_id: Mapping[NoteId, Note]) -> dict[NoteId, list[NoteId]]:
    found: dict[NoteId, list[NoteId]] = defaultdict(list)
    for note in sorted(by_id.values(), key=lambda n: n.ident):
        if isinstance(note.details, DisagreementDetails):
            for ident in note.details.concerns:
                if ident in by_id:
                    found[ident].append(note.ident)
    return found
