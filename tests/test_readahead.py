"""Which files are hinted to the disk ahead of their reads, and that a hint never blocks or fails."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import refsite.load.readahead as readahead
from refsite.load.notes import load_notes
from refsite.load.readahead import ReadAhead
from refsite.resolve.quotes import check_quotes
from refsite.validate.notes import validate_notes

from .conftest import CORPUS

PATHS = [Path(f"seeds/people/{letter}.md") for letter in "abcdef"]


@pytest.mark.parametrize(
    ("window", "reads", "hinted"),
    [
        pytest.param(None, ["a"], list("abcdef"), id="a build hints every file at the first read"),
        pytest.param(None, ["c", "d", "f"], list("cdef"), id="nothing before the first read, nothing twice"),
        pytest.param(2, ["a", "b"], list("abc"), id="a window follows the reads"),
        pytest.param(2, ["e"], list("ef"), id="a window stops at the last file"),
        pytest.param(2, ["b", "x"], list("bc"), id="a file not in the list hints nothing"),
    ],
)
def test_hints(monkeypatch: pytest.MonkeyPatch, window: int | None, reads: list[str], hinted: list[str]) -> None:
    seen: list[Path] = []
    monkeypatch.setattr(readahead, "_hint", seen.append)
    ahead = ReadAhead(PATHS, window=window)
    for letter in reads:
        ahead.before_reading(Path(f"seeds/people/{letter}.md"))
    assert seen == [Path(f"seeds/people/{letter}.md") for letter in hinted]


def test_a_hint_neither_blocks_nor_fails(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.md")  # opening it for reading would wait for a writer
    (tmp_path / "note.md").write_text("---\n")
    (tmp_path / "link.md").symlink_to(tmp_path / "note.md")
    paths = [tmp_path / name for name in ("fifo.md", "gone.md", "link.md", "note.md")]
    done: list[bool] = []

    def hint_all() -> None:
        ReadAhead(paths).before_reading(paths[0])
        done.append(True)

    worker = threading.Thread(target=hint_all, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done == [True]


def test_a_build_hints_every_note_and_source_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []
    monkeypatch.setattr(readahead, "_hint", seen.append)
    loaded = load_notes(CORPUS / "seeds", CORPUS)
    notes = sorted(path for path in (CORPUS / "seeds").rglob("*.md"))
    assert sorted(seen) == notes and len(loaded.notes) == len(notes)
    seen.clear()
    validated = validate_notes(loaded.notes)
    check_quotes(validated.notes, CORPUS / "sources")
    assert sorted(seen) == sorted((CORPUS / "sources").iterdir())
