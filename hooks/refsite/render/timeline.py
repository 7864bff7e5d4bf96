"""The timeline of every dated event, under a heading per decade (before 2010) or per year."""

from __future__ import annotations

from refsite.core.model import EventDetails, Note
from refsite.core.slugs import Kind, PagePath
from refsite.render.writer import INDEX_SUMMARIES_UP_TO, Page, PageWriter, event_line
from refsite.resolve.graph import Graph

TIMELINE = PagePath("timeline.md")
BY_YEAR_FROM = 2010
"""Earlier events are grouped by decade: they are few and often known only to the decade."""


def period_heading(note: Note) -> str:
    d = note.details
    assert isinstance(d, EventDetails)
    year = d.date.year
    return str(year) if year >= BY_YEAR_FROM else f"{year // 10 * 10}s"


def timeline_page(graph: Graph) -> Page:
    w = PageWriter(graph, TIMELINE)
    events = sorted(graph.of_kind(Kind.EVENT), key=lambda n: (n.details.date, n.ident))  # type: ignore[union-attr]
    parts = [
        "# Timeline",
        "Every dated event, earliest first. Dates are as precise as the sources allow: a year, a month or a day, and ranges where an event lasted.",
    ]
    summaries = len(events) <= INDEX_SUMMARIES_UP_TO
    if not summaries:
        parts[-1] += " Listed by name only; each event's page opens with its summary."
    groups: dict[str, list[Note]] = {}
    for event in events:
        groups.setdefault(period_heading(event), []).append(event)
    for heading, members in groups.items():
        lines = "\n".join(event_line(w, e.ident, summary=summaries, heading=heading) for e in members)
        parts.append(f"## {heading}\n\n{lines}")
    return w.page(parts, listed=True)
