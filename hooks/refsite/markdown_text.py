"""Writing untrusted strings into generated Markdown so they read as text, never as markup."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")


def md_text(text: str) -> str:
    """Escape ``text`` for inline Markdown: no emphasis, links, HTML or footnote syntax survives."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def table_cell(text: str) -> str:
    """Markdown that fits in one table cell."""
    return " ".join(text.split()).replace("|", "\\|")
