"""Stage 3, per note: index the notes by id and name, then resolve what each note refers to.

:func:`index_notes` looks at every note once; :func:`note_links` is what one note adds to the
graph given that index, and reads of the index only the ids, their kinds and the names its own
links use (:attr:`NoteLinks.names_used`), so a cache can tell when an edit elsewhere changes it.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from refsite.core.model import EventDetails, LinkRef, Note, RichText, Segment
from refsite.core.problems import Problem
from refsite.core.relations import wording
from refsite.core.slugs import ENTITY_KINDS, Kind, NoteId
from refsite.resolve.graph import Backlink, Context, ContextLink, Label, RelationView, note_label
from refsite.validate.names import name_key
from refsite.validate.notes import Unbuilt

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘'(\[])|\n[ \t]*\n")


@dataclass(frozen=True)
class Index:
    """Every note by id, the kind of every id (built or not), and the owners of every name."""

    by_id: Mapping[NoteId, Note]
    kinds: Mapping[NoteId, tuple[Kind, str]]
    """Id → its kind and its path, for built notes and for notes that failed validation."""
    names: Mapping[str, frozenset[NoteId]]
    """Name or alias (by :func:`name_key`) → the notes that carry it."""
    labels: Mapping[NoteId, Label]
    problems: tuple[Problem, ...]
    """Ids used twice."""


@dataclass(frozen=True)
class NoteLinks:
    """What one note adds to the graph: where its links lead, its backlinks, relations, events, problems."""

    targets: Mapping[tuple[int, str], NoteId]
    """(line, link text) → id, for this note's links."""
    backlinks: tuple[tuple[NoteId, tuple[Backlink, ...]], ...]
    relations: tuple[tuple[NoteId, RelationView], ...]
    """This note's relations, as seen from both ends."""
    events: tuple[tuple[NoteId, NoteId], ...]
    """(note, event) pairs: an event concerns what it names; a relation to an event."""
    cited: frozenset[NoteId]
    """The sources this note cites."""
    citations: int
    problems: tuple[Problem, ...]
    names_used: tuple[str, ...]
    """The names (by :func:`name_key`) that this note's links use other than ids: all it reads of
    ``Index.names``, besides the suggestions in its problems."""


def index_notes(notes: Iterable[Note], unbuilt: Iterable[Unbuilt] = ()) -> Index:
    """Index notes by id and by name; a second note with a used id is reported and left out."""
    problems: list[Problem] = []
    by_id: dict[NoteId, Note] = {}
    kinds: dict[NoteId, tuple[Kind, str]] = {}
    for note in notes:
        if note.ident in kinds:
            message = f"id {note.ident!r} is already used by {kinds[note.ident][1]}"
            problems.append(Problem(note.path, 1, "id", message, "a unique file name"))
            continue
        by_id[note.ident] = note
        kinds[note.ident] = (note.kind, note.path)
    unbuilt = tuple(unbuilt)
    for stub in unbuilt:
        kinds.setdefault(stub.ident, (stub.kind, f"{stub.kind.folder}/{stub.ident}"))
    labels = {ident: note_label(note) for ident, note in by_id.items()}
    names = _name_index(by_id.values(), unbuilt)
    return Index(MappingProxyType(by_id), MappingProxyType(kinds), names, MappingProxyType(labels), tuple(problems))


def _name_index(notes: Iterable[Note], unbuilt: tuple[Unbuilt, ...]) -> Mapping[str, frozenset[NoteId]]:
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
    return MappingProxyType({key: frozenset(holders) for key, holders in owners.items()})


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
    sites: list[tuple[RichText, tuple[Segment, ...], LinkRef]] = []
    for text in note.texts:
        for sentence in _sentences(text):
            context = tuple(sentence)
            sites.extend((text, context, s) for s in context if isinstance(s, LinkRef))
    return tuple(sites)


def _add(items: list[Backlink], item: Backlink) -> None:
    if item not in items:
        items.append(item)


