"""Expected pages of the fixture corpus. ``python -m tests.golden`` regenerates them."""

from __future__ import annotations

import shutil
from pathlib import Path

from refsite.pipeline import run_pipeline
from refsite.render import Page
from refsite.write import write_pages

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
GOLDEN = Path(__file__).parent / "golden"
SITE_NAME = "Fixture reference"


def render_fixture() -> tuple[Page, ...]:
    """Every page of the fixture corpus; fails if the corpus has problems."""
    result = run_pipeline(CORPUS / "seeds", CORPUS / "sources", display_root=CORPUS, site_name=SITE_NAME)
    assert not result.problems, "\n".join(map(str, result.problems))
    return result.pages


def main() -> None:
    pages = render_fixture()
    shutil.rmtree(GOLDEN, ignore_errors=True)
    write_pages(pages, GOLDEN)
    print(f"wrote {len(pages)} pages to {GOLDEN}")


if __name__ == "__main__":
    main()
