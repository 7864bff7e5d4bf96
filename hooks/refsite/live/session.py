"""Live preview: what ``mkdocs serve --dirty`` carries from one build to the next.

A dirty build rebuilds only the pages whose source is modified; a page that MkDocs generates from
memory always counts as modified. refsite tells MkDocs instead which of its pages differ from what
the previous build of the session wrote into the same site folder, so an edit rebuilds the pages
it touches and no others. The session is owned by the server: ``on_serve`` wraps its builder so
that each rebuild sees the session through :data:`SESSION`, and nothing is kept in module state.
A page counts as unchanged only if its Markdown, the problems shown on it and the site's settings
are all the same as last time; anything else rebuilds it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from importlib.metadata import version
from pathlib import Path

import jinja2

from refsite.live.memo import Memo
from refsite.live.name_slots import OPEN, Filled, NameOf, fill

Version = tuple[str, str]
"""What a page was built from: its Markdown and the problems shown on it."""
SearchPages = dict[str, tuple[list[dict], str]]
"""Page URL → that page's search entries, with slots for names, and their JSON with the names
filled in (without the surrounding brackets)."""


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates for the whole session.

    MkDocs makes a new template environment for every rebuild, and compiling Material's templates
    again takes longer than the rest of a small rebuild. Jinja checks every entry against the
    template's source, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class Collector:
    """Garbage collection between the builds of a session rather than during them.

    A live preview keeps every note's work in memory, millions of objects at 10,000 notes, and a
    full collection would scan them all, for seconds, several times per rebuild. So what the first
    build leaves is frozen (moved out of the collector's sight: those objects live as long as the
    session), automatic collection is off during builds, and each build is followed, a moment
    later, by a collection in the background, which now scans only what later builds created, so
    that cyclic garbage (MkDocs' pages of the last build) is still freed before the next save.
    """

    def __init__(self) -> None:
        self._timer: threading.Timer | None = None
        self._frozen = False

    def pause(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        gc.disable()

    def collect_soon(self, delay: float = 0.5) -> None:
        if not self._frozen:
            gc.collect()
            gc.freeze()
            self._frozen = True
            return
        self._timer = threading.Timer(delay, gc.collect)
        self._timer.daemon = True
        self._timer.start()


@dataclass
class Session:
    """The last completed build of one ``mkdocs serve`` process."""

    memo: Memo
    versions: dict[str, Version]
    """Page path → what the page in ``site_dir`` was built from."""
    site_key: str
    site_dir: str
    templates: TemplateCache = field(default_factory=TemplateCache)
    collector: Collector = field(default_factory=Collector)
    search: SearchPages = field(default_factory=dict)
    """The search entries of every page in ``site_dir``."""
    names: dict[str, str] = field(default_factory=dict)
    """Note id → the name that the pages in ``site_dir`` show for it."""
    places: dict[str, Filled] = field(default_factory=dict)
    """Page URL → where the page's file in ``site_dir`` shows names (see refsite.live.name_slots)."""

    def advance(self, finished: Session) -> None:
        """Carry on from a completed build (the server keeps this very object for the next one)."""
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(finished, name))


SESSION: ContextVar[Session | None] = ContextVar("refsite_session", default=None)
"""Set by the server's builder around each rebuild (see ``mkdocs_emit.on_serve``)."""


@dataclass
class LiveBuild:
    """One build's view of the session, kept on the build's config."""

    session: Session | None
    memo: Memo | None
    site_key: str
    site_dir: str
    versions: dict[str, Version] = field(default_factory=dict)
    modified: int = 0
    built_urls: set[str] = field(default_factory=set)
    """URLs of the pages MkDocs actually built in this build."""
    files: object = None
    """The build's files (MkDocs' ``Files``), for the search index."""
    templates: TemplateCache = field(default_factory=TemplateCache)
    collector: Collector = field(default_factory=Collector)
    search: SearchPages = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    named: dict[str, frozenset[str]] = field(default_factory=dict)
    """Generated page path → the notes whose names it shows."""
    places: dict[str, Filled] = field(default_factory=dict)
    """Shared with the session and updated as files are written: it always describes the files."""
    page_entries: dict[str, list[dict]] = field(default_factory=dict)
    """Page URL → the search entries, with slots, of each page built now."""
    completed: bool = False

    def __post_init__(self) -> None:
        if self.session is not None:
            self.templates, self.collector = self.session.templates, self.session.collector
            self.search, self.places = self.session.search, self.session.places

    def is_modified(self, path: str, page_version: Version) -> bool:
        """Whether the page must be built again, recording what it is built from now."""
        self.versions[path] = page_version
        session = self.session
        same_site = session is not None and session.site_key == self.site_key and session.site_dir == self.site_dir
        modified = not same_site or session.versions.get(path) != page_version  # type: ignore[union-attr]
        self.modified += modified
        return modified

    def vanished(self) -> list[str]:
        """Pages the previous build wrote into this site folder that this build does not have."""
        session = self.session
        if session is None or session.site_dir != self.site_dir:
            return []
        return [path for path in session.versions if path not in self.versions]

    def next_session(self) -> Session | None:
        if self.memo is None or not self.completed:
            return None
        return Session(
            self.memo,
            self.versions,
            self.site_key,
            self.site_dir,
            self.templates,
            self.collector,
            self.search,
            self.names,
            self.places,
        )

    def renamed(self) -> set[str]:
        """Notes whose names differ from those the pages in the site folder show."""
        before = self.session.names if self.session is not None else {}
        if not before:  # the first build of the session builds every page
            return set()
        now = self.names
        return {i for i, name in now.items() if before.get(i) != name} | (before.keys() - now.keys())