def note_links(note: Note, index: Index) -> NoteLinks:
    """Resolve every link, reference and citation of one note against the index."""
    problems: list[Problem] = []
    targets: dict[tuple[int, str], NoteId] = {}
    # This note's backlinks by target, without repeats: only one note's can repeat each other.
    mine: dict[NoteId, list[Backlink]] = defaultdict(list)
    sites = _link_sites(note)
    for text, _, segment in sites:
        target = _resolve_name(note, text, segment, index, problems)
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
    kinds = index.kinds
    for ref in note.refs:
        if ref.target not in kinds:
            message = f"no note with id {ref.target!r}"
            problems.append(Problem(note.path, ref.line, ref.field, message, _suggest(ref.target, kinds)))
        elif ref.target == note.ident:
            message = "a note cannot refer to itself"
            problems.append(Problem(note.path, ref.line, ref.field, message, "another note's id"))
        elif kinds[ref.target][0] not in ref.kinds:
            wanted = " or ".join(_article(k.value) for k in sorted(ref.kinds))
            message = f"{ref.target!r} is {_article(kinds[ref.target][0].value)}"
            problems.append(Problem(note.path, ref.line, ref.field, message, wanted))
        elif ref.target in index.by_id:
            _add(mine[ref.target], Backlink(note.ident, ref.label))
    citations = note.all_citations
    for citation in citations:
        known = kinds.get(citation.source)
        if known is not None and known[0] is not Kind.SOURCE:
            message = f"{citation.source!r} is {_article(known[0].value)}, not a source"
            problems.append(Problem(note.path, citation.line, "cite", message, "the id of a source note"))
        elif known is None:
            sources = {k: v for k, v in kinds.items() if v[0] is Kind.SOURCE}
            message = f"no source with id {citation.source!r}"
            problems.append(Problem(note.path, citation.line, "cite", message, _suggest(citation.source, sources)))
    return NoteLinks(
        targets=MappingProxyType(targets),
        backlinks=tuple((target, tuple(found)) for target, found in mine.items()),
        relations=_relation_views(note, index.by_id),
        events=_event_links(note, index.by_id),
        cited=frozenset(c.source for c in citations if c.source != note.ident),
        citations=len(citations),
        problems=tuple(problems),
        names_used=tuple(dict.fromkeys(name_key(link.target) for _, _, link in sites if link.target not in kinds)),
    )


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


def _suggest(ident: str, known: Mapping[NoteId, object]) -> str:
    close = difflib.get_close_matches(ident, list(known), n=1)
    return f"did you mean {close[0]!r}?" if close else "the id of an existing note"


def _resolve_name(note: Note, text: RichText, link: LinkRef, index: Index, problems: list[Problem]) -> NoteId | None:
    if link.target in index.kinds:
        return NoteId(link.target) if link.target in index.by_id else None
    holders = index.names.get(name_key(link.target), frozenset())
    if len(holders) == 1:
        ident = next(iter(holders))
        return ident if ident in index.by_id else None
    if len(holders) > 1:
        listing = ", ".join(sorted(holders))
        message = f"[[{link.target}]] is ambiguous"
        problems.append(Problem(note.path, link.line, text.field, message, f"one of the ids {listing}"))
        return None
    close = difflib.get_close_matches(name_key(link.target), list(index.names), n=1)
    expected = f"did you mean [[{close[0]}]]?" if close else "an id, name or alias of an existing note"
    problems.append(Problem(note.path, link.line, text.field, f"{_written(link)} matches no note", expected))
    return None


def _relation_views(note: Note, by_id: Mapping[NoteId, Note]) -> tuple[tuple[NoteId, RelationView], ...]:
    """A note's relations as seen from both ends."""
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


def _event_links(note: Note, by_id: Mapping[NoteId, Note]) -> tuple[tuple[NoteId, NoteId], ...]:
    """(note, event) pairs this note makes: an event concerns what it names; a relation to an event."""
    links: list[tuple[NoteId, NoteId]] = []
    if isinstance(note.details, EventDetails):
        related = {*note.details.participants, *note.details.places, *note.themes}
        related.update(r.target for r in note.relations)
        links.extend((ident, note.ident) for ident in related)
    for relation in note.relations:
        target = by_id.get(relation.target)
        if target is not None and target.kind is Kind.EVENT:
            links.append((note.ident, target.ident))
    return tuple(links)
