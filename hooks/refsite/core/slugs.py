"""Note ids, kinds and the page paths derived from them.

Ids come from file names that contributors choose, so they are checked against a strict pattern
before any path is built from them. Page paths are a distinct type so that an id can never be
used where a path is meant, or the reverse.
"""

from __future__ import annotations

import posixpath
import re
from enum import StrEnum
from typing import NewType

NoteId = NewType("NoteId", str)
"""A checked note id: lowercase ASCII letters and digits in hyphen-separated words."""

PagePath = NewType("PagePath", str)
"""A POSIX path of a generated Markdown page, relative to the site's docs root."""

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)
MAX_ID_LENGTH = 80


class Kind(StrEnum):
    """The kinds of note, each kept in its own folder of ``seeds/``."""

    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"
    EQUIPMENT = "equipment"
    EVENT = "event"
    THEME = "theme"
    SOURCE = "source"
    DISAGREEMENT = "disagreement"
    QUESTION = "question"

    @property
    def folder(self) -> str:
        return _FOLDERS[self]

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def plural_label(self) -> str:
        return self.folder.capitalize()


_FOLDERS = {
    Kind.PERSON: "people",
    Kind.PLACE: "places",
    Kind.ORGANIZATION: "organizations",
    Kind.EQUIPMENT: "equipment",
    Kind.EVENT: "events",
    Kind.THEME: "themes",
    Kind.SOURCE: "sources",
    Kind.DISAGREEMENT: "disagreements",
    Kind.QUESTION: "questions",
}
KIND_BY_FOLDER = {folder: kind for kind, folder in _FOLDERS.items()}
ENTITY_KINDS = (Kind.PERSON, Kind.PLACE, Kind.ORGANIZATION, Kind.EQUIPMENT, Kind.EVENT, Kind.THEME)


def is_valid_id(text: str) -> bool:
    # fullmatch, not match: "$" would also accept a trailing newline ("x\n" from a file name).
    return len(text) <= MAX_ID_LENGTH and bool(_ID_RE.fullmatch(text))


def note_id(text: str) -> NoteId:
    """Return ``text`` as a :data:`NoteId`, or raise ``ValueError`` if it is not a valid id."""
    if not is_valid_id(text):
        raise ValueError(f"not a valid note id: {text!r}")
    return NoteId(text)


def page_path(kind: Kind, ident: NoteId) -> PagePath:
    """The page of one note, e.g. ``people/emomali-rahmon.md``."""
    return PagePath(f"{kind.folder}/{note_id(ident)}.md")


def index_path(kind: Kind) -> PagePath:
    return PagePath(f"{kind.folder}/index.md")


def shown_on(kind: Kind, ident: NoteId) -> PagePath:
    """The page that shows a note: its own, or for a question the Key questions page."""
    return index_path(kind) if kind is Kind.QUESTION else page_path(kind, ident)


def relative_link(from_page: PagePath, to_page: PagePath) -> str:
    """A relative Markdown link from one page to another, as MkDocs resolves them."""
    start, target = from_page.split("/")[:-1], to_page.split("/")
    if {"", ".", ".."} & {*start, *target}:
        return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    # The same answer as posixpath.relpath for clean relative paths, without its abspath calls:
    # every page links to dozens of others, so this runs a few hundred thousand times.
    common = 0
    while common < len(start) and common < len(target) - 1 and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])
