"""Check prose against the quotes it cites: the sentence must not say more than its quotes.

Each sentence of a text field is compared with the quotes it cites (those in the sentence, or, when
it has none, those of its paragraph). Four rules, documented in docs/note-format.md ("How prose is
checked against its quotes"):

- hedges: a hedge of the quote (could, reportedly, approximately…) is kept, or an equivalent one;
- figures: every number, amount, percentage or count is in a quote, or marked ``<!-- derived -->``;
- dates: every date agrees with a quoted date that is at least as precise;
- attribution: a person said to say, write or think something wrote or is quoted in a cited source.

What is found is a warning of ``refsite check`` and an error of ``refsite check --strict``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from refsite.core.model import Citation, CiteGroup, DisagreementDetails, LinkRef, Note, RichText, SourceDetails
from refsite.core.problems import Problem, sorted_problems
from refsite.core.slugs import Kind, NoteId
from refsite.resolve.graph import Graph
from refsite.validate.claims_figures import DateMention, date_supported, figure_supported, find_dates, find_figures
from refsite.validate.claims_hedges import kept, quote_hedges

DERIVED = re.compile(r"<!--\s*derived\b.*?-->", re.IGNORECASE | re.DOTALL)
"""Marks the figure or date just before it as worked out from the quotes, not stated by them."""
_UNREAD = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^<>\n]*>|(`+)[^`].*?\2", re.IGNORECASE | re.DOTALL)
"""HTML comments, elements that show no prose, tags and code: no figure or date is read in them."""
_CITE = "\ue010"
_Report = Callable[[int, str, str], Problem]
"""Makes a problem at an offset of the sentence: (offset, message, expected)."""
_ABBREVIATIONS = {
    "gen", "lt", "col", "maj", "capt", "mr", "mrs", "ms", "dr", "st", "mt", "no", "vs", "etc", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k",
}  # fmt: skip
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(*_]*[A-Z0-9\[" + _CITE + "])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SAYS = (
    r"said|says|say|told|tells|tell|wrote|writes|write|argues|argued|argue|explained|explains|added|adds|notes|noted"
    r"|recalls|recalled|expects|expected|believes|believed|sees|saw|stated|states|claims|claimed|warned|warns"
    r"|describes|described|calls|called|thinks|thought|suggests|suggested|estimates|estimated|observes|observed"
    r"|points out|pointed out|emphasi[sz]ed|emphasi[sz]es|insists|insisted|concludes|concluded|predicts|predicted"
    r"|spoke|speaks|links|linked|considers|considered|judges|doubts|doubted|asserts|asserted|maintains|maintained"
    r"|comments|commented|reads|read|attributes|attributed|puts|put|gives|gave|counts|lists|credits|dates|dated"
    r"|places|placed|traces|traced|blames|blamed|sums up|summed up|quotes|quoted|cites|cited|mentions|mentioned"
)
_AFTER_PERSON = re.compile(
    rf"^(?:’s|'s)?\s*(?:,[^,.;]{{0,90}},\s*|\([^()]{{0,90}}\)\s*)?(?:\w+ly\s+|also\s+|later\s+|further\s+|again\s+)?(?:{_SAYS})\b",
    re.IGNORECASE,
)
_SOURCE_NAME = re.compile(
    r"\s+(?:articles?|reports?|pieces?|texts?|analys[ie]s|sources?|accounts?|commentar(?:y|ies))\b", re.IGNORECASE
)
"""After a year, the words that make it part of the name of a source ("the 2025 article")."""
_WRITING = re.compile(r"\b(?:writing|written|published|dated)(?:\s+(?:in|on|after|before|by))?\s+$", re.IGNORECASE)
"""Before a date: the date of the source itself, checked against its ``date``."""
_SEE = re.compile(r"\((?:see|cf\.)\s[^()]*\)", re.IGNORECASE)
"""A cross-reference such as "(see [[regional-rivalry]])": not part of what the sentence claims."""
_ACCORDING = re.compile(r"\b(?:according to|in the words of|in the view of|as told by|quoting)\s*$", re.IGNORECASE)


@dataclass
class _Sentence:
    text: str
    """The sentence as read: links by their shown text, citations as one private-use mark."""
    masked: str
    """The same, with links, HTML comments and citations blanked: where figures and dates are read."""
    start: int
    citations: list[Citation]
    people: list[tuple[int, int, NoteId]]
    derived: list[int]
    """Offsets (in the sentence) of ``<!-- derived -->`` marks."""


class _Text:
    """One paragraph of a text field, flattened to a string with a line for every offset."""

    def __init__(self, graph: Graph, note: Note) -> None:
        self.graph, self.note = graph, note
        self.parts: list[str] = []
        self.masked: list[str] = []
        self.lines: list[int] = []
        self.cites: list[tuple[int, tuple[Citation, ...]]] = []
        self.people: list[tuple[int, int, NoteId]] = []
        self.size = 0

    def add(self, text: str, masked: str, line: int) -> None:
        for ch in text:
            self.lines.append(line)
            if ch == "\n":
                line += 1
        self.parts.append(text)
        self.masked.append(masked)
        self.size += len(text)

    def add_link(self, link: LinkRef) -> None:
        target = self.graph.resolve_link(self.note, link)
        shown = link.shown or (self.graph.notes[target].name if target == link.target else link.target)
        if target is not None and self.graph.notes[target].kind is Kind.PERSON:
            self.people.append((self.size, self.size + len(shown), target))
        self.add(shown, "N" * len(shown), link.line)

    def sentences(self) -> list[_Sentence]:
        text, masked = "".join(self.parts), "".join(self.masked)
        derived = [m.start() for m in DERIVED.finditer(text)]
        masked = _UNREAD.sub(lambda m: " " * len(m.group(0)), masked)
        spans, start = [], 0
        for match in _BOUNDARY.finditer(text):
            word = re.search(r"([\w.]+)[.!?][\"”’')\]]*$", text[start : match.start()])
            if word and (word.group(1).lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1))):
                continue
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(text)))
        found: list[_Sentence] = []
        for a, b in spans:
            cites = [c for offset, group in self.cites if a <= offset < b for c in group]
            lead = re.match(rf"[\s{_CITE}]*", text[a:b])
            if found and lead and _CITE in lead.group(0):  # citations after the full stop: the previous sentence's
                found[-1].citations.extend(
                    c for offset, group in self.cites if a <= offset < a + lead.end() for c in group
                )
                cites = [c for offset, group in self.cites if a + lead.end() <= offset < b for c in group]
            found.append(
                _Sentence(
                    text[a:b],
                    masked[a:b],
                    a,
                    cites,
                    [(s - a, e - a, p) for s, e, p in self.people if a <= s < b],
                    [d - a for d in derived if a <= d < b],
                )
            )
        return found


def _paragraphs(graph: Graph, note: Note, rich: RichText) -> Iterator[_Text]:
    current = _Text(graph, note)
    line = rich.line
    for segment in rich.segments:
        if isinstance(segment, str):
            position = 0
            for match in _PARAGRAPH.finditer(segment):
                piece = segment[position : match.start()]
                current.add(piece, piece, line)
                line += piece.count("\n") + match.group(0).count("\n")
                yield current
                current = _Text(graph, note)
                position = match.end()
            current.add(segment[position:], segment[position:], line)
            line += segment[position:].count("\n")
        elif isinstance(segment, LinkRef):
            current.add_link(segment)
            line = segment.line
        elif isinstance(segment, CiteGroup):
            current.cites.append((current.size, segment.citations))
            current.add(_CITE, " ", segment.citations[0].line)
            line = segment.citations[0].line
    yield current


def _texts(note: Note) -> Iterator[tuple[RichText, tuple[Citation, ...]]]:
    """Every text field with the structured citations that stand for it (a disagreement's claims)."""
    for text in (note.summary, note.body):
        if text is not None:
            yield text, ()
    if isinstance(note.details, DisagreementDetails):
        for claim in note.details.claims:
            yield claim.text, claim.cite
    answer = getattr(note.details, "answer", None)
    if isinstance(answer, RichText):
        yield answer, ()


class ClaimChecker:
    """The four rules, over a resolved graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.voices: dict[NoteId, frozenset[NoteId]] = {}
        names: dict[str, NoteId] = {}
        for note in graph.notes.values():
            if note.kind is Kind.PERSON:
                for name in (note.name, *note.aliases):
                    names[name.lower()] = note.ident
        surnames: dict[str, set[NoteId]] = {}
        for name, ident in names.items():
            if len(name.split()) > 1 and len(name.split()[-1]) >= 3:
                surnames.setdefault(name.split()[-1], set()).add(ident)
        plain = {**{k: v.pop() for k, v in surnames.items() if len(v) == 1}, **names}
        words = sorted((re.escape(n) for n in plain), key=len, reverse=True)
        self.plain_names = plain
        self.plain_re = re.compile(rf"(?<![\w-])(?:{'|'.join(words)})(?![\w-])", re.IGNORECASE) if words else None
        for note in graph.notes.values():
            if isinstance(note.details, SourceDetails):
                people = set(note.details.people)
                if note.details.author and note.details.author.lower() in names:
                    people.add(names[note.details.author.lower()])
                self.voices[note.ident] = frozenset(people)

    def check(self, notes: list[Note] | tuple[Note, ...]) -> tuple[Problem, ...]:
        found: list[Problem] = []
        for note in notes:
            if note.kind is Kind.SOURCE:
                continue  # a source note describes its text; it is not a claim about the world
            for rich, structured in _texts(note):
                found.extend(self._check_text(note, rich, structured))
        return sorted_problems(found)

    def _check_text(self, note: Note, rich: RichText, structured: tuple[Citation, ...]) -> Iterator[Problem]:
        for paragraph in _paragraphs(self.graph, note, rich):
            sentences = paragraph.sentences()
            shared = [c for s in sentences for c in s.citations] or list(structured)
            for sentence in sentences:
                if not sentence.text.strip(f" \n\t{_CITE}"):
                    continue
                quotes = sentence.citations or shared
                if not quotes:
                    continue

                def problem(
                    offset: int,
                    message: str,
                    expected: str,
                    s: _Sentence = sentence,
                    lines: list[int] = paragraph.lines,
                ) -> Problem:
                    line = lines[min(s.start + offset, len(lines) - 1)]
                    return Problem(note.path, line, rich.field, message, expected)

                yield from self._hedges(sentence, quotes, problem)
                yield from self._figures(sentence, quotes, problem)
                yield from self._attribution(sentence, quotes, problem)

    def _hedges(self, sentence: _Sentence, quotes: list[Citation], problem: _Report) -> Iterator[Problem]:
        text = _SEE.sub(" ", sentence.text.replace(_CITE, " "))
        for citation in quotes:
            for hedge in quote_hedges(citation.quote):
                if not kept(hedge, text):
                    yield problem(
                        0,
                        f'hedge dropped: the quote says "{hedge.word}" ({_show(citation)})',
                        f'keep "{hedge.word}" or an equivalent hedge',
                    )

    def _dated(self, citation: Citation) -> list[DateMention]:
        dates = find_dates(citation.quote)
        source = self.graph.notes.get(citation.source)
        year = source.details.date.year if source and isinstance(source.details, SourceDetails) else 0
        return [
            DateMention(d.start, d.end, d.text, d.year or (year if d.month else 0), d.month, d.day, d.decade)
            for d in dates
        ]

    def _source_date(self, source: NoteId) -> DateMention | None:
        note = self.graph.notes.get(source)
        if note is None or not isinstance(note.details, SourceDetails):
            return None
        d = note.details.date
        return DateMention(0, 0, d.iso(), d.year, d.month, d.day)

    def _figures(self, sentence: _Sentence, quotes: list[Citation], problem: _Report) -> Iterator[Problem]:
        all_dates = find_dates(sentence.masked)
        dates = [d for d in all_dates if not _SOURCE_NAME.match(sentence.masked, d.end)]
        figures = find_figures(sentence.masked, [(d.start, d.end) for d in all_dates])
        exempt = set()
        for mark in sentence.derived:
            before = [m for m in (*dates, *figures) if m.end <= mark]
            if before:
                exempt.add(max(before, key=lambda m: m.end))
        quoted_dates = [d for c in quotes for d in self._dated(c)]
        quoted_figures = []
        for citation in quotes:
            spans = [(d.start, d.end) for d in find_dates(citation.quote)]
            quoted_figures.extend(find_figures(citation.quote, spans))
        sources = ", ".join(sorted({c.source for c in quotes}))
        written = [self._source_date(c.source) for c in quotes]
        for date in dates:
            if _WRITING.search(sentence.masked[: date.start]) and date_supported(date, [d for d in written if d]):
                continue  # "Lob, writing in 2022": the date of a cited source
            if date not in exempt and not date_supported(date, quoted_dates):
                yield problem(
                    date.start,
                    f'date "{" ".join(date.text.split())}" is not in the quotes, or is more precise than they are ({sources}: {_show_all(quotes)})',
                    "a date the quote gives, at most as precise",
                )
        for figure in figures:
            if figure not in exempt and not figure_supported(figure, quoted_figures):
                yield problem(
                    figure.start,
                    f'figure "{" ".join(figure.text.split())}" is not in the quotes ({sources}: {_show_all(quotes)})',
                    "a figure a quote states, or one marked <!-- derived --> after it",
                )

    def _attribution(self, sentence: _Sentence, quotes: list[Citation], problem: _Report) -> Iterator[Problem]:
        cited = {c.source for c in quotes}
        voices = set().union(*(self.voices.get(s, frozenset()) for s in cited))
        people = list(sentence.people)
        if self.plain_re is not None:  # names written without a link: "Rahimi says…"
            for match in self.plain_re.finditer(sentence.masked):
                if match.group(0)[0].isupper():
                    people.append((match.start(), match.end(), self.plain_names[match.group(0).lower()]))
        for start, end, person in people:
            if person in voices:
                continue
            before, after = sentence.text[:start], sentence.text[end:]
            if _ACCORDING.search(before) or _AFTER_PERSON.match(after):
                name = self.graph.notes[person].name
                yield problem(
                    start,
                    f"{name} is said to speak, but no cited source ({', '.join(sorted(cited))}) is by or quotes them",
                    "cite a source that the person wrote or is quoted in (its `people` field)",
                )


def _show(citation: Citation) -> str:
    quote = citation.quote if len(citation.quote) <= 90 else citation.quote[:87] + "…"
    return f'{citation.source} "{quote}"'


def _show_all(quotes: list[Citation]) -> str:
    return "; ".join(f'"{c.quote if len(c.quote) <= 70 else c.quote[:67] + "…"}"' for c in quotes[:4]) + (
        "; …" if len(quotes) > 4 else ""
    )


def check_claims(graph: Graph) -> tuple[Problem, ...]:
    """Every place where prose says more than the quotes it cites."""
    return ClaimChecker(graph).check(tuple(graph.notes.values()))
