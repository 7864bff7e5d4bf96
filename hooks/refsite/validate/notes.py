"""Stage 2: check raw notes against their schema and rules, and build typed notes."""

from __future__ import annotations

import copy
import dataclasses
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import fastjsonschema
import jsonschema

from refsite.core.model import (
    Citation,
    Claim,
    DisagreementDetails,
    EventDetails,
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
from refsite.core.slugs import ENTITY_KINDS, ID_PATTERN, Kind, NoteId, shared_id
from refsite.live.memo import Memo
from refsite.load.frontmatter_yaml import FieldPath, field_name
from refsite.load.notes import RawNote
from refsite.validate.body import checked_body
from refsite.validate.limits import limit_problems
from refsite.validate.names import name_problems
from refsite.validate.relations import relation_problems
from refsite.validate.schema import DATE_PATTERN, SHA256_PATTERN, schema_for
from refsite.validate.site import reserved_problem, site_problems
from refsite.validate.textparse import parse_cite_items, parse_text

_PATTERN_EXPECTED = {
    DATE_PATTERN: "a date as YYYY, YYYY-MM or YYYY-MM-DD",
    ID_PATTERN: "a note id: lowercase a-z, 0-9 and single hyphens",
    SHA256_PATTERN: "64 lowercase hexadecimal digits",
}
_JSON_TYPES = {"string": "text", "array": "a list", "object": "a mapping of fields"}
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


@cache
def _validator(kind: Kind) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema_for(kind))


@cache
def _passes(kind: Kind) -> Callable[[object], object]:
    """The same schema compiled to Python code: a quick yes or no, about 15 times faster.

    A note that passes has no schema problem; one that does not is checked again by jsonschema,
    which finds every problem and where it is. The schemas use only keywords that mean the same in
    Draft 7, which fastjsonschema implements, and Draft 2020-12 (tests/test_schema_check.py).
    """
    schema = {key: value for key, value in schema_for(kind).items() if key != "$schema"}
    return fastjsonschema.compile(schema, use_default=False, use_formats=False, detailed_exceptions=False)


