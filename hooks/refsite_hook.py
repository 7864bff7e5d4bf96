"""MkDocs hook: adds the pages generated from ``seeds/`` to the build (see refsite.mkdocs_emit)."""

from refsite.mkdocs_emit import on_config, on_files

__all__ = ["on_config", "on_files"]
