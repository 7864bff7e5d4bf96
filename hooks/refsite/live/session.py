"""Live preview: what ``mkdocs serve --dirty`` carries from one build to the next.

A dirty build rebuilds only the pages whose source is modified; a page that MkDocs generates from
memory always counts as modified. refsite tells MkDocs instead which of its pages differ from what
the previous build of the session wrote into the same site folder, so an edit rebuilds the pages
it touches and no others. A page counts as unchanged only if its Markdown, the problems shown on
it and the site's settings are all the same as last time; anything else rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import jinja2

from refsite.live.cache import Cache

Version = tuple[str, str]
"""What a page was built from: its Markdown and the problems shown on it."""


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


@dataclass
class ServeSession:
    """One ``mkdocs serve`` process: what its last completed build left in the site folder."""

    cache: Cache = field(default_factory=Cache)
    versions: dict[str, Version] = field(default_factory=dict)
    """Page path → what the page in ``site_dir`` was built from."""
    site_key: str = ""
    site_dir: str = ""
    templates: TemplateCache = field(default_factory=TemplateCache)

    def start_build(self, site_dir: str) -> LiveBuild:
        return LiveBuild(self, Cache(self.cache), site_dir)


@dataclass
class LiveBuild:
    """One build's part of the session; it becomes the session's state once the build completes."""

    session: ServeSession
    cache: Cache
    site_dir: str
    site_key: str = ""
    versions: dict[str, Version] = field(default_factory=dict)
    modified: int = 0

    def same_site(self) -> bool:
        """Whether the pages in the site folder were built with the same settings, theme and files."""
        return self.session.site_key == self.site_key and self.session.site_dir == self.site_dir

    def is_modified(self, path: str, page_version: Version) -> bool:
        """Whether the page must be built again, recording what it is built from now."""
        self.versions[path] = page_version
        modified = not self.same_site() or self.session.versions.get(path) != page_version
        self.modified += modified
        return modified

    def vanished(self) -> list[str]:
        """Pages the previous build wrote into this site folder that this build does not have."""
        if self.session.site_dir != self.site_dir:
            return []
        return [path for path in self.session.versions if path not in self.versions]

    def complete(self) -> None:
        """The build has written the site: the next one starts from it."""
        session = self.session
        session.cache, session.versions = self.cache, self.versions
        session.site_key, session.site_dir = self.site_key, self.site_dir


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