def _fits_schema(raw: RawNote) -> bool:
    try:
        _passes(raw.kind)(raw.data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _describe(value: object) -> str:
    if isinstance(value, str):
        return "text"
    return _JSON_TYPES.get({list: "array", dict: "object"}.get(type(value), ""), type(value).__name__)


def schema_problems(raw: RawNote) -> list[Problem]:
    """Every schema violation in one note, each located at its field's line."""
    problems: list[Problem] = []
    if _fits_schema(raw):
        return problems
    for error in _validator(raw.kind).iter_errors(raw.data):
        path: FieldPath = tuple(error.absolute_path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(schema.get("properties", {}))
            for key in sorted(set(error.instance) - set(allowed)):
                close = difflib.get_close_matches(key, allowed, n=1)
                expected = f"did you mean {close[0]!r}?" if close else "one of " + ", ".join(allowed)
                problems.append(
                    Problem(
                        raw.path,
                        raw.line_of((*path, key)),
                        field_name((*path, key)),
                        f"unknown field {key!r}",
                        expected,
                    )
                )
            continue
        line = raw.line_of(path)
        name = field_name(path)
        if error.validator == "required":
            missing = error.message.split("'")[1]
            problems.append(Problem(raw.path, line, field_name((*path, missing)), "missing required field", "a value"))
        elif error.validator == "enum":
            options = ", ".join(str(v) for v in error.validator_value)
            problems.append(Problem(raw.path, line, name, f"{error.instance!r} is not allowed", f"one of {options}"))
        elif error.validator == "type":
            problems.append(
                Problem(
                    raw.path,
                    line,
                    name,
                    f"found {_describe(error.instance)}",
                    _JSON_TYPES.get(error.validator_value, str(error.validator_value)),
                )
            )
        elif error.validator == "pattern":
            expected = _PATTERN_EXPECTED.get(error.validator_value, f"text matching {error.validator_value}")
            problems.append(Problem(raw.path, line, name, f"{error.instance!r} is not valid", expected))
        elif error.validator == "propertyNames":
            problems.append(
                Problem(raw.path, line, name, f"{error.instance!r} is not a source id", _PATTERN_EXPECTED[ID_PATTERN])
            )
        else:
            problems.append(Problem(raw.path, line, name, error.message, "see docs/note-format.md"))
    return problems


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
        ident = shared_id(str(value))
        self.refs.append(Ref(ident, field_name(path), self.raw.line_of(path), kinds, label))
        return ident

    def refs_list(self, key: str, kinds: frozenset[Kind], label: str) -> tuple[NoteId, ...]:
        values = self._get((key,)) or []
        found = (self.ref((key, i), kinds, label) for i in range(len(values)))  # type: ignore[arg-type]
        return tuple(ident for ident in found if ident is not None)

    def cite(self, path: FieldPath) -> tuple[Citation, ...]:
        items = self._get(path) or []
        triples = []
        for index, item in enumerate(items):  # type: ignore[arg-type]
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
    for index, item in enumerate(data.get("relations", [])):  # type: ignore[arg-type]
        target = b.ref(("relations", index, "target"), _ANY_ENTITY, wording(item["type"], inverse=True))
        relations.append(
            Relation(
                type=item["type"],
                target=target or shared_id(item["target"]),
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
        aliases=tuple(str(a) for a in data.get("aliases", [])),  # type: ignore[union-attr]
        summary=summary,
        body=body,
        themes=themes,
        cite=b.cite(("cite",)),
        relations=tuple(relations),
        details=details,
        refs=tuple(b.refs),
    )


def _details(b: _NoteBuilder, kind: Kind):  # noqa: ANN202 - one of the Details types
    data = b.raw.data
    place = frozenset({Kind.PLACE})
    if kind is Kind.PERSON:
        roles = []
        for index, role in enumerate(data.get("roles", [])):  # type: ignore[arg-type]
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
            file_line=b.raw.line_of(("file",)),
            sha256_line=b.raw.line_of(("sha256",)),
        )
    if kind is Kind.DISAGREEMENT:
        claims = []
        for index, claim in enumerate(data["claims"]):  # type: ignore[arg-type]
            path = ("claims", index, "claim")
            text = parse_text(str(claim["claim"]), b.raw.path, field_name(path), b.raw.line_of(path), b.problems)
            claims.append(Claim(text, b.cite(("claims", index, "cite"))))
        concerns = b.refs_list("concerns", frozenset(Kind), "disagreement about")
        return DisagreementDetails(str(data["aspect"]), concerns, tuple(claims))
    if kind is Kind.QUESTION:
        answer = b.text("answer", required_citation=True)
        assert answer is not None  # required by the schema
        if answer.segments and not answer.links:
            b.problem(("answer",), "answer without a [[link]]", "a [[link]] to the page that holds the sourced answer")
        return QuestionDetails(str(data["category"]), answer)
    return None


def validate_notes(
    raws: tuple[RawNote, ...], memo: Memo | None = None, docs: frozenset[str] = frozenset()
) -> ValidationResult:
    """Validate every raw note; invalid ones are reported and listed as unbuilt.

    With a ``memo`` (``mkdocs serve``), a raw note reused by the load stage is not validated again.
    ``docs`` lists the hand-written pages, whose paths no note may take (see validate.site).
    """
    problems: list[Problem] = name_problems(raws) + site_problems(raws, docs)
    notes: list[Note] = []
    unbuilt: list[Unbuilt] = []
    for raw in raws:
        built, found = _validate_one(raw) if memo is None else memo.by_object("validate", raw, _validate_one)
        problems.extend(found)
        if isinstance(built, Note) and reserved_problem(raw, docs) is not None:
            built = Unbuilt(raw.kind, raw.ident, _names_of(raw))  # its page is the site's: never rendered
        (notes if isinstance(built, Note) else unbuilt).append(built)  # type: ignore[arg-type]
    problems += relation_problems(notes)
    return ValidationResult(tuple(notes), tuple(unbuilt), tuple(problems))


def _validate_one(raw: RawNote) -> tuple[Note | Unbuilt, tuple[Problem, ...]]:
    problems = schema_problems(raw)
    if problems:
        # Unknown fields alone do not stop a note: its other problems are reported too.
        raw = _without_unknown_fields(raw)
        if schema_problems(raw):
            return Unbuilt(raw.kind, raw.ident, _names_of(raw)), tuple(problems)
    note = build_note(raw, problems)
    return note, tuple(problems)


def _without_unknown_fields(raw: RawNote) -> RawNote:
    """A copy of ``raw`` without the fields its schema does not know, at any depth."""
    data = copy.deepcopy(raw.data)
    for error in _validator(raw.kind).iter_errors(data):
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            for key in [k for k in error.instance if k not in allowed]:
                del error.instance[key]
    return dataclasses.replace(raw, data=data)


def _names_of(raw: RawNote) -> tuple[str, ...]:
    names = [raw.data.get(_NAME_FIELD.get(raw.kind, "name"))]
    aliases = raw.data.get("aliases")
    if isinstance(aliases, list):
        names.extend(aliases)
    return tuple(n for n in names if isinstance(n, str))
