"""The JSON Schema of each kind of note.

The same schemas validate notes in the build and are published for editors (the YAML language
server), so what an editor flags and what the build rejects cannot drift apart. All scalar values
are strings: the front-matter reader never applies YAML's implicit typing.
"""

from __future__ import annotations

from refsite.core.relations import RELATION_TYPES
from refsite.core.slugs import ID_PATTERN, Kind

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
NUMBER_PATTERN = r"^-?[0-9]{1,3}(\.[0-9]+)?$"

PLACE_TYPES = (
    "country",
    "city",
    "region",
    "port",
    "facility",
    "infrastructure",
    "military-base",
    "monument",
    "body-of-water",
)
ORGANIZATION_TYPES = (
    "government",
    "ministry",
    "armed-forces",
    "political-party",
    "armed-group",
    "international-organization",
    "company",
    "charity",
    "media",
    "academic",
    "sports-body",
    "religious-body",
    "legislature",
    "bank",
    "other",
)
EQUIPMENT_TYPES = (
    "drone",
    "missile",
    "aircraft",
    "vehicle",
    "air-defence",
    "other",
)
EVENT_TYPES = (
    "visit",
    "meeting",
    "agreement",
    "inauguration",
    "sale",
    "transfer",
    "attack",
    "accusation",
    "trade-figure",
    "accession",
    "conflict",
    "diplomatic",
    "policy",
    "statement",
    "other",
)
ASPECTS = (
    "spelling",
    "date",
    "figure",
    "attribution",
    "membership",
    "first-claim",
    "framing",
    "description",
)
QUESTION_CATEGORIES = ("when", "who", "how-much", "why", "what", "where")

_TEXT = {"type": "string", "minLength": 1, "maxLength": 20000}
_LINE = {"type": "string", "minLength": 1, "maxLength": 500, "pattern": r"^[^\n]*$"}
_ID = {"type": "string", "pattern": ID_PATTERN, "maxLength": 80}
_IDS = {"type": "array", "items": _ID, "uniqueItems": True}
_DATE = {"type": "string", "pattern": DATE_PATTERN}
_CITE = {
    "description": "Sources of the facts beside it: each item maps one source id to one verbatim quote.",
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 600},
    },
}
_RELATION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "target", "cite"],
    "properties": {
        "type": {"enum": sorted(RELATION_TYPES)},
        "target": _ID,
        "date": _DATE,
        "cite": _CITE,
    },
}
_ROLE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "cite"],
    "properties": {
        "title": _LINE,
        "organization": _ID,
        "country": _ID,
        "start": _DATE,
        "end": _DATE,
        "cite": _CITE,
    },
}
_COMMON = {
    "name": {**_LINE, "description": "The name shown on the site."},
    "aliases": {"type": "array", "items": _LINE, "uniqueItems": True},
    "summary": {**_TEXT, "description": "One sentence, with a citation."},
    "themes": _IDS,
    "cite": _CITE,
    "relations": {"type": "array", "items": _RELATION},
}
_KIND_FIELDS: dict[Kind, tuple[dict[str, object], list[str]]] = {
    Kind.PERSON: ({"country": _ID, "roles": {"type": "array", "items": _ROLE}}, []),
    Kind.PLACE: (
        {
            "type": {"enum": list(PLACE_TYPES)},
            "country": _ID,
            "coordinates": {
                "type": "object",
                "additionalProperties": False,
                "required": ["lat", "lon"],
                "properties": {
                    "lat": {"type": "string", "pattern": NUMBER_PATTERN},
                    "lon": {"type": "string", "pattern": NUMBER_PATTERN},
                },
            },
        },
        ["type", "cite"],
    ),
    Kind.ORGANIZATION: ({"type": {"enum": list(ORGANIZATION_TYPES)}, "country": _ID}, ["type", "cite"]),
    Kind.EQUIPMENT: ({"type": {"enum": list(EQUIPMENT_TYPES)}, "maker": _ID, "origin": _ID}, ["type", "cite"]),
    Kind.EVENT: (
        {
            "date": _DATE,
            "end": _DATE,
            "type": {"enum": list(EVENT_TYPES)},
            "places": _IDS,
            "participants": _IDS,
        },
        ["date", "cite"],
    ),
    Kind.THEME: ({}, []),
}


def _object(properties: dict[str, object], required: list[str], title: str) -> dict[str, object]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def schema_for(kind: Kind) -> dict[str, object]:
    """The JSON Schema of the front matter of one kind of note."""
    title = f"{kind.label} note"
    if kind in _KIND_FIELDS:
        extra, required = _KIND_FIELDS[kind]
        return _object({**_COMMON, **extra}, ["name", "summary", *required], title)
    if kind is Kind.SOURCE:
        return _object(
            {
                "title": _LINE,
                "title_basis": _LINE,
                "publisher": _LINE,
                "publisher_basis": _LINE,
                "carried_by": _LINE,
                "author": _LINE,
                "date": _DATE,
                "date_basis": {**_LINE, "maxLength": 1000},
                "page_date": _DATE,
                "url": {"type": "string", "pattern": r"^https?://[^\s<>\"]+$"},
                "file": {"type": "string", "pattern": r"^[A-Za-z0-9_.-]+\.txt$"},
                "sha256": {"type": "string", "pattern": SHA256_PATTERN},
                "people": {
                    **_IDS,
                    "description": "Ids of the person notes for the people the text quotes or paraphrases, and its author.",
                },
            },
            ["title", "publisher", "date", "file", "sha256"],
            title,
        )
    if kind is Kind.DISAGREEMENT:
        claim = {
            "type": "object",
            "additionalProperties": False,
            "required": ["claim", "cite"],
            "properties": {"claim": _TEXT, "cite": _CITE},
        }
        return _object(
            {
                "topic": _LINE,
                "aspect": {"enum": list(ASPECTS)},
                "concerns": {**_IDS, "minItems": 1},
                "claims": {"type": "array", "minItems": 2, "items": claim},
            },
            ["topic", "aspect", "concerns", "claims"],
            title,
        )
    return _object(
        {"question": _LINE, "category": {"enum": list(QUESTION_CATEGORIES)}, "answer": _TEXT},
        ["question", "category", "answer"],
        title,
    )
