"""Tell contributors which HTML in their notes the sanitizer will remove, at the line that holds it.

The sanitizer (refsite.emit.sanitize) is what keeps pages safe; this check only explains, as warnings
that fail a strict build, why something written in a note will not appear. It reads the raw text
with patterns, so it names the usual suspects rather than proving anything.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from refsite.core.problems import Problem
from refsite.emit.sanitize import ATTRIBUTES, TAGS, URL_SCHEMES, class_kept, is_other_origin
from refsite.load.frontmatter_yaml import FieldPath, field_name
from refsite.load.notes import RawNote

_ACTIVE = (
    "script|iframe|frame|frameset|object|embed|applet|form|input|button|textarea|select|style|link|meta|base"
    "|svg|math|template|noscript|portal"
)
_TAG = re.compile(rf"<\s*({_ACTIVE})\b", re.IGNORECASE)
_ANY_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_ATTR_LIST_ANY = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_LIST_ITEM = re.compile(r"""([#.][^\s#.{}]+)|([^\s=]+)=(?:"[^"]*"|'[^']*'|[^\s}]+)""")
IMAGE_EXPECTED = "an image stored in the site, by a relative path"
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\(\s*<?([^)\s>]+)")
CLASS_EXPECTED = "no class, or an admonition type such as note, tip or warning"
_HANDLER = re.compile(r"[\s\"'/](on[a-z]+)\s*=", re.IGNORECASE)
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*?[\s{](on[a-z]+)\s*=[^{}\n]*\}", re.IGNORECASE)
_URL_ATTR = re.compile(
    r"[\s\"'/](?:href|src|action|formaction|data|xlink:href|poster|background)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))",
    re.IGNORECASE,
)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_MD_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_TEXT_FIELDS = ("summary", "answer")


def _scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser reads it (entities decoded, blanks and controls dropped)."""
    squeezed = "".join(ch for ch in html.unescape(url) if ch > " ").lower()
    match = _SCHEME.match(squeezed)
    return match.group(1) if match else None


_FENCE = re.compile(r"[ ]{0,3}(```|~~~)")
_BACKTICKS = re.compile(r"`+")


def _blank_code(text: str) -> str:
    """``text`` with code blocks and spans blanked (offsets and lines kept): Markdown shows code as text.

    One pass over the lines for fenced blocks, one over the backtick runs for spans (a run is closed
    by the next run of the same length, as in Markdown): linear in time, unlike a pattern with a lazy
    ``.*?`` that tries every opening again.
    """
    lines = text.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines[number] = " " * len(line)
        elif fence is not None:
            if match and match.group(1) == fence:
                fence = None
            lines[number] = " " * len(line)
    text = "\n".join(lines)
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    following: dict[int, int] = {}  # index of a run -> index of the next run of the same length
    for indexes in by_length.values():
        for here, after in zip(indexes, indexes[1:], strict=False):
            following[here] = after
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        closing = following.get(index)
        if closing is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closing][1]))
        index = closing + 1
    if not spans:
        return text
    out: list[str] = []
    position = 0
    for start, end in spans:
        out.append(text[position:start])
        out.append("".join("\n" if c == "\n" else " " for c in text[start:end]))
        position = end
    out.append(text[position:])
    return "".join(out)


def findings(text: str, *, markdown_images: bool = True) -> Iterator[tuple[int, str, str]]:
    """(offset, what is removed, what is kept instead) for each suspect in ``text``.

    Markdown images from other sites are named here for text fields; in a body they are an error
    of the site-wide link check (validate.site) instead.
    """
    text = _blank_code(text)
    if markdown_images:
        for match in _MD_IMAGE.finditer(text):
            url = match.group(1)
            if is_other_origin(url) and _scheme(url) in (None, *URL_SCHEMES):
                yield match.start(), "image from another site is removed", IMAGE_EXPECTED
    for match in _TAG.finditer(text):
        yield match.start(), f"<{match.group(1).lower()}> is removed from the page", "Markdown, or plain HTML"
    for tag in _ANY_TAG.finditer(text):
        for handler in _HANDLER.finditer(tag.group(0)):
            yield tag.start(), f"event handler {handler.group(1)}= is removed", "HTML without event handlers"
        for url in _URL_ATTR.finditer(tag.group(0)):
            yield from _link(tag.start(), next(g for g in url.groups() if g is not None))
        yield from _tag(tag.start(), tag.group(1).lower(), tag.group(2))
    for match in _ATTR_LIST_ANY.finditer(text):
        yield from _attr_list(match.start(), match.group(1))
    for match in _ATTR_LIST.finditer(text):
        yield match.start(), f"event handler {match.group(1)}= is removed", "HTML without event handlers"
    for pattern in (_MD_LINK, _MD_REFERENCE, _AUTOLINK):
        for match in pattern.finditer(text):
            yield from _link(match.start(), match.group(1))


def _tag(offset: int, name: str, rest: str) -> Iterator[tuple[int, str, str]]:
    """What the sanitizer removes from one opening tag: the element, or attributes and classes."""
    if rest.startswith(":"):
        return  # an autolink such as <https://…>, checked as a link
    if name not in TAGS:
        if not _TAG.match(f"<{name}"):
            yield offset, f"<{name}> is removed from the page", "Markdown, or plain HTML"
        return
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(name, set())
    for attribute in _ATTRIBUTE.finditer(rest):
        key = attribute.group(1).lower()
        value = next((g for g in attribute.groups()[1:] if g is not None), "")
        if name == "img" and key == "src" and is_other_origin(value) and _scheme(value) in (None, *URL_SCHEMES):
            yield offset, "image from another site is removed", IMAGE_EXPECTED
            continue
        if key.startswith("on") or key in ("href", "src") and key in allowed:
            continue  # named above
        if key not in allowed or key == "style" and name not in ("th", "td"):
            yield (
                offset,
                f"attribute {key}= of <{name}> is removed",
                "class, id, title, lang or dir (and href, src, alt on links and images)",
            )
        else:
            yield from _id_and_class(offset, key, value)


def _id_and_class(offset: int, key: str, value: str) -> Iterator[tuple[int, str, str]]:
    if key == "id" and value.startswith("__"):
        yield offset, f"id {value!r} is removed", "an id that does not start with '__' (the theme's own)"
    if key == "class":
        for name in value.split():
            if not class_kept(name):
                yield offset, f"class {name!r} is removed", CLASS_EXPECTED


def _attr_list(offset: int, inside: str) -> Iterator[tuple[int, str, str]]:
    """What the sanitizer removes from a Markdown attribute list such as ``{: #id .class key=value }``."""
    for item in _ATTR_LIST_ITEM.finditer(inside):
        shorthand, key = item.group(1), item.group(2)
        if shorthand and shorthand.startswith("#"):
            yield from _id_and_class(offset, "id", shorthand[1:])
        elif shorthand:
            yield from _id_and_class(offset, "class", shorthand[1:])
        elif key and not key.lower().startswith("on"):
            lowered = key.lower()
            if lowered not in ATTRIBUTES["*"]:
                yield offset, f"attribute {lowered}= is removed", "class, id, title, lang or dir"


def ids_in(text: str) -> Iterator[tuple[int, str]]:
    """(offset, value) of every id that ``text`` gives an element, in HTML or in attribute lists."""
    text = _blank_code(text)
    for tag in _ANY_TAG.finditer(text):
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            if attribute.group(1).lower() == "id":
                yield tag.start(), next((g for g in attribute.groups()[1:] if g is not None), "")
    for match in _ATTR_LIST_ANY.finditer(text):
        for item in _ATTR_LIST_ITEM.finditer(match.group(1)):
            if item.group(1) and item.group(1).startswith("#"):
                yield match.start(), item.group(1)[1:]
            elif item.group(2) and item.group(2).lower() == "id":
                yield match.start(), item.group(0).split("=", 1)[1].strip("'\"")


def _link(offset: int, url: str) -> Iterator[tuple[int, str, str]]:
    scheme = _scheme(url)
    if scheme is not None and scheme not in URL_SCHEMES:
        yield offset, f"link to a {scheme}: address is removed", "an http, https, mailto or relative link"


def _warn(raw: RawNote, text: str, path: FieldPath, first_line: int, spans_lines: bool) -> list[Problem]:
    found = []
    for offset, message, expected in sorted(set(findings(text, markdown_images=path != ("body",)))):
        line = first_line + (text.count("\n", 0, offset) if spans_lines else 0)
        found.append(Problem(raw.path, line, field_name(path), message, expected))
    return found


def html_warnings(raws: tuple[RawNote, ...]) -> list[Problem]:
    """Warnings for the HTML that the pages will not show, in the body and text fields of every note."""
    return [warning for raw in raws for warning in note_html_warnings(raw)]


def note_html_warnings(raw: RawNote) -> tuple[Problem, ...]:
    """The same for one note."""
    warnings = _warn(raw, raw.body, ("body",), raw.body_line, spans_lines=True)
    texts: list[tuple[FieldPath, object]] = [((key,), raw.data.get(key)) for key in _TEXT_FIELDS]
    claims = raw.data.get("claims")
    if isinstance(claims, list):
        texts += [(("claims", i, "claim"), c.get("claim")) for i, c in enumerate(claims) if isinstance(c, dict)]
    for path, value in texts:
        if isinstance(value, str):
            # A YAML value may be folded: its own line numbers are not the file's.
            warnings += _warn(raw, value, path, raw.line_of(path), spans_lines=False)
    return tuple(warnings)
