"""Writing untrusted strings into generated Markdown so they read as text, never as markup."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")
# Both escapes replace single characters, so one translation table does both in one C-level pass:
# the same result as html.escape (no quotes) followed by a backslash before each Markdown special.
_ESCAPES = str.maketrans({c: _MD_SPECIAL.sub(r"\\\1", html.escape(c, quote=False)) for c in "&<>\\`*_{}[]()#+!"})


def md_text(text: str) -> str:
    """Escape ``text`` for inline Markdown: no emphasis, links, HTML or footnote syntax survives."""
    return " ".join(text.split()).translate(_ESCAPES)


def table_cell(text: str) -> str:
    """Markdown that fits in one table cell."""
    return " ".join(text.split()).replace("|", "\\|")
