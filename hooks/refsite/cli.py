"""The ``refsite`` command: check notes without building, or write the generated pages out."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .pipeline import BuildResult, run_pipeline
from .write import write_pages


def _report(result: BuildResult, fmt: str) -> None:
    if fmt == "json":
        payload = {
            "ok": result.ok,
            "notes": result.note_count,
            "quotes_checked": result.quotes.checked,
            "quotes": result.quotes.quotes,
            "problems": [p.as_json() for p in result.problems],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for problem in result.problems:
        print(problem)
    sys.stdout.flush()
    if result.quotes.checked:
        quotes = f"{result.quotes.quotes} quotes checked against {result.quotes.sources} source texts"
    else:
        quotes = f"{result.quotes.quotes} quotes NOT checked (give --sources DIR to check them)"
    verdict = f"{len(result.problems)} problem(s)" if result.problems else "no problems"
    print(f"{result.note_count} notes, {quotes}: {verdict}.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="refsite", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate every note (and quotes, with --sources)")
    check.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of notes (default: seeds)")
    check.add_argument("--sources", type=Path, help="folder of source texts to check quotes against")
    check.add_argument("--format", choices=("text", "json"), default="text")

    render = commands.add_parser("render", help="write the generated Markdown pages to a folder")
    render.add_argument("--seeds", type=Path, default=Path("seeds"))
    render.add_argument("--sources", type=Path)
    render.add_argument("--out", type=Path, required=True, help="folder to write pages into")

    args = parser.parse_args(argv)
    if args.sources is not None and not args.sources.is_dir():
        parser.error(f"--sources {args.sources}: not a folder")
    result = run_pipeline(args.seeds, args.sources, display_root=Path.cwd())
    if args.command == "check":
        _report(result, args.format)
        return 0 if result.ok else 1
    _report(result, "text")
    if not result.ok:
        return 1
    written = write_pages(result.pages, args.out)
    print(f"wrote {written} pages to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
