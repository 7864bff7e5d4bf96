"""Live preview rebuilds only what an edit touches, and ends up with exactly what a full build writes.

The pipeline is checked on its own first (pages of a cached run = pages of a fresh run), then a
real ``mkdocs serve --dirty`` is edited step by step and its site folder compared, file by file and
byte for byte, with a fresh ``mkdocs build`` of the same notes after each step.
"""

from __future__ import annotations

import filecmp
import itertools
import os
import posixpath
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from refsite.core.slugs import PagePath, relative_link
from refsite.live.cache import Cache
from refsite.pipeline import BuildResult, run_pipeline

from tests.bench.serve import free_port, stop

from .conftest import mkdocs_build

SEEDS = Path("seeds")
ADA = SEEDS / "people" / "ada-brook.md"
RIVER_WORKS = SEEDS / "organizations" / "river-works-company.md"
LOWTOWN_COUNCIL = SEEDS / "organizations" / "lowtown-council.md"
LOWTOWN = SEEDS / "places" / "lowtown.md"
HIGHTOWN = SEEDS / "organizations" / "hightown-council.md"
NEW_RELATION = """relations:
  - type: funded
    target: hightown-council
    date: 2021-02
    cite:
      - herald: Mayor Ada Brook met the council of Hightown at the bridge in May 2020.
"""
ADA_RELATION = re.compile(r"relations:\n  - type: met\n    target: hightown-council\n(    .*\n)+?(?=themes:)")


def _replace(project: Path, note: Path, old: str | re.Pattern[str], new: str) -> Callable[[], None]:
    def edit() -> None:
        path = project / note
        text = path.read_text()
        changed = old.sub(new, text, count=1) if isinstance(old, re.Pattern) else text.replace(old, new, 1)
        assert changed != text, f"the edit of {note} changes nothing"
        path.write_text(changed)

    return edit


def _delete(project: Path, note: Path) -> Callable[[], None]:
    return lambda: (project / note).unlink()


def edits(project: Path) -> list[tuple[str, list[Callable[[], None]]]]:
    """Steps of one or more saves: each must leave the notes valid."""
    return [
        ("a sentence with a link", [_replace(project, ADA, "Brook opened the", "Brook proudly opened the")]),
        ("a relation shown on another note", [_replace(project, RIVER_WORKS, "relations:\n", NEW_RELATION)]),
        ("a rename seen on many pages", [_replace(project, LOWTOWN_COUNCIL, "name: Lowtown council", "name: Lowtown town council")]),
        ("a name that now stands for another note", [
            _replace(project, LOWTOWN, "name: Lowtown\n", "name: Lowtown village\n"),
            _replace(project, LOWTOWN_COUNCIL, "name: Lowtown town council\n", "name: Lowtown town council\naliases: [Lowtown]\n"),
        ]),
        ("a deletion", [
            _replace(project, ADA, ADA_RELATION, ""),
            _replace(project, RIVER_WORKS, NEW_RELATION, "relations:\n"),
            _delete(project, HIGHTOWN),
        ]),
    ]  # fmt: skip


def _run(project: Path, cache: Cache | None) -> BuildResult:
    result = run_pipeline(project / "seeds", project / "sources", display_root=project, cache=cache)
    assert result.ok, "\n".join(map(str, result.problems))
    return result


def test_cached_pipeline_renders_what_a_fresh_run_renders(corpus: Path) -> None:
    cache = Cache()
    _run(corpus, cache)
    assert cache.pages is not None and cache.pages.rendered == len(cache.pages.pages)
    for what, saves in edits(corpus):
        for save in saves:
            save()
        before = cache.pages
        cache = Cache(cache)
        reused = _run(corpus, cache)
        if what == "a sentence with a link":  # the home page shows counts and themes, not the sentence
            assert cache.pages is not None and before is not None
            assert cache.pages.pages[PagePath("index.md")] is before.pages[PagePath("index.md")]
        fresh = _run(corpus, None)
        assert list(reused.markdown().items()) == list(fresh.markdown().items()), what
        assert cache.pages is not None and cache.pages.rendered < len(fresh.pages), what
    cache = Cache(cache)
    _run(corpus, cache)
    assert cache.pages is not None and cache.pages.rendered == 0, "nothing changed, nothing is rendered"
    assert cache.computed == 0


