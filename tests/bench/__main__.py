"""``python -m tests.bench [--sizes 100,1000,10000] [--report docs/performance.md]``.

For each size: write a synthetic corpus in a temporary folder, build it with the refsite hook and,
beside it, build the same pages written out as plain Markdown with plain MkDocs + Material (the
baseline), each in a fresh process; then time edits in a real ``mkdocs serve --dirty``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from refsite.core.slugs import ENTITY_KINDS, Kind
from refsite.live.cache import Cache
from refsite.pipeline import run_pipeline

from .corpus import Corpus, write_corpus
from .measure import Run, corpus_sizes, mkdocs_build, run_child, site_size, stage_seconds
from .report import BEFORE, INTRO, Result, machine, scaling, table
from .search import folder_mb, indexing_seconds, search_cost
from .serve import Edit, Server

REPOSITORY = Path(__file__).resolve().parents[2]
HOOK = REPOSITORY / "hooks" / "refsite_hook.py"
"""The project's hook file, next to the package in a checkout (``pip install -e``)."""
NAV = [
    {"Home": "index.md"},
    {"Key questions": "questions/index.md"},
    {"Timeline": "timeline.md"},
    *({kind.plural_label: f"{kind.folder}/index.md"} for kind in ENTITY_KINDS),
    {"Disagreements": "disagreements/index.md"},
    {"Sources": "sources/index.md"},
    {"About": "about.md"},
]


def _config(hooked: bool) -> dict[str, object]:
    """The project's own settings (theme, extensions, nav of section indexes), with or without the hook."""
    config: dict[str, object] = {
        "site_name": "Synthetic corpus",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {
            "name": "material",
            "features": [
                "content.footnote.tooltips",
                "navigation.indexes",
                "navigation.sections",
                "search.highlight",
                "search.suggest",
            ],
        },
        "markdown_extensions": [
            "admonition",
            "attr_list",
            "def_list",
            "footnotes",
            "md_in_html",
            "tables",
            {"toc": {"permalink": True}},
        ],
        "nav": NAV,
    }
    if hooked:
        config["plugins"] = []  # as the project: search is Pagefind's, run by the hook
        config["hooks"] = [str(HOOK)]
        config["extra"] = {"refsite": {"seeds": "seeds", "sources": "sources"}}
    else:
        # The generated pages are not in the nav either way; say so, as the hook does.
        config["not_in_nav"] = "\n".join(f"/{k.folder}/" for k in Kind) + "\n"
        config["extra_css"] = ["assets/refsite.css"]
    return config


def _project(root: Path, hooked: bool) -> None:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "about.md").write_text("# About\n\nA synthetic corpus for the benchmark.\n")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(_config(hooked), sort_keys=False, allow_unicode=True))


def _baseline(project: Path, baseline: Path) -> int:
    """Write the hook's pages as plain Markdown files; return how many pages there are."""
    _project(baseline, hooked=False)
    docs = baseline / "docs"
    args = [sys.executable, "-m", "refsite.cli", "render", "--seeds", "seeds", "--sources", "sources"]
    run = run_child([*args, "--out", str(docs)], project)
    if run.returncode != 0:
        raise RuntimeError(f"refsite render failed:\n{run.output[-4000:]}")
    css = Path(__file__).resolve().parents[2] / "hooks" / "refsite" / "mkdocs" / "assets" / "refsite.css"
    (docs / "assets").mkdir(exist_ok=True)
    shutil.copy(css, docs / "assets" / "refsite.css")
    return sum(1 for p in docs.rglob("*.md") if p.name != "about.md")


