"""Stage 5: hand the generated pages to MkDocs. The only module of refsite that imports MkDocs.

State lives on the config object of the current build, never in module globals: ``mkdocs serve``
keeps hook modules loaded across rebuilds but creates a new config for each one. The one exception
is the command (``serve`` or ``build``), which MkDocs reports once per process, before any config.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from . import preview
from .pipeline import BuildResult, run_pipeline
from .sanitize import clean_html, plain_text
from .write import safe_target

log = get_plugin_logger("refsite")
_STATE = "_refsite_build"
_PROBLEMS = "_refsite_problems"
STYLESHEET = "assets/refsite.css"
THEME_OVERRIDES = Path(__file__).parent / "theme"
_command = "build"


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


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings = settings_from(config)
    setattr(config, _STATE, settings)
    setattr(config, _PROBLEMS, ())
    if config.theme.name == "material" and str(THEME_OVERRIDES) not in config.theme.dirs:
        # After the project's own custom_dir, if any, so that it can still override anything.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_OVERRIDES))
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
    emit_start = time.perf_counter()
    pages = result.pages
    if not result.ok:
        if _command != "serve":
            _fail(result)
        # Live preview: report, keep serving, and show the problems on the pages (see refsite.preview).
        for problem in result.problems:
            log.error(str(problem))
        log.error(f"{len(result.problems)} problem(s) in the notes; the preview shows them on every page.")
        setattr(config, _PROBLEMS, result.problems)
        existing = {page.path for page in pages}
        pages += preview.stand_in_pages(result.problems, settings.seeds_dir, settings.project_root, existing)
    for warning in result.warnings:
        log.warning(str(warning))
    if result.quotes.checked:
        log.info(f"{result.quotes.quotes} quotes checked against {result.quotes.sources} source texts.")
    else:
        log.info(f"{result.quotes.quotes} quotes NOT checked: no source texts folder (extra.refsite.sources).")
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"refsite: docs/{page.path} clashes with a generated page; remove or rename it.")
        inclusion = InclusionLevel.INCLUDED if page.listed else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
    css = package_files("refsite").joinpath(STYLESHEET).read_text(encoding="utf-8")
    files.append(File.generated(config, STYLESHEET, content=css))
    for file in files:
        try:
            safe_target(Path(config.site_dir), file.dest_uri)
        except ValueError as error:
            raise PluginError(f"refsite: {file.src_uri} would be written outside the site folder") from error
    stages = {**result.timings, "emit": time.perf_counter() - emit_start}
    log.info("stages " + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in stages.items()))
    return files


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    """Rebuild when a note changes, whatever the project's ``watch`` setting says."""
    settings: BuildSettings = getattr(config, _STATE)
    if settings.seeds_dir.is_dir():
        server.watch(str(settings.seeds_dir))
    return server


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    problems = getattr(config, _PROBLEMS, ())
    return preview.with_banner(markdown, problems) if problems else markdown


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Notes are untrusted: only allow-listed HTML reaches the page (see refsite.sanitize)."""
    return clean_html(html)


def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
    """Refuse a page whose title reaches the HTML unescaped (e.g. a theme without our title block)."""
    title = plain_text(page.title or "")
    if "<" in title and title in output:
        raise PluginError(f"refsite: the title of {page.file.src_uri} would reach the HTML unescaped")
    return output
