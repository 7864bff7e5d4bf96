"""The benchmark's tables, as printed and as recorded in docs/performance.md."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass, field
from importlib.metadata import version

STAGES = ("load", "validate", "resolve", "render", "emit")


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
        ("search index (MB)", f"{hs.search_index_mb:.2f}", f"{bs.search_index_mb:.2f}", ""),
    ]
    rows += [(f"edit → rebuilt in `mkdocs serve --dirty`: {what} (s)", f"{s:.2f}", "", "") for what, s in r.edits]
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
