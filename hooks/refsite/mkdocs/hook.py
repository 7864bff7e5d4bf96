"""Stage 5: hand the generated pages to MkDocs. The only module of refsite that imports MkDocs.

State lives on the config object of the current build, never in module globals: ``mkdocs serve``
keeps hook modules loaded across rebuilds but creates a new config for each one. The one exception
is the command (``serve`` or ``build``), which MkDocs reports once per process, before any config.
"""

from __future__ import annotations

import gc
import os
import posixpath
import sysconfig
import time
from collections.abc import Callable
from dataclasses import dataclass
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

import refsite.live.preview as preview
import refsite.live.session as live
from refsite.emit.sanitize import BackgroundCleaner, clean_html, plain_text
from refsite.emit.write import safe_target
from refsite.live.memo import Memo
from refsite.live.name_slots import fill, fill_recording, html_name, refill, search_name
from refsite.pipeline import BuildResult, run_pipeline

log = get_plugin_logger("refsite")
_STATE = "_refsite_build"
_PROBLEMS = "_refsite_problems"
_LIVE = "_refsite_live"
_NAMES = "_refsite_names"
_CLEANER = "_refsite_cleaner"
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
    # In a live preview each build reuses the last one's work (see refsite.live.session); a one-off build does not.
    session = live.SESSION.get()
    memo = Memo(session.memo) if session else Memo() if _command == "serve" else None
    build = live.LiveBuild(session, memo, "", config.site_dir)
    if memo is not None:
        build.collector.pause()
    setattr(config, _LIVE, build)
    cores = os.cpu_count() or 1
    setattr(config, _CLEANER, BackgroundCleaner(min(cores - 1, 4)) if cores > 1 else None)
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
    # Millions of short-lived objects without cycles, which reference counting frees: automatic
    # collection would only scan them again and again (a quarter of the pipeline's time at 10,000 notes).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _add_pages(files, config)
    finally:
        if collecting:
            gc.enable()


def _add_pages(files: Files, config: MkDocsConfig) -> Files:
    settings: BuildSettings = getattr(config, _STATE)
    build: live.LiveBuild = getattr(config, _LIVE)
    result = run_pipeline(
        settings.seeds_dir,
        settings.sources_dir,
        display_root=settings.project_root,
        site_name=config.site_name,
        memo=build.memo,
    )
    emit_start = time.perf_counter()
    pages = result.pages
    if not result.ok:
        if _command != "serve":
            _fail(result)
        # Live preview: report, keep serving, and show the problems on the pages (see refsite.live.preview).
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
    shown = "\n".join(map(str, getattr(config, _PROBLEMS)))
    setattr(config, _NAMES, _Names({i: label.name for i, label in result.graph.labels.items()}))
    if build.memo is not None:
        build.names = getattr(config, _NAMES).plain
        build.named = {page.path: page.named for page in pages}
        _start_live_build(build, files, config, shown)
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"refsite: docs/{page.path} clashes with a generated page; remove or rename it.")
        inclusion = InclusionLevel.INCLUDED if page.listed else InclusionLevel.NOT_IN_NAV
        file = _PageFile.generated(config, page.path, content=page.markdown, inclusion=inclusion)
        file.modified = build.is_modified(page.path, (page.markdown, shown))
        files.append(file)
    css = package_files("refsite.mkdocs").joinpath(STYLESHEET).read_text(encoding="utf-8")
    files.append(File.generated(config, STYLESHEET, content=css))
    for file in files:
        # Generated paths are built from checked ids, so a lexical check suffices for them; the full
        # check resolves symbolic links, a few system calls per file, too slow for every live rebuild.
        if isinstance(file, _PageFile) and _lexically_inside(file.dest_uri):
            continue
        try:
            safe_target(Path(config.site_dir), file.dest_uri)
        except ValueError as error:
            raise PluginError(f"refsite: {file.src_uri} would be written outside the site folder") from error
    stages = {**result.timings, "emit": time.perf_counter() - emit_start}
    log.info("stages " + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in stages.items()))
    if build.session is not None:
        log.info(f"{build.modified} of {len(pages)} generated pages changed; only those are built again.")
    build.files = files
    return files


