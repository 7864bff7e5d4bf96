"""The benchmark runs end to end on a tiny corpus and prints its table (figures are not checked)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.bench.corpus import kind_counts


def test_a_tiny_corpus_has_every_kind_and_no_problem() -> None:
    counts = kind_counts(20)
    assert sum(counts.values()) == 20
    assert all(count >= 1 for count in counts.values())


def test_the_benchmark_prints_a_table_per_size() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--sizes", "20", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "**N = 20 notes**" in run.stdout
    for row in (
        "whole `mkdocs build` (s)",
        "peak memory (MB)",
        "stage: render (s)",
        "search index (MB)",
        "search: Pagefind",
    ):
        assert row in run.stdout
    rename = next(line for line in run.stdout.splitlines() if "rebuilt in `mkdocs serve --dirty`: a rename" in line)
    hook, plain, ratio = (cell.strip() for cell in rename.split("|")[2:5])
    assert re.fullmatch(
        r"a rename, shown wherever the note is named, (\d+) pages changed: \1 built \(s\)",
        rename.split("`: ")[1].split(" |")[0],
    )
    assert float(hook) > 0 and float(plain) > 0 and ratio.endswith("×"), rename


def test_render_cost_prints_both_passes_and_their_growth() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tests.bench.render_cost", "--sizes", "20,40"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    rows = [line for line in run.stdout.splitlines() if re.match(r"\| \d", line)]
    assert [row.split("|")[1].strip() for row in rows] == ["20", "40"]
    for row in rows:
        pages, first, again = (float(cell.replace(",", "")) for cell in row.split("|")[2:5])
        assert pages >= 20 and first > 0 and again > 0, row
    assert re.search(r"From 20 to 40 notes, time per page grows [\d.]+ × the first time and [\d.]+ ×", run.stdout)
