"""Real ``mkdocs build`` runs: clean builds pass --strict, broken notes fail with exact messages."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import ROOT, mkdocs_build
from .site_builds import SOURCES, build_project_site

BROKEN = ROOT / "tests" / "fixtures" / "broken"
ERROR_PREFIX = "ERROR   -  refsite: "


def error_lines(output: str) -> list[str]:
    return [line[len(ERROR_PREFIX) :] for line in output.splitlines() if line.startswith(ERROR_PREFIX)]


def test_fixture_corpus_builds_strict_with_no_warning(corpus: Path) -> None:
    run = mkdocs_build(corpus, "--strict")
    assert run.returncode == 0, run.stdout
    assert "WARNING" not in run.stdout
    assert "refsite: 36 quotes checked against 2 source texts." in run.stdout
    page = (corpus / "site" / "people" / "ada-brook" / "index.html").read_text()
    assert 'class="refsite-infobox"' in page
    assert "Mayor Ada Brook met the council of Hightown at the bridge in May 2020." in page
    assert '<a data-preview="" href="../../sources/herald/">' in page
    assert not list((corpus / "docs").rglob("people")), "the build must not write into docs/"


def test_the_project_site_builds_strict(tmp_path: Path) -> None:
    _, output = build_project_site(tmp_path / "project", "--strict")
    assert "WARNING" not in output
    if SOURCES.is_dir():
        assert "quotes checked against 4 source texts" in output


def test_broken_notes_fail_the_build_with_every_message(corpus: Path) -> None:
    shutil.copytree(BROKEN / "seeds", corpus / "seeds", dirs_exist_ok=True)
    run = mkdocs_build(corpus)  # fails even without --strict
    assert run.returncode == 1
    expected = (BROKEN / "expected-errors.txt").read_text().splitlines()
    assert error_lines(run.stdout) == [*expected, f"{len(expected)} problem(s) in the notes; see the messages above."]


def test_deleting_a_referenced_note_names_every_reference(corpus: Path) -> None:
    (corpus / "seeds" / "places" / "lowtown-bridge.md").unlink()
    run = mkdocs_build(corpus, "--strict")
    assert run.returncode == 1
    assert error_lines(run.stdout)[:-1] == [
        "seeds/disagreements/bridge-cost.md:4: concerns[0]: no note with id 'lowtown-bridge' (did you mean 'lowtown'?)",
        "seeds/events/bridge-opening.md:3: summary: [[Lowtown Bridge]] matches no note (did you mean [[lowtown]]?)",
        "seeds/events/bridge-opening.md:6: places[0]: no note with id 'lowtown-bridge' (did you mean 'lowtown'?)",
        "seeds/organizations/river-works-company.md:3: summary: [[Lowtown Bridge]] matches no note (did you mean [[lowtown]]?)",
        "seeds/organizations/river-works-company.md:9: relations[0].target: no note with id 'lowtown-bridge' (did you mean 'lowtown'?)",
        "seeds/people/ada-brook.md:21: body: [[lowtown-bridge|new bridge]] matches no note (did you mean [[lowtown]]?)",
        "seeds/questions/how-much-did-the-bridge-cost.md:4: answer: [[Lowtown Bridge]] matches no note (did you mean [[lowtown]]?)",
        "seeds/themes/infrastructure.md:3: summary: [[Lowtown Bridge]] matches no note (did you mean [[lowtown]]?)",
    ]