class _Names:
    """Each note's name as the pages' HTML and search index show it, for filling the slots."""

    def __init__(self, plain: dict[str, str]) -> None:
        self.plain = plain
        self._html: dict[str, str] = {}
        self._search: dict[str, str] = {}

    def html(self, ident: str) -> str:
        found = self._html.get(ident)
        if found is None:
            found = self._html[ident] = html_name(self.plain.get(ident, ident))
        return found

    def search(self, ident: str) -> str:
        found = self._search.get(ident)
        if found is None:
            found = self._search[ident] = search_name(self.plain.get(ident, ident))
        return found


def _lexically_inside(path: str) -> bool:
    normal = posixpath.normpath(path)
    return not posixpath.isabs(normal) and normal != ".." and not normal.startswith("../") and "\\" not in path


class _PageFile(File):
    """A generated page that a dirty build skips when it is what the last build of the session wrote.

    MkDocs counts every page generated from memory as modified; ``modified`` is refsite's answer.
    """

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def _start_live_build(build: live.LiveBuild, files: Files, config: MkDocsConfig, shown: str) -> None:
    """Work out what shapes every page besides its own Markdown; if that changed, rebuild all pages."""
    installed = Path(sysconfig.get_paths()["purelib"]).resolve()
    own_themes = [d for d in config.theme.dirs if installed not in Path(d).resolve().parents]
    settings = {"site_url": config.site_url, "site_name": config.site_name, "extra": config.extra, "shown": shown}
    docs = [f.src_uri for f in files]
    build.site_key = live.site_key(config.config_file_path, settings, own_themes, docs)
    session = build.session
    if session is None or session.site_key != build.site_key or session.site_dir != build.site_dir:
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


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    """Rebuild when a note changes, whatever the project's ``watch`` setting says."""
    settings: BuildSettings = getattr(config, _STATE)
    if settings.seeds_dir.is_dir():
        if live.watch_notes(server, settings.seeds_dir) is None:
            server.watch(str(settings.seeds_dir))
        else:  # watched already: polling them too would rebuild a second time for each save
            seeds = settings.seeds_dir.resolve()
            config.watch[:] = [path for path in config.watch if Path(path).resolve() != seeds]
    # The session lives as long as the server and reaches each rebuild through its builder.
    first: live.LiveBuild | None = getattr(config, _LIVE, None)
    session = (first.next_session() if first else None) or live.Session(Memo(), {}, "", "")
    rebuild = server.builder

    def build_in_session(*args: object, **kwargs: object) -> None:
        token = live.SESSION.set(session)
        try:
            rebuild(*args, **kwargs)
        finally:
            live.SESSION.reset(token)

    server.builder = build_in_session  # type: ignore[method-assign]
    return server


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    build: live.LiveBuild | None = getattr(config, _LIVE, None)
    if build is not None and build.memo is not None:
        env.bytecode_cache = build.templates
    return env


@event_priority(100)  # before the search plugin and the theme read the page
def on_page_context(context: dict, page: MkDocsPage, config: MkDocsConfig, nav: object) -> dict:
    cleaner: BackgroundCleaner | None = getattr(config, _CLEANER, None)
    if cleaner is not None:
        page.content = cleaner.result(page.file.src_uri, page.content or "")
    build: live.LiveBuild | None = getattr(config, _LIVE, None)
    if build is not None:
        build.built_urls.add(page.url)
    return context


def _fill_search_entries(page: MkDocsPage, config: MkDocsConfig) -> None:
    """Fill in the names in the search entries the search plugin made of this page (the last ones)."""
    build: live.LiveBuild | None = getattr(config, _LIVE, None)
    names: _Names | None = getattr(config, _NAMES, None)
    plugin = _search_plugin(config)
    if build is None or names is None or plugin is None:
        return
    entries = plugin.search_index.entries
    first = len(entries)
    while first and str(entries[first - 1].get("location", "")).split("#", 1)[0] == page.url:
        first -= 1
    if build.memo is not None:
        build.page_entries[page.url] = [dict(entry) for entry in entries[first:]]  # with slots, for later renames
    for entry in entries[first:]:  # filled in place: copies would add work for the garbage collector
        live.fill_entry(entry, names.search)


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin with its index of entries, if that is the search in use."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if hasattr(plugin, "search_index_prev") and isinstance(getattr(index, "entries", None), list):
            return plugin
    return None


def on_build_error(error: Exception) -> None:
    session = live.SESSION.get()
    if session is not None:
        session.collector.collect_soon()  # as after a build that worked (see refsite.live.session.Collector)


