"""Where the source texts are, and whether a run may go on without them.

One setting for every way of running refsite: ``REFSITE_SOURCES`` names the folder of source texts
(``make check``, ``make build``, ``refsite check``, ``mkdocs.yml``, CI), and
``REFSITE_REQUIRE_SOURCES=1`` makes a missing folder an error instead of a notice. The texts are
kept outside the repository (see "The source texts" in CONTRIBUTING.md).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

SOURCES_VARIABLE = "REFSITE_SOURCES"
REQUIRE_VARIABLE = "REFSITE_REQUIRE_SOURCES"
DEFAULT_SOURCES = "../shared/sources"


def sources_from_environment(environ: Mapping[str, str] = os.environ) -> Path:
    """The folder named by ``REFSITE_SOURCES``, or the default one beside the repository."""
    return Path(environ.get(SOURCES_VARIABLE) or DEFAULT_SOURCES)


def required_by_environment(environ: Mapping[str, str] = os.environ) -> bool:
    """True when ``REFSITE_REQUIRE_SOURCES`` is set to anything but empty, 0, false or no."""
    return environ.get(REQUIRE_VARIABLE, "").strip().lower() not in ("", "0", "false", "no")


def shown(folder: Path | None) -> str:
    """The folder as an absolute path, so that a message names it whatever the working directory."""
    return os.path.normpath(os.path.abspath(folder)) if folder is not None else "(no folder set)"


def missing_required(folder: Path | None, required_by: str, how_to_set: str) -> str:
    """The error of a run that must check quotes but finds no source texts."""
    return f"source texts required ({required_by}), but {shown(folder)} is not a folder; {how_to_set}"


def not_checked(quotes: int, folder: Path | None) -> str:
    """The notice of a run that did not check quotes."""
    return f"{quotes} quotes NOT checked: no source texts in {shown(folder)}"
