"""The built reference site passes a real link checker and an HTML parser without a single error."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import html5lib
import pytest

from .site_builds import build_project_site, serve_folder

LINKCHECKER = Path(sys.executable).parent / "linkchecker"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, _ = build_project_site(tmp_path_factory.mktemp("checks") / "project", "--strict")
    return folder


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve_folder(site) as base:
        yield f"{base}/"


def test_every_link_and_anchor_of_the_site_resolves(served: str, tmp_path: Path) -> None:
    config = tmp_path / "linkcheckerrc"
    # Throttling is lifted only for a server that opts out and with a high per-host rate. Anchors
    # are checked by the HTML test below (LinkChecker's AnchorCheck takes minutes on this site).
    config.write_text("[checking]\nthreads=8\ntimeout=20\nmaxrequestspersecond=1000\n")
    run = subprocess.run(
        [
            str(LINKCHECKER),
            "--config",
            str(config),
            "--no-status",
            "--no-robots",
            "--ignore-url",
            f"^(?!{served})",
            served,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert " 0 errors found" in run.stdout
    assert int(run.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1]) > 400, run.stdout


def test_every_page_parses_as_html_without_errors_with_unique_ids_and_live_anchors(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 200
    failures = []
    for page in pages:
        parser = html5lib.HTMLParser(namespaceHTMLElements=False)
        tree = parser.parse(page.read_bytes())
        failures += [f"{page.relative_to(site)}:{line}:{col}: {code}" for (line, col), code, _ in parser.errors]
        repeated = [i for i, n in Counter(e.get("id") for e in tree.iter() if e.get("id")).items() if n > 1]
        failures += [f"{page.relative_to(site)}: id {i!r} used more than once" for i in repeated]
        ids = {e.get("id") for e in tree.iter() if e.get("id")}
        fragments = {e.get("href")[1:] for e in tree.iter("a") if (e.get("href") or "").startswith("#")}
        failures += [f"{page.relative_to(site)}: link to missing anchor #{f}" for f in sorted(fragments - ids - {""})]
    assert failures == []
