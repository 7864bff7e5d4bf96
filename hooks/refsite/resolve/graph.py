"""Stage 3: resolve references between notes into a graph the renderer can walk."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType

from refsite.core.model import DisagreementDetails, EventDetails, LinkRef, Note, Relation, RichText, Segment
from refsite.core.problems import Problem
from refsite.core.slugs import ENTITY_KINDS, Kind, NoteId, PagePath, shown_on
from refsite.live.memo import MISSING, Memo
from refsite.validate.names import name_key
from refsite.validate.notes import Unbuilt

_CITATIONS = Note.all_citations.fget
"""Every citation of a note (shared with the quote check, which memoizes it under the same name)."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘'(\[])|\n[ \t]*\n")


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


def _label(note: Note) -> Label:
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


def _sentences(text: RichText) -> list[list[Segment]]:
    """Split text into sentences, keeping links and citations whole."""
    sentences: list[list[Segment]] = [[]]
    for segment in text.segments:
        if not isinstance(segment, str):
            sentences[-1].append(segment)
            continue
        pieces = _SENTENCE_END.split(segment)
        sentences[-1].append(pieces[0])
        sentences.extend([piece] for piece in pieces[1:])
    return sentences


def _link_sites(note: Note) -> tuple[tuple[RichText, tuple[Segment, ...], LinkRef], ...]:
    """Every ``[[link]]`` of a note, with its text and the sentence around it."""
    sites = []
    for text in note.texts:
        for sentence in _sentences(text):
            context = tuple(sentence)
            sites.extend((text, context, s) for s in context if isinstance(s, LinkRef))
    return tuple(sites)


def _add(items: list[Backlink], item: Backlink) -> None:
    if item not in items:
        items.append(item)


def resolve(notes: tuple[Note, ...], unbuilt: tuple[Unbuilt, ...] = (), memo: Memo | None = None) -> ResolveResult:
    """Index notes by id and name, resolve every reference, and report what does not resolve.

    With a ``memo`` (``mkdocs serve``), the sentences and citations of unchanged notes are reused.
    """
    memo = memo or Memo()
    problems: list[Problem] = []
    by_id: dict[NoteId, Note] = {}
    kinds: dict[NoteId, tuple[Kind, str]] = {}
    for note in notes:
        if note.ident in kinds:
            problems.append(
                Problem(
                    note.path,
                    1,
                    "id",
                    f"id {note.ident!r} is already used by {kinds[note.ident][1]}",
                    "a unique file name",
                )
            )
            continue
        by_id[note.ident] = note
        kinds[note.ident] = (note.kind, note.path)
    for stub in unbuilt:
        kinds.setdefault(stub.ident, (stub.kind, f"{stub.kind.folder}/{stub.ident}"))

    names = _name_index(by_id.values(), unbuilt, problems)
    labels = {ident: memo.by_object("label", note, _label) for ident, note in by_id.items()}
    link_targets: dict[str, Mapping[tuple[int, str], NoteId]] = {}
    backlinks: dict[NoteId, list[Backlink]] = defaultdict(list)
    # What a note contributes depends on the note, on which ids exist and on what the names its
    # links use stand for: a rename recomputes only the notes that link by an affected name.
    version = memo.version("ids", (kinds, by_id.keys()))
    names_version = memo.version("names", names)
    contribute = partial(_note_links, by_id=by_id, kinds=kinds, names=names, memo=memo)
    # In name order, so that each note's backlinks come out sorted, grouped by referring note.
    for note in sorted(by_id.values(), key=lambda n: labels[n.ident].sort_key):
        found = _contribution(note, contribute, names, memo, version, names_version)
        link_targets[note.path] = found.targets
        for target, items in found.backlinks:
            backlinks[target].extend(items)
        problems.extend(found.problems)

    graph = Graph(
        notes=MappingProxyType(by_id),
        link_targets=MappingProxyType(link_targets),
        backlinks=_freeze(backlinks),
        relations=_freeze(
            {
                ident: sorted(views, key=lambda v: (v.wording, labels[v.other].sort_key))
                for ident, views in _relations(by_id, memo, version).items()
            }
        ),
        events=_freeze(_events(by_id, memo, version)),
        disagreements=_freeze(_disagreements(by_id)),
        citing=_freeze(_citing(by_id, memo)),
        labels=MappingProxyType(labels),
        totals=MappingProxyType(_totals(by_id, memo)),
    )
    return ResolveResult(graph, tuple(problems))


def _contribution(
    note: Note,
    contribute: Callable[[Note], _NoteLinks],
    names: Mapping[str, set[NoteId]],
    memo: Memo,
    ids: int,
    names_version: int,
) -> _NoteLinks:
    """``contribute(note)``, reused while the ids and the owners of the names its links use are the same.

    The entry keeps the names the note's links use, so that a rename after many builds that
    reused the entry still does not read the note's text again.
    """
    key = ("resolve", id(note), ids)
    kept = memo.reuse(key)
    if kept is not MISSING and kept[0] is note:  # type: ignore[index]
        _, seen, used, owners, found = kept  # type: ignore[misc]
        if seen == names_version:
            return found
        now = tuple(names.get(name) for name in used)
        if now == owners:
            memo.keep(key, (note, names_version, used, owners, found))
            return found
    found = contribute(note)
    sites = memo.by_object("link sites", note, _link_sites)
    used = tuple(dict.fromkeys(name_key(link.target) for _, _, link in sites))
    memo.keep(key, (note, names_version, used, tuple(names.get(name) for name in used), found))
    return found


