"""Expected pages of the fixture corpus. ``python -m tests.golden`` regenerates them."""

from __future__ import annotations

import shutil
from pathlib import Path

from refsite.emit.write import write_pages
from refsite.pipeline import BuildResult, run_pipeline

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
GOLDEN = Path(__file__).parent / "golden"
SITE_NAME = "Fixture reference"


def render_fixture() -> BuildResult:
    """The fixture corpus run through the pipeline; fails if the corpus has problems."""
    result = run_pipeline(CORPUS / "seeds", CORPUS / "sources", display_root=CORPUS, site_name=SITE_NAME)
    assert not result.problems, "\n".join(map(str, result.problems))
    return result


def main() -> None:
    result = render_fixture()
    shutil.rmtree(GOLDEN, ignore_errors=True)
    written = write_pages(result.pages, GOLDEN)
    print(f"wrote {written} pages to {GOLDEN}")


if __name__ == "__main__":
    main()
