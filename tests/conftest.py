"""Shared helpers: copies of the fixture corpus and real MkDocs builds in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "refsite_hook.py"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def copy_corpus(target: Path) -> Path:
    """A private copy of the fixture corpus whose mkdocs.yml points at this checkout's hook."""
    shutil.copytree(CORPUS, target)
    config = target / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../hooks/refsite_hook.py", str(HOOK)))
    return target


def mkdocs_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build`` in ``project``; output of both streams is in ``stdout``."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "site"), *extra],
        cwd=project,
        env=environment,
        capture_output=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )


@pytest.fixture(autouse=True)
def _no_sources_setting_from_the_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests name their source texts themselves: REFSITE_SOURCES or REFSITE_REQUIRE_SOURCES set in the
    shell (or by CI) must not change what they check."""
    monkeypatch.delenv("REFSITE_SOURCES", raising=False)
    monkeypatch.delenv("REFSITE_REQUIRE_SOURCES", raising=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return copy_corpus(tmp_path / "corpus")
