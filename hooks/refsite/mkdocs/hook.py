"""Stage 5: hand the generated pages to MkDocs. With its siblings, the only code that imports MkDocs.

MkDocs keeps a hook module loaded for the whole process, so ``hooks/refsite_hook.py`` makes one
:class:`RefsiteHook` and hands MkDocs its methods as the hook's events. That object holds the
serve session (one per ``mkdocs serve`` process) and the :class:`BuildState` of the build under
way, which ``on_config`` makes anew for every build.
"""

from __future__ import annotations

import gc
import os
import posixpath
import sysconfig
import time
from collections.abc import Callable
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from refsite.emit.sanitize import clean_html, plain_text
from refsite.emit.write import safe_target
from refsite.live import preview
from refsite.live.session import LiveBuild, ServeSession, site_key
from refsite.mkdocs import search
from refsite.mkdocs.state import BuildSettings, BuildState
from refsite.pipeline import BuildResult, run_pipeline
from refsite.sources_setting import (
    REQUIRE_VARIABLE,
    SOURCES_VARIABLE,
    missing_required,
    not_checked,
    required_by_environment,
)

log = get_plugin_logger("refsite")
STYLESHEET = "assets/refsite.css"
SEARCH_STYLESHEET = "assets/refsite-search.css"
SEARCH_ASSETS = {
    SEARCH_STYLESHEET: SEARCH_STYLESHEET,
    "assets/refsite-search.js": "assets/javascripts/refsite-search.js",
}
"""The search's files in this package → where the site serves them (scripts beside Material's)."""
THEME_OVERRIDES = Path(__file__).parent / "theme"


def settings_from(config: MkDocsConfig) -> BuildSettings:
    root = Path(config.config_file_path or ".").resolve().parent
    options = config.extra.get("refsite", {}) or {}
    seeds = root / str(options.get("seeds", "seeds"))
    sources_option = options.get("sources")
    sources = (root / str(sources_option)) if sources_option else None
    found = sources if sources and sources.is_dir() else None
    return BuildSettings(root, seeds, found, sources, config.site_name)


