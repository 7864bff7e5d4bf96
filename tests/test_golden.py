"""The fixture corpus renders to exactly the pages in tests/golden (regenerate: make golden)."""

from __future__ import annotations

from .golden import GOLDEN, render_fixture


def test_generated_pages_match_the_golden_files() -> None:
    pages = render_fixture().markdown()
    expected = {path.relative_to(GOLDEN).as_posix(): path.read_text() for path in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make golden` and review"
    for path, markdown in pages.items():
        assert markdown == expected[path], f"{path} differs from tests/golden: run `make golden` and review"
