"""Stage 4: turn the resolved graph into Markdown pages (plain strings, no MkDocs)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from refsite.core.model import (
    Citation,
    CiteGroup,
    DisagreementDetails,
    EventDetails,
    LinkRef,
    Note,
    OrganizationDetails,
    PartialDate,
    PersonDetails,
    PlaceDetails,
    QuestionDetails,
    RichText,
    Segment,
    SourceDetails,
)
from refsite.core.slugs import ENTITY_KINDS, Kind, NoteId, PagePath, index_path, page_path, relative_link
from refsite.live.name_slots import fill, slot
from refsite.render.markdown_text import md_text, table_cell
from refsite.resolve.graph import Backlink, Context, Graph

TIMELINE = PagePath("timeline.md")
HOME = PagePath("index.md")


@dataclass(frozen=True)
class Page:
    """One generated Markdown page."""

    path: PagePath
    title: str
    markdown: str
    listed: bool = False
    """True for overview pages named in the navigation; entity pages are reached through them."""
    named: frozenset[NoteId] = frozenset()
    """Notes whose names the Markdown holds as slots, filled at emit (see refsite.live.name_slots)."""


class _Footnotes:
    """Numbers citations on one page: the same source and quote get the same number."""

    def __init__(self, graph: Graph, page: PagePath, named: set[NoteId]) -> None:
        self.graph = graph
        self.page = page
        self.named = named
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
            if source in self.graph.labels:
                self.named.add(source)
                label = slot(source)
            else:
                label = md_text(source)
            link = relative_link(self.page, page_path(Kind.SOURCE, source))
            lines.append(f"[^{number}]: [{label}]({link}): “{md_text(quote)}”")
        return "\n".join(lines)


class _PageWriter:
    """Renders text and links for one page."""

    def __init__(self, graph: Graph, path: PagePath) -> None:
        self.graph = graph
        self.path = path
        self.named: set[NoteId] = set()
        self.notes = _Footnotes(graph, path, self.named)
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
        if shown:
            text = md_text(shown)
        else:
            self.named.add(ident)
            text = slot(ident)
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

    def page(self, title: str, parts: list[str], *, listed: bool = False) -> Page:
        markdown = self.finish(parts)
        return Page(self.path, title, markdown, listed, frozenset(self.named))


def _period(start: PartialDate | None, end: PartialDate | None) -> str:
    if start and end:
        return f"{start.human()} – {end.human()}"
    if start:
        return f"from {start.human()}"
    if end:
        return f"until {end.human()}"
    return ""


def _infobox(w: _PageWriter, note: Note) -> str:
    rows: list[tuple[str, str]] = [("Kind", note.kind.label)]
    facts = w.cite(note.cite)
    d = note.details
    if note.aliases:
        rows.append(("Also known as", ", ".join(md_text(a) for a in note.aliases)))
    if isinstance(d, PersonDetails):
        if d.country:
            rows.append(("Country", w.link(d.country) + facts))
        for role in d.roles:
            where = [w.link(x) for x in (role.organization, role.country) if x]
            when = _period(role.start, role.end)
            detail = ", ".join([*where, *([when] if when else [])])
            rows.append(("Role", md_text(role.title) + (f" ({detail})" if detail else "") + w.cite(role.cite)))
    elif isinstance(d, (PlaceDetails, OrganizationDetails)):
        rows.append(("Type", md_text(d.type.replace("-", " ")) + facts))
        if d.country:
            rows.append(("Country", w.link(d.country)))
        if isinstance(d, PlaceDetails) and d.coordinates:
            rows.append(("Coordinates", f"{d.coordinates[0]}, {d.coordinates[1]}"))
    elif isinstance(d, EventDetails):
        rows.append(("Date", (_period(d.date, d.end) if d.end else d.date.human()) + facts))
        if d.type:
            rows.append(("Type", md_text(d.type.replace("-", " "))))
        if d.places:
            rows.append(("Places", ", ".join(w.link(p) for p in d.places)))
        if d.participants:
            rows.append(("Participants", ", ".join(w.link(p) for p in d.participants)))
    if note.themes:
        rows.append(("Themes", ", ".join(w.link(t) for t in note.themes)))
    table = "\n".join(f"| {label} | {table_cell(value)} |" for label, value in rows)
    return f'<div class="refsite-infobox" markdown>\n\n| | |\n| --- | --- |\n{table}\n\n</div>'


def _disagreement_block(w: _PageWriter, note: Note) -> str:
    d = note.details
    assert isinstance(d, DisagreementDetails)
    claims = "\n".join(f"    - {w.text(note, c.text)}{w.cite(c.cite)}" for c in d.claims)
    link = relative_link(w.path, page_path(Kind.DISAGREEMENT, note.ident))
    return f'!!! warning "Sources differ: {md_text(note.name)}"\n\n{claims}\n\n    [More on this disagreement]({link})'


def _backlink_lines(w: _PageWriter, backlinks: tuple[Backlink, ...]) -> str:
    """One item per referring note: the fields that refer here, then the sentences that do.

    The backlinks come grouped by referring note, in the order of their names (see Graph.backlinks).
    """
    by_source: dict[NoteId, list[Backlink]] = defaultdict(list)
    for backlink in backlinks:
        by_source[backlink.source].append(backlink)
    lines = []
    for ident, found in by_source.items():
        labels = [md_text(b.label) for b in found if b.label != "text"]
        head = f"- {w.link(ident)}" + (f" ({', '.join(dict.fromkeys(labels))})" if labels else "")
        quotes = [f"    - “{w.context(b.context)}”" for b in found if b.label == "text"]
        lines.append("\n".join([head, *dict.fromkeys(quotes)]))
    return "\n".join(lines)


def _event_line(w: _PageWriter, ident: NoteId, *, summary: bool = True) -> str:
    event = w.graph.notes[ident]
    d = event.details
    assert isinstance(d, EventDetails)
    line = f"- **{d.date.human()}**: {w.link(ident)}"
    return f"{line}. {w.text(event, event.summary)}" if summary else line


def entity_page(graph: Graph, note: Note) -> Page:
    path = page_path(note.kind, note.ident)
    w = _PageWriter(graph, path)
    parts = [f"# {md_text(note.name)}", _infobox(w, note), w.text(note, note.summary)]
    for ident in graph.disagreements.get(note.ident, ()):
        parts.append(_disagreement_block(w, graph.notes[ident]))
    parts.append(w.text(note, note.body, inline=False))
    views = graph.relations.get(note.ident, ())
    if views:
        lines = []
        for view in views:
            when = f" ({view.relation.date.human()})" if view.relation.date else ""
            lines.append(f"- {md_text(view.wording)} {w.link(view.other)}{when}{w.cite(view.relation.cite)}")
        parts.append("## Relations\n\n" + "\n".join(lines))
    events = [e for e in graph.events.get(note.ident, ()) if e != note.ident]
    if events:
        parts.append("## Timeline\n\n" + "\n".join(_event_line(w, e) for e in events))
    backlinks = graph.backlinks.get(note.ident, ())
    if backlinks:
        parts.append("## Referenced by\n\n" + _backlink_lines(w, backlinks))
    sources = sorted({c.source for c in note.all_citations if c.source in graph.notes})
    if sources:
        parts.append("## Sources\n\n" + "\n".join(f"- {w.link(s)}" for s in sources))
    return w.page(note.name, parts)


def source_page(graph: Graph, note: Note) -> Page:
    path = page_path(Kind.SOURCE, note.ident)
    w = _PageWriter(graph, path)
    d = note.details
    assert isinstance(d, SourceDetails)
    rows = [("Title", md_text(d.title) + (f" ({md_text(d.title_basis)})" if d.title_basis else ""))]
    rows.append(("Publisher", md_text(d.publisher) + (f" ({md_text(d.publisher_basis)})" if d.publisher_basis else "")))
    if d.carried_by:
        rows.append(("Carried by", md_text(d.carried_by)))
    if d.author:
        rows.append(("Author", md_text(d.author)))
    rows.append(("Date", d.date.human() + (f" ({md_text(d.date_basis)})" if d.date_basis else "")))
    if d.page_date:
        rows.append(("Date on the page", d.page_date.human()))
    if d.url:
        rows.append(("Address", f"<{d.url}>"))
    rows.append(("Text checked", f"`{d.file}`, SHA-256 `{d.sha256}`"))
    table = "\n".join(f"| {label} | {table_cell(value)} |" for label, value in rows)
    parts = [f"# {md_text(note.name)}", f"| | |\n| --- | --- |\n{table}", w.text(note, note.body, inline=False)]
    citing = graph.citing.get(note.ident, ())
    if citing:
        quotes: dict[str, list[NoteId]] = defaultdict(list)
        for ident in citing:
            for citation in graph.notes[ident].all_citations:
                if citation.source == note.ident and ident not in quotes[citation.quote]:
                    quotes[citation.quote].append(ident)
        parts.append("## Cited by\n\n" + "\n".join(f"- {w.link(i)}" for i in citing))
        lines = [f"- “{md_text(q)}”: " + ", ".join(w.link(i) for i in ids) for q, ids in sorted(quotes.items())]
        parts.append(f"## Quotes ({len(lines)})\n\n" + "\n".join(lines))
    return w.page(note.name, parts)


def disagreement_page(graph: Graph, note: Note) -> Page:
    path = page_path(Kind.DISAGREEMENT, note.ident)
    w = _PageWriter(graph, path)
    d = note.details
    assert isinstance(d, DisagreementDetails)
    concerns = ", ".join(w.link(i) for i in d.concerns)
    claims = "\n".join(f"{i}. {w.text(note, c.text)}{w.cite(c.cite)}" for i, c in enumerate(d.claims, 1))
    parts = [
        f"# {md_text(note.name)}",
        f"**Aspect:** {d.aspect.replace('-', ' ')}. **Concerns:** {concerns}.",
        "## What each source says\n\n" + claims,
        w.text(note, note.body, inline=False),
    ]
    return w.page(note.name, parts)


def _group_key(graph: Graph, note: Note) -> str:
    d = note.details
    if isinstance(d, PersonDetails):
        country = d.country or next((r.country for r in d.roles if r.country), None)
        return graph.notes[country].name if country in graph.notes else "Country not recorded"
    if isinstance(d, (PlaceDetails, OrganizationDetails)):
        return d.type.replace("-", " ").capitalize()
    if isinstance(d, EventDetails):
        return str(d.date.year)
    return ""


_INDEX_INTRO = {
    Kind.PERSON: "People named in the sources, grouped by country.",
    Kind.PLACE: "Countries, cities, regions, facilities and infrastructure, grouped by type.",
    Kind.ORGANIZATION: "State bodies, parties, armed groups, international bodies and others, grouped by type.",
    Kind.EVENT: "Dated events, grouped by year. The [timeline](../timeline.md) lists them in order.",
    Kind.THEME: "Subjects that run through the notes.",
}


INDEX_SUMMARIES_UP_TO = 200
"""An overview page (an index, the timeline, the disagreements) of more notes lists their names
only: a list that long is scanned, not read, and its page would otherwise grow by a paragraph per
note (and be rebuilt whenever any of them, or any note they name, changes)."""


def index_page(graph: Graph, kind: Kind) -> Page:
    path = index_path(kind)
    w = _PageWriter(graph, path)
    groups: dict[str, list[Note]] = defaultdict(list)
    notes = graph.of_kind(kind)
    for note in notes:
        groups[_group_key(graph, note)].append(note)
    summaries = len(notes) <= INDEX_SUMMARIES_UP_TO
    intro = f"{_INDEX_INTRO[kind]} {len(notes)} in all."
    if not summaries:
        intro += " Listed by name only; each page opens with its summary."
    parts = [f"# {kind.plural_label}", intro]
    for group in sorted(groups):
        members = groups[group]
        if kind is Kind.EVENT:
            members = sorted(members, key=lambda n: n.details.date)  # type: ignore[union-attr]
        listing = _listing(w, members, summaries=summaries)
        parts.append(f"## {md_text(group)}\n\n{listing}" if group else listing)
    return w.page(kind.plural_label, parts, listed=True)


def _listing(w: _PageWriter, notes: list[Note] | tuple[Note, ...], *, summaries: bool) -> str:
    """Notes as a list with their summaries, or as names only (see INDEX_SUMMARIES_UP_TO)."""
    if summaries:
        return "\n".join(f"- {w.link(n.ident)}: {w.text(n, n.summary)}" for n in notes)
    return " · ".join(w.link(n.ident) for n in notes)


def sources_index(graph: Graph) -> Page:
    path = index_path(Kind.SOURCE)
    w = _PageWriter(graph, path)
    lines = []
    for note in sorted(graph.of_kind(Kind.SOURCE), key=lambda n: (n.details.date, n.ident)):  # type: ignore[union-attr]
        d = note.details
        assert isinstance(d, SourceDetails)
        by = f", {md_text(d.author)}" if d.author else ""
        count = len(graph.citing.get(note.ident, ()))
        lines.append(f"- {w.link(note.ident)}: {md_text(d.publisher)}{by}, {d.date.human()}. Cited by {count} notes.")
    parts = [
        "# Sources",
        "Every fact on this site cites one of these articles with a short verbatim quote; each build checks that the quote occurs in the article's text. The texts themselves are not republished here.",
        "\n".join(lines),
    ]
    return w.page("Sources", parts, listed=True)


def disagreements_index(graph: Graph) -> Page:
    path = index_path(Kind.DISAGREEMENT)
    w = _PageWriter(graph, path)
    notes = graph.of_kind(Kind.DISAGREEMENT)
    parts = [
        "# Where the sources disagree",
        f"The sources differ on {len(notes)} points. Each is also shown on the pages it concerns.",
    ]
    if len(notes) > INDEX_SUMMARIES_UP_TO:
        parts[-1] += " Listed by name only; each page holds the claims and their sources."
        parts.append("\n".join(f"- {w.link(n.ident)} (*{_aspect(n)}*)" for n in notes))
        return w.page("Disagreements", parts, listed=True)
    for note in notes:
        d = note.details
        assert isinstance(d, DisagreementDetails)
        claims = "\n".join(f"- {w.text(note, c.text)}{w.cite(c.cite)}" for c in d.claims)
        concerns = ", ".join(w.link(i) for i in d.concerns)
        parts.append(
            f"## {md_text(note.name)}\n\n*{_aspect(note)}*; concerns {concerns}. {w.link(note.ident, 'Details')}.\n\n{claims}"
        )
    return w.page("Disagreements", parts, listed=True)


def _aspect(note: Note) -> str:
    assert isinstance(note.details, DisagreementDetails)
    return note.details.aspect.replace("-", " ").capitalize()


_CATEGORY_TITLES = {
    "when": "When",
    "who": "Who",
    "how-much": "How much",
    "why": "Why",
    "what": "What",
    "where": "Where",
}


def questions_page(graph: Graph) -> Page:
    path = index_path(Kind.QUESTION)
    w = _PageWriter(graph, path)
    parts = ["# Key questions", "Short answers; each links to the page that holds the sourced detail."]
    groups: dict[str, list[Note]] = defaultdict(list)
    for note in graph.of_kind(Kind.QUESTION):
        assert isinstance(note.details, QuestionDetails)
        groups[note.details.category].append(note)
    for category, title in _CATEGORY_TITLES.items():
        if groups.get(category):
            items = "\n\n".join(
                f"**{md_text(n.name)}**\n: {w.text(n, n.details.answer)}"  # type: ignore[union-attr]
                for n in groups[category]
            )
            parts.append(f"## {title}\n\n{items}")
    return w.page("Key questions", parts, listed=True)


def timeline_page(graph: Graph) -> Page:
    w = _PageWriter(graph, TIMELINE)
    events = sorted(graph.of_kind(Kind.EVENT), key=lambda n: (n.details.date, n.ident))  # type: ignore[union-attr]
    parts = ["# Timeline", "Every dated event, earliest first. Dates are as precise as the sources allow."]
    summaries = len(events) <= INDEX_SUMMARIES_UP_TO
    if not summaries:
        parts[-1] += " Listed by name only; each event's page opens with its summary."
    parts.append("\n".join(_event_line(w, e.ident, summary=summaries) for e in events))
    return w.page("Timeline", parts, listed=True)


def home_page(graph: Graph, site_name: str) -> Page:
    w = _PageWriter(graph, HOME)
    rows = []
    for kind in (*ENTITY_KINDS, Kind.SOURCE, Kind.DISAGREEMENT, Kind.QUESTION):
        target = relative_link(HOME, index_path(kind))
        rows.append(f"| [{kind.plural_label}]({target}) | {graph.totals[kind.value]} |")
    citations, relations = graph.totals["citations"], graph.totals["relations"]
    parts = [
        f"# {md_text(site_name)}",
        "A reference in which every fact cites a source with a short verbatim quote, checked against the source's text on every build. Where the sources disagree, the pages say so.",
        "## Ways in\n\n"
        f"- [Key questions]({relative_link(HOME, index_path(Kind.QUESTION))}): short answers to when, who, how much and why.\n"
        f"- [Timeline]({relative_link(HOME, TIMELINE)}): every dated event in order.\n"
        f"- [Where the sources disagree]({relative_link(HOME, index_path(Kind.DISAGREEMENT))}).\n"
        "- Search (press `/`) finds people, places and organizations by any spelling the sources use.",
        "## Themes\n\n"
        + _listing(w, graph.of_kind(Kind.THEME), summaries=graph.totals[Kind.THEME.value] <= INDEX_SUMMARIES_UP_TO),
        "## Contents\n\n| Section | Notes |\n| --- | --: |\n" + "\n".join(rows),
        f"The notes make {citations} citations and {relations} typed relations.",
    ]
    return w.page(site_name, parts, listed=True)


PagePlan = tuple[tuple[PagePath, Callable[[Graph], Page]], ...]


def site_plan(graph: Graph, site_name: str = "Iran–Tajikistan relations") -> PagePlan:
    """Every page of the site, in a stable order: its path and how to render it from a graph.

    Each page reads everything it shows through the graph it is given, its own note included, so
    that a live preview can tell which pages an edit touches (see refsite.live.incremental).
    """

    def of_note(render: Callable[[Graph, Note], Page], ident: NoteId) -> Callable[[Graph], Page]:
        return lambda g: render(g, g.notes[ident])

    plan: list[tuple[PagePath, Callable[[Graph], Page]]] = [
        (HOME, lambda g: home_page(g, site_name)),
        (TIMELINE, timeline_page),
    ]
    for kind in ENTITY_KINDS:
        plan.append((index_path(kind), lambda g, k=kind: index_page(g, k)))
        plan.extend((page_path(kind, n.ident), of_note(entity_page, n.ident)) for n in graph.of_kind(kind))
    plan.append((index_path(Kind.SOURCE), sources_index))
    plan.extend((page_path(Kind.SOURCE, n.ident), of_note(source_page, n.ident)) for n in graph.of_kind(Kind.SOURCE))
    plan.append((index_path(Kind.DISAGREEMENT), disagreements_index))
    plan.extend(
        (page_path(Kind.DISAGREEMENT, n.ident), of_note(disagreement_page, n.ident))
        for n in graph.of_kind(Kind.DISAGREEMENT)
    )
    plan.append((index_path(Kind.QUESTION), questions_page))
    return tuple(plan)


def with_names(markdown: str, graph: Graph) -> str:
    """A page's Markdown with the names in its links, as a plain Markdown file shows them."""
    return fill(markdown, lambda ident: md_text(graph.labels[NoteId(ident)].name))


def render_site(graph: Graph, site_name: str = "Iran–Tajikistan relations") -> tuple[Page, ...]:
    """Every page of the site, in a stable order."""
    return tuple(render(graph) for _, render in site_plan(graph, site_name))
