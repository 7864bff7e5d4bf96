"""A pull request from a fork is verified with MAIN's code over its seeds/ as data only.

The script that .github/workflows/verify-pr-quotes.yml runs is run here as it is there: from a
checkout of "main" over a second checkout, the pull request's, whose Makefile, hooks, scripts and
workflows have been changed to leave a mark if anything runs them. Nothing may; its notes must be
checked, against the source texts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from refsite.pipeline import run_pipeline

from .conftest import CORPUS, ROOT

SCRIPT = Path(".github") / "scripts" / "verify-pr-seeds.sh"
WORKFLOW = ROOT / ".github" / "workflows" / "verify-pr-quotes.yml"
CHANGED_NOTE = Path("seeds") / "people" / "ada-brook.md"
GOOD_QUOTE = 'The bridge cost $15 million [@herald "cost $15 million according to the town council"].\n'
BAD_QUOTE = 'The bridge cost $20 million [@herald "cost $20 million according to the town council"].\n'


def _mark(marks: Path, name: str) -> str:
    return str(marks / name)


def _hostile_python(marks: Path, name: str) -> str:
    return f"import pathlib\npathlib.Path({_mark(marks, name)!r}).touch()\n"


@pytest.fixture
def marks(tmp_path: Path) -> Path:
    """Where anything from the pull request's checkout that ran would leave its mark."""
    (tmp_path / "ran").mkdir()
    return tmp_path / "ran"


@pytest.fixture
def main_checkout(tmp_path: Path) -> Path:
    """main: the script, notes of its own, and its installed refsite (this checkout's, in .venv)."""
    main = tmp_path / "main"
    (main / SCRIPT.parent).mkdir(parents=True)
    shutil.copy2(ROOT / SCRIPT, main / SCRIPT)
    shutil.copytree(CORPUS / "seeds", main / "seeds")
    (main / ".venv" / "bin").mkdir(parents=True)
    (main / ".venv" / "bin" / "refsite").symlink_to(Path(sys.executable).with_name("refsite"))
    return main


@pytest.fixture
def pull_request(tmp_path: Path, marks: Path) -> Path:
    """The pull request's checkout: changed notes, and code that would leave a mark if run."""
    pr = tmp_path / "pull-request"
    shutil.copytree(CORPUS / "seeds", pr / "seeds")
    with (pr / CHANGED_NOTE).open("a") as note:
        note.write(GOOD_QUOTE)
    shell = f"#!/bin/sh\ntouch {_mark(marks, 'shell')}\n"
    files = {
        "Makefile": ".PHONY: all check test build\nall check test build .venv/bin/refsite:\n\ttouch "
        + _mark(marks, "Makefile")
        + "\n",
        "hooks/refsite_hook.py": _hostile_python(marks, "hook"),
        "hooks/refsite/__init__.py": _hostile_python(marks, "package"),
        "hooks/refsite/cli.py": _hostile_python(marks, "cli"),
        "sitecustomize.py": _hostile_python(marks, "sitecustomize"),
        "conftest.py": _hostile_python(marks, "conftest"),
        "mkdocs.yml": "hooks:\n  - hooks/refsite_hook.py\n",
        str(SCRIPT): shell,
        ".venv/bin/refsite": shell,
        ".venv/bin/python": shell,
        ".github/workflows/verify-pr-quotes.yml": "on: push\njobs: {}\n",
    }
    for name, text in files.items():
        (pr / name).parent.mkdir(parents=True, exist_ok=True)
        (pr / name).write_text(text)
        (pr / name).chmod(0o755)
    return pr


