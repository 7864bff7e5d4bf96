"""Build small corpora of notes in a temporary folder for table tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from refsite.pipeline import BuildResult, run_pipeline

SOURCE_TEXT = "Alpha met Beta in Gamma on 1 May 2020. Beta leads the Delta Party. The talks were 'frank'."


def source_note(text: str = SOURCE_TEXT) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f'---\ntitle: Report\npublisher: Paper\ndate: 2020-05-02\nfile: src.txt\nsha256: {digest}\n---\nA report [@src "Alpha met Beta"].\n'


def person(name: str, extra: str = "", body: str = "") -> str:
    return f'---\nname: {name}\nsummary: {name} is named [@src "Alpha met Beta"].\n{extra}---\n{body}'


def build(tmp_path: Path, notes: dict[str, str], *, check_quotes: bool = True) -> BuildResult:
    """Write ``notes`` (path below seeds/ → text) plus the source, and run the pipeline."""
    seeds = tmp_path / "seeds"
    texts = tmp_path / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    (texts / "src.txt").write_text(SOURCE_TEXT)
    for path, text in {"sources/src.md": source_note(), **notes}.items():
        target = seeds / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return run_pipeline(seeds, texts if check_quotes else None, display_root=tmp_path)


def messages(result: BuildResult) -> list[str]:
    return [str(p) for p in result.problems]
