"""Checks on the names and aliases of notes, which readers search for and ``[[links]]`` match.

Both checks work on raw notes, which still know the line of every alias, so each message points
at the exact line to fix.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from refsite.core.problems import Problem
from refsite.core.slugs import ENTITY_KINDS, Kind
from refsite.load.frontmatter_yaml import FieldPath, field_name
from refsite.load.notes import RawNote
from refsite.validate.confusables import has_letter_or_digit, invisible, skeleton

NAME_FIELD = {Kind.SOURCE: "title", Kind.DISAGREEMENT: "topic", Kind.QUESTION: "question"}
# Scripts whose letters look alike: a word that mixes them is a spoofed or mistyped name.
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"\w+")


def name_key(text: str) -> str:
    """The form in which names and aliases are compared: NFKC, case-folded, single-spaced.

    NFKC, not NFC: fullwidth ("Ｍｏｓｃｏｗ") and mathematical ("𝐌𝐨𝐬𝐜𝐨𝐰") letters are the same name.
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def names_of(raw: RawNote) -> list[tuple[FieldPath, str]]:
    """The name (or title, topic, question) and aliases of a raw note, with their field paths."""
    found: list[tuple[FieldPath, str]] = []
    key = NAME_FIELD.get(raw.kind, "name")
    if isinstance(raw.data.get(key), str):
        found.append(((key,), raw.data[key]))  # type: ignore[arg-type]
    aliases = raw.data.get("aliases")
    if isinstance(aliases, list):
        found.extend((("aliases", i), alias) for i, alias in enumerate(aliases) if isinstance(alias, str))
    return found


def _script(char: str) -> str | None:
    if not unicodedata.category(char).startswith("L"):
        return None
    script = unicodedata.name(char, "").split(" ", 1)[0]
    return script if script in _CONFUSABLE_SCRIPTS else None


def mixed_script(text: str) -> str | None:
    """Describe the first word of ``text`` that mixes Latin, Cyrillic or Greek letters, if any."""
    if text.isascii():  # Latin letters only: the usual case, and a quick one
        return None
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        scripts = [s for s in map(_script, word) if s]
        if len(set(scripts)) < 2:
            continue
        main = max(set(scripts), key=scripts.count)
        odd = next(c for c in word if _script(c) not in (None, main))
        names = sorted({s.capitalize() for s in scripts})
        return (
            f"{word!r} mixes {' and '.join(names)} letters ({odd!r} is U+{ord(odd):04X} {unicodedata.name(odd, '?')})"
        )
    return None


def name_problems(raws: tuple[RawNote, ...]) -> list[Problem]:
    """Mixed-script names, and names or aliases that two notes share (compared by :func:`name_key`)."""
    problems: list[Problem] = []
    holders: dict[str, dict[str, tuple[RawNote, FieldPath]]] = defaultdict(dict)
    looks: dict[str, dict[str, tuple[RawNote, FieldPath, str]]] = defaultdict(dict)
    for raw in raws:
        for path, name in names_of(raw):
            hidden = invisible(name)
            if hidden:
                problems.append(
                    Problem(
                        raw.path,
                        raw.line_of(path),
                        field_name(path),
                        f"{name!r} holds an invisible or format character ({hidden})",
                        "visible characters only: no zero-width, soft hyphen or bidi control characters",
                    )
                )
            if not has_letter_or_digit(name):
                problems.append(
                    Problem(raw.path, raw.line_of(path), field_name(path), f"{name!r} has no letter or digit", "a name")
                )
            if raw.kind in ENTITY_KINDS and not hidden:
                looks[skeleton(name)].setdefault(raw.path, (raw, path, name_key(name)))
            mixed = mixed_script(name)
            if mixed:
                problems.append(
                    Problem(raw.path, raw.line_of(path), field_name(path), mixed, "each word in one script")
                )
            if raw.kind in ENTITY_KINDS:
                holders[name_key(name)].setdefault(raw.path, (raw, path))
    for by_note in holders.values():
        if len(by_note) < 2:
            continue
        for raw, path in by_note.values():
            others = ", ".join(
                f"{other.ident} ({other.path}:{other.line_of(other_path)})"
                for other, other_path in by_note.values()
                if other is not raw
            )
            name = _value(raw, path)
            problems.append(
                Problem(
                    raw.path,
                    raw.line_of(path),
                    field_name(path),
                    f"{name!r} is also a name or alias of {others}",
                    "each name and alias on one note only",
                )
            )
    problems += _look_alikes(looks)
    return problems


def _look_alikes(looks: dict[str, dict[str, tuple[RawNote, FieldPath, str]]]) -> list[Problem]:
    """Names of different notes that differ but share a confusable skeleton (see validate.confusables)."""
    problems: list[Problem] = []
    for by_note in looks.values():
        if len(by_note) < 2 or len({key for _, _, key in by_note.values()}) < 2:
            continue
        for raw, path, key in by_note.values():
            others = ", ".join(
                f"{_value(other, other_path)!r} of {other.ident} ({other.path}:{other.line_of(other_path)})"
                for other, other_path, other_key in by_note.values()
                if other is not raw and other_key != key
            )
            if others:
                problems.append(
                    Problem(
                        raw.path,
                        raw.line_of(path),
                        field_name(path),
                        f"{_value(raw, path)!r} looks like {others}",
                        "a name that cannot be taken for another note's: Unicode confusables",
                    )
                )
    return problems


def _value(raw: RawNote, path: FieldPath) -> str:
    value: object = raw.data
    for part in path:
        value = value[part]  # type: ignore[index]
    return str(value)
