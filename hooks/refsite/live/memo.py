"""Reuse of one build's per-note work in the next build of the same ``mkdocs serve`` session.

Every entry is keyed by what it was computed from: the bytes of a note file (by SHA-256), or the
very object a stage received (by identity, with the object itself kept in the entry, so that its
id cannot be taken by another object while the entry lives). An entry can therefore only be
reused for the same input, never for a changed one. Each build starts a new memo from the last
one and keeps only what it used, so entries for deleted or changed notes are dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from refsite.live.incremental import Rendered

MISSING = object()
S = TypeVar("S")
T = TypeVar("T")


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class Memo:
    """Results of the previous build (read only) and of this one (filled as stages run)."""

    def __init__(self, previous: Memo | None = None) -> None:
        self._previous: dict[Hashable, object] = previous._current if previous else {}
        self._current: dict[Hashable, object] = {}
        self.reused = 0
        self.computed = 0
        self.previous_pages: Rendered | None = previous.pages if previous else None
        self.pages: Rendered | None = None
        """The pages of this build with what each read (set by the render stage)."""

    def by_key(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``key`` (which must name everything the value depends on)."""
        if key in self._current:
            return self._current[key]  # type: ignore[return-value]
        if key in self._previous:
            value = self._previous[key]
            self.reused += 1
        else:
            value = compute()
            self.computed += 1
        self._current[key] = value
        return value  # type: ignore[return-value]

    def reuse(self, key: Hashable) -> object:
        """The previous build's value for ``key`` (kept for the next build too), or :data:`MISSING`."""
        if key in self._previous:
            self._current[key] = self._previous[key]
            self.reused += 1
            return self._current[key]
        return MISSING

    def keep(self, key: Hashable, value: object) -> None:
        self._current[key] = value

    def version(self, name: str, value: object) -> int:
        """A number that stays the same for as long as ``value`` equals what it was last build."""
        kept = self._previous.get(("version", name))
        if kept is None or kept[0] != value:  # type: ignore[index]
            kept = (value, kept[1] + 1 if kept else 0)  # type: ignore[index]
        self._current[("version", name)] = kept
        return kept[1]  # type: ignore[index]

    def by_object(self, stage: str, source: S, compute: Callable[[S], T], depends_on: Hashable = ()) -> T:
        """``compute(source)`` for this very object; ``depends_on`` names anything else it reads."""
        key = (stage, id(source), depends_on)
        for table in (self._current, self._previous):
            kept = table.get(key)
            if kept is not None and kept[0] is source:  # type: ignore[index]
                if table is self._previous:
                    self._current[key] = kept
                    self.reused += 1
                return kept[1]  # type: ignore[index]
        value = compute(source)
        self.computed += 1
        self._current[key] = (source, value)
        return value
