"""Checks that need the whole site: reserved ids, and the links and headings of every body.

``refsite check``, ``refsite render``, ``mkdocs serve`` and ``mkdocs build`` all run these, so a
note that would take over a page, or whose links the strict build would reject, is named in the
same words by each of them, at its own line.

- **Reserved ids**: a note's page is ``<folder>/<id>.md``. The generator writes ``<folder>/index.md``
  for every folder, and ``docs/`` may hold hand-written pages; a note whose page would be one of
  those is refused, and not rendered (so that no page is silently replaced).
- **Body links** are resolved as MkDocs resolves them from the note's page: an absolute path, a
  path that climbs out of the site, a page that does not exist, or an ``#anchor`` that the target
  page does not have is refused. Images must come from the site itself: an image from another
  origin would make every reader's browser contact a third party.
- **Ids** given in a body (``{: #fn:1 }``, ``<span id="relations">``) may not be those of the footnotes
  (``fn:…``, ``fnref:…``) or of the generated sections: a link to a citation would land elsewhere.
- **Headings** of a body may not take the anchor of a section the generator writes after the body
  (Relations, Timeline…): the table of contents would give the note the generated section's id.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from markdown.extensions.toc import slugify

from refsite.core.problems import Problem
from refsite.core.slugs import Kind, index_path, page_path, shown_on
from refsite.load.notes import RawNote
from refsite.validate.body import checked_body
from refsite.validate.html_check import _scheme, ids_in

RESERVED_IDS = frozenset({"index"})
"""Ids whose page the generator writes itself, in every folder."""
ROOT_PAGES = frozenset({"index.md", "timeline.md"})
GENERATED_SECTIONS = frozenset(
    {"relations", "timeline", "referenced-by", "sources", "cited-by", "quotes", "what-each-source-says"}
)
"""Anchors of the headings the generator writes on note pages (``quotes`` is followed by a count)."""
EXTERNAL = frozenset({"http", "https", "mailto"})


def hand_written_pages(docs_dir: Path | None) -> frozenset[str]:
    """Every file below ``docs_dir`` (POSIX paths relative to it), or none."""
    if docs_dir is None or not docs_dir.is_dir():
        return frozenset()
    return frozenset(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file())


def heading_anchor(text: str) -> str:
    """The id Python-Markdown's table of contents gives a heading (as configured in mkdocs.yml)."""
    return slugify(unicodedata.normalize("NFKC", text), "-")


def is_generated_section(anchor: str) -> bool:
    return anchor in GENERATED_SECTIONS or anchor.startswith("quotes-")


def reserved_problem(raw: RawNote, docs: frozenset[str]) -> Problem | None:
    """Why ``raw``'s page would be one the site already has, if it would."""
    page = f"{raw.kind.folder}/{raw.ident}.md"
    if raw.ident in RESERVED_IDS:
        return Problem(
            raw.path, 1, "id", f"id {raw.ident!r} is reserved: {page} is the generated index", "another file name"
        )
    if page in docs:
        return Problem(
            raw.path, 1, "id", f"id {raw.ident!r} is taken: docs/{page} is a hand-written page", "another file name"
        )
    return None


def site_problems(raws: Iterable[RawNote], docs: frozenset[str] = frozenset()) -> list[Problem]:
    """Reserved ids, and every body link and heading that the site would not resolve."""
    raws = tuple(raws)
    problems: list[Problem] = []
    pages: set[str] = set(ROOT_PAGES) | {index_path(kind) for kind in Kind} | set(docs)
    anchors: dict[str, set[str]] = {}
    scans = {}
    for raw in raws:
        reserved = reserved_problem(raw, docs)
        if reserved is not None:
            problems.append(reserved)
            continue
        own = f"{raw.kind.folder}/{raw.ident}.md"
        if raw.kind is not Kind.QUESTION:
            pages.add(own)
        _limits, scan = checked_body(raw.body, raw.path, raw.body_line)
        if scan is None:
            continue  # reported by the body check; not parsed
        scans[raw.path] = (raw, scan)
        for offset, value in ids_in(raw.body):
            if value.startswith(("fn:", "fnref:")) or is_generated_section(value):
                problems.append(
                    Problem(
                        raw.path,
                        raw.body_line + raw.body.count("\n", 0, offset),
                        "body",
                        f"id {value!r} is one the site gives its footnotes and sections",
                        "another id",
                    )
                )
        found = anchors.setdefault(own, set())  # a generated section is there only if the note has its content
        for line, text in scan.headings:
            anchor = heading_anchor(text)
            found.add(anchor)
            if is_generated_section(anchor):
                problems.append(
                    Problem(
                        raw.path,
                        line,
                        "body",
                        f"heading {text!r} has the anchor #{anchor} of a section the site writes",
                        "another heading",
                    )
                )
    for raw, scan in scans.values():
        here = shown_on(raw.kind, raw.ident) if raw.kind is Kind.QUESTION else page_path(raw.kind, raw.ident)
        for link in scan.links:
            message = _link_problem(link.target, link.image, here, pages, anchors)
            if message is not None:
                problems.append(Problem(raw.path, link.line, "body", *message))
    return problems


def _link_problem(
    target: str, image: bool, here: str, pages: set[str], anchors: dict[str, set[str]]
) -> tuple[str, str] | None:
    kind = "image" if image else "link"
    scheme = _scheme(target)
    if scheme is not None or target.startswith("//"):
        if image:
            return f"image from another site {target!r}", "an image stored in the site, by a relative path"
        return None  # external links are kept (with rel="noopener noreferrer nofollow"), or warned of
    if not target:
        return f"empty {kind} address", "a relative path to a page of the site"
    path, _, fragment = target.partition("#")
    path = unquote(path.partition("?")[0])
    if path.startswith("/"):
        return f"absolute {kind} {target!r}", "a path relative to this page, e.g. ../people/x.md"
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here
    if resolved == ".." or resolved.startswith("../"):
        return f"{kind} {target!r} leaves the site", "a page of the site"
    if resolved not in pages:
        return f"{kind} {target!r} matches no page of the site", "a page of the site, e.g. ../people/x.md"
    if fragment and unquote(fragment) not in anchors.get(resolved, set()):
        return f"{kind} {target!r}: {resolved} has no anchor #{fragment}", "a heading of that page, or no #anchor"
    return None
