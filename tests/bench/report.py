"""The benchmark's tables, as printed and as recorded in docs/performance.md."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass, field
from importlib.metadata import version

STAGES = ("load", "validate", "resolve", "render", "emit")
INTRO = """# Performance

How long the site takes to build, how much memory the build needs, and how quickly the live
preview shows a saved note, measured on synthetic corpora of 100, 1,000 and 10,000 notes. The
figures below are written by the benchmark itself:

```sh
make bench                                 # all three sizes, about 35 minutes; rewrites this page
.venv/bin/python -m tests.bench --sizes 100,1000   # a subset, printed only
```

## What is measured

For each size the benchmark writes a corpus in the real note format into a temporary folder:
every kind of note (20 % people, 12 % places, 12 % organizations, 2 % equipment, 20 % events, 4 % themes, 10 %
sources, 10 % disagreements, 10 % questions), bodies of 300 to 600 words with about a dozen
`[[links]]` (by name, alias and id), one citation per paragraph, 3 to 7 relations with a cited
quote each, roles, aliases, dated events, and one source text per source note whose checksum is
recorded, so that every quote is really checked. Links, relations and citations pick their targets
at random, so a note's page does not grow with the corpus; only the overview pages do.

Then, each in a fresh process whose peak memory is read from the operating system (`wait4`):

- **refsite hook**: `mkdocs build` of the corpus with the hook, as the project builds;
- **plain MkDocs, same pages**: the pages the hook generates, written out as Markdown files
  (`refsite render`), built by MkDocs and Material with the same settings and no hook. The ratio of
  the two is the figure that counts: absolute seconds drift on a shared machine.

The builds of one size take turns, so a build may find its input files pushed out of the page
cache by the one before (at 10,000 notes each writes about 375 MB), as on a fresh clone.

The hook's own stages (load, validate, resolve with the quote check, render, emit) are timed inside
each build; the tables show each stage's median over the builds, and their sum as a share of the
median build. Besides them, the hook cleans each page's HTML as MkDocs converts it (notes are
untrusted), which the stage times do not include. The live preview is measured on a real
`mkdocs serve --dirty` (what `make serve` runs), on 127.0.0.1 and a free port, stopped by its
process id: the time from saving a note until the server has rebuilt the site and serves the
change, for three edits: a sentence of a note (its page and the pages quoting that sentence as a
backlink), a relation (shown on the other note's page too) and a rename (shown wherever the note is
named). The time includes the server noticing the save. Beside it, plain MkDocs' own live preview
(`mkdocs serve --dirty` on the baseline's Markdown files) rebuilds exactly the pages that edit
changes, written into its files at once: what MkDocs alone takes for the same pages.

Search: the hook's build includes Pagefind indexing the built site (its time is shown on its own
row), while the baseline keeps Material's search plugin, whose JSON index is shown beside
Pagefind's folder. The hook's site is then served on 127.0.0.1 and searched in Chromium as a reader
would (a person's surname, then a place's name): the bytes received after the page has loaded, for
the first query and for the second, and the time until the results are shown. Material's search
downloads its whole index before its first result. In the live preview Pagefind indexes the site
again in the background once a rebuild is done; the last rows give the time from the save until
that index is written.

After the builds, `python -m tests.bench.render_cost` renders every page of each corpus twice in
a row, in one process without MkDocs. The first time is what a build pays. The second finds the
page's inputs (its note, the notes it links to, their backlinks) in the processor's caches, so the
difference is the cost of fetching them from memory, which grows with the corpus although the work
per page does not. It also counts the page faults of the first pass and the system time they took:
the memory for the pages the build keeps is new to the process.

## Targets

- The whole build takes at most 1.15 × the plain MkDocs build of the same pages at 1,000 and
  10,000 notes, and needs at most 1.3 × its peak memory at 10,000.
- The hook's stages together take at most 10 % of the build at 10,000 notes. A stage is judged
  by its work per page, which `render_cost` shows to be flat; its wall-clock growth from 1,000 to
  10,000 notes also includes the cost of reaching a larger heap, and is shown, not targeted.
- The HTML of a note's page does not grow with the corpus (the navigation lists only the
  section pages).
