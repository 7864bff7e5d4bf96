"""A real ``mkdocs serve``: a note broken while it runs is reported in the terminal and on the page,
the server keeps running, and the next valid save brings the site back."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.bench.serve import fetch, free_port, stop

from .conftest import copy_corpus

BROKEN_MESSAGE = "seeds/people/ada-brook.md:3: name: duplicate key, first given on line 2 (each key once)"


def wait_for(condition: Callable[[], bool], what: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve died while waiting for {what}:\n{log.read_text()}"
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()}")


BROKEN_AT_START = pytest.mark.parametrize("broken_at_start", [False, True], ids=["valid-at-start", "broken-at-start"])


@pytest.fixture
def served(tmp_path: Path, broken_at_start: bool) -> Iterator[tuple[Path, str, subprocess.Popen, Path]]:
    project = copy_corpus(tmp_path / "project")
    if broken_at_start:  # the server must start all the same
        (project / "seeds" / "themes" / "broken.md").write_text("---\nname: Broken\n---\n")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield project, f"http://127.0.0.1:{port}", server, log
    finally:
        stop(server)


@BROKEN_AT_START
def test_a_broken_note_is_shown_and_the_next_save_recovers(
    served: tuple[Path, str, subprocess.Popen, Path], broken_at_start: bool
) -> None:
    project, base, server, log = served
    page = f"{base}/people/ada-brook/"
    wait_for(lambda: "Ada Brook is the mayor" in fetch(page), "the first build", server, log)
    if broken_at_start:
        assert "seeds/themes/broken.md:1: summary: missing required field (a value)" in log.read_text()
        assert "1 problem(s): this preview is incomplete" in fetch(page)
        (project / "seeds" / "themes" / "broken.md").unlink()
        wait_for(lambda: "this preview is incomplete" not in fetch(page), "the first fix", server, log)

    note = project / "seeds" / "people" / "ada-brook.md"
    good = note.read_text()
    note.write_text(good.replace("name: Ada Brook\n", "name: Ada Brook\nname: Twice\n", 1))
    wait_for(lambda: BROKEN_MESSAGE in log.read_text(), "the message in the terminal", server, log)
    wait_for(lambda: "problem(s): this preview is incomplete" in fetch(page), "the problems on the page", server, log)
    shown = fetch(page)
    assert f"<li>{BROKEN_MESSAGE}</li>" in shown
    assert "This note could not be built" in shown
    assert "problem(s): this preview is incomplete" in fetch(f"{base}/places/lowtown/")

    note.write_text(good)
    wait_for(lambda: "Ada Brook is the mayor" in fetch(page), "the recovered page", server, log)
    assert "this preview is incomplete" not in fetch(page)
    assert "this preview is incomplete" not in fetch(f"{base}/places/lowtown/")
    assert server.poll() is None
