"""The timeline of every dated event."""

from __future__ import annotations

from refsite.core.slugs import Kind, PagePath
from refsite.render.writer import INDEX_SUMMARIES_UP_TO, Page, PageWriter, event_line
from refsite.resolve.graph import Graph

TIMELINE = PagePath("timeline.md")


def timeline_page(graph: Graph) -> Page:
    w = PageWriter(graph, TIMELINE)
    events = sorted(graph.of_kind(Kind.EVENT), key=lambda n: (n.details.date, n.ident))  # type: ignore[union-attr]
    parts = ["# Timeline", "Every dated event, earliest first. Dates are as precise as the sources allow."]
    summaries = len(events) <= INDEX_SUMMARIES_UP_TO
    if not summaries:
        parts[-1] += " Listed by name only; each event's page opens with its summary."
    parts.append("\n".join(event_line(w, e.ident, summary=summaries) for e in events))
    return w.page(parts, listed=True)
