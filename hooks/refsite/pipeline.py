"""The whole pipeline, load → validate → resolve → render, as one call over plain data."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from refsite.core.model import Note
from refsite.core.problems import Problem, sorted_problems
from refsite.live.cache import Cache, CachedStages
from refsite.load.notes import LoadResult, RawNote, load_notes
from refsite.render.leftovers import leftover_syntax
from refsite.render.quote_order import QuoteOrder, quote_positions
from refsite.render.site import render_site
from refsite.render.writer import Page
from refsite.resolve.assemble import resolve
from refsite.resolve.graph import Graph, ResolveResult
from refsite.resolve.quotes import QuoteReport, check_quotes
from refsite.validate.html_check import html_warnings
from refsite.validate.notes import Unbuilt, ValidationResult, validate_notes
from refsite.validate.site import hand_written_pages


@dataclass(frozen=True)
class BuildResult:
    """What one run of the pipeline produced."""

    pages: tuple[Page, ...]
    problems: tuple[Problem, ...]
    quotes: QuoteReport
    graph: Graph
    note_count: int
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each stage."""
    warnings: tuple[Problem, ...] = ()
    """HTML in notes that the pages will not show: fails a strict build, not a live preview."""
    claims: tuple[Problem, ...] = ()
    """Sentences that say more than the quotes they cite: filled in by ``refsite check`` (refsite.validate.claims)."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def markdown(self) -> dict[str, str]:
        """Page path → the page's Markdown, as ``refsite render`` writes it."""
        return {page.path: page.markdown for page in self.pages}


class Stages:
    """The stages of a full build, each a pure function of its inputs."""

    def load(self, seeds_dir: Path, display_root: Path | None) -> LoadResult:
        return load_notes(seeds_dir, display_root)

    def validate(self, raws: tuple[RawNote, ...], docs: frozenset[str]) -> ValidationResult:
        return validate_notes(raws, docs)

    def html_warnings(self, raws: tuple[RawNote, ...]) -> list[Problem]:
        return html_warnings(raws)

    def resolve(self, notes: tuple[Note, ...], unbuilt: tuple[Unbuilt, ...]) -> ResolveResult:
        return resolve(notes, unbuilt)

    def check_quotes(self, notes: tuple[Note, ...], sources_dir: Path | None) -> QuoteReport:
        return check_quotes(notes, sources_dir)

    def render(self, graph: Graph, site_name: str, quote_order: QuoteOrder | None = None) -> tuple[Page, ...]:
        return render_site(graph, site_name, quote_order)


def run_pipeline(
    seeds_dir: Path,
    sources_dir: Path | None = None,
    *,
    display_root: Path | None = None,
    site_name: str = "",
    cache: Cache | None = None,
) -> BuildResult:
    """Run every stage but emit. Problems from all stages are collected; pages are still rendered.

    With a ``cache`` that follows on from the previous build's (``mkdocs serve``), the work on
    unchanged notes is reused and only the pages an edit touches are rendered again: the same
    stages, composed with the cache around them (see refsite.live.cache, refsite.live.incremental).
    """
    stages = Stages() if cache is None else CachedStages(cache)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    loaded = stages.load(seeds_dir, display_root)
    lap("load")
    validated = stages.validate(loaded.notes, hand_written_pages(seeds_dir.parent / "docs"))
    warnings = sorted_problems(stages.html_warnings(loaded.notes))
    note_count, load_problems, unreadable = len(loaded.notes), loaded.problems, loaded.unreadable
    del loaded  # the raw notes are not needed past this point: free them before rendering (peak memory)
    lap("validate")
    unread = tuple(Unbuilt(kind, ident, ()) for kind, ident in unreadable)
    resolved = stages.resolve(validated.notes, (*validated.unbuilt, *unread))
    quotes = stages.check_quotes(validated.notes, sources_dir)
    lap("resolve")
    order = quote_positions(validated.notes, sources_dir)
    pages = stages.render(resolved.graph, site_name, order)
    leftovers = leftover_syntax(pages, validated.notes, display_root or seeds_dir.parent)
    lap("render")
    found = [*load_problems, *validated.problems, *resolved.problems, *quotes.problems, *leftovers]
    problems = sorted_problems(found)
    return BuildResult(pages, problems, quotes, resolved.graph, note_count, timings, warnings)
