"""Stage 1: read note files from ``seeds/`` into raw notes, reporting anything unreadable.

Nothing is dropped silently: every file below ``seeds/`` is either a note or a problem.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from refsite.core.problems import Problem
from refsite.core.slugs import KIND_BY_FOLDER, Kind, NoteId, is_valid_id
from refsite.load.front_matter import NOTE_HANDLER
from refsite.load.frontmatter_yaml import REFUSED, FieldPath, refused_character

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


@dataclass(frozen=True)
class NoteFile:
    """A file named like a note: in a kind folder, called ``<id>.md``."""

    path: Path
    shown: str
    """The path for messages."""
    kind: Kind
    ident: NoteId
    info: os.stat_result | None = field(default=None, compare=False)
    """What ``lstat`` said when the folder was listed (None if the file had gone)."""


@dataclass(frozen=True)
class NoteFiles:
    """What the notes folder holds: the note files, and a problem for everything else."""

    files: tuple[NoteFile, ...]
    problems: tuple[Problem, ...]
    unreadable: tuple[tuple[Kind, NoteId], ...]


@dataclass(frozen=True)
class Parsed:
    """One note file read: the raw note, or None with the problems that stopped it."""

    note: RawNote | None
    problems: tuple[Problem, ...]


def load_notes(seeds_dir: Path, display_root: Path | None = None) -> LoadResult:
    """Read every note below ``seeds_dir``; paths in messages are relative to ``display_root``."""
    listed = list_note_files(seeds_dir, display_root)
    return collect(listed, [parse_note_file(file) for file in listed.files])


def collect(listed: NoteFiles, parsed: list[Parsed]) -> LoadResult:
    """The notes of ``listed`` from what each of its files gave (``parsed``, in the same order)."""
    notes: list[RawNote] = []
    problems = list(listed.problems)
    unreadable = list(listed.unreadable)
    for file, result in zip(listed.files, parsed, strict=True):
        problems.extend(result.problems)
        if result.note is not None:
            notes.append(result.note)
        else:
            unreadable.append((file.kind, file.ident))
    return LoadResult(tuple(notes), tuple(problems), tuple(unreadable))


def list_note_files(seeds_dir: Path, display_root: Path | None = None) -> NoteFiles:
    """The note files below ``seeds_dir``, and a problem for every other entry."""
    root = display_root or seeds_dir.parent
    files: list[NoteFile] = []
    problems: list[Problem] = []
    unreadable: list[tuple[Kind, NoteId]] = []
    if not seeds_dir.is_dir():
        problem = Problem(_show(seeds_dir, root), 1, "file", "notes folder not found", "a folder of notes")
        return NoteFiles((), (problem,), ())
    below = len(seeds_dir.parts)
    for path in sorted(seeds_dir.rglob("*"), key=_parts):
        info = _lstat(path)
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
        elif len(relative) != 2 or relative[0] not in KIND_BY_FOLDER:
            problems.append(Problem(shown, 1, "file", "note outside a kind folder", _folders_expected()))
        elif path.suffix != ".md":
            problems.append(Problem(shown, 1, "file", "not a Markdown note", "a file named <id>.md"))
        elif not is_valid_id(path.stem):
            message = f"file name {path.stem!r} is not a valid id"
            problems.append(Problem(shown, 1, "id", message, "lowercase a-z, 0-9 and single hyphens"))
        else:
            files.append(NoteFile(path, shown, KIND_BY_FOLDER[relative[0]], NoteId(path.stem), info))
    return NoteFiles(tuple(files), tuple(problems), tuple(unreadable))


def _lstat(path: Path) -> os.stat_result | None:
    """One system call per entry: whether it is a link or a folder, and its identity."""
    try:
        return os.lstat(path)
    except OSError:  # gone since the folder was listed: reported when it cannot be read
        return None


def _parts(path: Path) -> tuple[str, ...]:
    return path.parts  # the order of paths, without comparing Path objects one pair at a time


def _identity(path: Path, relative: tuple[str, ...]) -> list[tuple[Kind, NoteId]]:
    """The kind and id a file at ``path`` (``relative`` to the notes folder) would have as a note."""
    if len(relative) == 2 and relative[0] in KIND_BY_FOLDER and path.suffix == ".md" and is_valid_id(path.stem):
        return [(KIND_BY_FOLDER[relative[0]], NoteId(path.stem))]
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
    return [(kind, NoteId(name[:-3])) for name in names if name.endswith(".md") and is_valid_id(name[:-3])]


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


def parse_note_file(file: NoteFile) -> Parsed:
    """Read and parse one note file."""
    raw = read_note_bytes(file)
    return raw if isinstance(raw, Parsed) else parse_note_bytes(file, raw)


def read_note_bytes(file: NoteFile) -> bytes | Parsed:
    """The bytes of a note file, or the problem that stops them being read."""
    problems: list[Problem] = []
    raw = _read_capped(file.path, file.shown, problems)
    return Parsed(None, tuple(problems)) if raw is None else raw


def parse_note_bytes(file: NoteFile, raw: bytes) -> Parsed:
    """The raw note in the bytes of a note file, or the problems that stop it."""
    found: list[Problem] = []
    text = _decode(raw, file.shown, found)
    note = None if text is None else parse_note(text, file.shown, file.kind, file.ident, found)
    return Parsed(note, tuple(found))


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
    """Split front matter from body and read the front matter (python-frontmatter, with the handler of
    refsite.load.front_matter); None if it cannot be read."""
    if not text.strip():
        problems.append(Problem(shown, 1, "file", "empty note", "front matter between '---' lines"))
        return None
    first = text.partition("\n")[0].rstrip()
    if not NOTE_HANDLER.detect(text):
        if first.startswith("+++"):
            found = "TOML front matter"
        elif first.startswith("{"):
            found = "JSON front matter"
        else:
            found = "no front matter"
        problems.append(Problem(shown, 1, "front matter", found, "YAML front matter opened by '---' on line 1"))
        return None
    try:
        split = NOTE_HANDLER.split_lines(text)
    except ValueError:
        problems.append(Problem(shown, 1, "front matter", "front matter is not closed", "a closing '---' line"))
        return None
    parsed = NOTE_HANDLER.load(split.front_matter, first_line=split.front_matter_line).parsed
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
        body=split.body,
        body_line=split.body_line,
    )
