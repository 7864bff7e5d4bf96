"""Stage 2, per note: the schema of a note's kind, with every violation located at its field's line."""

from __future__ import annotations

import copy
import dataclasses
import difflib
from collections.abc import Callable
from functools import cache

import fastjsonschema
import jsonschema

from refsite.core.problems import Problem
from refsite.core.slugs import ID_PATTERN, Kind
from refsite.load.frontmatter_yaml import FieldPath, field_name
from refsite.load.notes import RawNote
from refsite.validate.schema import DATE_PATTERN, SHA256_PATTERN, schema_for

_PATTERN_EXPECTED = {
    DATE_PATTERN: "a date as YYYY, YYYY-MM or YYYY-MM-DD",
    ID_PATTERN: "a note id: lowercase a-z, 0-9 and single hyphens",
    SHA256_PATTERN: "64 lowercase hexadecimal digits",
}
_JSON_TYPES = {"string": "text", "array": "a list", "object": "a mapping of fields"}


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
    shape = "array" if isinstance(value, list) else "object" if isinstance(value, dict) else ""
    return _JSON_TYPES.get(shape, type(value).__name__)


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


def without_unknown_fields(raw: RawNote) -> RawNote:
    """A copy of ``raw`` without the fields its schema does not know, at any depth."""
    data = copy.deepcopy(raw.data)
    for error in _validator(raw.kind).iter_errors(data):
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            for key in [k for k in error.instance if k not in allowed]:
                del error.instance[key]
    return dataclasses.replace(raw, data=data)
