"""The page of a person, place, organization, event or theme: story first, reference matter after."""

from __future__ import annotations

from collections import defaultdict

from refsite.core.model import (
    Citation,
    DisagreementDetails,
    EquipmentDetails,
    EventDetails,
    Note,
    OrganizationDetails,
    PersonDetails,
    PlaceDetails,
)
from refsite.core.slugs import ENTITY_KINDS, Kind, NoteId, page_path, relative_link
from refsite.render.markdown_text import md_text, table_cell
from refsite.render.writer import Page, PageWriter, date_span, event_line, period
from refsite.resolve.graph import Backlink, Graph

SHOWN_OPEN = 10
"""A list longer than this (timeline, backlinks) starts collapsed: the page stays short to scan."""


def _indented(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.split("\n"))


def collapsed(kind: str, title: str, body: str) -> str:
    """A Material collapsible admonition, closed until the reader opens it."""
    return f'??? {kind} "{title}"\n\n{_indented(body)}'


def _role(w: PageWriter, role_title: str, where: list[NoteId], when: str) -> str:
    # "President of Tajikistan (Tajikistan)": a place already named in the title is not repeated.
    named = [x for x in where if w.graph.labels.get(x) is None or w.graph.labels[x].name not in role_title]
    detail = ", ".join([*(w.link(x) for x in named), *([when] if when else [])])
    return md_text(role_title) + (f" ({detail})" if detail else "")


def _infobox(w: PageWriter, note: Note) -> str:
    rows: list[tuple[str, str]] = []
    facts = w.cite(note.cite)
    d = note.details
    if isinstance(d, PersonDetails):
        if d.country:
            rows.append(("Country", w.link(d.country) + facts))
        for role in d.roles:
            where = [x for x in (role.organization, role.country) if x]
            if role.country == d.country and role.organization:
                where = [role.organization]
            text = _role(w, role.title, where, period(role.start, role.end))
            rows.append(("Role", text + w.cite(role.cite)))
    elif isinstance(d, EquipmentDetails):
        rows.append(("Type", md_text(d.type.replace("-", " ")).capitalize() + facts))
        if d.maker:
            rows.append(("Maker", w.link(d.maker)))
        if d.origin:
            rows.append(("Country of origin", w.link(d.origin)))
    elif isinstance(d, (PlaceDetails, OrganizationDetails)):
        rows.append(("Type", md_text(d.type.replace("-", " ")).capitalize() + facts))
        if d.country and d.country != note.ident:
            rows.append(("Country", w.link(d.country)))
        if isinstance(d, PlaceDetails) and d.coordinates:
            rows.append(("Coordinates", f"{d.coordinates[0]}, {d.coordinates[1]}"))
    elif isinstance(d, EventDetails):
        rows.append(("Date", date_span(d.date, d.end) + facts))
        if d.type:
            rows.append(("Type", md_text(d.type.replace("-", " ")).capitalize()))
        if d.places:
            rows.append(("Places", ", ".join(w.link(p) for p in d.places)))
        if d.participants:
            rows.append(("Participants", ", ".join(w.link(p) for p in d.participants)))
    if note.themes:
        rows.append(("Themes", ", ".join(w.link(t) for t in note.themes)))
    seen: set[str] = set()
    kept = []
    for label, value in rows:  # the same value twice (two roles alike) is shown once
        if value not in seen:
            seen.add(value)
            kept.append((label, value))
    if not kept:
        return ""
    table = "\n".join(f"| {label} | {table_cell(value)} |" for label, value in kept)
    return f'<div class="refsite-infobox" markdown>\n\n| | |\n| --- | --- |\n{table}\n\n</div>'


def _disagreements(w: PageWriter, idents: tuple[NoteId, ...]) -> str:
    """Every point on which the sources differ about this note, in one closed box after the narrative."""
    items = []
    for ident in idents:
        note = w.graph.notes[ident]
        d = note.details
        assert isinstance(d, DisagreementDetails)
        claims = "; ".join(f"{w.text(note, c.text).rstrip('.')}{w.cite(c.cite)}" for c in d.claims)
        link = relative_link(w.path, page_path(Kind.DISAGREEMENT, note.ident))
        items.append(f"- **{md_text(note.name)}**: {claims}. [Details]({link})")
    title = "Where the sources differ" + (f" ({len(items)} points)" if len(items) > 1 else "")
    return collapsed("warning", title, "\n".join(items))


