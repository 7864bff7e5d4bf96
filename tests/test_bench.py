"""The benchmark runs end to end on a tiny corpus and prints its table (figures are not checked)."""

from __future__ import annotations

import re
import subprocess
import sys

from refsite.bench.corpus import kind_counts


def test_a_tiny_corpus_has_every_kind_and_no_problem() -> None:
    counts = kind_counts(20)
    assert sum(counts.values()) == 20
    assert all(count >= 1 for count in counts.values())


def test_the_benchmark_prints_a_table_per_size() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "refsite.bench", "--sizes", "20", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "**N = 20 notes**" in run.stdout
    for row in ("whole `mkdocs build` (s)", "peak memory (MB)", "stage: render (s)", "search index (MB)"):
        assert row in run.stdout
    rename = next(line for line in run.stdout.splitlines() if "rebuilt in `mkdocs serve --dirty`: a rename" in line)
    hook, plain, ratio = (cell.strip() for cell in rename.split("|")[2:5])
    assert re.fullmatch(
        r"a rename, shown wherever the note is named, \d+ pages changed: \d+ built, [1-9]\d* names patched \(s\)",
        rename.split("`: ")[1].split(" |")[0],
    )
    assert float(hook) > 0 and float(plain) > 0 and ratio.endswith("×"), rename
