"""Built sites shared by the HTML and browser tests: the fixture corpus plus the canary notes."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import ROOT, copy_corpus, mkdocs_build

CANARY = ROOT / "tests" / "fixtures" / "canary"
SOURCES = ROOT.parent / "shared" / "sources"
EPOCH = "1700000000"  # 2023-11-14: the build date written into the sitemap


def build_canary_site(target: Path) -> Path:
    """Copy the corpus with the canary notes into ``target`` and build it; returns the site folder."""
    project = copy_corpus(target)
    shutil.copytree(CANARY / "seeds", project / "seeds", dirs_exist_ok=True)
    run = mkdocs_build(project, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert run.returncode == 0, run.stdout
    return project / "site"


def build_project_site(target: Path, *extra: str) -> tuple[Path, str]:
    """Copy this project (notes, docs, config) into ``target`` and build it with the source texts.

    Returns the site folder and MkDocs' output. Quotes are checked when ``../shared/sources`` exists.
    """
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", "tests"))
    run = mkdocs_build(target, *extra, env={"REFSITE_SOURCES": str(SOURCES), "SOURCE_DATE_EPOCH": EPOCH})
    assert run.returncode == 0, run.stdout
    return target / "site", run.stdout
