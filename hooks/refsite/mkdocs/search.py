"""Site search with Pagefind: what each page tells the index, and the index itself.

Each built page carries, inside the region Pagefind reads (``data-pagefind-body``), a hidden block
with the page's title, kind and aliases: the names are indexed with a high weight, so that a search
for a name, an alias or a spelling variant in the aliases finds the note's own page before the
pages that mention it. Lists that only name other notes (relations, timeline, backlinks, sources),
the infobox and the footnotes are left out of the index, so that results quote prose.

After MkDocs has written the site, :func:`index_site` runs Pagefind (the binary that the PyPI
package ``pagefind[extended]`` installs) over the site folder and writes ``pagefind/`` into it; the
live preview does the same in the background (:class:`LiveIndexer`). The theme's ``partials/search.html`` loads that bundle.
"""

from __future__ import annotations

import atexit
import contextlib
import html
import os
import re
import shutil
import subprocess
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from refsite.core.slugs import Kind, shown_on
from refsite.resolve.graph import Graph

BUNDLE = "pagefind"
"""The folder of the site that Pagefind writes its index and scripts into."""
EXCLUDED = (".refsite-infobox", ".footnote", ".footnote-ref", ".headerlink", ".admonition.failure", ".refsite-aliases")
"""Never indexed: the fact table, the footnotes and their marks, heading anchors, the preview's problem list, the aliases line (the page keys carry the aliases, weighted)."""
LIST_SECTIONS = ("relations", "timeline", "referenced-by", "sources", "cited-by")
"""Sections that list other notes by name: not prose, and a name there says nothing about this page."""
NAME_WEIGHT = {
    Kind.PERSON: 10,
    Kind.PLACE: 10,
    Kind.ORGANIZATION: 10,
    Kind.EQUIPMENT: 10,
    Kind.THEME: 7,
    Kind.EVENT: 3,
    Kind.DISAGREEMENT: 2,
    Kind.SOURCE: 2,
    Kind.QUESTION: 2,
}
"""How much a match in a page's names counts (Pagefind: 0 to 10; an ``<h1>`` counts 7 by default).

People, places and organizations are what a name usually means; an event, a disagreement or a source
named after one of them must come after it."""
PROSE_WEIGHT = 0.3
"""The text of a page counts less than its names: a page that mentions a place fifty times is still not that place."""
OVERVIEW_WEIGHT = 3
PAGE_WEIGHT = 3

_LIST_SECTION = re.compile(
    r'(<h2 id="(?:' + "|".join(LIST_SECTIONS) + r')(?:_\d+)?">.*?)(?=<h2 |<div class="footnote">|\Z)', re.DOTALL
)
_QUOTES_SECTION = re.compile(r'(<h2 id="quotes(?:-\d+)?(?:_\d+)?">.*?)(?=<h2 |<div class="footnote">|\Z)', re.DOTALL)
"""A source's quotes, each followed by the notes that cite it: the quotes are indexed, the names are not."""
_CITERS = re.compile(r"(”)(: <a .*?)</li>")
_H1 = re.compile(r"<h1(?= |>)")


@dataclass(frozen=True)
class SearchKeys:
    """What the index learns about one page besides its text."""

    kind: str
    """Shown in results and offered as a filter: Person, Place, …, Overview, Page."""
    title: str
    aliases: tuple[str, ...] = ()
    weight: int = PAGE_WEIGHT
    prose_only: bool = True
    """False for overview pages: only their title is indexed, not the names they list."""


def page_keys(graph: Graph, generated: set[str]) -> dict[str, SearchKeys]:
    """Page path → its search keys, for every page generated from the notes."""
    keys: dict[str, SearchKeys] = {}
    for note in graph.notes.values():
        if note.kind is Kind.QUESTION:
            continue  # shown on the Key questions page, which has its own keys
        page = shown_on(note.kind, note.ident)
        keys[page] = SearchKeys(note.kind.label, note.name, note.aliases, NAME_WEIGHT[note.kind])
    for path in generated:
        if path not in keys:
            keys[path] = SearchKeys("Overview", "", (), OVERVIEW_WEIGHT, prose_only=path == "questions/index.md")
    return keys


def mark_page(content: str, title: str, keys: SearchKeys | None) -> str:
    """The page's HTML content, marked for Pagefind: the region to index, its keys, what to leave out."""
    keys = keys or SearchKeys("Page", title)
    name = keys.title or title
    esc = html.escape
    if keys.prose_only:
        body = _LIST_SECTION.sub(r"<div data-pagefind-ignore>\1</div>", content)
        body = _QUOTES_SECTION.sub(
            lambda m: _CITERS.sub(r"\1<span data-pagefind-ignore>\2</span></li>", m.group(1)), body
        )
    else:
        body = f"<div data-pagefind-ignore>{content}</div>"
    body = _H1.sub(f'<h1 data-pagefind-weight="{keys.weight}"', body, count=1)
    names = " ".join(esc(n) for n in (name, *keys.aliases)).split()
    names += name_tokens((name, *keys.aliases))
    aliases = " \u00b7 ".join(esc(alias) for alias in keys.aliases)
    hidden = (
        '<div class="refsite-search-keys" hidden>'
        f'<span data-pagefind-weight="{keys.weight}">{" ".join(names)}</span>'
        '<span data-pagefind-ignore="index">'
        f'<span data-pagefind-meta="skip">{len(names)}</span>'
        f'<span data-pagefind-meta="title">{esc(name)}</span>'
        f'<span data-pagefind-filter="kind">{esc(keys.kind)}</span>'
        f'<span data-pagefind-meta="kind">{esc(keys.kind)}</span>'
        + (f'<span data-pagefind-meta="aliases">{aliases}</span>' if aliases else "")
        + "</span></div>"
    )
    return f'<div data-pagefind-body>{hidden}<div data-pagefind-weight="{PROSE_WEIGHT}">{body}</div></div>'


