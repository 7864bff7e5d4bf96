"""What one build knows: where it reads from, and what it found. Made anew for every build."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from refsite.core.problems import Problem
from refsite.live.session import LiveBuild
from refsite.mkdocs.search import SearchKeys


@dataclass(frozen=True)
class BuildSettings:
    """Where this build reads notes and source texts from, and what it shows as the site's name."""

    project_root: Path
    seeds_dir: Path
    sources_dir: Path | None
    """The source texts, if that folder exists; without them quotes are not checked."""
    sources_option: Path | None
    """The folder the settings name, whether it exists or not (for messages)."""
    site_name: str


@dataclass
class BuildState:
    """The state of one build: its settings, the problems its pages show, its part of a live session."""

    settings: BuildSettings
    live: LiveBuild | None = None
    """Set in a live preview only (``mkdocs serve``)."""
    shown_problems: tuple[Problem, ...] = ()
    """Problems a live preview shows on top of every page; a one-off build fails on them instead."""
    generated: set[str] = field(default_factory=set)
    """Paths of the pages this build generated, for telling them from hand-written ones."""
    search: bool = False
    """Pagefind indexes the site: Material's search plugin is not in the configuration."""
    search_keys: dict[str, SearchKeys] = field(default_factory=dict)
    """Page path → what the search index learns about the page besides its text."""
