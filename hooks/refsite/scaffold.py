"""``refsite new``: start a note of a given kind from its name.

The note is complete in form (every required field, valid for its JSON Schema) and holds
placeholders that ``refsite check`` reports until they are replaced: the source id ``source-id``,
and for disagreements and questions the note id ``note-id``. So a forgotten placeholder cannot
reach the site.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import frontmatter

from refsite.core.slugs import KIND_BY_FOLDER, MAX_ID_LENGTH, Kind, NoteId, is_valid_id
from refsite.load.front_matter import NOTE_HANDLER
from refsite.validate.schema_files import schema_file_name

PLACEHOLDER_SOURCE = "source-id"
PLACEHOLDER_NOTE = "note-id"
_QUOTE = "a short verbatim quote from the source"
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"


def slugify(name: str) -> str:
    """An id from a name: ASCII letters and digits in lowercase words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_ID_LENGTH:
        slug = slug[:MAX_ID_LENGTH].rsplit("-", 1)[0]
    return slug


def _plain_ok(value: str) -> bool:
    """True if ``value`` reads back unchanged as a plain YAML scalar (the reader never retypes it)."""
    return (
        bool(value)
        and value == value.strip()
        and value[0] not in _INDICATORS
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and "\n" not in value
    )


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar on one line that reads back as the same string."""
    return value if _plain_ok(value) else json.dumps(value, ensure_ascii=False)  # JSON strings are YAML


def yaml_prose(value: str) -> str:
    """Prose with citations as YAML: plain when it can be, else a folded block (no escapes to read)."""
    return value if _plain_ok(value) else ">-\n  " + value


def _cite(source: str) -> str:
    return f'[@{source} "{_QUOTE}"]'


def note_text(kind: Kind, name: str, source: str = PLACEHOLDER_SOURCE, modeline: str | None = None) -> str:
    """The text of a new note of ``kind`` called ``name``, written by python-frontmatter."""
    shown = yaml_text(name)
    # Each value is YAML text already; keys starting with "#" are comment lines (see front_matter_lines).
    fields: dict[str, object] = {}
    if modeline:
        fields["#schema"] = f"yaml-language-server: $schema={modeline}"
    fields["#placeholders"] = (
        "Replace every placeholder; `refsite check` lists the ones left. Format: docs/note-format.md"
    )
    body = f"One or more paragraphs, each citing a source {_cite(source)}."
    if kind is Kind.SOURCE:
        fields |= {
            "title": shown,
            "publisher": "unknown",
            "date": '"0000"  # YYYY, YYYY-MM or YYYY-MM-DD',
            "file": f"{slugify(name) or 'source'}.txt  # the text in the sources folder",
            "sha256": f"{'0' * 64}  # sha256sum of that file",
        }
        body = f"What the source is, in a sentence or two {_cite(source)}."
    elif kind is Kind.DISAGREEMENT:
        claims = (
            f"  - claim: {claim}\n    cite:\n      - {source}: {_QUOTE}\n"
            for claim in ("One source says this.", "Another source says that.")
        )
        fields |= {
            "topic": shown,
            "aspect": "description  # spelling, date, figure, attribution, membership, first-claim, framing, description",
            "concerns": f"[{PLACEHOLDER_NOTE}]",
            "claims": "".join(claims),
        }
        body = f"Optional: the difference, explained neutrally {_cite(source)}."
    elif kind is Kind.QUESTION:
        fields |= {
            "question": shown,
            "category": "what  # when, who, how-much, why, what, where",
            "answer": yaml_prose(f"One sentence with a link to [[{PLACEHOLDER_NOTE}]] {_cite(source)}."),
        }
        body = ""
    else:
        summary = yaml_prose(f"One sentence about {name} {_cite(source)}.")
        fields |= {"name": shown, "aliases": "[]", "summary": summary, **_ENTITY_FIELDS[kind]}
        if kind is not Kind.PERSON and kind is not Kind.THEME:
            fields["cite"] = f"  - {source}: {_QUOTE}\n"
    return frontmatter.dumps(frontmatter.Post(body, NOTE_HANDLER, **fields)) + "\n"


_ENTITY_FIELDS: dict[Kind, dict[str, str]] = {
    Kind.PERSON: {"#country": "country: place-id  (needs cite:)", "#roles": "roles: see docs/note-format.md"},
    Kind.PLACE: {"type": "city  # " + ", ".join(("country", "city", "region", "port", "facility", "..."))},
    Kind.ORGANIZATION: {"type": "other  # government, ministry, company, media, ... (docs/note-format.md)"},
    Kind.EQUIPMENT: {"type": "drone  # drone, missile, aircraft, vehicle, air-defence, other"},
    Kind.EVENT: {"date": '"0000"  # YYYY, YYYY-MM or YYYY-MM-DD, as precise as the sources allow'},
    Kind.THEME: {},
}


class NoteExists(Exception):
    """A note with that id is already there: nothing was written."""


def create_note(
    seeds_dir: Path,
    kind: Kind,
    name: str,
    *,
    ident: str | None = None,
    source: str = PLACEHOLDER_SOURCE,
    schemas_dir: Path | None = None,
) -> Path:
    """Write a new note and return its path; never overwrites, and ids stay unique across kinds."""
    chosen = ident or slugify(name)
    if not is_valid_id(chosen):
        raise ValueError(f"{chosen!r} is not a valid id: give one with --id (lowercase a-z, 0-9 and single hyphens)")
    if not is_valid_id(source):
        raise ValueError(f"{source!r} is not a valid source id")
    for folder in KIND_BY_FOLDER:
        existing = seeds_dir / folder / f"{chosen}.md"
        if existing.exists() or existing.is_symlink():
            raise NoteExists(f"{existing} already exists; choose another id with --id")
    target = seeds_dir / kind.folder / f"{NoteId(chosen)}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    modeline = None
    if schemas_dir is not None and schemas_dir.is_dir():
        modeline = Path(os.path.relpath(schemas_dir / schema_file_name(kind), target.parent)).as_posix()
    with target.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite, even in a race
        handle.write(note_text(kind, name, source, modeline))
    return target
