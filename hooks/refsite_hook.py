"""MkDocs hook: adds the pages generated from ``seeds/`` to the build (see refsite.mkdocs.hook).

MkDocs loads this module once per process; its one :class:`RefsiteHook` keeps the live preview's
session from one rebuild to the next and a fresh state for each build.
"""

from refsite.mkdocs.hook import RefsiteHook

_hook = RefsiteHook()

on_startup = _hook.on_startup
on_config = _hook.on_config
on_files = _hook.on_files
on_serve = _hook.on_serve
on_env = _hook.on_env
on_page_markdown = _hook.on_page_markdown
on_page_content = _hook.on_page_content
on_post_page = _hook.on_post_page
on_post_build = _hook.on_post_build
