"""Stage 1: read note files from ``seeds/`` into raw notes, reporting anything unreadable.

Nothing is dropped silently: every file below ``seeds/`` is either a note or a problem.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from refsite.core.problems import Problem
from refsite.core.slugs import KIND_BY_FOLDER, Kind, NoteId, is_valid_id, shared_id
from refsite.live.memo import MISSING, Memo, digest
from refsite.load.frontmatter_yaml import REFUSED, FieldPath, parse_front_matter, refused_character
from refsite.load.readahead import ReadAhead

MAX_NOTE_BYTES = 256 * 1024


@dataclass(frozen=True)
class RawNote:
    """A note as read from disk: front matter as plain strings, lists and dicts, and its body."""

    path: str
    """Path for messages, relative to the project root."""
    kind: Kind
    ident: NoteId
    data: dict[str, object]
    lines: dict[FieldPath, int] = field(hash=False, compare=False)
    """Line of each front-matter value, in file lines."""
    body: str
    body_line: int
    """File line on which the body starts."""

    def line_of(self, path: FieldPath) -> int:
        """The line of the deepest part of ``path`` that has one; the front matter start otherwise."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


@dataclass(frozen=True)
class LoadResult:
    notes: tuple[RawNote, ...]
    problems: tuple[Problem, ...]
    unreadable: tuple[tuple[Kind, NoteId], ...] = ()
    """Notes named correctly but not readable: references to them are not reported as dangling too."""


def load_notes(seeds_dir: Path, display_root: Path | None = None, memo: Memo | None = None) -> LoadResult:
    """Read every note below ``seeds_dir``; paths in messages are relative to ``display_root``.

    With a ``memo`` (``mkdocs serve``), a file whose bytes are unchanged is not parsed again.
    """
    root = display_root or seeds_dir.parent
    notes: list[RawNote] = []
    problems: list[Problem] = []
    unreadable: list[tuple[Kind, NoteId]] = []
    if not seeds_dir.is_dir():
        return LoadResult(
            (), (Problem(_show(seeds_dir, root), 1, "file", "notes folder not found", "a folder of notes"),)
        )
    below = len(seeds_dir.parts)
    entries = [(path, _lstat(path)) for path in sorted(seeds_dir.rglob("*"), key=_parts)]
    regular = [path for path, info in entries if info is not None and stat.S_ISREG(info.st_mode)]
    read_ahead = ReadAhead(regular, window=None if memo is None else 64)
    for path, info in entries:
        relative = path.parts[below:]
        shown = _show(path, root)
        if info is not None and stat.S_ISLNK(info.st_mode):
            problems.append(Problem(shown, 1, "file", "symbolic links are not allowed", "a regular file"))
            unreadable.extend(_identity(path, relative) or _linked_folder(path, relative))
            continue
        if info is not None and stat.S_ISDIR(info.st_mode):
            if len(relative) > 1:
                problems.append(Problem(shown, 1, "file", "folder inside a kind folder", "notes directly in it"))
            elif relative[0] not in KIND_BY_FOLDER:
                problems.append(Problem(shown, 1, "file", f"unknown kind folder {relative[0]!r}", _folders_expected()))
            continue
        note = _load_one(path, relative, shown, problems, memo, info, read_ahead)
        if note is not None:
            notes.append(note)
        else:
            unreadable.extend(_identity(path, relative))
    return LoadResult(tuple(notes), tuple(problems), tuple(unreadable))


def _lstat(path: Path) -> os.stat_result | None:
    """One system call per entry: whether it is a link or a folder, and its identity (see _settled)."""
    try:
        return os.lstat(path)
    except OSError:  # gone since the folder was listed: reported when it cannot be read
        return None


def _parts(path: Path) -> tuple[str, ...]:
    return path.parts  # the order of paths, without comparing Path objects one pair at a time


def _identity(path: Path, relative: tuple[str, ...]) -> list[tuple[Kind, NoteId]]:
    """The kind and id a file at ``path`` (``relative`` to the notes folder) would have as a note."""
    if len(relative) == 2 and relative[0] in KIND_BY_FOLDER and path.suffix == ".md" and is_valid_id(path.stem):
        return [(KIND_BY_FOLDER[relative[0]], shared_id(path.stem))]
    return []


def _linked_folder(path: Path, relative: tuple[str, ...]) -> list[tuple[Kind, NoteId]]:
    """The notes a kind folder that is a symbolic link would hold: named only (never read), so that
    the one problem of the link is not followed by one for every reference to its notes."""
    if len(relative) != 1 or relative[0] not in KIND_BY_FOLDER:
        return []
    try:
        names = os.listdir(path)
    except OSError:
        return []
    kind = KIND_BY_FOLDER[relative[0]]
    return [(kind, shared_id(name[:-3])) for name in names if name.endswith(".md") and is_valid_id(name[:-3])]


def _folders_expected() -> str:
    return "one of " + ", ".join(f"seeds/{name}/" for name in KIND_BY_FOLDER)


