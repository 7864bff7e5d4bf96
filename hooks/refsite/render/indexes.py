"""The index page of each kind of entity."""

from __future__ import annotations

from collections import defaultdict

from refsite.core.model import (
    EquipmentDetails,
    EventDetails,
    Note,
    OrganizationDetails,
    PersonDetails,
    PlaceDetails,
)
from refsite.core.slugs import Kind, index_path
from refsite.render.markdown_text import md_text
from refsite.render.writer import INDEX_SUMMARIES_UP_TO, Page, PageWriter, listing
from refsite.resolve.graph import Graph


def _group_key(graph: Graph, note: Note) -> str:
    d = note.details
    if isinstance(d, PersonDetails):
        country = d.country or next((r.country for r in d.roles if r.country), None)
        return graph.notes[country].name if country is not None and country in graph.notes else NOT_RECORDED
    if isinstance(d, (PlaceDetails, OrganizationDetails, EquipmentDetails)):
        return d.type.replace("-", " ").capitalize()
    if isinstance(d, EventDetails):
        return str(d.date.year)
    return ""


NOT_RECORDED = "Country not recorded"
"""Listed last: a reader looks for a country, not for a gap in the notes."""

_INDEX_INTRO = {
    Kind.PERSON: "People named in the sources, grouped by country.",
    Kind.PLACE: "Countries, cities, regions, facilities and infrastructure, grouped by type.",
    Kind.ORGANIZATION: "State bodies, parties, armed groups, international bodies and others, grouped by type.",
    Kind.EQUIPMENT: "Drones and other weapon systems the sources discuss, grouped by type.",
    Kind.EVENT: "Dated events, grouped by year. The [timeline](../timeline.md) lists them in order.",
    Kind.THEME: "Subjects that run through the notes.",
}


def index_page(graph: Graph, kind: Kind) -> Page:
    path = index_path(kind)
    w = PageWriter(graph, path)
    groups: dict[str, list[Note]] = defaultdict(list)
    notes = graph.of_kind(kind)
    for note in notes:
        groups[_group_key(graph, note)].append(note)
    summaries = len(notes) <= INDEX_SUMMARIES_UP_TO
    intro = f"{_INDEX_INTRO[kind]} {len(notes)} in all."
    if not summaries:
        intro += " Listed by name only; each page opens with its summary."
    parts = [f"# {kind.plural_label}", intro]
    for group in sorted(groups, key=lambda g: (g == NOT_RECORDED, g)):
        members = groups[group]
        if kind is Kind.EVENT:
            members = sorted(members, key=lambda n: n.details.date)  # type: ignore[union-attr]
        listed = listing(w, members, summaries=summaries)
        parts.append(f"## {md_text(group)}\n\n{listed}" if group else listed)
    return w.page(parts, listed=True)
