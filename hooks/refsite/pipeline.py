"""The whole pipeline, load → validate → resolve → render, as one call over plain data."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from refsite.core.problems import Problem, sorted_problems
from refsite.live.incremental import render_changed
from refsite.live.memo import Memo
from refsite.load.notes import load_notes
from refsite.render.site import render_site
from refsite.render.writer import Page
from refsite.resolve.graph import Graph, resolve
from refsite.resolve.quotes import QuoteReport, check_quotes
from refsite.validate.html_check import html_warnings
from refsite.validate.notes import Unbuilt, validate_notes
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

    @property
    def ok(self) -> bool:
        return not self.problems

    def markdown(self) -> dict[str, str]:
        """Page path → the page's Markdown, as ``refsite render`` writes it."""
        return {page.path: page.markdown for page in self.pages}


def run_pipeline(
    seeds_dir: Path,
    sources_dir: Path | None = None,
    *,
    display_root: Path | None = None,
    site_name: str = "Iran–Tajikistan relations",
    memo: Memo | None = None,
) -> BuildResult:
    """Run every stage but emit. Problems from all stages are collected; pages are still rendered.

    With a ``memo`` of the previous build (``mkdocs serve``), the work on unchanged notes is reused
    and only the pages an edit touches are rendered again (see refsite.live.memo, refsite.live.incremental).
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    loaded = load_notes(seeds_dir, display_root, memo)
    lap("load")
    validated = validate_notes(loaded.notes, memo, hand_written_pages(seeds_dir.parent / "docs"))
    warnings = sorted_problems(html_warnings(loaded.notes, memo))
    note_count, load_problems, unreadable = len(loaded.notes), loaded.problems, loaded.unreadable
    del loaded  # the raw notes are not needed past this point: free them before rendering (peak memory)
    lap("validate")
    unread = tuple(Unbuilt(kind, ident, ()) for kind, ident in unreadable)
    resolved = resolve(validated.notes, (*validated.unbuilt, *unread), memo)
    quotes = check_quotes(validated.notes, sources_dir, memo)
    lap("resolve")
    if memo is None:
        pages = render_site(resolved.graph, site_name)
    else:
        memo.pages = render_changed(resolved.graph, site_name, memo.previous_pages)
        pages = tuple(page for page, _reads in memo.pages.pages.values())
    lap("render")
    problems = sorted_problems([*load_problems, *validated.problems, *resolved.problems, *quotes.problems])
    return BuildResult(pages, problems, quotes, resolved.graph, note_count, timings, warnings)
