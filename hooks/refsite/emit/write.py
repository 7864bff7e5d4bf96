"""Write generated pages to a folder, for MkDocs-compatible engines other than MkDocs itself."""

from __future__ import annotations

from pathlib import Path

from refsite.render.writer import Page


def safe_target(out_dir: Path, page_path: str) -> Path:
    """The file for ``page_path`` below ``out_dir``; raise ``ValueError`` if it would land outside."""
    root = out_dir.resolve()
    target = (root / page_path).resolve()
    if target == root or root not in target.parents:
        raise ValueError(f"page path {page_path!r} is outside {out_dir}")
    return target


def write_pages(pages: tuple[Page, ...], out_dir: Path) -> int:
    """Write every page under ``out_dir``; every target is checked first."""
    targets = [(safe_target(out_dir, page.path), page) for page in pages]
    for target, page in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    return len(targets)
