"""The home page."""

from __future__ import annotations

from refsite.core.slugs import ENTITY_KINDS, Kind, PagePath, index_path, relative_link
from refsite.render.markdown_text import md_text
from refsite.render.timeline import TIMELINE
from refsite.render.writer import INDEX_SUMMARIES_UP_TO, Page, PageWriter, listing
from refsite.resolve.graph import Graph

HOME = PagePath("index.md")


def home_page(graph: Graph, site_name: str) -> Page:
    w = PageWriter(graph, HOME)
    rows = []
    for kind in (*ENTITY_KINDS, Kind.SOURCE, Kind.DISAGREEMENT, Kind.QUESTION):
        target = relative_link(HOME, index_path(kind))
        rows.append(f"| [{kind.plural_label}]({target}) | {graph.totals[kind.value]} |")
    citations, relations = graph.totals["citations"], graph.totals["relations"]
    parts = [
        f"# {md_text(site_name)}",
        "A reference in which every fact cites a source with a short verbatim quote, checked against the source's text on every build. Where the sources disagree, the pages say so.",
        "## Ways in\n\n"
        f"- [Key questions]({relative_link(HOME, index_path(Kind.QUESTION))}): short answers to when, who, how much and why.\n"
        f"- [Timeline]({relative_link(HOME, TIMELINE)}): every dated event in order.\n"
        f"- [Where the sources disagree]({relative_link(HOME, index_path(Kind.DISAGREEMENT))}).\n"
        "- Search (press `/`) finds people, places and organizations by any spelling the sources use.",
        "## Themes\n\n"
        + listing(w, graph.of_kind(Kind.THEME), summaries=graph.totals[Kind.THEME.value] <= INDEX_SUMMARIES_UP_TO),
        "## Contents\n\n| Section | Notes |\n| --- | --: |\n" + "\n".join(rows),
        f"The notes make {citations} citations and {relations} typed relations.",
    ]
    return w.page(parts, listed=True)
