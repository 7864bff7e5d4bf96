"""Every page of the site and how each is rendered from the graph."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from refsite.core.model import (
    Note,
)
from refsite.core.slugs import ENTITY_KINDS, Kind, NoteId, PagePath, index_path, page_path
from refsite.render.disagreement import disagreement_page, disagreements_index
from refsite.render.entity import entity_page
from refsite.render.home import HOME, home_page
from refsite.render.indexes import index_page
from refsite.render.questions import questions_page
from refsite.render.quote_order import QuoteOrder
from refsite.render.source import source_page, sources_index
from refsite.render.timeline import TIMELINE, timeline_page
from refsite.render.writer import Page
from refsite.resolve.graph import Graph

PagePlan = tuple[tuple[PagePath, Callable[[Graph], Page]], ...]


def _index(graph: Graph, kind: Kind) -> Page:
    return index_page(graph, kind)


def _source(graph: Graph, ident: NoteId, order: Mapping[str, int] | None) -> Page:
    return source_page(graph, graph.notes[ident], order)


def site_plan(graph: Graph, site_name: str = "", quote_order: QuoteOrder | None = None) -> PagePlan:
    """Every page of the site, in a stable order: its path and how to render it from a graph.

    Each page reads everything it shows through the graph it is given, its own note included, so
    that a live preview can tell which pages an edit touches (see refsite.live.incremental).
    """

    def of_note(render: Callable[[Graph, Note], Page], ident: NoteId) -> Callable[[Graph], Page]:
        return lambda g: render(g, g.notes[ident])

    plan: list[tuple[PagePath, Callable[[Graph], Page]]] = [
        (HOME, lambda g: home_page(g, site_name)),
        (TIMELINE, timeline_page),
    ]
    for kind in ENTITY_KINDS:
        plan.append((index_path(kind), partial(_index, kind=kind)))
        plan.extend((page_path(kind, n.ident), of_note(entity_page, n.ident)) for n in graph.of_kind(kind))
    plan.append((index_path(Kind.SOURCE), sources_index))
    order = quote_order or {}
    plan.extend(
        (page_path(Kind.SOURCE, n.ident), partial(_source, ident=n.ident, order=order.get(n.ident)))
        for n in graph.of_kind(Kind.SOURCE)
    )
    plan.append((index_path(Kind.DISAGREEMENT), disagreements_index))
    plan.extend(
        (page_path(Kind.DISAGREEMENT, n.ident), of_note(disagreement_page, n.ident))
        for n in graph.of_kind(Kind.DISAGREEMENT)
    )
    plan.append((index_path(Kind.QUESTION), questions_page))
    return tuple(plan)


def render_site(graph: Graph, site_name: str = "", quote_order: QuoteOrder | None = None) -> tuple[Page, ...]:
    """Every page of the site, in a stable order."""
    return tuple(render(graph) for _, render in site_plan(graph, site_name, quote_order))