def _show(path: Path, root: Path) -> str:
    """The path for messages; characters that would act on a terminal are shown as escapes."""
    try:
        text = path.relative_to(root).as_posix()
    except ValueError:
        text = path.as_posix()
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _load_one(
    path: Path,
    relative: tuple[str, ...],
    shown: str,
    problems: list[Problem],
    memo: Memo | None,
    info: os.stat_result | None,
    read_ahead: ReadAhead,
) -> RawNote | None:
    if len(relative) != 2 or relative[0] not in KIND_BY_FOLDER:
        problems.append(Problem(shown, 1, "file", "note outside a kind folder", _folders_expected()))
        return None
    if path.suffix != ".md":
        problems.append(Problem(shown, 1, "file", "not a Markdown note", "a file named <id>.md"))
        return None
    stem = path.stem
    if not is_valid_id(stem):
        problems.append(
            Problem(shown, 1, "id", f"file name {stem!r} is not a valid id", "lowercase a-z, 0-9 and single hyphens")
        )
        return None
    kind, ident = KIND_BY_FOLDER[relative[0]], shared_id(stem)
    settled = _settled(info) if memo is not None and info is not None else None
    if settled is not None:
        kept = memo.reuse(("settled", shown, kind, settled))  # type: ignore[union-attr]
        if kept is not MISSING:
            note, found = kept  # type: ignore[misc]
            problems.extend(found)
            return note
    read_ahead.before_reading(path)
    raw = _read_capped(path, shown, problems)
    if raw is None:
        return None

    def compute() -> tuple[RawNote | None, tuple[Problem, ...]]:
        found: list[Problem] = []
        text = _decode(raw, shown, found)
        return (None if text is None else parse_note(text, shown, kind, ident, found)), tuple(found)

    note, found = compute() if memo is None else memo.by_key(("load", shown, kind, digest(raw)), compute)
    if settled is not None:
        memo.keep(("settled", shown, kind, settled), (note, found))  # type: ignore[union-attr]
    problems.extend(found)
    return note


def _settled(info: os.stat_result) -> tuple[int, ...] | None:
    """The identity of a file that has not changed for a while: device, inode, size and times.

    A save changes the change time (which no program can set back), so the same identity means the
    same bytes, unless two saves fall within one tick of the file system's clock: a file changed in
    the last two seconds has no settled identity and is read again (as git does with "racy" files).
    """
    if time.time_ns() - info.st_ctime_ns < 2_000_000_000:  # recent, or in the future: read it
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _read_capped(path: Path, shown: str, problems: list[Problem]) -> bytes | None:
    """The bytes of a regular file of at most MAX_NOTE_BYTES, checked before it is read whole."""
    if not path.is_file():  # a FIFO or device would block or never end
        problems.append(Problem(shown, 1, "file", "not a regular file", "a Markdown file"))
        return None
    # O_NOFOLLOW: a file swapped for a symbolic link after the check above is still refused.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as handle:
        raw = handle.read(MAX_NOTE_BYTES + 1)
        size = os.fstat(handle.fileno()).st_size
    if len(raw) > MAX_NOTE_BYTES:
        problems.append(Problem(shown, 1, "file", f"note is {size} bytes", f"at most {MAX_NOTE_BYTES} bytes"))
        return None
    return raw


def _decode(raw: bytes, shown: str, problems: list[Problem]) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(Problem(shown, line, "file", f"invalid UTF-8 at byte {error.start}", "UTF-8 text"))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not REFUSED.search(text):
        return text
    bad = False
    for number, line_text in enumerate(text.split("\n"), start=1):
        found = REFUSED.search(line_text)
        if found:
            problems.append(Problem(shown, number, "file", refused_character(found.group()), "printable text"))
            bad = True
    return None if bad else text


def parse_note(text: str, shown: str, kind: Kind, ident: NoteId, problems: list[Problem]) -> RawNote | None:
    """Split front matter from body and read the front matter; None if it cannot be read."""
    if not text.strip():
        problems.append(Problem(shown, 1, "file", "empty note", "front matter between '---' lines"))
        return None
    lines = text.split("\n")
    first = lines[0].rstrip()
    if first != "---":
        if first.startswith("+++"):
            found = "TOML front matter"
        elif first.startswith("{"):
            found = "JSON front matter"
        else:
            found = "no front matter"
        problems.append(Problem(shown, 1, "front matter", found, "YAML front matter opened by '---' on line 1"))
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        problems.append(Problem(shown, 1, "front matter", "front matter is not closed", "a closing '---' line"))
        return None
    parsed = parse_front_matter("\n".join(lines[1:closing]), first_line=2)
    for issue in parsed.issues:
        problems.append(Problem(shown, issue.line, issue.field, issue.message, issue.expected))
    if parsed.issues:
        return None
    if not isinstance(parsed.data, dict):
        found = "empty" if parsed.data is None else ("a list" if isinstance(parsed.data, list) else "a single value")
        problems.append(Problem(shown, 2, "front matter", f"front matter is {found}", "a mapping of fields"))
        return None
    return RawNote(
        path=shown,
        kind=kind,
        ident=ident,
        data=parsed.data,
        lines=parsed.lines,
        body="\n".join(lines[closing + 1 :]),
        body_line=closing + 2,
    )