class GeneratedPage(File):
    """A generated page that a dirty build skips when it is what the last build of the session wrote.

    MkDocs counts every page generated from memory as modified; ``modified`` is refsite's answer.
    """

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class RefsiteHook:
    """The hook's events, with the state of the process (a serve session) and of the current build."""

    def __init__(self) -> None:
        self.command = "build"
        self.session: ServeSession | None = None
        self._build: BuildState | None = None
        self.indexer: search.LiveIndexer | None = None

    @property
    def build(self) -> BuildState:
        if self._build is None:
            raise PluginError("refsite: an event arrived before on_config")
        return self._build

    def on_startup(self, command: str, dirty: bool) -> None:
        self.command = command
        self.session = ServeSession() if command == "serve" else None
        if command == "serve":
            self.indexer = search.LiveIndexer(
                lambda report: log.info(f"search: Pagefind indexed {report.pages} pages in {report.seconds:.3f} s")
            )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        settings = settings_from(config)
        if self.indexer is not None:
            self.indexer.stop()
        if settings.sources_dir is None and required_by_environment():
            # Never a site whose quotes were not checked when the build must check them (CI's publish).
            how = f"set {SOURCES_VARIABLE} (extra.refsite.sources) to the folder of source texts"
            raise PluginError(f"refsite: {missing_required(settings.sources_option, f'{REQUIRE_VARIABLE}=1', how)}")
        live = self.session.start_build(config.site_dir) if self.session is not None else None
        self._build = BuildState(settings, live)
        if config.theme.name == "material" and str(THEME_OVERRIDES) not in config.theme.dirs:
            # After the project's own custom_dir, if any, so that it can still override anything.
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_OVERRIDES))
        # Pagefind replaces Material's search: the site is indexed after it is built (see refsite.mkdocs.search).
        self._build.search = "search" not in config.plugins and "material/search" not in config.plugins
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if self._build.search and SEARCH_STYLESHEET not in config.extra_css:
            config.extra_css.append(SEARCH_STYLESHEET)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Millions of short-lived objects without cycles, which reference counting frees: automatic
        # collection would only scan them again and again while the pipeline runs.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._add_pages(files, config)
        finally:
            if collecting:
                gc.enable()

    def _add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        build = self.build
        settings, live = build.settings, build.live
        result = run_pipeline(
            settings.seeds_dir,
            settings.sources_dir,
            display_root=settings.project_root,
            site_name=settings.site_name,
            cache=live.cache if live is not None else None,
        )
        emit_start = time.perf_counter()
        pages = result.pages
        if not result.ok:
            if live is None:
                _fail(result)
            # Live preview: report, keep serving, and show the problems on the pages (see refsite.live.preview).
            for problem in result.problems:
                log.error(str(problem))
            log.error(f"{len(result.problems)} problem(s) in the notes; the preview shows them on every page.")
            build.shown_problems = result.problems
            existing = {page.path for page in pages}
            pages += preview.stand_in_pages(result.problems, settings.seeds_dir, settings.project_root, existing)
        for warning in result.warnings:
            log.warning(str(warning))
        _report_quotes(result, settings)
        shown = "\n".join(map(str, build.shown_problems))
        if live is not None:
            _start_live_build(live, files, config, shown)
        for page in pages:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"refsite: docs/{page.path} clashes with a generated page; remove or rename it.")
            inclusion = InclusionLevel.INCLUDED if page.listed else InclusionLevel.NOT_IN_NAV
            file = GeneratedPage.generated(config, page.path, content=page.markdown, inclusion=inclusion)
            assert isinstance(file, GeneratedPage)  # made by the class it is called on
            file.modified = live is None or live.is_modified(page.path, (page.markdown, shown))
            files.append(file)
            build.generated.add(page.path)
        css = package_files("refsite.mkdocs").joinpath(STYLESHEET).read_text(encoding="utf-8")
        files.append(File.generated(config, STYLESHEET, content=css))
        if build.search:
            for asset, served in SEARCH_ASSETS.items():
                text = package_files("refsite.mkdocs").joinpath(asset).read_text(encoding="utf-8")
                files.append(File.generated(config, served, content=text))
        for file in files:
            # Generated paths are built from checked ids, so a lexical check suffices for them; the full
            # check resolves symbolic links, a few system calls per file, too slow for every live rebuild.
            if isinstance(file, GeneratedPage) and _lexically_inside(file.dest_uri):
                continue
            try:
                safe_target(Path(config.site_dir), file.dest_uri)
            except ValueError as error:
                raise PluginError(f"refsite: {file.src_uri} would be written outside the site folder") from error
        build.search_keys = search.page_keys(result.graph, build.generated)
        stages = {**result.timings, "emit": time.perf_counter() - emit_start}
        log.info("stages " + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in stages.items()))
        if live is not None:
            log.info(f"{live.modified} of {len(pages)} generated pages changed; only those are built again.")
        return files

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        """Rebuild when a note changes, whatever the project's ``watch`` setting says."""
        seeds = self.build.settings.seeds_dir
        watched = {Path(path).resolve() for path in config.watch}
        if seeds.is_dir() and seeds.resolve() not in watched:
            server.watch(str(seeds))
        return server

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.session is not None:
            env.bytecode_cache = self.session.templates
        return env

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        problems = self.build.shown_problems
        return preview.with_banner(markdown, problems) if problems else markdown

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Notes are untrusted: only allow-listed HTML reaches the page (see refsite.emit.sanitize)."""
        html = clean_html(html)
        if not self.build.search:
            return html
        return search.mark_page(html, plain_text(page.title or ""), self.build.search_keys.get(page.file.src_uri))

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        """Refuse a page whose title reaches the HTML unescaped."""
        title = plain_text(page.title or "")
        if "<" in title and title in output:
            raise PluginError(f"refsite: the title of {page.file.src_uri} would reach the HTML unescaped")
        return output

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Index the site for search; in a live preview, remove the pages of deleted notes first."""
        live = self.build.live
        if live is None:
            self._index(config)
            return
        for path in live.vanished():
            output = File(path, None, config.site_dir, config.use_directory_urls).abs_dest_path
            _remove_output(output, config.site_dir)
        live.complete()
        if self.build.search and self.indexer is not None:
            self.indexer.start(Path(config.site_dir))

    def _index(self, config: MkDocsConfig) -> None:
        if not self.build.search:
            return
        report = search.index_site(Path(config.site_dir))
        log.info(f"search: Pagefind indexed {report.pages} pages in {report.seconds:.3f} s")


def _fail(result: BuildResult) -> None:
    for problem in result.problems:
        log.error(str(problem))
    raise PluginError(f"refsite: {len(result.problems)} problem(s) in the notes; see the messages above.")


def _report_quotes(result: BuildResult, settings: BuildSettings) -> None:
    if result.quotes.checked:
        log.info(f"{result.quotes.quotes} quotes checked against {result.quotes.sources} source texts.")
        return
    # A notice, not a warning: a strict build without the texts (a pull request from a fork) still passes.
    notice = not_checked(result.quotes.quotes, settings.sources_option)
    log.info(f"{notice} (extra.refsite.sources; set {SOURCES_VARIABLE}).")


def _lexically_inside(path: str) -> bool:
    normal = posixpath.normpath(path)
    return not posixpath.isabs(normal) and normal != ".." and not normal.startswith("../") and "\\" not in path


def _start_live_build(live: LiveBuild, files: Files, config: MkDocsConfig, shown: str) -> None:
    """Work out what shapes every page besides its own Markdown; if that changed, rebuild all pages."""
    installed = Path(sysconfig.get_paths()["purelib"]).resolve()
    own_themes = [d for d in config.theme.dirs if installed not in Path(d).resolve().parents]
    settings: dict[str, Any] = {
        "site_url": config.site_url,
        "site_name": config.site_name,
        "extra": config.extra,
        "shown": shown,
    }
    live.site_key = site_key(config.config_file_path, settings, own_themes, [f.src_uri for f in files])
    if not live.same_site():
        # Hand-written pages too: MkDocs rebuilds them in a dirty build only if their output is gone.
        for file in files.documentation_pages():
            _remove_output(file.abs_dest_path, config.site_dir)


def _remove_output(path: str, site_dir: str) -> None:
    """Delete one page's output, and its folder if that is left empty."""
    if os.path.isfile(path):
        os.remove(path)
        folder = os.path.dirname(path)
        if os.path.abspath(folder) != os.path.abspath(site_dir) and not os.listdir(folder):
            os.rmdir(folder)
