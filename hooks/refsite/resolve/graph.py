"""Stage 3's result: the graph of resolved notes that the renderer walks (built by refsite.resolve.assemble)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from refsite.core.model import LinkRef, Note, Relation
from refsite.core.problems import Problem
from refsite.core.slugs import Kind, NoteId, PagePath, shown_on
from refsite.validate.names import name_key


@dataclass(frozen=True, slots=True)
class ContextLink:
    """A ``[[link]]`` in a backlink's sentence, resolved where the sentence is found."""

    target: NoteId | None
    """The note the link leads to; None where it leads to no note that is built."""
    shown: str | None
    """The link's own wording (``[[target|shown]]``), if any."""
    written: str
    """The link's target as written: an id, a name or an alias."""


Context = tuple[str | ContextLink, ...]
"""A sentence as a backlink shows it: its text (citations left out) and its links, resolved."""


@dataclass(frozen=True, slots=True)
class Backlink:
    """A place in another note that refers to this one."""

    source: NoteId
    """The note that refers here."""
    label: str
    """The field's wording, e.g. "participant in", or "text" for a link in prose."""
    context: Context = ()
    """For links in prose: the sentence around the link. It carries its links' targets, so that a
    page showing it reads nothing of the other note: at 10,000 notes those reads go far in memory."""


@dataclass(frozen=True, slots=True)
class RelationView:
    """A relation as seen from one of its two ends."""

    other: NoteId
    wording: str
    relation: Relation
    declared_by: NoteId


_NO_LINKS: Mapping[tuple[int, str], NoteId] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Label:
    """How links show a note: its name as written and as a sort key, and the page that shows it."""

    name: str
    sort_key: str
    page: PagePath


def note_label(note: Note) -> Label:
    return Label(note.name, name_key(note.name), shown_on(note.kind, note.ident))


@dataclass(frozen=True)
class Graph:
    """The resolved notes, with every cross-reference precomputed in both directions."""

    notes: Mapping[NoteId, Note]
    link_targets: Mapping[str, Mapping[tuple[int, str], NoteId]]
    """Note path → (line, link text) → the id the ``[[link]]`` resolves to: one small table per note."""
    backlinks: Mapping[NoteId, tuple[Backlink, ...]]
    """Note id → the places that refer to it, grouped by referring note, in the order of those
    notes' names (:attr:`Label.sort_key`, then load order)."""
    relations: Mapping[NoteId, tuple[RelationView, ...]]
    """Note id → its relations as seen from it, by wording, then by the other note's name."""
    events: Mapping[NoteId, tuple[NoteId, ...]]
    """Events that concern a note (as participant, place, theme or relation), by date."""
    disagreements: Mapping[NoteId, tuple[NoteId, ...]]
    citing: Mapping[NoteId, tuple[NoteId, ...]]
    """Source id → the notes that cite it."""
    labels: Mapping[NoteId, Label]
    """Every note's :class:`Label`: pages that only link to a note read this, not the note."""
    totals: Mapping[str, int]
    """Counts for overview pages: notes of each kind (by the kind's value), "citations", "relations"."""

    def of_kind(self, kind: Kind) -> tuple[Note, ...]:
        return tuple(
            sorted((n for n in self.notes.values() if n.kind is kind), key=lambda n: self.labels[n.ident].sort_key)
        )

    def resolve_link(self, note: Note, link: LinkRef) -> NoteId | None:
        return self.link_targets.get(note.path, _NO_LINKS).get((link.line, link.target))


@dataclass(frozen=True)
class ResolveResult:
    graph: Graph
    problems: tuple[Problem, ...]
