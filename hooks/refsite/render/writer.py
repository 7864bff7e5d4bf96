"""What every page type shares: the page value, its footnotes, and how text and links are written."""

from __future__ import annotations

from dataclasses import dataclass

from refsite.core.model import (
    Citation,
    CiteGroup,
    EventDetails,
    LinkRef,
    Note,
    PartialDate,
    RichText,
    Segment,
)
from refsite.core.slugs import Kind, NoteId, PagePath, page_path, relative_link
from refsite.render.markdown_text import md_text
from refsite.resolve.graph import Context, Graph


@dataclass(frozen=True)
class Page:
    """One generated Markdown page."""

    path: PagePath
    markdown: str
    listed: bool = False
    """True for overview pages named in the navigation; entity pages are reached through them."""


class _Footnotes:
    """Numbers citations on one page: the same source and quote get the same number."""

    def __init__(self, graph: Graph, page: PagePath) -> None:
        self.graph = graph
        self.page = page
        self.numbers: dict[tuple[NoteId, str], int] = {}

    def ref(self, citations: tuple[Citation, ...]) -> str:
        marks = []
        for citation in citations:
            key = (citation.source, citation.quote)
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            marks.append(f"[^{number}]")
        return "".join(dict.fromkeys(marks))

    def definitions(self) -> str:
        lines = []
        for (source, quote), number in self.numbers.items():
            known = self.graph.labels.get(source)
            label = md_text(known.name if known else source)
            link = relative_link(self.page, page_path(Kind.SOURCE, source))
            lines.append(f"[^{number}]: [{label}]({link}): “{md_text(quote)}”")
        return "\n".join(lines)


class PageWriter:
    """Renders text and links for one page."""

    def __init__(self, graph: Graph, path: PagePath) -> None:
        self.graph = graph
        self.path = path
        self.notes = _Footnotes(graph, path)
        self._links: dict[tuple[NoteId, str | None], str] = {}
        """A page names the same notes many times (relations, backlinks, footnotes): render each once."""

    def link(self, ident: NoteId, shown: str | None = None) -> str:
        key = (ident, shown)
        found = self._links.get(key)
        if found is None:
            found = self._links[key] = self._link(ident, shown)
        return found

    def _link(self, ident: NoteId, shown: str | None) -> str:
        label = self.graph.labels.get(ident)
        if label is None:
            return md_text(shown or ident)
        text = md_text(shown or label.name)
        if label.page == self.path:
            return f"**{text}**"
        return f"[{text}]({relative_link(self.path, label.page)})"

    def segments(self, owner: Note, segments: tuple[Segment, ...], *, inline: bool = True) -> str:
        out = []
        for segment in segments:
            if isinstance(segment, str):
                out.append(segment)
            elif isinstance(segment, LinkRef):
                target = self.graph.resolve_link(owner, segment)
                out.append(self.link(target, segment.shown) if target else md_text(segment.shown or segment.target))
            elif isinstance(segment, CiteGroup):
                # A citation sits against the word before it, like a footnote mark.
                if out:
                    out[-1] = out[-1].rstrip()
                out.append(self.notes.ref(segment.citations))
        joined = "".join(out)
        return " ".join(joined.split()) if inline else joined.strip()

    def context(self, context: Context) -> str:
        """A backlink's sentence on one line, its links rendered for this page."""
        out = [
            piece
            if isinstance(piece, str)
            else self.link(piece.target, piece.shown)
            if piece.target
            else md_text(piece.shown or piece.written)
            for piece in context
        ]
        return " ".join("".join(out).split())

    def text(self, owner: Note, text: RichText | None, *, inline: bool = True) -> str:
        """Text with links and citations rendered; ``inline`` folds it onto one line."""
        return self.segments(owner, text.segments, inline=inline) if text else ""

    def cite(self, citations: tuple[Citation, ...]) -> str:
        return self.notes.ref(citations)

    def finish(self, parts: list[str]) -> str:
        parts = [p for p in parts if p]
        notes = self.notes.definitions()
        if notes:
            parts.append(notes)
        if not parts:
            return "\n"
        parts[-1] += "\n"  # the last part, not the whole page: a page is joined once, never copied
        return "\n\n".join(parts)

    def page(self, parts: list[str], *, listed: bool = False) -> Page:
        markdown = self.finish(parts)
        return Page(self.path, markdown, listed)


def period(start: PartialDate | None, end: PartialDate | None) -> str:
    if start and end:
        return f"{start.human()} – {end.human()}"
    if start:
        return f"from {start.human()}"
    if end:
        return f"until {end.human()}"
    return ""


INDEX_SUMMARIES_UP_TO = 200
"""An overview page (an index, the timeline, the disagreements) of more notes lists their names
only: a list that long is scanned, not read, and its page would otherwise grow by a paragraph per
note (and be rebuilt whenever any of them, or any note they name, changes)."""


def listing(w: PageWriter, notes: list[Note] | tuple[Note, ...], *, summaries: bool) -> str:
    """Notes as a list with their summaries, or as names only (see INDEX_SUMMARIES_UP_TO)."""
    if summaries:
        return "\n".join(f"- {w.link(n.ident)}: {w.text(n, n.summary)}" for n in notes)
    return " · ".join(w.link(n.ident) for n in notes)


def event_line(w: PageWriter, ident: NoteId, *, summary: bool = True) -> str:
    event = w.graph.notes[ident]
    d = event.details
    assert isinstance(d, EventDetails)
    line = f"- **{d.date.human()}**: {w.link(ident)}"
    return f"{line}. {w.text(event, event.summary)}" if summary else line
