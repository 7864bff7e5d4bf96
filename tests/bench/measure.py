"""Run MkDocs in fresh child processes and measure each one: wall time, peak memory, output."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from refsite.core.slugs import ENTITY_KINDS

MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
_STAGES = re.compile(r"refsite: stages (.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Run:
    """One finished child process."""

    seconds: float
    peak_mb: float
    """Peak resident memory of the child (ru_maxrss, from wait4 on that child alone)."""
    output: str
    returncode: int


def run_child(args: list[str], cwd: Path, timeout: float = 3600) -> Run:
    """Run ``args`` to completion and measure that one process (not its siblings)."""
    log = cwd / f".bench-{os.getpid()}-{time.monotonic_ns()}.log"
    with log.open("w") as out:
        start = time.perf_counter()
        child = subprocess.Popen(args, cwd=cwd, env=MKDOCS_ENV, stdout=out, stderr=subprocess.STDOUT)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.kill(child.pid, 9)
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
    output = log.read_text(errors="replace")
    log.unlink()
    return Run(seconds, usage.ru_maxrss / 1024, output, child.returncode)


def corpus_sizes(text: str) -> list[int]:
    """``--sizes`` as given on the command line, e.g. ``"100,1_000,10000"``."""
    return [int(size.replace("_", "")) for size in text.split(",") if size.strip()]


def mkdocs_build(project: Path, site_dir: Path) -> Run:
    run = run_child([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)], project)
    if run.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{run.output[-4000:]}")
    return run


def stage_seconds(output: str) -> dict[str, float]:
    """The hook's own report of its stages, e.g. ``refsite: stages load 0.12 s, validate 0.30 s``."""
    found = _STAGES.findall(output)
    if not found:
        return {}
    stages = {}
    for part in found[-1].split(","):
        name, value, _unit = part.split()
        stages[name] = float(value)
    return stages


@dataclass(frozen=True)
class SiteSize:
    total_mb: float
    entity_page_kb: float
    """Median size of the HTML of an entity page."""
    entity_page_max_kb: float
    search_index_mb: float


def site_size(site_dir: Path) -> SiteSize:
    total = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    pages = [
        p.stat().st_size
        for kind in ENTITY_KINDS
        for p in (site_dir / kind.folder).glob("*/index.html")
        if p.parent.name != kind.folder
    ]
    index = site_dir / "search" / "search_index.json"
    return SiteSize(
        total / 1e6,
        statistics.median(pages) / 1e3 if pages else 0.0,
        max(pages) / 1e3 if pages else 0.0,
        index.stat().st_size / 1e6 if index.exists() else 0.0,
    )
