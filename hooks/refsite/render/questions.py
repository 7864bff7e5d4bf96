"""The key questions page."""

from __future__ import annotations

from collections import defaultdict

from refsite.core.model import (
    Note,
    QuestionDetails,
)
from refsite.core.slugs import Kind, index_path
from refsite.render.markdown_text import md_text
from refsite.render.writer import Page, PageWriter
from refsite.resolve.graph import Graph


def question_anchor(ident: str) -> str:
    """The id of a question on the key questions page, for links that go straight to its answer."""
    return f"question-{ident}"


_CATEGORY_TITLES = {
    "when": "When",
    "who": "Who",
    "how-much": "How much",
    "why": "Why",
    "what": "What",
    "where": "Where",
}


def questions_page(graph: Graph) -> Page:
    path = index_path(Kind.QUESTION)
    w = PageWriter(graph, path)
    parts = ["# Key questions", "Short answers; each links to the page that holds the sourced detail."]
    groups: dict[str, list[Note]] = defaultdict(list)
    for note in graph.of_kind(Kind.QUESTION):
        assert isinstance(note.details, QuestionDetails)
        groups[note.details.category].append(note)
    for category, title in _CATEGORY_TITLES.items():
        if groups.get(category):
            items = "\n\n".join(
                f"**{md_text(n.name)}** {{: #{question_anchor(n.ident)} }}\n: {w.text(n, n.details.answer)}"  # type: ignore[union-attr]
                for n in groups[category]
            )
            parts.append(f"## {title}\n\n{items}")
    return w.page(parts, listed=True)
