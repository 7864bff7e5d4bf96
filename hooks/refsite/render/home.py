"""The home page: what the subject is (the overview note), where to start, what happened last, the ways in."""

from __future__ import annotations

from refsite.core.model import EventDetails, Note
from refsite.core.slugs import ENTITY_KINDS, Kind, NoteId, PagePath, index_path, relative_link
from refsite.render.markdown_text import md_text
from refsite.render.questions import question_anchor
from refsite.render.timeline import TIMELINE
from refsite.render.writer import Page, PageWriter, event_line
from refsite.resolve.graph import Graph

HOME = PagePath("index.md")
OVERVIEW = NoteId("overview")
"""The theme note whose text opens the home page (``seeds/themes/overview.md``); its ``themes`` are
the home page's "Start here" links. The generator holds no text about the subject itself."""
LATEST_EVENTS = 5
KEY_QUESTIONS = 6


def _latest_events(graph: Graph) -> list[Note]:
    events = [n for n in graph.of_kind(Kind.EVENT) if isinstance(n.details, EventDetails)]
    events.sort(key=lambda n: (n.details.end or n.details.date, n.details.date), reverse=True)  # type: ignore[union-attr]
    return events[:LATEST_EVENTS]


def home_page(graph: Graph, site_name: str) -> Page:
    w = PageWriter(graph, HOME)
    title = site_name or "Home"
    parts = [f"# {md_text(title)}"]
    overview = graph.notes.get(OVERVIEW)
    method = "Every fact cites a source with a short verbatim quote, checked against the source's text on every build. Where the sources disagree, the pages say so."
    if overview is None:
        parts.append(method)
    else:
        parts.append(w.text(overview, overview.summary))
        parts.append(w.text(overview, overview.body, inline=False))
        start = [t for t in overview.themes if t in graph.notes]
        if start:
            parts.append("## Start here\n\n" + "\n".join(f"- {w.link(t)}" for t in start))
    latest = _latest_events(graph)
    if latest:
        timeline = relative_link(HOME, TIMELINE)
        lines = "\n".join(event_line(w, e.ident, summary=False) for e in latest)
        parts.append(f"## Latest events\n\n{lines}\n\nAll events, earliest first: [Timeline]({timeline}).")
    questions = graph.of_kind(Kind.QUESTION)[:KEY_QUESTIONS]
    if questions:
        page = relative_link(HOME, index_path(Kind.QUESTION))
        lines = "\n".join(f"- [{md_text(q.name)}]({page}#{question_anchor(q.ident)})" for q in questions)
        parts.append(f"## Key questions\n\n{lines}")
    rows = []
    for kind in (*ENTITY_KINDS, Kind.SOURCE, Kind.DISAGREEMENT, Kind.QUESTION):
        target = relative_link(HOME, index_path(kind))
        rows.append(f"| [{kind.plural_label}]({target}) | {graph.totals[kind.value]} |")
    citations, relations = graph.totals["citations"], graph.totals["relations"]
    parts += [
        "## Ways in\n\n"
        f"- [Key questions]({relative_link(HOME, index_path(Kind.QUESTION))}): short answers to when, who, how much and why.\n"
        f"- [Timeline]({relative_link(HOME, TIMELINE)}): every dated event in order.\n"
        f"- [Where the sources disagree]({relative_link(HOME, index_path(Kind.DISAGREEMENT))}).\n"
        "- Search (press `/`) finds people, places and organizations by any spelling the sources use.",
        f"## About this reference\n\n{method}" if overview is not None else "## Contents",
        "| Section | Notes |\n| --- | --: |\n" + "\n".join(rows),
        f"The notes make {citations} citations and {relations} typed relations.",
    ]
    return w.page(parts, listed=True)
