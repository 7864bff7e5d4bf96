"""What ``mkdocs serve`` shows while notes have problems: the pages that could be built, each with
the list of problems on top, and a stand-in page for each note that could not be built.

A failed build would leave the browser on the last good pages with no sign of what is wrong, so
the live preview keeps going and shows the problems instead; ``mkdocs build`` still fails.
"""

from __future__ import annotations

from pathlib import Path

from refsite.core.problems import Problem
from refsite.core.slugs import KIND_BY_FOLDER, NoteId, PagePath, is_valid_id, page_path
from refsite.render.markdown_text import md_text
from refsite.render.writer import Page


def banner(problems: tuple[Problem, ...]) -> str:
    """A Markdown admonition listing every problem, escaped so that no message can inject markup."""
    items = "\n".join(f"    - {md_text(str(problem))}" for problem in problems)
    return (
        f'!!! failure "The notes have {len(problems)} problem(s): this preview is incomplete"\n\n'
        "    The same list is in the terminal. Fix them and save: the preview rebuilds by itself, "
        "and the site can be published once the list is empty.\n\n"
        f"{items}\n\n"
    )


def with_banner(markdown: str, problems: tuple[Problem, ...]) -> str:
    """The page with the problem list after its first heading, which stays the page's title."""
    head, newline, rest = markdown.partition("\n")
    if head.startswith("# "):
        return f"{head}\n\n{banner(problems)}{rest}"
    return banner(problems) + markdown


def stand_in_pages(
    problems: tuple[Problem, ...], seeds_dir: Path, project_root: Path, existing: set[PagePath]
) -> tuple[Page, ...]:
    """A page at the address of each note that has problems and no page of its own."""
    pages: dict[PagePath, Page] = {}
    for problem in problems:
        try:
            relative = (project_root / problem.path).resolve().relative_to(seeds_dir.resolve()).parts
        except ValueError:
            continue
        if len(relative) != 2 or relative[0] not in KIND_BY_FOLDER or not relative[1].endswith(".md"):
            continue
        ident = relative[1][:-3]
        if not is_valid_id(ident):
            continue
        path = page_path(KIND_BY_FOLDER[relative[0]], NoteId(ident))
        if path not in existing and path not in pages:
            text = f"# {md_text(ident)}\n\nThis note could not be built: see the problems above.\n"
            pages[path] = Page(path, text)
    return tuple(pages.values())
