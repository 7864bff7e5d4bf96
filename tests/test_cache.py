"""The live preview's cache: what an edit computes again, and what it reuses.

Each row builds a small corpus with a cache, makes one edit, builds again from the first build's
cache, and lists what was computed again: the note files parsed, the notes resolved. The pages of
the cached build are compared with those of a fresh build of the same notes every time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import refsite.live.cache as live_cache
from refsite.live.cache import Cache
from refsite.pipeline import run_pipeline

from .notes import SOURCE_TEXT, person, source_note

CITE = '[@src "Alpha met Beta"]'
NOTES = {
    "sources/src.md": source_note(),
    "people/alpha.md": person("Alpha", body=f"Alpha is a person {CITE}.\n"),
    "people/beta.md": person("Beta", body=f"Beta met [[Alpha]] {CITE}.\n"),
    "people/gamma.md": person("Gamma", body=f"Gamma met [[Delta]] {CITE}.\n"),
    "people/delta.md": person("Delta"),
    "people/epsilon.md": person("Epsilon", body=f"Epsilon met [[beta]], by id {CITE}.\n"),
}
Edit = Callable[[Path], None]


def _write(path: str, text: str) -> Edit:
    def edit(seeds: Path) -> None:
        (seeds / path).write_text(text)

    return edit


def _replace(path: str, old: str, new: str) -> Edit:
    def edit(seeds: Path) -> None:
        text = (seeds / path).read_text()
        assert old in text
        (seeds / path).write_text(text.replace(old, new, 1))

    return edit


def _rename(path: str, new_path: str) -> Edit:
    return lambda seeds: (seeds / path).rename(seeds / new_path)


class _Recorder:
    """Records the note files parsed and the notes resolved by the live preview's stages."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed: set[str] = set()
        self.resolved: set[str] = set()
        parse, links = live_cache.parse_note_bytes, live_cache.note_links

        def parse_note_bytes(file, raw):  # noqa: ANN001, ANN202
            self.parsed.add(file.path.relative_to(file.path.parents[1]).as_posix())
            return parse(file, raw)

        def note_links(note, index):  # noqa: ANN001, ANN202
            self.resolved.add(note.ident)
            return links(note, index)

        monkeypatch.setattr(live_cache, "parse_note_bytes", parse_note_bytes)
        monkeypatch.setattr(live_cache, "note_links", note_links)

    def clear(self) -> None:
        self.parsed.clear()
        self.resolved.clear()


def _rebuild_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Edit | None) -> _Recorder:
    seeds, texts = tmp_path / "seeds", tmp_path / "texts"
    texts.mkdir()
    (texts / "src.txt").write_text(SOURCE_TEXT)
    for path, text in NOTES.items():
        (seeds / path).parent.mkdir(parents=True, exist_ok=True)
        (seeds / path).write_text(text)
    recorder = _Recorder(monkeypatch)
    cache = Cache()
    run_pipeline(seeds, texts, display_root=tmp_path, cache=cache)
    assert recorder.parsed == set(NOTES), "the first build parses every file"
    recorder.clear()
    if edit is not None:
        edit(seeds)
    cached = run_pipeline(seeds, texts, display_root=tmp_path, cache=Cache(cache))
    fresh = run_pipeline(seeds, texts, display_root=tmp_path)
    assert cached.markdown() == fresh.markdown()
    assert cached.problems == fresh.problems
    return recorder


@pytest.mark.parametrize(
    ("edit", "parsed"),
    [
        pytest.param(None, set(), id="nothing-changed"),
        pytest.param(_replace("people/beta.md", "Beta met", "Beta once met"), {"people/beta.md"}, id="a-sentence"),
        pytest.param(_write("people/alpha.md", NOTES["people/alpha.md"]), set(), id="the-same-bytes-saved-again"),
        pytest.param(_write("people/zeta.md", person("Zeta")), {"people/zeta.md"}, id="a-new-note"),
        pytest.param(_rename("people/delta.md", "people/dora.md"), {"people/dora.md"}, id="a-file-renamed"),
    ],
)
def test_a_changed_file_is_parsed_again_and_an_unchanged_one_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Edit | None, parsed: set[str]
) -> None:
    assert _rebuild_after(tmp_path, monkeypatch, edit).parsed == parsed


def test_a_settled_file_is_not_even_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files unchanged for more than two seconds are known by their identity: no read, no parse."""
    real = live_cache.time.time_ns
    monkeypatch.setattr(live_cache.time, "time_ns", lambda: real() + 10_000_000_000)
    read: list[str] = []
    reader = live_cache.read_note_bytes
    monkeypatch.setattr(live_cache, "read_note_bytes", lambda file: read.append(file.shown) or reader(file))
    recorder = _rebuild_after(tmp_path, monkeypatch, _replace("people/beta.md", "Beta met", "Beta once met"))
    assert recorder.parsed == {"people/beta.md"}
    assert [path.split("/", 1)[1] for path in read[len(NOTES) :]] == ["people/beta.md"]


ALL = {"src", "alpha", "beta", "gamma", "delta", "epsilon"}


@pytest.mark.parametrize(
    ("edit", "resolved"),
    [
        pytest.param(None, set(), id="nothing-changed"),
        pytest.param(_replace("people/alpha.md", "is a person", "is someone"), {"alpha"}, id="a-sentence"),
        pytest.param(
            _replace("people/delta.md", "name: Delta", "name: Dora"), {"delta", "gamma"}, id="a-rename-linked-by-name"
        ),
        pytest.param(
            _replace("people/alpha.md", "name: Alpha", "name: Alfa\naliases: [Alpha]"),
            {"alpha"},
            id="a-rename-keeping-the-old-name-as-alias",
        ),
        pytest.param(_replace("people/beta.md", "name: Beta", "name: Bert"), {"beta"}, id="a-rename-linked-by-id"),
        pytest.param(
            _replace("people/delta.md", "name: Delta", "name: Delta\naliases: [Alpha]"),
            {"delta", "beta"},
            id="a-name-that-becomes-ambiguous",
        ),
        pytest.param(_write("people/zeta.md", person("Zeta")), {*ALL, "zeta"}, id="a-new-id-resolves-all-again"),
    ],
)
def test_an_edit_resolves_again_only_the_notes_whose_links_it_affects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Edit | None, resolved: set[str]
) -> None:
    assert _rebuild_after(tmp_path, monkeypatch, edit).resolved == resolved
