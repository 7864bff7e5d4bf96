"""The page of a source article and the index of sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from refsite.core.model import (
    Note,
    SourceDetails,
)
from refsite.core.slugs import Kind, NoteId, index_path, page_path
from refsite.render.entity import SHOWN_OPEN, collapsed
from refsite.render.markdown_text import md_text, table_cell
from refsite.render.writer import Page, PageWriter, quote_anchor
from refsite.resolve.graph import Graph
from refsite.resolve.quotes import normalize


def _in_reading_order(quotes: list[str], order: Mapping[str, int] | None) -> list[str]:
    """Quotes in the order they occur in the article; quotes not found there (or no text) follow, A to Z."""
    order = order or {}
    found = sorted((q for q in quotes if normalize(q) in order), key=lambda q: (order[normalize(q)], q))
    rest = sorted(q for q in quotes if normalize(q) not in order)
    return found + rest


def source_page(graph: Graph, note: Note, order: Mapping[str, int] | None = None) -> Page:
    """A source's details, what it is, its quotes in reading order (each with its own anchor), who cites it.

    ``order`` maps each normalized quote to where it occurs in the source's text (refsite.render.quote_order).
    """
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
    table = "\n".join(f"| {label} | {table_cell(value)} |" for label, value in rows)
    parts = [f"# {md_text(note.name)}", f"| | |\n| --- | --- |\n{table}", w.text(note, note.body, inline=False)]
    citing = graph.citing.get(note.ident, ())
    quoting = (*citing, note.ident) if note.ident not in citing else citing  # its own text cites it too
    if quoting:
        quotes: dict[str, list[NoteId]] = defaultdict(list)
        for ident in quoting:
            for citation in graph.notes[ident].all_citations:
                if citation.source == note.ident and ident not in quotes[citation.quote]:
                    quotes[citation.quote].append(ident)
        # Quotes that differ only in spacing or quote marks share one anchor: list them once.
        by_anchor: dict[str, tuple[str, list[NoteId]]] = {}
        for quote in _in_reading_order(list(quotes), order):
            anchor = quote_anchor(quote)
            kept = by_anchor.setdefault(anchor, (quote, []))
            kept[1].extend(i for i in quotes[quote] if i not in kept[1])
        lines = [
            f"- “{md_text(q)}” ({', '.join(w.link(i) for i in ids)})\n{{: #{anchor} }}"
            for anchor, (q, ids) in by_anchor.items()
        ]
        intro = "In the order they occur in the article." if order else "In alphabetical order."
        parts.append(
            f"## Quotes ({len(lines)})\n\n{intro} Each is cited by the notes named after it.\n\n" + "\n".join(lines)
        )
        if citing:
            cited_by = "\n".join(f"- {w.link(i)}" for i in citing)
            if len(citing) > SHOWN_OPEN:
                cited_by = collapsed("info", f"All {len(citing)} notes that cite this source", cited_by)
            parts.append("## Cited by\n\n" + cited_by)
    parts.append(
        '??? note "For maintainers"\n\n'
        f"    Every quote above is checked against the text file `{d.file}`, SHA-256 `{d.sha256}`."
    )
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
