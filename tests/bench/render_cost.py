"""``python -m tests.bench.render_cost [--sizes 1000,10000]``: where render's time per page goes.

For each size, in this process and without MkDocs: write a synthetic corpus, run load, validate
and resolve, then render every page twice in a row. The first time is what a build pays; the
second finds the page's inputs (its note, the notes it links to, their backlinks) in the
processor's caches. The difference is the cost of fetching those inputs from memory, which grows
with the corpus although the work per page does not. Page faults and system time show what the
first pass paid for memory the process had not used before (the pages it keeps).
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from refsite.load.notes import load_notes
from refsite.render.site import site_plan
from refsite.resolve.assemble import resolve
from refsite.validate.notes import validate_notes

from .corpus import write_corpus
from .measure import corpus_sizes


@dataclass(frozen=True)
class RenderCost:
    """Render's cost at one corpus size."""

    notes: int
    pages: int
    first_us: float
    """Mean time per page, rendered once, as a build renders it."""
    again_us: float
    """Mean time per page, rendered again right after the first time."""
    faults: int
    """Page faults during the first pass (memory new to the process)."""
    system_s: float
    """System time during the first pass."""


def render_cost(notes: int, work: Path) -> RenderCost:
    write_corpus(work, notes)
    loaded = load_notes(work / "seeds", work)
    validated = validate_notes(loaded.notes)
    del loaded
    graph = resolve(validated.notes, validated.unbuilt).graph
    plan = site_plan(graph)
    kept = []
    first = again = 0.0
    clock = time.perf_counter
    before = resource.getrusage(resource.RUSAGE_SELF)
    for _path, render in plan:
        start = clock()
        kept.append(render(graph))
        middle = clock()
        render(graph)
        end = clock()
        first += middle - start
        again += end - middle
    after = resource.getrusage(resource.RUSAGE_SELF)
    # The second renders' pages are freed at once, so their memory is reused: the faults are the first's.
    pages = len(plan)
    return RenderCost(
        notes,
        pages,
        first / pages * 1e6,
        again / pages * 1e6,
        after.ru_minflt - before.ru_minflt,
        after.ru_stime - before.ru_stime,
    )


def cost_table(costs: list[RenderCost]) -> str:
    rows = [
        "| notes | pages | µs per page, first time | µs per page, again at once | page faults | system time (s) |",
        "| --: | --: | --: | --: | --: | --: |",
    ]
    rows += [
        f"| {c.notes:,} | {c.pages:,} | {c.first_us:.0f} | {c.again_us:.0f} | {c.faults:,} | {c.system_s:.2f} |"
        for c in costs
    ]
    for small, large in zip(costs, costs[1:], strict=False):
        rows.append("")
        rows.append(
            f"From {small.notes:,} to {large.notes:,} notes, time per page grows "
            f"{large.first_us / small.first_us:.2f} × the first time and "
            f"{large.again_us / small.again_us:.2f} × again at once; the first time less the "
            f"system time, {_user_us(large) / _user_us(small):.2f} ×."
        )
    return "\n".join(rows)


def _user_us(cost: RenderCost) -> float:
    return cost.first_us - cost.system_s / cost.pages * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.render_cost", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    args = parser.parse_args(argv)
    gc.disable()  # as in a build (see refsite.mkdocs.hook.on_files)
    costs = []
    for notes in corpus_sizes(args.sizes):
        work = Path(tempfile.mkdtemp(prefix=f"refsite-render-cost-{notes}-"))
        try:
            costs.append(render_cost(notes, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        gc.collect()
    print(cost_table(costs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