_SAVED = frozenset({"created", "modified", "deleted", "moved", "closed"})
"""Events of a change; not "opened" or "closed_no_write", which every build causes by reading the notes."""


def watch_notes(server: object, seeds_dir: Path) -> object | None:
    """Rebuild as soon as the kernel reports a saved note (inotify), not at MkDocs' next poll.

    MkDocs polls what it watches every half second: half the live preview's budget at 1,000 notes.
    This drives the server's own rebuild signal, which is not public API; None if this MkDocs has no
    such signal (the caller then lets MkDocs poll the notes).
    """
    signal = getattr(server, "_rebuild_cond", None)
    if signal is None or not hasattr(server, "_want_rebuild"):
        return None
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class _Saved(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory or event.event_type not in _SAVED:
                return
            with signal:
                server._want_rebuild = True  # type: ignore[attr-defined]
                signal.notify_all()

    observer = Observer()
    observer.daemon = True
    observer.schedule(_Saved(), str(seeds_dir), recursive=True)
    observer.start()
    return observer


def site_key(
    config_file: str | None, settings: dict[str, object], theme_dirs: Iterable[str], docs: Iterable[str]
) -> str:
    """Everything besides a page's Markdown that shapes its HTML: when it changes, every page is rebuilt."""
    digest = hashlib.sha256()
    if config_file and os.path.isfile(config_file):
        digest.update(Path(config_file).read_bytes())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(f"{version('mkdocs')} {version('mkdocs-material')}".encode())
    for directory in theme_dirs:
        for path in sorted(Path(directory).rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    digest.update("\n".join(sorted(docs)).encode())
    return digest.hexdigest()


def entries_json(entries: list[dict]) -> str:
    # As Material writes its index, so that the joined pages equal its own output byte for byte.
    return json.dumps(entries, separators=(",", ":"), default=str)[1:-1]


def fill_entry(entry: dict, name_of: NameOf) -> None:
    """Fill in the names in one search entry's title and text."""
    for key in ("title", "text"):
        value = entry.get(key)
        if isinstance(value, str) and OPEN in value:
            entry[key] = fill(value, name_of)


def filled_entries(entries: list[dict], name_of: NameOf) -> list[dict]:
    """Search entries with the names filled in (copies of those that hold slots)."""
    filled = []
    for entry in entries:
        if any(OPEN in str(entry.get(key, "")) for key in ("title", "text")):
            entry = dict(entry)
            fill_entry(entry, name_of)
        filled.append(entry)
    return filled


def merged_search_index(
    previous: SearchPages,
    current: Mapping[str, list[dict]],
    page_urls: list[str],
    renamed: Collection[str],
    to_json: Callable[[list[dict]], str],
) -> SearchPages:
    """Every page's search entries as a full build would write them, each with its JSON.

    ``previous`` holds the pages of the last build, ``current`` the entries of the pages built
    now, ``renamed`` the pages kept whose names changed. Material's own merge assumes one page per
    rebuild and would keep stale entries of the others; and it serializes the whole index again,
    a second at 10,000 pages, where only the rebuilt pages' part is new.
    """
    pages: SearchPages = {}
    for url in page_urls:
        entries = current.get(url)
        if entries is None and url in previous:
            if url not in renamed:
                pages[url] = previous[url]
                continue
            entries = previous[url][0]
        pages[url] = (entries or [], to_json(entries or []))
    return pages


def search_index_json(head: str, pages: SearchPages, tail: str) -> str:
    """``head``, the entries of every page in order as one JSON list body, ``tail``: copied once."""
    parts = [head]
    for _, text in pages.values():
        if text:
            parts += (text, ",")
    if len(parts) > 1:
        parts.pop()
    parts.append(tail)
    return "".join(parts)