NAME_TOKEN = "refsitename"
"""Prefix of the words that say "this page is named so": the search looks for them besides the query."""


def fold(text: str) -> list[str]:
    """The words of a name as the search compares them: lowercase, without accents (as refsite-search.js)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()
    return [word for word in re.split(r"[\W_]+", plain) if word]


def name_tokens(names: tuple[str, ...]) -> list[str]:
    """One word per name and per run of its last words: ``Islamic Revolutionary Guard Corps`` gives
    refsitenameislamicrevolutionaryguardcorps, refsitenamerevolutionaryguardcorps, … A query whose
    words begin such a run (Pagefind matches a word's beginning) names the page."""
    tokens: dict[str, None] = {}
    for name in names:
        words = fold(name)
        for start in range(len(words)):
            tokens[NAME_TOKEN + "".join(words[start:])] = None
    return list(tokens)


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float


def pagefind_command(site_dir: Path, output: Path) -> list[str]:
    """The Pagefind binary (from the ``pagefind[extended]`` package) indexing ``site_dir`` into ``output``."""
    from pagefind.service import get_executable  # the binary that pip installed with the package

    binary = get_executable()
    if binary is None:
        raise FileNotFoundError("the Pagefind binary is missing: pip install 'pagefind[extended]'")
    excluded = [arg for selector in EXCLUDED for arg in ("--exclude-selectors", selector)]
    return [str(binary), "--site", str(site_dir), "--output-path", str(output), "--force-language", "en", *excluded]


def index_site(site_dir: Path) -> IndexReport:
    """Index the built site with Pagefind and write ``pagefind/`` into it."""
    start = time.perf_counter()
    run = subprocess.run(pagefind_command(site_dir, site_dir / BUNDLE), capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{run.stdout}{run.stderr}")
    found = re.search(r"Indexed (\d+) pages?", run.stdout)
    return IndexReport(int(found.group(1)) if found else 0, time.perf_counter() - start)


class LiveIndexer:
    """The live preview's search index: rebuilt in the background once the site has been quiet a moment.

    Pagefind reads every page again (it has no incremental mode): about 3.5 s of processor time at
    1,000 notes, so some 35 s at 10,000, far longer than the preview's rebuild after a save. So the
    preview serves the page at once, Pagefind runs at a lower priority, and the search shows the
    site as last indexed (the search panel says so). A save while Pagefind runs stops it (by its process id) and
    starts it again after the new build. Pagefind writes into a new folder, which then replaces
    ``pagefind/``, so the search never reads a half-written index.
    """

    QUIET = 1.0
    """Seconds after a build before indexing starts: a second save within it costs no indexing."""

    def __init__(self, on_done: Callable[[IndexReport], None]) -> None:
        self.on_done = on_done
        self._lock = threading.Lock()
        self._generation = 0
        self._process: subprocess.Popen[str] | None = None
        atexit.register(self.stop)  # the server stops: so does a Pagefind run it started

    def stop(self) -> None:
        """A build is starting: whatever is under way would index pages that are about to change."""
        with self._lock:
            self._generation += 1
            process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def start(self, site_dir: Path) -> None:
        with self._lock:
            self._generation += 1
            generation = self._generation
        threading.Thread(target=self._run, args=(site_dir, generation), daemon=True).start()

    def _run(self, site_dir: Path, generation: int) -> None:
        time.sleep(self.QUIET)
        started = time.perf_counter()
        fresh = site_dir / f".{BUNDLE}-{generation}"
        with self._lock:
            if generation != self._generation:
                return
            self._process = process = subprocess.Popen(
                pagefind_command(site_dir, fresh), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            with contextlib.suppress(OSError, AttributeError):  # POSIX: the preview's next rebuild goes first
                os.setpriority(os.PRIO_PROCESS, process.pid, 10)
        output, _ = process.communicate()
        with self._lock:
            current = generation == self._generation and process.returncode == 0
            if current:
                old = site_dir / f".{BUNDLE}-old-{generation}"
                bundle = site_dir / BUNDLE
                if bundle.exists():
                    bundle.rename(old)
                fresh.rename(bundle)
                shutil.rmtree(old, ignore_errors=True)
        if not current:
            shutil.rmtree(fresh, ignore_errors=True)
            return
        found = re.search(r"Indexed (\d+) pages?", output)
        self.on_done(IndexReport(int(found.group(1)) if found else 0, time.perf_counter() - started))
