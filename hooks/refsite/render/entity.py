"""The page of a person, place, organization, event or theme."""

from __future__ import annotations

from collections import defaultdict

from refsite.core.model import (
    DisagreementDetails,
    EquipmentDetails,
    EventDetails,
    Note,
    OrganizationDetails,
    PersonDetails,
    PlaceDetails,
)
from refsite.core.slugs import Kind, NoteId, page_path, relative_link
from refsite.render.markdown_text import md_text, table_cell
from refsite.render.writer import Page, PageWriter, event_line, period
from refsite.resolve.graph import Backlink, Graph


def _infobox(w: PageWriter, note: Note) -> str:
    rows: list[tuple[str, str]] = [("Kind", note.kind.label)]
    facts = w.cite(note.cite)
    d = note.details
    if note.aliases:
        rows.append(("Also known as", ", ".join(md_text(a) for a in note.aliases)))
    if isinstance(d, PersonDetails):
        if d.country:
            rows.append(("Country", w.link(d.country) + facts))
        for role in d.roles:
            where = [w.link(x) for x in (role.organization, role.country) if x]
            when = period(role.start, role.end)
            detail = ", ".join([*where, *([when] if when else [])])
            rows.append(("Role", md_text(role.title) + (f" ({detail})" if detail else "") + w.cite(role.cite)))
    elif isinstance(d, EquipmentDetails):
        rows.append(("Type", md_text(d.type.replace("-", " ")) + facts))
        if d.maker:
            rows.append(("Maker", w.link(d.maker)))
        if d.origin:
            rows.append(("Country of origin", w.link(d.origin)))
    elif isinstance(d, (PlaceDetails, OrganizationDetails)):
        rows.append(("Type", md_text(d.type.replace("-", " ")) + facts))
        if d.country:
            rows.append(("Country", w.link(d.country)))
        if isinstance(d, PlaceDetails) and d.coordinates:
            rows.append(("Coordinates", f"{d.coordinates[0]}, {d.coordinates[1]}"))
    elif isinstance(d, EventDetails):
        rows.append(("Date", (period(d.date, d.end) if d.end else d.date.human()) + facts))
        if d.type:
            rows.append(("Type", md_text(d.type.replace("-", " "))))
        if d.places:
            rows.append(("Places", ", ".join(w.link(p) for p in d.places)))
        if d.participants:
            rows.append(("Participants", ", ".join(w.link(p) for p in d.participants)))
    if note.themes:
        rows.append(("Themes", ", ".join(w.link(t) for t in note.themes)))
    table = "\n".join(f"| {label} | {table_cell(value)} |" for label, value in rows)
    return f'<div class="refsite-infobox" markdown>\n\n| | |\n| --- | --- |\n{table}\n\n</div>'


def _disagreement_block(w: PageWriter, note: Note) -> str:
    d = note.details
    assert isinstance(d, DisagreementDetails)
    claims = "\n".join(f"    - {w.text(note, c.text)}{w.cite(c.cite)}" for c in d.claims)
    link = relative_link(w.path, page_path(Kind.DISAGREEMENT, note.ident))
    return f'!!! warning "Sources differ: {md_text(note.name)}"\n\n{claims}\n\n    [More on this disagreement]({link})'


def _backlink_lines(w: PageWriter, backlinks: tuple[Backlink, ...]) -> str:
    """One item per referring note: the fields that refer here, then the sentences that do.

    The backlinks come grouped by referring note, in the order of their names (see Graph.backlinks).
    """
    by_source: dict[NoteId, list[Backlink]] = defaultdict(list)
    for backlink in backlinks:
        by_source[backlink.source].append(backlink)
    lines = []
    for ident, found in by_source.items():
        labels = [md_text(b.label) for b in found if b.label != "text"]
        head = f"- {w.link(ident)}" + (f" ({', '.join(dict.fromkeys(labels))})" if labels else "")
        quotes = [f"    - “{w.context(b.context)}”" for b in found if b.label == "text"]
        lines.append("\n".join([head, *dict.fromkeys(quotes)]))
    return "\n".join(lines)


def entity_page(graph: Graph, note: Note) -> Page:
    path = page_path(note.kind, note.ident)
    w = PageWriter(graph, path)
    parts = [f"# {md_text(note.name)}", _infobox(w, note), w.text(note, note.summary)]
    for ident in graph.disagreements.get(note.ident, ()):
        parts.append(_disagreement_block(w, graph.notes[ident]))
    parts.append(w.text(note, note.body, inline=False))
    views = graph.relations.get(note.ident, ())
    if views:
        lines = []
        for view in views:
            when = f" ({view.relation.date.human()})" if view.relation.date else ""
            lines.append(f"- {md_text(view.wording)} {w.link(view.other)}{when}{w.cite(view.relation.cite)}")
        parts.append("## Relations\n\n" + "\n".join(lines))
    events = [e for e in graph.events.get(note.ident, ()) if e != note.ident]
    if events:
        parts.append("## Timeline\n\n" + "\n".join(event_line(w, e) for e in events))
    backlinks = graph.backlinks.get(note.ident, ())
    if backlinks:
        parts.append("## Referenced by\n\n" + _backlink_lines(w, backlinks))
    sources = sorted({c.source for c in note.all_citations if c.source in graph.notes})
    if sources:
        parts.append("## Sources\n\n" + "\n".join(f"- {w.link(s)}" for s in sources))
    return w.page(parts)
