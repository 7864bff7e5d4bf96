"""The page of a point on which the sources differ, and the index of them."""

from __future__ import annotations

from refsite.core.model import (
    DisagreementDetails,
    Note,
)
from refsite.core.slugs import Kind, index_path, page_path
from refsite.render.markdown_text import md_text
from refsite.render.writer import INDEX_SUMMARIES_UP_TO, Page, PageWriter
from refsite.resolve.graph import Graph


def aspect(note: Note) -> str:
    assert isinstance(note.details, DisagreementDetails)
    return note.details.aspect.replace("-", " ").capitalize()


def disagreement_page(graph: Graph, note: Note) -> Page:
    path = page_path(Kind.DISAGREEMENT, note.ident)
    w = PageWriter(graph, path)
    d = note.details
    assert isinstance(d, DisagreementDetails)
    concerns = ", ".join(w.link(i) for i in d.concerns)
    claims = "\n".join(f"{i}. {w.text(note, c.text)}{w.cite(c.cite)}" for i, c in enumerate(d.claims, 1))
    parts = [
        f"# {md_text(note.name)}",
        f"**Aspect:** {d.aspect.replace('-', ' ')}. **Concerns:** {concerns}.",
        "## What each source says\n\n" + claims,
        w.text(note, note.body, inline=False),
    ]
    return w.page(parts)


def disagreements_index(graph: Graph) -> Page:
    path = index_path(Kind.DISAGREEMENT)
    w = PageWriter(graph, path)
    notes = graph.of_kind(Kind.DISAGREEMENT)
    parts = [
        "# Where the sources disagree",
        f"The sources differ on {len(notes)} points. Each is also shown on the pages it concerns.",
    ]
    if len(notes) > INDEX_SUMMARIES_UP_TO:
        parts[-1] += " Listed by name only; each page holds the claims and their sources."
        parts.append("\n".join(f"- {w.link(n.ident)} (*{aspect(n)}*)" for n in notes))
        return w.page(parts, listed=True)
    for note in notes:
        d = note.details
        assert isinstance(d, DisagreementDetails)
        claims = "\n".join(f"- {w.text(note, c.text)}{w.cite(c.cite)}" for c in d.claims)
        concerns = ", ".join(w.link(i) for i in d.concerns)
        parts.append(
            f"## {md_text(note.name)}\n\n*{aspect(note)}*; concerns {concerns}. {w.link(note.ident, 'Details')}.\n\n{claims}"
        )
    return w.page(parts, listed=True)
