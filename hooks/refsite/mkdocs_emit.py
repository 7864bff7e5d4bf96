"""Stage 5: hand the generated pages to MkDocs. The only module of refsite that imports MkDocs.

State lives on the config object of the current build, never in module globals: ``mkdocs serve``
keeps hook modules loaded across rebuilds but creates a new config for each one.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .pipeline import BuildResult, run_pipeline

log = get_plugin_logger("refsite")
_STATE = "_refsite_build"
STYLESHEET = "assets/refsite.css"


@dataclass(frozen=True)
class BuildSettings:
    """Where this build reads notes and source texts from."""

    project_root: Path
    seeds_dir: Path
    sources_dir: Path | None


def settings_from(config: MkDocsConfig) -> BuildSettings:
    root = Path(config.config_file_path or ".").resolve().parent
    options = config.extra.get("refsite", {}) or {}
    seeds = root / str(options.get("seeds", "seeds"))
    sources_option = options.get("sources")
    sources = (root / str(sources_option)) if sources_option else None
    return BuildSettings(root, seeds, sources if sources and sources.is_dir() else None)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings = settings_from(config)
    setattr(config, _STATE, settings)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def _fail(result: BuildResult) -> None:
    for problem in result.problems:
        log.error(str(problem))
    raise PluginError(f"refsite: {len(result.problems)} problem(s) in the notes; see the messages above.")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    settings: BuildSettings = getattr(config, _STATE)
    result = run_pipeline(
        settings.seeds_dir, settings.sources_dir, display_root=settings.project_root, site_name=config.site_name
    )
    if not result.ok:
        _fail(result)
    if result.quotes.checked:
        log.info(f"{result.quotes.quotes} quotes checked against {result.quotes.sources} source texts.")
    else:
        log.info(f"{result.quotes.quotes} quotes NOT checked: no source texts folder (extra.refsite.sources).")
    for page in result.pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"refsite: docs/{page.path} clashes with a generated page; remove or rename it.")
        inclusion = InclusionLevel.INCLUDED if page.listed else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
    css = package_files("refsite").joinpath(STYLESHEET).read_text(encoding="utf-8")
    files.append(File.generated(config, STYLESHEET, content=css))
    return files