def _median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def _median_stages(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each stage's median over the builds: one stage of one build varies more than the whole build."""
    return {stage: statistics.median(run[stage] for run in runs) for stage in runs[0]}


def _edits(corpus: Corpus) -> list[Edit]:
    """A body sentence, a relation that shows on another note's page, and a rename seen everywhere."""
    first, second = corpus.person_paths[0], corpus.person_paths[1]
    text, other = first.read_text(), second.read_text()
    body = text.replace("## Background\n\n", "## Background\n\nBenchmarkedit ", 1)
    cite = re.search(r"\n(      - [a-z0-9-]+: .+)", text)
    assert cite is not None
    relation = (
        f"relations:\n  - type: met\n    target: {second.stem}\n    date: 1990-01-02\n    cite:\n{cite.group(1)}\n"
    )
    name = json.loads(re.search(r"^name: (.+)$", other, re.MULTILINE).group(1))  # type: ignore[union-attr]
    renamed = other.replace(f"name: {json.dumps(name)}", f"name: {json.dumps(name + ' Renamed')}", 1)
    renamed = renamed.replace("aliases: [", f"aliases: [{json.dumps(name)}, ", 1)
    page = f"/{Kind.PERSON.folder}/{{}}/"
    return [
        Edit(first, body, page.format(first.stem), "Benchmarkedit", "a sentence of a note"),
        Edit(first, body.replace("relations:\n", relation, 1), page.format(second.stem), "2 January 1990",
             "a relation, shown on another note"),
        Edit(second, renamed, page.format(first.stem), "Renamed", "a rename, shown wherever the note is named"),
    ]  # fmt: skip


def _plain_rebuilds(project: Path, baseline: Path, edits: list[Edit]) -> list[tuple[int, float]]:
    """For each edit: the pages it changes, and how long plain MkDocs' live preview takes to rebuild them.

    The edits are made to the notes again, from the same start; the pages each one changes (found by
    the pipeline in this process) are written into the baseline's Markdown files, which a plain
    ``mkdocs serve --dirty`` rebuilds: MkDocs' own cost for exactly those pages, with no hook.
    """

    def pages(cache: Cache) -> dict[str, str]:  # as `refsite render` wrote the baseline's pages
        return run_pipeline(project / "seeds", project / "sources", display_root=project, cache=cache).markdown()

    cache = Cache()
    before = pages(cache)
    floors: list[tuple[int, float]] = []
    server = Server(baseline)
    try:
        for edit in edits:
            edit.path.write_text(edit.new_text, encoding="utf-8")
            cache = Cache(cache)
            after = pages(cache)
            changed = {path: text for path, text in after.items() if before.get(path) != text}
            before = after

            def save(changed: dict[str, str] = changed) -> None:
                for path, text in changed.items():
                    (baseline / "docs" / path).write_text(text, encoding="utf-8")

            floors.append((len(changed), server.seconds_until_served(save, edit)))
    finally:
        server.stop()
    return floors


def bench_size(notes: int, repeats: int, work: Path) -> Result:
    started = time.perf_counter()
    project, baseline = work / "project", work / "baseline"
    corpus = write_corpus(project, notes)
    _project(project, hooked=True)
    pages = _baseline(project, baseline)
    print(f"N = {notes:,}: corpus and baseline pages written in {time.perf_counter() - started:.1f} s", flush=True)
    hook_runs, base_runs = [], []
    for _ in range(repeats):
        hook_runs.append(mkdocs_build(project, work / "site-hook"))
        base_runs.append(mkdocs_build(baseline, work / "site-base"))
    hook, base = _median_run(hook_runs), _median_run(base_runs)
    print(f"N = {notes:,}: builds done ({repeats} of each) at {time.perf_counter() - started:.0f} s", flush=True)
    result = Result(
        notes,
        pages,
        hook.seconds,
        base.seconds,
        statistics.median(r.peak_mb for r in hook_runs),
        statistics.median(r.peak_mb for r in base_runs),
        _median_stages([stage_seconds(r.output) for r in hook_runs]),
        site_size(work / "site-hook"),
        site_size(work / "site-base"),
    )
    result.pagefind_seconds = statistics.median(indexing_seconds(r.output) for r in hook_runs)
    result.pagefind_mb = folder_mb(work / "site-hook" / "pagefind")
    result.search = search_cost(work / "site-hook", *_queries(project))
    edits = _edits(corpus)
    originals = {edit.path: edit.path.read_text() for edit in edits}
    server = Server(project)
    try:
        server.seconds_until_indexed(0.0)  # the first index of the session, in the background
        for edit in edits:
            result.edits.append((edit.what, server.rebuild_seconds(edit)))
            result.built.append(server.pages_built())
            result.live_index.append(server.seconds_until_indexed(server.saved))
    finally:
        server.stop()
    for path, text in originals.items():
        path.write_text(text)
    result.floors = _plain_rebuilds(project, baseline, edits)
    print(f"N = {notes:,}: done in {time.perf_counter() - started:.0f} s\n", flush=True)
    return result


def _queries(project: Path) -> tuple[str, str]:
    """What a reader would type: a person's surname, then a place's name."""

    def name(folder: str) -> str:
        path = sorted((project / "seeds" / folder).glob("*.md"))[0]
        return json.loads(re.search(r"^name: (.+)$", path.read_text(), re.MULTILINE).group(1))  # type: ignore[union-attr]

    return name(Kind.PERSON.folder).split()[-1], name(Kind.PLACE.folder)


def render_cost(sizes: list[int], work: Path) -> str:
    """The table of ``python -m tests.bench.render_cost``, run in a fresh process like the builds."""
    args = [sys.executable, "-m", "tests.bench.render_cost", "--sizes", ",".join(map(str, sizes))]
    run = run_child(args, REPOSITORY)  # the benchmark is a package of the checkout's tests/, not installed
    if run.returncode != 0:
        raise RuntimeError(f"render_cost failed:\n{run.output[-4000:]}")
    return run.output.strip() + "\n"


def write_report(path: Path, results: list[Result], command: str, costs: str = "") -> None:
    tables = "\n".join(table(r) for r in results)
    growth = scaling(results)
    growth_text = f"### Growth from one size to the next\n\n{growth}" if growth else ""
    if costs:
        growth_text += f"\n### Render's time per page, the first time and again at once\n\n{costs}"
    when = time.strftime("%Y-%m-%d")
    path.write_text(
        f"{INTRO.rstrip()}\n\n## Figures\n\nPrinted by `{command}` on {when}, on {machine()}.\n\n{tables}\n{growth_text}"
        f"\n{BEFORE}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind per size; medians are shown")
    parser.add_argument("--report", type=Path, help="also write the tables to this Markdown page")
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpora and sites")
    args = parser.parse_args(argv)
    sizes = corpus_sizes(args.sizes)
    print(f"Machine: {machine()}\n", flush=True)
    results = []
    for notes in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"refsite-bench-{notes}-"))
        try:
            result = bench_size(notes, args.repeat, work)
        finally:
            if args.keep:
                print(f"kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
        results.append(result)
        print(table(result), flush=True)
    growth = scaling(results)
    if growth:
        print("Growth from one size to the next (linear = the notes column):\n\n" + growth)
    costs = render_cost(sizes, Path(tempfile.gettempdir())) if len(sizes) > 1 else ""
    if costs:
        print("Render's time per page, the first time and again at once:\n\n" + costs, flush=True)
    if args.report:
        write_report(args.report, results, "python -m tests.bench --sizes " + ",".join(map(str, sizes)), costs)
        print(f"wrote {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