class _Served:
    """A real ``mkdocs serve --dirty``; its site folder is the one ``mkdocs_*`` folder in its TMPDIR."""

    def __init__(self, project: Path, scratch: Path) -> None:
        self.port = free_port()
        self.log = scratch / "serve.log"
        self.tmp = scratch / "tmp"
        self.tmp.mkdir()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "TMPDIR": str(self.tmp)}
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=project,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.wait(lambda text: "Serving on" in text, "the first build")

    @property
    def site(self) -> Path:
        (folder,) = self.tmp.glob("mkdocs_*")
        return folder

    def wait(self, condition: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            text = self.log.read_text()
            assert self.process.poll() is None, f"mkdocs serve died while waiting for {what}:\n{text}"
            if condition(text):
                return text
            time.sleep(0.2)
        pytest.fail(f"timed out waiting for {what}:\n{self.log.read_text()}")

    def settle(self, builds_before: int) -> str:
        """Wait until every change seen has been built, and at least one build happened."""
        time.sleep(1.5)  # longer than the watcher's polling interval and MkDocs' debounce

        def done(text: str) -> bool:
            seen, built = text.count("Detected file changes"), text.count("Reloading browsers")
            return built > builds_before and built == seen

        return self.wait(done, "the rebuild")

    def stop(self) -> None:
        stop(self.process)


@pytest.fixture
def served(corpus: Path, tmp_path: Path) -> Iterator[_Served]:
    server = _Served(corpus, tmp_path)
    try:
        yield server
    finally:
        server.stop()


def _differences(left: Path, right: Path) -> list[str]:
    """Files only on one side or not byte-identical, as paths relative to the two folders."""
    found: list[str] = []

    def walk(compare: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"{prefix}{name} (one side only)" for name in compare.left_only + compare.right_only)
        _, mismatch, errors = filecmp.cmpfiles(compare.left, compare.right, compare.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in compare.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    # The live preview indexes the site for search in the background, after the rebuild.
    return [path for path in found if not path.startswith(("pagefind", ".pagefind-"))]


def test_serve_rebuilds_what_an_edit_touches_and_equals_a_full_build(
    corpus: Path, tmp_path: Path, served: _Served
) -> None:
    env = {"SOURCE_DATE_EPOCH": "1700000000", "SITE_URL": f"http://127.0.0.1:{served.port}/"}
    changed_counts = []
    for step, (what, saves) in enumerate(edits(corpus)):
        builds = served.log.read_text().count("Reloading browsers")
        for save in saves:
            save()
        text = served.settle(builds)
        changed_counts.append(re.findall(r"refsite: (\d+) of (\d+) generated pages changed", text)[-1])
        full = tmp_path / f"full-{step}"
        run = mkdocs_build(corpus, "--site-dir", str(full), env=env)
        assert run.returncode == 0, run.stdout
        assert _differences(served.site, full) == [], f"after {what}"
    assert not (served.site / "organizations" / "hightown-council").exists()
    changed, total = map(int, changed_counts[0])
    assert 0 < changed < total, "a sentence edit rebuilds a few pages, not all"


def test_a_second_save_of_the_same_size_is_read_even_within_the_same_clock_tick(corpus: Path) -> None:
    cache = Cache()
    _run(corpus, cache)
    note = corpus / ADA
    text = note.read_text()
    for word in ("proudly", "quietly"):  # same length: same size, and perhaps the same timestamps
        note.write_text(text.replace("Brook opened the", f"Brook {word} opened the", 1))
        cache = Cache(cache)
        pages = _run(corpus, cache).markdown()
        assert f"Brook {word} opened the" in pages["people/ada-brook.md"]


def test_relative_links_are_those_of_posixpath() -> None:
    paths = ["index.md", "timeline.md", "people/a.md", "people/index.md", "places/b.md", "a/b/c.md", "a/x.md"]
    for start, target in itertools.product(paths, paths):
        expected = posixpath.relpath(target, posixpath.dirname(start) or ".")
        assert relative_link(PagePath(start), PagePath(target)) == expected
