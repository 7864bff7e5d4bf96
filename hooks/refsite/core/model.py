"""The validated, immutable data the later stages work on."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from refsite.core.slugs import Kind, NoteId

_MONTHS = tuple(calendar.month_name)


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day, as the sources allow."""

    year: int
    month: int = 0
    """0 when only the year is known."""
    day: int = 0
    """0 when the day is not known."""

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        if self.day:
            return f"{self.day} {_MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month]} {self.year}"
        return str(self.year)


def parse_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` on impossible dates."""
    parts = text.split("-")
    if not 1 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
        raise ValueError("not a date")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 0
    day = int(parts[2]) if len(parts) > 2 else 0
    if year == 0:
        raise ValueError("there is no year 0")
    if len(parts) > 1 and not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    if len(parts) > 2 and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{_MONTHS[month]} {year} has no day {day}")
    return PartialDate(year, month, day)


@dataclass(frozen=True, slots=True)
class Citation:
    """A source id with a verbatim quote from that source."""

    source: NoteId
    quote: str
    line: int


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A ``[[target|shown]]`` link in text, not yet resolved: ``target`` may be an id or an alias."""

    target: str
    shown: str | None
    line: int


@dataclass(frozen=True, slots=True)
class CiteGroup:
    """One bracketed citation in text, naming one or more sources."""

    citations: tuple[Citation, ...]


Segment = str | LinkRef | CiteGroup


@dataclass(frozen=True, slots=True)
class RichText:
    """Markdown text split into plain runs, links and citations."""

    segments: tuple[Segment, ...]
    field: str
    line: int

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for s in self.segments if isinstance(s, CiteGroup) for c in s.citations)


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference by id from a structured field to another note."""

    target: NoteId
    field: str
    line: int
    kinds: frozenset[Kind]
    """Kinds of note the field may point at."""
    label: str
    """How the reference reads on the target's "Referenced by" list, e.g. "participant"."""


@dataclass(frozen=True, slots=True)
class Relation:
    type: str
    target: NoteId
    date: PartialDate | None
    cite: tuple[Citation, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    organization: NoteId | None
    country: NoteId | None
    start: PartialDate | None
    end: PartialDate | None
    cite: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class PersonDetails:
    country: NoteId | None
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class PlaceDetails:
    type: str
    country: NoteId | None
    coordinates: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class OrganizationDetails:
    type: str
    country: NoteId | None


@dataclass(frozen=True, slots=True)
class EquipmentDetails:
    type: str
    maker: NoteId | None
    """The organization that designs or makes it."""
    origin: NoteId | None
    """The country it comes from."""


@dataclass(frozen=True, slots=True)
class EventDetails:
    date: PartialDate
    end: PartialDate | None
    type: str | None
    places: tuple[NoteId, ...]
    participants: tuple[NoteId, ...]


@dataclass(frozen=True, slots=True)
class SourceDetails:
    title: str
    title_basis: str | None
    publisher: str
    publisher_basis: str | None
    carried_by: str | None
    author: str | None
    date: PartialDate
    date_basis: str | None
    page_date: PartialDate | None
    url: str | None
    file: str
    sha256: str
    people: tuple[NoteId, ...] = ()
    """Person notes of the people the text quotes or paraphrases (and its author, if a person note)."""
    file_line: int = 1
    """Lines of the ``file`` and ``sha256`` fields, for problems with the source text."""
    sha256_line: int = 1


@dataclass(frozen=True, slots=True)
class Claim:
    text: RichText
    cite: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class DisagreementDetails:
    aspect: str
    concerns: tuple[NoteId, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class QuestionDetails:
    category: str
    answer: RichText


Details = (
    PersonDetails
    | PlaceDetails
    | OrganizationDetails
    | EquipmentDetails
    | EventDetails
    | SourceDetails
    | DisagreementDetails
    | QuestionDetails
    | None
)


@dataclass(frozen=True, slots=True)
class Note:
    """One validated note of any kind."""

    kind: Kind
    ident: NoteId
    path: str
    name: str
    """The name, title, topic or question, by kind."""
    aliases: tuple[str, ...]
    summary: RichText | None
    body: RichText
    themes: tuple[NoteId, ...]
    cite: tuple[Citation, ...]
    """Sources of the structured facts (type, country, date, places, participants)."""
    relations: tuple[Relation, ...]
    details: Details
    refs: tuple[Ref, ...]
    """Every id reference made in structured fields, for checking and for backlinks."""

    @property
    def texts(self) -> tuple[RichText, ...]:
        """Every text field of the note, in reading order."""
        texts = [t for t in (self.summary, self.body) if t is not None]
        if isinstance(self.details, DisagreementDetails):
            texts.extend(claim.text for claim in self.details.claims)
        if isinstance(self.details, QuestionDetails):
            texts.append(self.details.answer)
        return tuple(texts)

    @property
    def all_citations(self) -> tuple[Citation, ...]:
        """Every citation the note makes, in text and in structured fields."""
        found = [c for text in self.texts for c in text.citations]
        found.extend(self.cite)
        for relation in self.relations:
            found.extend(relation.cite)
        if isinstance(self.details, PersonDetails):
            for role in self.details.roles:
                found.extend(role.cite)
        if isinstance(self.details, DisagreementDetails):
            for claim in self.details.claims:
                found.extend(claim.cite)
        return tuple(found)
