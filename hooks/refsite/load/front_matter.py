"""python-frontmatter's handler for notes: YAML front matter between ``---`` lines, read strictly.

python-frontmatter splits a note into front matter and body and writes new notes. Its own YAML
handler applies YAML's implicit typing and forgets where each value was written, so this handler
reads the front matter with the strict reader of refsite.load.frontmatter_yaml instead (every
value a string, with its line), and splits a note without stripping it, so that line numbers
stay those of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from frontmatter import Post
from frontmatter.default_handlers import BaseHandler

from refsite.load.frontmatter_yaml import ParsedYaml, parse_front_matter


@dataclass(frozen=True)
class Split:
    """A note split at its front matter: the YAML text, the body, and the file line each starts on."""

    front_matter: str
    body: str
    body_line: int
    front_matter_line: int = 2


class FrontMatter(dict[str, Any]):
    """The front matter as python-frontmatter's metadata (a mapping, empty if it is not one), with
    all that the strict reader found: the data as written, the line of every value, the issues."""

    def __init__(self, parsed: ParsedYaml) -> None:
        super().__init__(parsed.data if isinstance(parsed.data, dict) else {})
        self.parsed = parsed


class NoteHandler(BaseHandler):
    """YAML front matter opened by ``---`` on line 1 and closed by ``---`` (or ``...``) on a line of its own."""

    FM_BOUNDARY = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "---"

    def detect(self, text: str) -> bool:
        return text.partition("\n")[0].rstrip() == "---"

    def split_lines(self, text: str) -> Split:
        """Split ``text`` (newlines already ``\\n``); ValueError when it has no closed front matter."""
        if not self.detect(text):
            raise ValueError("no front matter")
        start = text.find("\n") + 1
        closing = self.FM_BOUNDARY.search(text, start) if start else None
        if closing is None:
            raise ValueError("front matter is not closed")
        front = text[start : max(start, closing.start() - 1)]
        return Split(front, text[closing.end() + 1 :], text.count("\n", 0, closing.start()) + 2)

    def split(self, text: str) -> tuple[str, str]:
        split = self.split_lines(text)
        return split.front_matter, split.body

    def load(self, fm: str, first_line: int = 2) -> FrontMatter:
        """The front matter as strings, lists and mappings, with the file line of every value."""
        return FrontMatter(parse_front_matter(fm, first_line=first_line))

    def format(self, post: Post, **kwargs: object) -> str:
        """The note as text, with its body right after the closing ``---`` (no blank line between)."""
        return f"{self.START_DELIMITER}\n{self.export(post.metadata)}\n{self.END_DELIMITER}\n{post.content}".strip()

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        """Front matter lines as written by ``refsite new`` (see :func:`front_matter_lines`)."""
        return "\n".join(front_matter_lines(metadata))


NOTE_HANDLER = NoteHandler()


def front_matter_lines(metadata: dict[str, object]) -> list[str]:
    """YAML lines for metadata whose values are YAML text already (``refsite new`` renders each
    value so that it reads back as the same string). A key starting with ``#`` is a comment line,
    its value the comment; a value ending in ``\\n`` is a block (a list or a mapping) on the lines
    below its key."""
    lines: list[str] = []
    for key, value in metadata.items():
        text = str(value)
        if key.startswith("#"):
            lines.append(f"# {text}")
        elif text.endswith("\n"):
            lines.append(f"{key}:")
            lines.extend(text[:-1].split("\n"))
        else:
            lines.append(f"{key}: {text}")
    return lines
