"""What every page type shares: the page value, its footnotes, and how text and links are written."""

from __future__ import annotations

import hashlib
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
    SourceDetails,
)
from refsite.core.slugs import Kind, NoteId, PagePath, page_path, relative_link
from refsite.render.markdown_text import md_text
from refsite.resolve.graph import Context, Graph
from refsite.resolve.quotes import normalize

CITE_SEPARATOR = '<span class="refsite-cite-sep">,</span>'
"""Between two footnote marks in a row, so that marks 4, 5 and 6 never read as 456."""


def quote_anchor(quote: str) -> str:
    """A stable id for a quote on its source's page: the same words give the same id."""
    return "q-" + hashlib.sha1(normalize(quote).encode("utf-8")).hexdigest()[:10]


def source_credit(graph: Graph, source: NoteId) -> str:
    """Who published a source and when, for a footnote: "Eric Lob, Middle East Institute, 2022"."""
    note = graph.notes.get(source)
    d = note.details if note else None
    if not isinstance(d, SourceDetails):
        return ""
    who = [md_text(x) for x in (d.author, d.publisher) if x and x.strip().lower() != "unknown"]
    return ", ".join([*who, d.date.human()])


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
        return CITE_SEPARATOR.join(dict.fromkeys(marks))

    def definitions(self) -> str:
        lines = []
        for (source, quote), number in self.numbers.items():
            known = self.graph.labels.get(source)
            label = md_text(known.name if known else source)
            link = relative_link(self.page, page_path(Kind.SOURCE, source)) + "#" + quote_anchor(quote)
            credit = source_credit(self.graph, source)
            credit = f", {credit}" if credit else ""
            lines.append(f"[^{number}]: [{label}]({link}){credit}: “{md_text(quote)}”")
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
        # data-preview: Material previews the note on hover (navigation.instant.preview, scoped to notes).
        return f"[{text}]({relative_link(self.path, label.page)}){{ data-preview }}"

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
                while out and not out[-1].strip():
                    out.pop()
                if out:
                    out[-1] = out[-1].rstrip()
                if out and out[-1].endswith("]") and out[-1].startswith("[^"):
                    out.append(CITE_SEPARATOR)  # two citations in a row
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


def date_span(start: PartialDate, end: PartialDate | None = None) -> str:
    """A date or a range as precisely as the note gives it: "May 2022", "1992–1997", "1990s"."""
    if end is None or end == start:
        return start.human()
    if start.precision == end.precision == "year":
        if start.year % 10 == 0 and end.year == start.year + 9:
            return f"{start.year}s"
        return f"{start.year}–{end.year}"
    if start.year == end.year and start.precision == end.precision:
        if start.precision == "month":
            return f"{_month(start)}–{end.human()}"
        if start.month == end.month:
            return f"{start.day}–{end.human()}"
        return f"{start.day} {_month(start)} – {end.human()}"
    return f"{start.human()} – {end.human()}"


def _month(date: PartialDate) -> str:
    return date.human().split()[-2]


def period(start: PartialDate | None, end: PartialDate | None) -> str:
    if start and end:
        return date_span(start, end)
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
        return "\n".join(_entry(w, n) for n in notes)
    return " · ".join(w.link(n.ident) for n in notes)


def _entry(w: PageWriter, note: Note) -> str:
    """A note's name and summary; a summary that opens with the name continues from the link."""
    summary = w.text(note, note.summary)
    name = md_text(note.name)
    if summary.startswith(name + " ") or summary.startswith(name + ","):
        return f"- {w.link(note.ident)}{summary[len(name) :]}"
    return f"- {w.link(note.ident)}: {summary}" if summary else f"- {w.link(note.ident)}"


def event_line(w: PageWriter, ident: NoteId, *, summary: bool = True, heading: str = "") -> str:
    """An event as a list item, its date first; a date that only repeats the ``heading`` above is left out."""
    event = w.graph.notes[ident]
    d = event.details
    assert isinstance(d, EventDetails)
    when = date_span(d.date, d.end)
    line = f"- {w.link(ident)}" if when == heading else f"- **{when}**: {w.link(ident)}"
    return f"{line}. {w.text(event, event.summary)}" if summary else line
