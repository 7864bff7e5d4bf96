"""One setting for the source texts (REFSITE_SOURCES), and runs that must check quotes
(--require-sources, REFSITE_REQUIRE_SOURCES=1) fail, naming the folder, when the texts are missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from refsite.cli import main
from refsite.pipeline import run_pipeline

from .conftest import CORPUS, mkdocs_build

# The fixture corpus, whose two source texts are in tests/fixtures/corpus/sources.
_FIXTURE = run_pipeline(CORPUS / "seeds", display_root=CORPUS)
NOTES, QUOTES = _FIXTURE.note_count, _FIXTURE.quotes.quotes


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture corpus's notes in a folder with no ../shared/sources beside it."""
    shutil.copytree(CORPUS / "seeds", tmp_path / "project" / "seeds")
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


def test_require_sources_without_the_texts_fails_naming_the_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--require-sources"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    folder = project.parent / "shared" / "sources"  # the default, beside the repository
    assert err == (
        f"refsite check: source texts required (--require-sources), but {folder} is not a folder; "
        "set REFSITE_SOURCES or give --sources DIR\n"
    )


def test_the_environment_can_require_the_texts_and_name_their_folder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFSITE_SOURCES", "texts")
    monkeypatch.setenv("REFSITE_REQUIRE_SOURCES", "1")
    assert main(["check"]) == 2
    assert capsys.readouterr().err == (
        f"refsite check: source texts required (REFSITE_REQUIRE_SOURCES=1), but {project / 'texts'} is not a folder; "
        "set REFSITE_SOURCES or give --sources DIR\n"
    )
    assert main(["check", "--no-require-sources"]) == 0
    assert main(["render", "--out", "pages"]) == 2, "render requires them too"


@pytest.mark.parametrize("how", ["option", "environment"])
def test_require_sources_with_the_texts_checks_every_quote(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    shutil.copytree(CORPUS / "sources", project / "texts")
    if how == "option":
        argv = ["check", "--require-sources", "--sources", "texts"]
    else:
        monkeypatch.setenv("REFSITE_SOURCES", "texts")
        monkeypatch.setenv("REFSITE_REQUIRE_SOURCES", "1")
        argv = ["check"]
    assert main(argv) == 0
    assert capsys.readouterr().err == f"{NOTES} notes, {QUOTES} quotes checked against 2 source texts: no problems.\n"


def test_without_the_texts_the_check_passes_and_says_where_it_looked(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFSITE_SOURCES", "texts")
    assert main(["check"]) == 0
    assert capsys.readouterr().err == (
        f"{NOTES} notes, {QUOTES} quotes NOT checked: no source texts in {project / 'texts'} "
        "(set REFSITE_SOURCES or give --sources DIR): no problems.\n"
    )
    assert main(["check", "--format", "github"]) == 0
    assert capsys.readouterr().out == (
        f"::warning title=Quotes not checked::{QUOTES} quotes NOT checked: no source texts in {project / 'texts'}\n"
    )


def test_a_build_that_requires_the_texts_fails_without_them_naming_the_folder(corpus: Path) -> None:
    shutil.move(corpus / "sources", corpus / "elsewhere")
    run = mkdocs_build(corpus, "--strict", env={"REFSITE_REQUIRE_SOURCES": "1"})
    assert run.returncode == 1
    assert (
        "ERROR   -  refsite: source texts required (REFSITE_REQUIRE_SOURCES=1), "
        f"but {corpus / 'sources'} is not a folder; set REFSITE_SOURCES (extra.refsite.sources) "
        "to the folder of source texts\n"
    ) in run.stdout
    assert not (corpus / "site" / "index.html").exists()


def test_a_build_without_the_texts_passes_strict_and_says_where_it_looked(corpus: Path) -> None:
    shutil.move(corpus / "sources", corpus / "elsewhere")
    run = mkdocs_build(corpus, "--strict")
    assert run.returncode == 0, run.stdout
    assert (
        f"INFO    -  refsite: {QUOTES} quotes NOT checked: no source texts in {corpus / 'sources'} "
        "(extra.refsite.sources; set REFSITE_SOURCES).\n"
    ) in run.stdout


def test_a_build_that_requires_the_texts_checks_them(corpus: Path) -> None:
    run = mkdocs_build(corpus, "--strict", env={"REFSITE_REQUIRE_SOURCES": "1"})
    assert run.returncode == 0, run.stdout
    assert f"refsite: {QUOTES} quotes checked against 2 source texts." in run.stdout


def test_the_project_names_its_source_texts_with_one_setting() -> None:
    """Makefile, mkdocs.yml and CI all say REFSITE_SOURCES; the old names are gone."""
    root = CORPUS.parent.parent.parent
    makefile = (root / "Makefile").read_text()
    assert "export REFSITE_SOURCES ?= ../shared/sources" in makefile
    assert "--sources" not in makefile
    assert 'sources: !ENV [REFSITE_SOURCES, "../shared/sources"]' in (root / "mkdocs.yml").read_text()
    assert "--sources" not in (root / ".ci" / "run").read_text()
    for workflow in (root / ".github" / "workflows").glob("*.yml"):
        text = workflow.read_text()
        assert "--sources" not in text, workflow.name
        if "REFSITE_SOURCES" not in text:
            assert "SOURCES_TOKEN" not in text, f"{workflow.name} reads the store but sets no REFSITE_SOURCES"