- After a save, the live preview has rebuilt the site within 1 s at 1,000 notes and 3 s at
  10,000.

## How the live preview stays fast

Plain MkDocs rebuilds every page on each save, and with `--dirty` still every page it generates
from memory. refsite tells MkDocs which of its pages differ from what the last build of the
session wrote, so only those are built again. The stages themselves know nothing of this: the
pipeline keeps their results between builds of one `mkdocs serve` (`refsite.live`), always keyed
by what each was computed from (the bytes of a note file, or the very note object), and each page
is rendered from a graph that records what the page reads: a page is rendered again only when
something it read has changed. The server's site folder is then what a
full build writes, byte for byte; `tests/test_incremental.py` checks this after a sequence of
edits, a deletion among them.

What each rebuild still does for the whole site is kept small: notes are re-read only when their
file changed; a rename re-resolves only the notes whose links use an affected name; and an
overview of more than 200 notes (an index, the timeline, the disagreements, the home page's
themes) lists names only, so that its page does not carry a summary of every note, which an edit
of any of them would rebuild.

A rename changes every page that names the note, and MkDocs builds each of them again: the edit
rows say how many pages changed and how many MkDocs built, beside plain MkDocs' own live preview of
exactly those pages.
"""

BEFORE = """## Before the restructuring into stage packages

For comparison, the figures of 2026-11-22 (`python -m refsite.bench --sizes 100,1000,10000`, three
builds of each kind, the same machine), when the package still read notes ahead of time, cleaned
each page's HTML in a worker thread, interned note ids, patched renamed names into built pages and
used Material's search. The corpus then had no equipment notes and 22 % events.

| measure | 1,000 notes | 10,000 notes |
| --- | --: | --: |
| whole build, refsite / plain MkDocs (s) | 20.34 / 18.03 (1.13 ×) | 206.91 / 183.53 (1.13 ×) |
| peak memory, refsite / plain MkDocs (MB) | 181 / 145 (1.24 ×) | 1296 / 1031 (1.26 ×) |
| stages together (s) | 1.143 | 12.649 |
| search index a reader downloads before the first result (MB) | 9.25 | 90.78 |
| edit → rebuilt: a sentence (s) | 0.38 | 1.69 |
| edit → rebuilt: a relation (s) | 0.41 | 1.83 |
| edit → rebuilt: a rename (s) | 0.49 | 1.71 |
"""


@dataclass
class Result:
    """Everything measured for one corpus size."""

    notes: int
    pages: int
    hook_seconds: float
    base_seconds: float
    hook_peak_mb: float
    base_peak_mb: float
    stages: dict[str, float]
    hook_size: object
    base_size: object
    edits: list[tuple[str, float]] = field(default_factory=list)
    floors: list[tuple[int, float]] = field(default_factory=list)
    """For each edit: the pages it changes, and plain MkDocs' live rebuild of just those pages (s)."""
    built: list[int] = field(default_factory=list)
    """For each edit: the generated pages the hook had MkDocs build again."""
    pagefind_seconds: float = 0.0
    """Pagefind indexing the built site, inside the hook's build (median over the builds)."""
    pagefind_mb: float = 0.0
    """The folder Pagefind writes (index, fragments, filters and its scripts)."""
    search: object = None
    """What the browser downloads and waits for a first and a second query (tests.bench.search), if measured."""
    live_index: list[float] = field(default_factory=list)
    """For each edit: seconds from the save until the live preview's search index was rebuilt."""


def machine() -> str:
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return (
        f"{os.cpu_count()} cores (nproc), {pages / 2**30:.0f} GiB RAM, {platform.system()} {platform.machine()}, "
        f"Python {sys.version.split()[0]}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}"
    )


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f} ×" if b else "–"


