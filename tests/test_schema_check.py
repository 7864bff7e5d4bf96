"""The compiled schema check (fastjsonschema) never passes a note that jsonschema refuses.

It may refuse a little more: a pattern's ``$`` matches before a final newline in Python's ``re``
(jsonschema) but not in the ECMA regexes that JSON Schema specifies (fastjsonschema, editors). Such
a note then goes through jsonschema, whose verdict stands, so the build's answer is unchanged.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator

import pytest
from refsite.core.slugs import Kind
from refsite.load.notes import load_notes
from refsite.validate.schema import schema_for
from refsite.validate.schema_check import _fits_schema, _validator

from .golden import CORPUS

# Keywords that mean the same in Draft 7 (fastjsonschema) and Draft 2020-12 (jsonschema, editors).
SAME_IN_BOTH_DRAFTS = {
    "$schema", "$id", "title", "description", "type", "properties", "required", "additionalProperties",
    "propertyNames", "pattern", "enum", "minLength", "maxLength", "items", "minItems", "maxItems",
    "uniqueItems", "minProperties", "maxProperties", "minimum", "maximum",
}  # fmt: skip


def _keywords(schema: object) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            yield key
            if key == "properties":
                for sub in value.values():
                    yield from _keywords(sub)
            elif key in {"items", "additionalProperties", "propertyNames"}:
                yield from _keywords(value)
    elif isinstance(schema, list):
        for sub in schema:
            yield from _keywords(sub)


@pytest.mark.parametrize("kind", list(Kind), ids=lambda k: k.value)
def test_the_schemas_use_only_keywords_that_mean_the_same_in_both_drafts(kind: Kind) -> None:
    assert set(_keywords(schema_for(kind))) <= SAME_IN_BOTH_DRAFTS


def _variants(data: object) -> Iterator[object]:
    """The value itself, then copies with one thing broken at each place in it."""
    if isinstance(data, dict):
        yield {**data, "unknown-field": "x"}
        for key, value in data.items():
            yield {k: v for k, v in data.items() if k != key}
            for wrong in ([value], {"a": value}, "", "x" * 600, 7, None):
                yield {**data, key: wrong}
            for variant in _variants(value):
                yield {**data, key: variant}
    elif isinstance(data, list):
        yield []
        for index, value in enumerate(data):
            for variant in _variants(value):
                yield [*data[:index], variant, *data[index + 1 :]]
    elif isinstance(data, str):
        yield data + "\n"
        yield " " + data


def _ends_a_line(data: object) -> bool:
    if isinstance(data, dict):
        return any(_ends_a_line(v) for v in data.values())
    if isinstance(data, list):
        return any(_ends_a_line(v) for v in data)
    return isinstance(data, str) and data.endswith("\n")


def test_both_checks_agree_on_every_fixture_note_and_its_broken_copies() -> None:
    notes = load_notes(CORPUS / "seeds", CORPUS).notes
    assert {note.kind for note in notes} == set(Kind)
    checked = failing = 0
    for note in notes:
        for data in [note.data, *_variants(copy.deepcopy(note.data))]:
            valid = next(_validator(note.kind).iter_errors(data), None) is None
            fits = _fits_schema(dataclasses.replace(note, data=data))
            assert fits == valid or (valid and _ends_a_line(data)), (note.path, data)
            checked += 1
            failing += not valid
    assert failing > checked // 2 > 400  # most copies are broken: the check is exercised both ways