@dataclass(frozen=True)
class _NoteLinks:
    """What one note adds to the graph: where its links lead, its backlinks, its problems."""

    targets: Mapping[tuple[int, str], NoteId]
    """(line, link text) → id, for this note's links."""
    backlinks: tuple[tuple[NoteId, tuple[Backlink, ...]], ...]
    problems: tuple[Problem, ...]


def _note_links(
    note: Note,
    *,
    by_id: Mapping[NoteId, Note],
    kinds: Mapping[NoteId, tuple[Kind, str]],
    names: Mapping[str, set[NoteId]],
    memo: Memo,
) -> _NoteLinks:
    problems: list[Problem] = []
    targets: dict[tuple[int, str], NoteId] = {}
    # This note's backlinks by target, without repeats: only one note's can repeat each other.
    mine: dict[NoteId, list[Backlink]] = defaultdict(list)
    sites = memo.by_object("link sites", note, _link_sites)
    for text, _, segment in sites:
        target = _resolve_name(note, text, segment, by_id, kinds, names, problems)
        if target is not None:
            targets[(segment.line, segment.target)] = target
    contexts: dict[int, Context] = {}  # by sentence: several links can share one
    for _, sentence, segment in sites:
        target = targets.get((segment.line, segment.target))
        if target is not None and target != note.ident:
            context = contexts.get(id(sentence))
            if context is None:
                context = contexts[id(sentence)] = _context(sentence, targets)
            _add(mine[target], Backlink(note.ident, "text", context))
    for ref in note.refs:
        if ref.target not in kinds:
            problems.append(
                Problem(note.path, ref.line, ref.field, f"no note with id {ref.target!r}", _suggest(ref.target, kinds))
            )
        elif ref.target == note.ident:
            problems.append(
                Problem(note.path, ref.line, ref.field, "a note cannot refer to itself", "another note's id")
            )
        elif kinds[ref.target][0] not in ref.kinds:
            wanted = " or ".join(_article(k.value) for k in sorted(ref.kinds))
            problems.append(
                Problem(
                    note.path,
                    ref.line,
                    ref.field,
                    f"{ref.target!r} is {_article(kinds[ref.target][0].value)}",
                    wanted,
                )
            )
        elif ref.target in by_id:
            _add(mine[ref.target], Backlink(note.ident, ref.label))
    for citation in memo.by_object("citations", note, _CITATIONS):
        known = kinds.get(citation.source)
        if known is not None and known[0] is not Kind.SOURCE:
            message = f"{citation.source!r} is {_article(known[0].value)}, not a source"
            problems.append(Problem(note.path, citation.line, "cite", message, "the id of a source note"))
        elif known is None:
            problems.append(
                Problem(
                    note.path,
                    citation.line,
                    "cite",
                    f"no source with id {citation.source!r}",
                    _suggest(citation.source, {k: v for k, v in kinds.items() if v[0] is Kind.SOURCE}),
                )
            )
    backlinks = tuple((target, tuple(found)) for target, found in mine.items())
    return _NoteLinks(MappingProxyType(targets), backlinks, tuple(problems))


def _context(sentence: tuple[Segment, ...], targets: Mapping[tuple[int, str], NoteId]) -> Context:
    """A sentence as a backlink shows it: text runs joined, citations dropped, links resolved."""
    pieces: list[str | ContextLink] = []
    for segment in sentence:
        if isinstance(segment, str):
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += segment
            else:
                pieces.append(segment)
        elif isinstance(segment, LinkRef):
            target = targets.get((segment.line, segment.target))
            pieces.append(ContextLink(target, segment.shown, segment.target))
        elif pieces and isinstance(pieces[-1], str):
            # A citation sits against the word before it; without its mark, that word keeps no space.
            pieces[-1] = pieces[-1].rstrip()
    return tuple(pieces)


def _written(link: LinkRef) -> str:
    return f"[[{link.target}|{link.shown}]]" if link.shown else f"[[{link.target}]]"


def _article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _freeze(mapping: dict) -> Mapping:
    return MappingProxyType({k: tuple(v) for k, v in mapping.items()})


def _suggest(ident: str, known: Mapping[NoteId, object]) -> str:
    close = difflib.get_close_matches(ident, list(known), n=1)
    return f"did you mean {close[0]!r}?" if close else "the id of an existing note"


