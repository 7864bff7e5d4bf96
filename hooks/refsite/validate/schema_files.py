"""The JSON Schema files published in ``schemas/`` for editors (docs/note-format.md explains their use)."""

from __future__ import annotations

import json
from pathlib import Path

from refsite.core.slugs import Kind
from refsite.validate.schema import DATE_PATTERN, NUMBER_PATTERN, schema_for


def schema_file_name(kind: Kind) -> str:
    return f"{kind.value}.schema.json"


def _for_editors(node: object) -> object:
    """The schema as an editor needs it: editors read ``2022`` and ``38.5`` as numbers (YAML's
    implicit typing), while refsite keeps every value as the string written. So where refsite
    takes a year or a coordinate, a number is accepted too; the build still checks the text."""
    if isinstance(node, list):
        return [_for_editors(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _for_editors(value) for key, value in node.items()}
    if copy.get("type") == "string" and copy.get("pattern") in (DATE_PATTERN, NUMBER_PATTERN):
        copy["type"] = ["string", "number"]
    return copy


def schema_documents() -> dict[str, str]:
    """File name → JSON text of the schema of every kind, in a stable form for version control."""
    documents = {}
    for kind in Kind:
        schema = {
            **_for_editors(schema_for(kind)),  # type: ignore[dict-item]
            "description": f"Front matter of a {kind.value} note in seeds/{kind.folder}/ (see docs/note-format.md).",
        }
        documents[schema_file_name(kind)] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return documents


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        target = out_dir / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
