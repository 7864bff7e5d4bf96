"""Names in links are filled in last, so that a rename patches pages instead of rebuilding them.

A link to a note shows the note's name. Rendered with the name in it, every page that links to a
note would change when the note is renamed, and each such page would go through Markdown, the
theme and the search index again. Instead the Markdown holds a *slot* for the name, which the emit
stage fills in the page's HTML and search entries. A rename then leaves those pages' Markdown as it
was, and a live preview patches the names where it wrote them (see :class:`Filled`).

The slot characters are private-use code points that notes may not contain (the loader refuses
them), so every slot on a page was put there by the renderer.
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Callable, Collection
from dataclasses import dataclass

from refsite.core.slugs import NoteId

OPEN, CLOSE = "\ue000", "\ue001"
RESERVED = OPEN + CLOSE
"""Characters notes may not contain."""
_SLOT = re.compile(f"{OPEN}([a-z0-9-]+){CLOSE}")

NameOf = Callable[[str], str]
"""Note id → the text that fills its slot (the name as Markdown, as HTML…)."""


def slot(ident: NoteId) -> str:
    """Where a link shows the name of note ``ident``."""
    return f"{OPEN}{ident}{CLOSE}"


def html_name(name: str) -> str:
    """A name as HTML text, safe in element content and in quoted attributes alike."""
    return html.escape(name, quote=True)


def search_name(name: str) -> str:
    """A name as the search index holds text: escaped like the rest of it (quotes kept)."""
    return html.escape(name, quote=False)


def fill(text: str, name_of: NameOf) -> str:
    """``text`` with every slot replaced by its note's name."""
    if OPEN not in text:
        return text
    return _SLOT.sub(lambda match: name_of(match.group(1)), text)


@dataclass(frozen=True)
class Filled:
    """Where a filled text holds names: enough to put other names there later without the slots."""

    offsets: array
    lengths: array
    idents: tuple[str, ...]

    def names(self) -> frozenset[str]:
        return frozenset(self.idents)


_NONE = Filled(array("l"), array("l"), ())


def fill_recording(text: str, name_of: NameOf) -> tuple[str, Filled]:
    """Like :func:`fill`, also returning where each name went."""
    if OPEN not in text:
        return text, _NONE
    parts: list[str] = []
    offsets, lengths, idents = array("l"), array("l"), []
    written = start = 0
    for match in _SLOT.finditer(text):
        before = text[start : match.start()]
        name = name_of(match.group(1))
        parts += (before, name)
        written += len(before)
        offsets.append(written)
        lengths.append(len(name))
        idents.append(match.group(1))
        written += len(name)
        start = match.end()
    parts.append(text[start:])
    return "".join(parts), Filled(offsets, lengths, tuple(idents))


def refill(text: str, filled: Filled, changed: Collection[str], name_of: NameOf) -> tuple[str, Filled]:
    """``text`` (as :func:`fill_recording` left it) with the names of ``changed`` notes put anew."""
    parts: list[str] = []
    offsets, lengths = array("l"), array("l")
    written = start = 0
    for offset, length, ident in zip(filled.offsets, filled.lengths, filled.idents, strict=True):
        name = name_of(ident) if ident in changed else text[offset : offset + length]
        before = text[start:offset]
        parts += (before, name)
        written += len(before)
        offsets.append(written)
        lengths.append(len(name))
        written += len(name)
        start = offset + length
    parts.append(text[start:])
    return "".join(parts), Filled(offsets, lengths, filled.idents)
