"""The page of a source article and the index of sources."""

from __future__ import annotations

from collections import defaultdict

from refsite.core.model import (
    Note,
    SourceDetails,
)
from refsite.core.slugs import Kind, NoteId, index_path, page_path
from refsite.render.markdown_text import md_text, table_cell
from refsite.render.writer import Page, PageWriter
from refsite.resolve.graph import Graph


def source_page(graph: Graph, note: Note) -> Page:
    path = page_path(Kind.SOURCE, note.ident)
    w = PageWriter(graph, path)
    d = note.details
    assert isinstance(d, SourceDetails)
    rows = [("Title", md_text(d.title) + (f" ({md_text(d.title_basis)})" if d.title_basis else ""))]
    rows.append(("Publisher", md_text(d.publisher) + (f" ({md_text(d.publisher_basis)})" if d.publisher_basis else "")))
    if d.carried_by:
        rows.append(("Carried by", md_text(d.carried_by)))
    if d.author:
        rows.append(("Author", md_text(d.author)))
    rows.append(("Date", d.date.human() + (f" ({md_text(d.date_basis)})" if d.date_basis else "")))
    if d.page_date:
        rows.append(("Date on the page", d.page_date.human()))
    if d.url:
        rows.append(("Address", f"<{d.url}>"))
    rows.append(("Text checked", f"`{d.file}`, SHA-256 `{d.sha256}`"))
    table = "\n".join(f"| {label} | {table_cell(value)} |" for label, value in rows)
    parts = [f"# {md_text(note.name)}", f"| | |\n| --- | --- |\n{table}", w.text(note, note.body, inline=False)]
    citing = graph.citing.get(note.ident, ())
    if citing:
        quotes: dict[str, list[NoteId]] = defaultdict(list)
        for ident in citing:
            for citation in graph.notes[ident].all_citations:
                if citation.source == note.ident and ident not in quotes[citation.quote]:
                    quotes[citation.quote].append(ident)
        parts.append("## Cited by\n\n" + "\n".join(f"- {w.link(i)}" for i in citing))
        lines = [f"- “{md_text(q)}”: " + ", ".join(w.link(i) for i in ids) for q, ids in sorted(quotes.items())]
        parts.append(f"## Quotes ({len(lines)})\n\n" + "\n".join(lines))
    return w.page(parts)


def sources_index(graph: Graph) -> Page:
    path = index_path(Kind.SOURCE)
    w = PageWriter(graph, path)
    lines = []
    for note in sorted(graph.of_kind(Kind.SOURCE), key=lambda n: (n.details.date, n.ident)):  # type: ignore[union-attr]
        d = note.details
        assert isinstance(d, SourceDetails)
        by = f", {md_text(d.author)}" if d.author else ""
        count = len(graph.citing.get(note.ident, ()))
        lines.append(f"- {w.link(note.ident)}: {md_text(d.publisher)}{by}, {d.date.human()}. Cited by {count} notes.")
    parts = [
        "# Sources",
        "Every fact on this site cites one of these articles with a short verbatim quote; each build checks that the quote occurs in the article's text. The texts themselves are not republished here.",
        "\n".join(lines),
    ]
    return w.page(parts, listed=True)