def verify(main: Path, pr: Path, sources: Path | None = CORPUS / "sources") -> subprocess.CompletedProcess[str]:
    """Run the script as the workflow does: in main's checkout, the pull request's folder as argument."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFSITE_")}
    if sources is not None:
        env["REFSITE_SOURCES"] = str(sources)
    return subprocess.run(
        ["bash", str(main / SCRIPT), str(pr)], cwd=main, env=env, capture_output=True, text=True, timeout=300
    )


def test_main_checks_the_pull_requests_notes_and_runs_nothing_of_it(
    main_checkout: Path, pull_request: Path, marks: Path
) -> None:
    run = verify(main_checkout, pull_request)
    assert sorted(p.name for p in marks.iterdir()) == [], "something in the pull request's checkout ran"
    assert (run.returncode, run.stdout) == (0, ""), run.stderr
    checked = run_pipeline(pull_request / "seeds", CORPUS / "sources", display_root=pull_request)
    assert checked.quotes.quotes == run_pipeline(CORPUS / "seeds", display_root=CORPUS).quotes.quotes + 1
    assert run.stderr == (
        f"{checked.note_count} notes, {checked.quotes.quotes} quotes checked against 2 source texts: no problems.\n"
    )
    assert (main_checkout / CHANGED_NOTE).read_text() == (pull_request / CHANGED_NOTE).read_text()


def test_a_wrong_quote_in_the_pull_request_fails_the_check(
    main_checkout: Path, pull_request: Path, marks: Path
) -> None:
    note = pull_request / CHANGED_NOTE
    note.write_text(note.read_text().replace(GOOD_QUOTE, BAD_QUOTE))
    line = note.read_text().splitlines().index(BAD_QUOTE.rstrip("\n")) + 1
    run = verify(main_checkout, pull_request)
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        f"{CHANGED_NOTE}:{line}: cite: quote not found in herald: "
        "'cost $20 million according to the town council' (the source's exact words)"
    ]
    assert list(marks.iterdir()) == []


def test_without_the_source_texts_the_verification_fails_naming_the_folder(
    main_checkout: Path, pull_request: Path, tmp_path: Path
) -> None:
    run = verify(main_checkout, pull_request, sources=tmp_path / "no-texts")
    assert run.returncode == 2
    assert run.stderr == (
        f"refsite check: source texts required (--require-sources), but {tmp_path / 'no-texts'} is not a folder; "
        "set REFSITE_SOURCES or give --sources DIR\n"
    )


def test_a_symbolic_link_in_the_pull_requests_seeds_is_refused(
    main_checkout: Path, pull_request: Path, tmp_path: Path
) -> None:
    (pull_request / "seeds" / "sources" / "leak.md").symlink_to(CORPUS / "sources" / "herald.txt")
    before = (main_checkout / CHANGED_NOTE).read_text()
    run = verify(main_checkout, pull_request)
    assert (run.returncode, run.stderr) == (
        2,
        "verify-pr-seeds: only folders and regular files are accepted in seeds/, not:\nseeds/sources/leak.md\n",
    )
    assert (main_checkout / CHANGED_NOTE).read_text() == before, "main's notes are untouched"


def _steps() -> list[dict[str, object]]:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    (job,) = workflow["jobs"].values()
    return job["steps"]


def test_the_workflow_runs_the_script_on_main_only_and_never_code_of_the_pull_request() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert list(workflow[True]) == ["workflow_dispatch"], "started by hand by a maintainer, never by the PR"
    (job,) = workflow["jobs"].values()
    assert job["if"] == "github.ref == 'refs/heads/main'"
    steps = _steps()
    checkouts = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)
    (head,) = [s for s in checkouts if s["with"].get("path") == "pull-request"]
    assert "token" not in head["with"], "the pull request's head is fetched with the default read-only token"
    runs = [str(s["run"]) for s in steps if "run" in s]
    # The one step that names the pull request's folder hands it to main's script, as data.
    assert [r for r in runs if "pull-request" in r] == [f"{SCRIPT} pull-request --strict --format github"]
    # main's project is installed before anything of the pull request is on disk.
    install = next(i for i, s in enumerate(steps) if "make .venv/bin/refsite" in str(s.get("run", "")))
    assert install < steps.index(head)