def on_shutdown() -> None:
    gc.unfreeze()  # a live preview freezes and pauses automatic collection (see refsite.live.session.Collector)
    gc.enable()


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config: MkDocsConfig) -> None:
    """Finish a build; a live preview's: complete search index, no page of a deleted note, session moved on."""
    cleaner: BackgroundCleaner | None = getattr(config, _CLEANER, None)
    if cleaner is not None:
        cleaner.close()  # a page still waiting was never built: its content stayed the empty stand-in
    build: live.LiveBuild | None = getattr(config, _LIVE, None)
    if build is None or build.memo is None:
        return
    if build.files is not None:
        renamed = _show_new_names(build, getattr(config, _NAMES), build.files)
        _complete_search_index(build, config, build.files, renamed)
    for path in build.vanished():
        _remove_output(File(path, None, config.site_dir, config.use_directory_urls).abs_dest_path, config.site_dir)
    build.completed = True
    build.collector.collect_soon()
    session, finished = live.SESSION.get(), build.next_session()
    if session is not None and finished is not None:
        session.advance(finished)


def _show_new_names(build: live.LiveBuild, names: _Names, files: Files) -> set[str]:
    """Put new names into the pages not built again that show them; return those pages' URLs.

    Their Markdown holds slots, not names (see refsite.live.name_slots), so it is unchanged, and so is
    the rest of their HTML: the names are written where the last build of the page put them.
    """
    renamed = build.renamed()
    patched: set[str] = set()
    if not renamed:
        return patched
    for file in files.documentation_pages():
        page, named = file.page, build.named.get(file.src_uri)
        if page is None or not named or page.url in build.built_urls or named.isdisjoint(renamed):
            continue
        filled = build.places.get(page.url)
        if filled is None or not os.path.isfile(file.abs_dest_path):
            continue
        text = Path(file.abs_dest_path).read_text(encoding="utf-8")
        text, build.places[page.url] = refill(text, filled, renamed, names.html)
        Path(file.abs_dest_path).write_text(text, encoding="utf-8")
        patched.add(page.url)
    if patched:
        log.info(f"{len(renamed)} note(s) renamed: the names written anew in {len(patched)} page(s) not built again.")
    return patched


def _complete_search_index(build: live.LiveBuild, config: MkDocsConfig, files: Files, renamed: set[str]) -> None:
    """Make Material's search plugin write the whole index, serializing only the rebuilt pages' entries."""
    plugin = _search_plugin(config)
    if plugin is None or not hasattr(plugin.search_index, "config"):
        return
    index = plugin.search_index
    empty = type(index)(**index.config).generate_search_index(None)
    if not empty.endswith(_NO_DOCS):
        return  # a search index of another shape: leave it to the plugin
    pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    urls = [f.page.url for f in pages if f.page is not None]
    names: _Names = getattr(config, _NAMES)

    def to_json(entries: list[dict]) -> str:
        return live.entries_json(live.filled_entries(entries, names.search))

    build.search = live.merged_search_index(build.search, build.page_entries, urls, renamed, to_json)
    written = live.search_index_json(empty[:-2], build.search, "]}")  # the docs list opened, filled, closed
    index.generate_search_index = lambda previous: written
    plugin.search_index_prev = None  # complete already: the plugin's own merge would add stale entries


_NO_DOCS = '"docs":[]}'


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    problems = getattr(config, _PROBLEMS, ())
    return preview.with_banner(markdown, problems) if problems else markdown


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Notes are untrusted: only allow-listed HTML reaches the page (see refsite.emit.sanitize)."""
    cleaner: BackgroundCleaner | None = getattr(config, _CLEANER, None)
    return clean_html(html) if cleaner is None else cleaner.submit(page.file.src_uri, html)


def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
    """Fill in the names in links; refuse a page whose title reaches the HTML unescaped."""
    _fill_search_entries(page, config)
    names: _Names | None = getattr(config, _NAMES, None)
    build: live.LiveBuild | None = getattr(config, _LIVE, None)
    if names is not None and build is not None and build.memo is not None:
        output, build.places[page.url] = fill_recording(output, names.html)
    elif names is not None:
        output = fill(output, names.html)
    title = plain_text(page.title or "")
    if "<" in title and title in output:
        raise PluginError(f"refsite: the title of {page.file.src_uri} would reach the HTML unescaped")
    return output
