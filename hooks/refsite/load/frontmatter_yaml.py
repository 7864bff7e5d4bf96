"""A strict reader for the YAML front matter of notes.

Notes are untrusted input, so this reader builds plain data from PyYAML's event stream instead of
using a YAML loader: every scalar stays a string (no ``NO`` → ``False``, ``007`` → ``7`` or
``2022-05-17`` → ``date``), tags, anchors and aliases are refused, duplicate keys are reported with
both lines, nesting is capped, and the line of every value is kept so that later stages can point
at it. Both of PyYAML's parsers work from an explicit state stack, so a deeply nested document
cannot exhaust the interpreter's stack; libyaml's is used when present because it is several times
faster, and the pure-Python one for any text libyaml refuses, so that messages are always its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_DEPTH = 24

FieldPath = tuple[str | int, ...]
"""Where a value sits in the front matter: keys and list indexes from the top."""


@dataclass(frozen=True)
class YamlIssue:
    """A problem found while reading front matter, at a 1-based line of the file."""

    line: int
    field: str
    message: str
    expected: str = ""


@dataclass
class ParsedYaml:
    """Front matter as plain data, with the line where each value starts."""

    data: object = None
    lines: dict[FieldPath, int] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)


def field_name(path: FieldPath) -> str:
    """Render ``("relations", 2, "target")`` as ``relations[2].target``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "front matter"


class _Builder:
    """Assembles containers from events; a frame is ``[container, path, pending_key]``."""

    def __init__(self, result: ParsedYaml) -> None:
        self.result = result
        self.stack: list[list[Any]] = []
        self.key_lines: list[dict[str, int]] = []
        self.done = False

    def _slot(self, line: int) -> FieldPath | None:
        """Claim the place for the next value; None when the next value is a mapping key."""
        if not self.stack:
            return ()
        container, path, pending = self.stack[-1]
        if isinstance(container, list):
            return (*path, len(container))
        if pending is None:
            return None
        return (*path, pending)

    def _store(self, value: object, slot: FieldPath) -> None:
        if not self.stack:
            self.result.data = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
        else:
            container[frame[2]] = value
            frame[2] = None

    def scalar(self, value: str, line: int) -> None:
        slot = self._slot(line)
        if slot is None:
            self._key(value, line)
            return
        self.result.lines.setdefault(slot, line)
        self._store(value, slot)

    def _key(self, key: str, line: int) -> None:
        frame = self.stack[-1]
        seen = self.key_lines[-1]
        path = (*frame[1], key)
        if key in seen:
            self.result.issues.append(
                YamlIssue(
                    line,
                    field_name(path),
                    f"duplicate key, first given on line {seen[key]}",
                    "each key once",
                )
            )
        seen[key] = line
        self.result.lines.setdefault(path, line)
        frame[2] = key

    def start(self, container: dict[str, Any] | list[Any], line: int) -> bool:
        slot = self._slot(line)
        if slot is None:
            self.result.issues.append(
                YamlIssue(line, field_name(self.stack[-1][1]), "a key must be plain text", "a name")
            )
            return False
        if len(slot) >= MAX_DEPTH:
            self.result.issues.append(
                YamlIssue(line, field_name(slot[:1]), f"nested more than {MAX_DEPTH} levels deep", "flat values")
            )
            return False
        self.result.lines.setdefault(slot, line)
        self._store(container, slot)
        self.stack.append([container, slot, None])
        self.key_lines.append({})
        return True

    def end(self) -> None:
        self.stack.pop()
        self.key_lines.pop()


REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ue000-\uf8ff]")
"""Characters no note may hold: of category Cc (C0, DEL, C1) all but tab and newline, and the
private-use area, which has no agreed glyph. They can also arrive through YAML escapes ("\\e")."""


def refused_character(char: str) -> str:
    if "\ue000" <= char <= "\uf8ff":
        return f"private-use character U+{ord(char):04X}"
    return f"control character U+{ord(char):04X}"


_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:")


def _top_field(lines: list[str], index: int) -> str:
    """The top-level key whose value spans line ``index`` (0-based) of the YAML text, if any."""
    for number in range(min(index, len(lines) - 1), -1, -1):
        line = lines[number]
        if not line.strip() or line[0] in " \t#-":  # inside a value, a comment or a list item
            continue
        match = _TOP_KEY.match(line)
        return match.group(1) if match else "front matter"
    return "front matter"


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _events(text: str) -> Iterable[yaml.Event]:
    """The parser's events: libyaml's when it accepts the text, else the pure-Python parser's."""
    if _FAST_LOADER is not None:
        events: list[yaml.Event] = []
        depth = 0
        try:
            for event in yaml.parse(text, Loader=_FAST_LOADER):
                events.append(event)
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        break  # libyaml slows down quadratically with depth; the builder reports it
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
            return events
        except yaml.YAMLError:
            pass
    return yaml.parse(text, Loader=yaml.SafeLoader)


def parse_front_matter(text: str, first_line: int = 1) -> ParsedYaml:
    """Parse YAML text into strings, lists and dicts.

    ``first_line`` is the file line the text starts on, so that every line in the result, messages
    included ("first given on line N"), is a line of the file.
    """
    offset = first_line - 1
    result = ParsedYaml()
    builder = _Builder(result)
    text_lines = text.split("\n")

    def refuse(line: int, message: str, expected: str) -> None:
        result.issues.append(YamlIssue(line, _top_field(text_lines, line - first_line), message, expected))

    documents = 0
    try:
        for event in _events(text):
            line = (event.start_mark.line + 1 if event.start_mark else 1) + offset
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    refuse(line, "more than one YAML document", "one mapping")
                    break
            if isinstance(event, yaml.AliasEvent):
                refuse(line, "YAML aliases are not allowed", "plain values")
                break
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                refuse(line, "YAML anchors are not allowed", "plain values")
                break
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                explicit = event.tag is not None and not (isinstance(event, yaml.ScalarEvent) and event.tag == "!")
                if explicit:
                    tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
                    refuse(line, f"YAML tag {tag} is not allowed", "plain values")
                    break
            if isinstance(event, yaml.ScalarEvent):
                refused = REFUSED.search(event.value)
                if refused:
                    refuse(line, f"{refused_character(refused.group())} from a YAML escape", "printable text")
                    break
                builder.scalar(event.value, line)
            elif isinstance(event, yaml.MappingStartEvent):
                if not builder.start({}, line):
                    break
            elif isinstance(event, yaml.SequenceStartEvent):
                if not builder.start([], line):
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                builder.end()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        problem = (error.problem or "invalid YAML").replace("'<stream end>'", "the end of the front matter")
        if "'\\t'" in problem:
            refuse(line, "a tab character in YAML", "indentation with spaces")
            return result
        if error.context and error.context_mark:
            problem += f", {error.context} that starts on line {error.context_mark.line + 1 + offset}"
        refuse(line, f"invalid YAML: {problem}", "valid YAML")
    except yaml.YAMLError as error:  # reader errors carry no mark
        refuse(first_line, f"invalid YAML: {error}", "valid YAML")
    return result