def _relations(w: PageWriter, note: Note) -> str:
    """Each relation once, whichever note declares it, with its dates and citations merged."""
    merged: dict[tuple[str, NoteId], tuple[list[str], list[Citation]]] = {}
    for view in w.graph.relations.get(note.ident, ()):
        dates, cites = merged.setdefault((view.wording, view.other), ([], []))
        if view.relation.date and view.relation.date.human() not in dates:
            dates.append(view.relation.date.human())
        cites.extend(c for c in view.relation.cite if c not in cites)
    lines = []
    for (wording, other), (dates, cites) in merged.items():
        when = f" ({', '.join(dates)})" if dates else ""
        lines.append(f"- {md_text(wording).capitalize()} {w.link(other)}{when}{w.cite(tuple(cites))}")
    return "\n".join(lines)


def _backlinks(w: PageWriter, backlinks: tuple[Backlink, ...], shown_elsewhere: set[NoteId]) -> tuple[str, int]:
    """Notes that refer here, grouped by kind; a note already listed as a relation or event is left out.

    The sentence that refers here is shown as the site's own text, after a dash (not in quote
    marks: it is not a source's words). Returns the Markdown and the number of notes listed.
    """
    by_source: dict[NoteId, list[Backlink]] = defaultdict(list)
    for backlink in backlinks:
        if backlink.source in shown_elsewhere:
            continue
        by_source[backlink.source].append(backlink)
    groups: dict[Kind, list[str]] = defaultdict(list)
    for ident, found in by_source.items():
        labels = [md_text(b.label) for b in found if b.label != "text"]
        head = f"- {w.link(ident)}" + (f" ({', '.join(dict.fromkeys(labels))})" if labels else "")
        excerpt = next((w.context(b.context) for b in found if b.label == "text"), "")
        line = f'{head}: <span class="refsite-excerpt">{excerpt}</span>' if excerpt else head
        groups[w.graph.notes[ident].kind].append(line)
    parts = []
    for kind in (*ENTITY_KINDS, Kind.DISAGREEMENT, Kind.QUESTION, Kind.SOURCE):
        if groups.get(kind):
            parts.append(f"**{kind.plural_label}**\n\n" + "\n".join(groups[kind]))
    return "\n\n".join(parts), len(by_source)


def entity_page(graph: Graph, note: Note) -> Page:
    path = page_path(note.kind, note.ident)
    w = PageWriter(graph, path)
    parts = [f"# {md_text(note.name)}"]
    if note.aliases:
        aliases = ", ".join(md_text(a) for a in note.aliases)
        parts.append(f"Also known as {aliases}\n{{: .refsite-aliases }}")
    parts.append(_infobox(w, note))
    lead = w.text(note, note.summary)
    if lead:
        parts.append(f"{lead}\n{{: .refsite-lead }}")
    body = w.text(note, note.body, inline=False)
    if body:
        parts.append(f'<div class="refsite-narrative" markdown>\n\n{body}\n\n</div>')
    disagreements = graph.disagreements.get(note.ident, ())
    if disagreements:
        parts.append(_disagreements(w, disagreements))
    relations = _relations(w, note)
    if relations:
        parts.append("## Relations\n\n" + relations)
    events = [e for e in graph.events.get(note.ident, ()) if e != note.ident]
    if events:
        lines = "\n".join(event_line(w, e) for e in events)
        if len(events) > SHOWN_OPEN:
            lines = collapsed("abstract", f"All {len(events)} events, earliest first", lines)
        parts.append("## Timeline\n\n" + lines)
    shown = {v.other for v in graph.relations.get(note.ident, ())} | set(events) | set(disagreements)
    listed, count = _backlinks(w, graph.backlinks.get(note.ident, ()), shown)
    if count:
        if count > SHOWN_OPEN:
            listed = collapsed("info", f"All {count} notes that refer to {md_text(note.name)}", listed)
        parts.append("## Referenced by\n\n" + listed)
    sources = sorted({c.source for c in note.all_citations if c.source in graph.notes})
    if sources:
        parts.append("## Sources\n\n" + "\n".join(f"- {w.link(s)}" for s in sources))
    return w.page(parts)
