"""Built sites shared by the HTML and browser tests: the fixture corpus plus the canary notes."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .conftest import ROOT, copy_corpus, mkdocs_build

CANARY = ROOT / "tests" / "fixtures" / "canary"
SOURCES = ROOT.parent / "shared" / "sources"
EPOCH = "1700000000"  # 2023-11-14: the build date written into the sitemap


def build_canary_site(target: Path) -> Path:
    """Copy the corpus with the canary notes into ``target`` and build it; returns the site folder."""
    project = copy_corpus(target)
    shutil.copytree(CANARY / "seeds", project / "seeds", dirs_exist_ok=True)
    run = mkdocs_build(project, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert run.returncode == 0, run.stdout
    return project / "site"


def build_project_site(target: Path, *extra: str) -> tuple[Path, str]:
    """Copy this project (notes, docs, config) into ``target`` and build it with the source texts.

    Returns the site folder and MkDocs' output. Quotes are checked when ``../shared/sources`` exists.
    """
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", "tests"))
    run = mkdocs_build(target, *extra, env={"REFSITE_SOURCES": str(SOURCES), "SOURCE_DATE_EPOCH": EPOCH})
    assert run.returncode == 0, run.stdout
    return target / "site", run.stdout


class _Handler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # LinkChecker throttles a host that does not send this header to 10 requests a second.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's signature
        pass


@contextmanager
def serve_folder(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 and a free port; yields its address, without a final slash."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