def table(r: Result) -> str:
    """One Markdown table: the hook's build beside plain MkDocs building the same pages."""
    hs, bs = r.hook_size, r.base_size
    rows = [
        (
            "whole `mkdocs build` (s)",
            f"{r.hook_seconds:.2f}",
            f"{r.base_seconds:.2f}",
            _ratio(r.hook_seconds, r.base_seconds),
        ),
        ("peak memory (MB)", f"{r.hook_peak_mb:.0f}", f"{r.base_peak_mb:.0f}", _ratio(r.hook_peak_mb, r.base_peak_mb)),
    ]
    pipeline = sum(r.stages.get(s, 0.0) for s in STAGES)
    for stage in STAGES:
        seconds = r.stages.get(stage)
        if seconds is not None:
            share = f"{100 * seconds / r.hook_seconds:.1f} % of build"
            rows.append((f"stage: {stage} (s)", f"{seconds:.3f}", "", share))
    rows.append(("stages together (s)", f"{pipeline:.3f}", "", f"{100 * pipeline / r.hook_seconds:.1f} % of build"))
    rows += [
        ("output size (MB)", f"{hs.total_mb:.1f}", f"{bs.total_mb:.1f}", _ratio(hs.total_mb, bs.total_mb)),
        (
            "HTML per entity page, median / max (KB)",
            f"{hs.entity_page_kb:.1f} / {hs.entity_page_max_kb:.1f}",
            f"{bs.entity_page_kb:.1f} / {bs.entity_page_max_kb:.1f}",
            "",
        ),
        (
            "search index (MB)",
            f"{r.pagefind_mb:.2f}",
            f"{bs.search_index_mb:.2f}",
            "Pagefind's folder / Material's JSON",
        ),
        ("search: Pagefind indexing the built site, in the build (s)", f"{r.pagefind_seconds:.2f}", "", ""),
    ]
    cost = r.search
    if cost is not None:
        first, second = cost.queries  # type: ignore[attr-defined]
        material_kb = bs.search_index_mb * 1e3
        rows += [
            (
                f"search: downloaded for a first query, “{first}” (KB)",
                f"{cost.first_query_kb:.0f}",  # type: ignore[attr-defined]
                f"{material_kb:.0f}",
                "Material: its whole JSON index",
            ),
            (
                f"search: downloaded for a second query, “{second}” (KB)",
                f"{cost.second_query_kb:.0f}",  # type: ignore[attr-defined]
                "0",
                "",
            ),
            (
                "search: time to first results, first / second query (ms)",
                f"{cost.first_results_ms:.0f} / {cost.second_results_ms:.0f}",  # type: ignore[attr-defined]
                "",
                "Chromium, 127.0.0.1",
            ),
        ]
    floors = r.floors or [(0, 0.0)] * len(r.edits)
    built = r.built or [0] * len(r.edits)
    for (what, seconds), (pages, plain), rebuilt in zip(r.edits, floors, built, strict=True):
        label = f"edit → rebuilt in `mkdocs serve --dirty`: {what}"
        if pages:
            label += f", {pages:,} pages changed" + (f": {rebuilt:,} built" if r.built else "")
        label += " (s)"
        rows.append((label, f"{seconds:.2f}", f"{plain:.2f}" if plain else "", _ratio(seconds, plain) if plain else ""))
    for (what, _), seconds in zip(r.edits, r.live_index, strict=False):
        rows.append((f"edit → search index rebuilt in the background: {what} (s)", f"{seconds:.2f}", "", ""))
    head = f"**N = {r.notes:,} notes** ({r.pages:,} pages)\n\n"
    lines = ["| measure | refsite hook | plain MkDocs, same pages | ratio |", "| --- | --: | --: | --: |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return head + "\n".join(lines) + "\n"


def scaling(results: list[Result]) -> str:
    """How each stage and the build grow from one size to the next (linear: the size ratio)."""
    if len(results) < 2:
        return ""
    lines = ["| growth | notes | build | " + " | ".join(STAGES) + " |", "| --- " * (len(STAGES) + 3) + "|"]
    for small, big in zip(results, results[1:], strict=False):
        cells = [f"{big.stages.get(s, 0) / small.stages[s]:.1f} ×" if small.stages.get(s) else "–" for s in STAGES]
        growth = f"{small.notes:,} → {big.notes:,}"
        lines.append(
            f"| {growth} | {big.notes / small.notes:.0f} × | {big.hook_seconds / small.hook_seconds:.1f} × | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(lines) + "\n"
