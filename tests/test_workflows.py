"""The GitHub Actions workflows pass actionlint (syntax, expressions, the shell of run: steps) and
zizmor (security: pinned actions, credentials, permissions, template injection), offline."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    assert path.is_file(), f"{name} is missing from {BIN}: install the test extra (pip install -e '.[test]')"
    return str(path)


def test_actionlint_finds_nothing() -> None:
    run = subprocess.run(
        [
            _tool("actionlint"),
            "-shellcheck",
            _tool("shellcheck"),
            "-no-color",
            *sorted(map(str, WORKFLOWS.glob("*.yml"))),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode, run.stdout + run.stderr) == (0, "")


def test_zizmor_finds_nothing_of_medium_or_higher_severity() -> None:
    # --offline: no audit that asks GitHub, so that it runs the same without a network.
    run = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-config", "--min-severity", "medium", "--format", "plain", str(WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings to report" in run.stdout, run.stdout


def test_every_action_is_pinned_to_a_commit_with_its_version_beside() -> None:
    uses = [
        (path.name, line.strip())
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for line in path.read_text().splitlines()
        if re.match(r"\s*(- )?uses:", line)
    ]
    assert uses
    pinned = re.compile(r"(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")
    assert [(name, line) for name, line in uses if not pinned.fullmatch(line)] == []
    # The same action at the same commit everywhere.
    versions: dict[str, set[str]] = {}
    for _name, line in uses:
        action, _, pin = line.split("uses: ")[1].partition("@")
        versions.setdefault(action, set()).add(pin)
    assert {action: pins for action, pins in versions.items() if len(pins) > 1} == {}


def test_shellcheck_finds_nothing_in_the_ci_scripts() -> None:
    scripts = sorted(map(str, (ROOT / ".github" / "scripts").glob("*.sh"))) + [str(ROOT / ".ci" / "run")]
    run = subprocess.run([_tool("shellcheck"), *scripts], capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stdout + run.stderr) == (0, "")
