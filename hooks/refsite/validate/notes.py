"""Stage 2: check raw notes against their schema and rules, and build typed notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from refsite.core.model import (
    Citation,
    Claim,
    Details,
    DisagreementDetails,
    EquipmentDetails,
    EventDetails,
    LinkRef,
    Note,
    OrganizationDetails,
    PartialDate,
    PersonDetails,
    PlaceDetails,
    QuestionDetails,
    Ref,
    Relation,
    RichText,
    Role,
    SourceDetails,
    parse_date,
)
from refsite.core.problems import Problem
from refsite.core.relations import wording
from refsite.core.slugs import ENTITY_KINDS, Kind, NoteId
from refsite.load.frontmatter_yaml import FieldPath, field_name
from refsite.load.notes import RawNote
from refsite.validate.body import checked_body
from refsite.validate.limits import limit_problems
from refsite.validate.names import name_problems
from refsite.validate.relations import relation_problems
from refsite.validate.schema_check import schema_problems, without_unknown_fields
from refsite.validate.site import reserved_problem, site_problems
from refsite.validate.textparse import parse_cite_items, parse_text

_ANY_ENTITY = frozenset(ENTITY_KINDS)
_ACTORS = frozenset({Kind.PERSON, Kind.ORGANIZATION, Kind.PLACE})
_NAME_FIELD = {Kind.SOURCE: "title", Kind.DISAGREEMENT: "topic", Kind.QUESTION: "question"}


@dataclass(frozen=True)
class Unbuilt:
    """A note that exists but failed validation: known, so references to it are not dangling."""

    kind: Kind
    ident: NoteId
    names: tuple[str, ...]


@dataclass(frozen=True)
class ValidationResult:
    notes: tuple[Note, ...]
    unbuilt: tuple[Unbuilt, ...]
    problems: tuple[Problem, ...]


class _NoteBuilder:
    """Builds one typed note from a schema-valid raw note, collecting rule violations."""

    def __init__(self, raw: RawNote, problems: list[Problem]) -> None:
        self.raw = raw
        self.problems = problems
        self.refs: list[Ref] = []

    def problem(self, path: FieldPath, message: str, expected: str = "") -> None:
        self.problems.append(Problem(self.raw.path, self.raw.line_of(path), field_name(path), message, expected))

    def date(self, path: FieldPath) -> PartialDate | None:
        value = self._get(path)
        if value is None:
            return None
        try:
            return parse_date(str(value))
        except ValueError as error:
            self.problem(path, f"impossible date {value!r}: {error}", "a real calendar date")
            return None

    def _get(self, path: FieldPath) -> object:
        value: object = self.raw.data
        for part in path:
            if isinstance(value, dict) and isinstance(part, str):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return None
        return value

    def period(self, start_path: FieldPath, end_path: FieldPath) -> tuple[PartialDate | None, PartialDate | None]:
        start, end = self.date(start_path), self.date(end_path)
        if start and end and end < start:
            self.problem(
                end_path, f"ends ({end.iso()}) before it starts ({start.iso()})", "an end on or after the start"
            )
        return start, end

    def ref(self, path: FieldPath, kinds: frozenset[Kind], label: str) -> NoteId | None:
        value = self._get(path)
        if value is None:
            return None
        ident = NoteId(str(value))
        self.refs.append(Ref(ident, field_name(path), self.raw.line_of(path), kinds, label))
        return ident

    def refs_list(self, key: str, kinds: frozenset[Kind], label: str) -> tuple[NoteId, ...]:
        values = self._get((key,)) or []
        found = (self.ref((key, i), kinds, label) for i in range(len(values)))  # type: ignore[arg-type]
        return tuple(ident for ident in found if ident is not None)

    def cite(self, path: FieldPath) -> tuple[Citation, ...]:
        items = self._get(path) or []
        triples = []
        for index, item in enumerate(_listed(items)):
            for source, quote in item.items():
                triples.append((source, quote, self.raw.line_of((*path, index, source))))
        return parse_cite_items(triples, self.raw.path, field_name(path), self.problems)

    def text(self, key: str, *, required_citation: bool) -> RichText | None:
        value = self._get((key,))
        if value is None:
            return None
        limits = limit_problems(str(value), self.raw.path, key, self.raw.line_of((key,)), spans_lines=False)
        if limits:
            self.problems.extend(limits)
            return RichText((), key, self.raw.line_of((key,)))
        text = parse_text(str(value), self.raw.path, key, self.raw.line_of((key,)), self.problems)
        if required_citation and not text.citations:
            self.problem((key,), "no citation", 'a [@source-id "quote"] citation')
        return text

    def body(self) -> RichText:
        raw = self.raw
        limits, scan = checked_body(raw.body, raw.path, raw.body_line)
        if scan is None:  # not parsed, and nothing of it rendered: past the limits, parsers take quadratic time
            self.problems.extend(limits)
            return RichText((), "body", raw.body_line)
        text = parse_text(raw.body, raw.path, "body", raw.body_line, self.problems)
        self.problems.extend(scan.problems)
        return text


def build_note(raw: RawNote, problems: list[Problem]) -> Note:
    """Turn a schema-valid raw note into a :class:`Note`, reporting rule violations."""
    b = _NoteBuilder(raw, problems)
    data = raw.data
    kind = raw.kind
    name = str(data[_NAME_FIELD.get(kind, "name")])
    themes = b.refs_list("themes", frozenset({Kind.THEME}), "theme")
    relations = []
    for index, item in enumerate(_listed(data.get("relations"))):
        target = b.ref(("relations", index, "target"), _ANY_ENTITY, wording(item["type"], inverse=True))
        relations.append(
            Relation(
                type=item["type"],
                target=target or NoteId(item["target"]),
                date=b.date(("relations", index, "date")),
                cite=b.cite(("relations", index, "cite")),
                line=raw.line_of(("relations", index)),
            )
        )
    details = _details(b, kind)
    summary = b.text("summary", required_citation=True) if kind in ENTITY_KINDS else None
    body = b.body()
    return Note(
        kind=kind,
        ident=raw.ident,
        path=raw.path,
        name=name,
        aliases=tuple(str(a) for a in _listed(data.get("aliases"))),
        summary=summary,
        body=body,
        themes=themes,
        cite=b.cite(("cite",)),
        relations=tuple(relations),
        details=details,
        refs=tuple(b.refs),
    )


def _listed(value: object) -> list[Any]:
    """A list from the front matter (the schema check has made sure of its shape), or none."""
    return value if isinstance(value, list) else []


def _details(b: _NoteBuilder, kind: Kind) -> Details:
    data = b.raw.data
    place = frozenset({Kind.PLACE})
    if kind is Kind.PERSON:
        roles = []
        for index, role in enumerate(_listed(data.get("roles"))):
            start, end = b.period(("roles", index, "start"), ("roles", index, "end"))
            roles.append(
                Role(
                    title=role["title"],
                    organization=b.ref(
                        ("roles", index, "organization"), frozenset({Kind.ORGANIZATION}), f"role: {role['title']}"
                    ),
                    country=b.ref(("roles", index, "country"), place, f"role: {role['title']}"),
                    start=start,
                    end=end,
                    cite=b.cite(("roles", index, "cite")),
                )
            )
        return PersonDetails(b.ref(("country",), place, "country of"), tuple(roles))
    if kind is Kind.PLACE:
        coords = data.get("coordinates")
        point = (float(coords["lat"]), float(coords["lon"])) if isinstance(coords, dict) else None
        if point and not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
            b.problem(("coordinates",), f"{point} is off the globe", "lat -90..90, lon -180..180")
        return PlaceDetails(str(data["type"]), b.ref(("country",), place, "country of"), point)
    if kind is Kind.ORGANIZATION:
        return OrganizationDetails(str(data["type"]), b.ref(("country",), place, "country of"))
    if kind is Kind.EQUIPMENT:
        maker = b.ref(("maker",), frozenset({Kind.ORGANIZATION}), "maker of")
        return EquipmentDetails(str(data["type"]), maker, b.ref(("origin",), place, "country of origin of"))
    if kind is Kind.EVENT:
        start, end = b.period(("date",), ("end",))
        return EventDetails(
            date=start or PartialDate(0),
            end=end,
            type=data.get("type"),  # type: ignore[arg-type]
            places=b.refs_list("places", place, "place of"),
            participants=b.refs_list("participants", _ACTORS, "participant in"),
        )
    if kind is Kind.SOURCE:

        def text(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        return SourceDetails(
            title=str(data["title"]),
            title_basis=text("title_basis"),
            publisher=str(data["publisher"]),
            publisher_basis=text("publisher_basis"),
            carried_by=text("carried_by"),
            author=text("author"),
            date=b.date(("date",)) or PartialDate(0),
            date_basis=text("date_basis"),
            page_date=b.date(("page_date",)),
            url=text("url"),
            file=str(data["file"]),
            sha256=str(data["sha256"]),
            people=b.refs_list("people", frozenset({Kind.PERSON}), "quoted in"),
            file_line=b.raw.line_of(("file",)),
            sha256_line=b.raw.line_of(("sha256",)),
        )
    if kind is Kind.DISAGREEMENT:
        claims = []
        for index, claim in enumerate(_listed(data["claims"])):
            path = ("claims", index, "claim")
            said = parse_text(str(claim["claim"]), b.raw.path, field_name(path), b.raw.line_of(path), b.problems)
            claims.append(Claim(said, b.cite(("claims", index, "cite"))))
        concerns = b.refs_list("concerns", frozenset(Kind), "disagreement about")
        return DisagreementDetails(str(data["aspect"]), concerns, tuple(claims))
    if kind is Kind.QUESTION:
        answer = b.text("answer", required_citation=True)
        assert answer is not None  # required by the schema
        if answer.segments and not any(isinstance(s, LinkRef) for s in answer.segments):
            b.problem(("answer",), "answer without a [[link]]", "a [[link]] to the page that holds the sourced answer")
        return QuestionDetails(str(data["category"]), answer)
    return None


def validate_notes(raws: tuple[RawNote, ...], docs: frozenset[str] = frozenset()) -> ValidationResult:
    """Validate every raw note; invalid ones are reported and listed as unbuilt.

    ``docs`` lists the hand-written pages, whose paths no note may take (see validate.site).
    """
    return collect(raws, [validate_note(raw) for raw in raws], docs)


def collect(
    raws: tuple[RawNote, ...], validated: list[Validated], docs: frozenset[str] = frozenset()
) -> ValidationResult:
    """The checks across notes (shared names, reserved paths, relations), with what each note gave
    (``validated``, in the order of ``raws``)."""
    problems: list[Problem] = name_problems(raws) + site_problems(raws, docs)
    notes: list[Note] = []
    unbuilt: list[Unbuilt] = []
    for raw, (built, found) in zip(raws, validated, strict=True):
        problems.extend(found)
        if isinstance(built, Note) and reserved_problem(raw, docs) is not None:
            built = Unbuilt(raw.kind, raw.ident, _names_of(raw))  # its page is the site's: never rendered
        (notes if isinstance(built, Note) else unbuilt).append(built)  # type: ignore[arg-type]
    problems += relation_problems(notes)
    return ValidationResult(tuple(notes), tuple(unbuilt), tuple(problems))


Validated = tuple[Note | Unbuilt, tuple[Problem, ...]]
"""One note validated: the typed note (or what is known of it, if it cannot be built) and its problems."""


def validate_note(raw: RawNote) -> Validated:
    """Check one raw note against its schema and rules, and build it if it can be built."""
    problems = schema_problems(raw)
    if problems:
        # Unknown fields alone do not stop a note: its other problems are reported too.
        raw = without_unknown_fields(raw)
        if schema_problems(raw):
            return Unbuilt(raw.kind, raw.ident, _names_of(raw)), tuple(problems)
    note = build_note(raw, problems)
    return note, tuple(problems)


def _names_of(raw: RawNote) -> tuple[str, ...]:
    names = [raw.data.get(_NAME_FIELD.get(raw.kind, "name"))]
    aliases = raw.data.get("aliases")
    if isinstance(aliases, list):
        names.extend(aliases)
    return tuple(n for n in names if isinstance(n, str))
