"""The ``refsite`` command: check notes without building, start a new note, write the JSON Schemas
of the note format, or write the generated pages out."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from refsite.core.problems import sorted_problems
from refsite.core.slugs import Kind
from refsite.emit.write import write_pages
from refsite.pipeline import BuildResult, run_pipeline
from refsite.scaffold import NoteExists, create_note
from refsite.sources_setting import (
    DEFAULT_SOURCES,
    REQUIRE_VARIABLE,
    SOURCES_VARIABLE,
    missing_required,
    not_checked,
    required_by_environment,
    sources_from_environment,
)
from refsite.validate.claims import check_claims
from refsite.validate.schema_files import write_schemas

_HOW_TO_SET = f"set {SOURCES_VARIABLE} or give --sources DIR"


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _report(result: BuildResult, fmt: str, sources: Path) -> None:
    if fmt == "github":  # workflow commands: each problem becomes an annotation on its file and line
        levels = [("error", p) for p in result.problems] + [("warning", p) for p in (*result.warnings, *result.claims)]
        for level, p in levels:
            where = _github_escape(p.path).replace(",", "%2C").replace(":", "%3A")
            title = _github_escape(p.field).replace(",", "%2C").replace(":", "%3A")
            tail = f" ({p.expected})" if p.expected else ""
            print(f"::{level} file={where},line={p.line},title={title}::{_github_escape(p.message + tail)}")
        if not result.quotes.checked:
            notice = not_checked(result.quotes.quotes, sources)
            print(f"::warning title=Quotes not checked::{_github_escape(notice)}")
        fmt = "text"
    if fmt == "json":
        payload = {
            "ok": result.ok,
            "notes": result.note_count,
            "quotes_checked": result.quotes.checked,
            "quotes": result.quotes.quotes,
            "problems": [p.as_json() for p in result.problems],
            "warnings": [p.as_json() for p in result.warnings],
            "claims": [p.as_json() for p in result.claims],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for problem in sorted((*result.problems, *result.warnings, *result.claims)):
        print(problem)
    sys.stdout.flush()
    if result.quotes.checked:
        quotes = f"{result.quotes.quotes} quotes checked against {result.quotes.sources} source texts"
    else:
        quotes = f"{not_checked(result.quotes.quotes, sources)} ({_HOW_TO_SET})"
    verdict = f"{len(result.problems)} problem(s)" if result.problems else "no problems"
    if result.warnings:
        verdict += f", {len(result.warnings)} warning(s) about HTML the pages will not show"
    if result.claims:
        verdict += f", {len(result.claims)} warning(s) about prose its quotes do not support (errors with --strict)"
    print(f"{result.note_count} notes, {quotes}: {verdict}.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="refsite", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate every note and check its quotes against the source texts")
    check.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of notes (default: seeds)")
    _add_sources_options(check)
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (path:line: field: message), json, or github (annotations in GitHub Actions, then text)",
    )
    check.add_argument("--strict", action="store_true", help="prose its quotes do not support is an error")

    new = commands.add_parser("new", help="start a new note of KIND from its NAME (never overwrites)")
    new.add_argument("kind", choices=[kind.value for kind in Kind], metavar="KIND", help="one of %(choices)s")
    new.add_argument("name", metavar="NAME", help="the name, title, topic or question of the note")
    new.add_argument("--id", dest="ident", help="the id (file name) if not the one made from NAME")
    new.add_argument("--source", default="source-id", help="id of the source the note cites first")
    new.add_argument("--seeds", type=Path, default=Path("seeds"))
    new.add_argument("--schemas", type=Path, default=Path("schemas"), help="for the editor modeline")

    schema = commands.add_parser("schema", help="write the JSON Schema of each kind of note")
    schema.add_argument("--out", type=Path, required=True, help="folder to write <kind>.schema.json into")

    render = commands.add_parser("render", help="write the generated Markdown pages to a folder")
    render.add_argument("--seeds", type=Path, default=Path("seeds"))
    _add_sources_options(render)
    render.add_argument("--out", type=Path, required=True, help="folder to write pages into")

    args = parser.parse_args(argv)
    if args.command == "new":
        return _new(args)
    if args.command == "schema":
        for path in write_schemas(args.out):
            print(path)
        return 0
    if args.sources is not None and not args.sources.is_dir():
        parser.error(f"--sources {args.sources}: not a folder")
    folder = args.sources if args.sources is not None else sources_from_environment()
    sources = folder if folder.is_dir() else None
    required_by = "--require-sources" if args.require_sources else None
    if args.require_sources is None and required_by_environment():
        required_by = f"{REQUIRE_VARIABLE}=1"
    if sources is None and required_by:
        print(f"refsite {args.command}: {missing_required(folder, required_by, _HOW_TO_SET)}", file=sys.stderr)
        return 2
    result = run_pipeline(args.seeds, sources, display_root=Path.cwd())
    if args.command == "check":
        claims = check_claims(result.graph)  # prose against its quotes: warnings, or problems with --strict
        if args.strict:
            result = replace(result, problems=sorted_problems([*result.problems, *claims]))
        else:
            result = replace(result, claims=claims)
        _report(result, args.format, folder)
        return 0 if result.ok and not result.warnings else 1
    _report(result, "text", folder)
    if not result.ok:
        return 1
    written = write_pages(result.pages, args.out)
    print(f"wrote {written} pages to {args.out}", file=sys.stderr)
    return 0


def _add_sources_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--sources",
        type=Path,
        help=f"folder of source texts to check quotes against (default: ${SOURCES_VARIABLE}, else {DEFAULT_SOURCES})",
    )
    command.add_argument(
        "--require-sources",
        action=argparse.BooleanOptionalAction,
        help=f"fail when the source texts are missing, instead of checking the notes alone (default: on when ${REQUIRE_VARIABLE}=1)",
    )


def _new(args: argparse.Namespace) -> int:
    try:
        path = create_note(
            args.seeds, Kind(args.kind), args.name, ident=args.ident, source=args.source, schemas_dir=args.schemas
        )
    except (NoteExists, ValueError) as error:
        print(f"refsite new: {error}", file=sys.stderr)
        return 1
    print(path)
    print("Fill in the placeholders, then run `refsite check` (docs/note-format.md).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