def _name_index(notes, unbuilt: tuple[Unbuilt, ...], problems: list[Problem]) -> dict[str, set[NoteId]]:
    """Map each name and alias (compared by :func:`name_key`) to the notes that carry it."""
    owners: dict[str, dict[NoteId, str]] = defaultdict(dict)
    for note in notes:
        if note.kind not in ENTITY_KINDS:
            continue
        for name in (note.name, *note.aliases):
            owners[name_key(name)].setdefault(note.ident, note.path)
    for stub in unbuilt:
        for name in stub.names:
            owners[name_key(name)].setdefault(stub.ident, f"{stub.kind.folder}/{stub.ident}")
    # Shared names are reported by refsite.validate.names, at the line of each name and alias.
    return {key: set(holders) for key, holders in owners.items()}


def _resolve_name(note, text, link: LinkRef, by_id, kinds, names, problems: list[Problem]) -> NoteId | None:
    if link.target in kinds:
        return NoteId(link.target) if link.target in by_id else None
    holders = names.get(name_key(link.target), set())
    if len(holders) == 1:
        ident = next(iter(holders))
        return ident if ident in by_id else None
    if len(holders) > 1:
        listing = ", ".join(sorted(holders))
        problems.append(
            Problem(note.path, link.line, text.field, f"[[{link.target}]] is ambiguous", f"one of the ids {listing}")
        )
        return None
    close = difflib.get_close_matches(name_key(link.target), list(names), n=1)
    expected = f"did you mean [[{close[0]}]]?" if close else "an id, name or alias of an existing note"
    problems.append(Problem(note.path, link.line, text.field, f"{_written(link)} matches no note", expected))
    return None


def _relations(by_id: Mapping[NoteId, Note], memo: Memo, version: int) -> dict[NoteId, list[RelationView]]:
    views: dict[NoteId, list[RelationView]] = defaultdict(list)
    contribute = partial(_relation_views, by_id=by_id)
    for note in by_id.values():
        for ident, view in memo.by_object("relation views", note, contribute, depends_on=version):
            views[ident].append(view)
    return views


def _relation_views(note: Note, *, by_id: Mapping[NoteId, Note]) -> tuple[tuple[NoteId, RelationView], ...]:
    """A note's relations as seen from both ends."""
    from refsite.core.relations import wording

    views = []
    for relation in note.relations:
        if relation.target not in by_id or relation.target == note.ident:
            continue
        views.append(
            (note.ident, RelationView(relation.target, wording(relation.type, inverse=False), relation, note.ident))
        )
        views.append(
            (relation.target, RelationView(note.ident, wording(relation.type, inverse=True), relation, note.ident))
        )
    return tuple(views)


def _events(by_id: Mapping[NoteId, Note], memo: Memo, version: int) -> dict[NoteId, list[NoteId]]:
    found: dict[NoteId, set[NoteId]] = defaultdict(set)
    contribute = partial(_event_links, by_id=by_id)
    for note in by_id.values():
        for ident, event in memo.by_object("event links", note, contribute, depends_on=version):
            found[ident].add(event)
    order = {
        ident: (note.details.date, ident) for ident, note in by_id.items() if isinstance(note.details, EventDetails)
    }
    return {ident: sorted(events, key=order.__getitem__) for ident, events in found.items() if ident in by_id}


def _event_links(note: Note, *, by_id: Mapping[NoteId, Note]) -> tuple[tuple[NoteId, NoteId], ...]:
    """(note, event) pairs this note makes: an event concerns what it names; a relation to an event."""
    links = []
    if isinstance(note.details, EventDetails):
        related = {*note.details.participants, *note.details.places, *note.themes}
        related.update(r.target for r in note.relations)
        links.extend((ident, note.ident) for ident in related)
    for relation in note.relations:
        target = by_id.get(relation.target)
        if target is not None and target.kind is Kind.EVENT:
            links.append((note.ident, target.ident))
    return tuple(links)


def _disagreements(by_id: Mapping[NoteId, Note]) -> dict[NoteId, list[NoteId]]:
    found: dict[NoteId, list[NoteId]] = defaultdict(list)
    for note in sorted(by_id.values(), key=lambda n: n.ident):
        if isinstance(note.details, DisagreementDetails):
            for ident in note.details.concerns:
                if ident in by_id:
                    found[ident].append(note.ident)
    return found


def _citing(by_id: Mapping[NoteId, Note], memo: Memo) -> dict[NoteId, list[NoteId]]:
    found: dict[NoteId, set[NoteId]] = defaultdict(set)
    for note in by_id.values():
        for source in memo.by_object("cited sources", note, _cited_sources):
            found[source].add(note.ident)
    return {k: sorted(v) for k, v in found.items()}


def _cited_sources(note: Note) -> frozenset[NoteId]:
    return frozenset(c.source for c in note.all_citations if c.source != note.ident)


def _totals(by_id: Mapping[NoteId, Note], memo: Memo) -> dict[str, int]:
    totals = dict.fromkeys((kind.value for kind in Kind), 0)
    citations = relations = 0
    for note in by_id.values():
        totals[note.kind.value] += 1
        citations += len(memo.by_object("citations", note, _CITATIONS))
        relations += len(note.relations)
    return {**totals, "citations": citations, "relations": relations}
