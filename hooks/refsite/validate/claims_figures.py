"""Find the dates and the figures (numbers, amounts, percentages, counts) in a piece of prose.

Both are read from plain text (links and citations already taken out) and normalised, so that a
sentence and a quote that write the same figure differently compare equal: ``$500m``, ``$500
million`` and ``500 million dollars`` are all 500,000,000; ``0.21%`` and ``0.21 percent`` are 0.21;
``two weeks`` is 2. A date is kept with its precision (year, month, day) so that a sentence cannot be
more precise than its quote.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

_MONTH_NAMES = tuple(calendar.month_name[1:])
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9}
_MONTH_ABBR |= {"oct": 10, "nov": 11, "dec": 12}
MONTHS = {name.lower(): i + 1 for i, name in enumerate(_MONTH_NAMES)} | _MONTH_ABBR
_MONTH = r"(?=[JFMASOND])(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?=\d)(?:[12]\d|3[01]|0?[1-9])"
_END = r"(?![\w%$-])"

_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b"), "ymd"),
    (re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR}){_END}"), "mdy"),
    (re.compile(rf"\b(?P<d>{_DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\s*,?\s+(?P<y>{_YEAR}){_END}"), "dmy"),
    (re.compile(rf"\b(?P<m>{_MONTH})\s*,?\s+(?P<y>{_YEAR}){_END}"), "my"),
    (
        re.compile(
            rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:st|nd|rd|th)?(?![\w%$.,]\d|\d|\s*(?:million|billion|percent|%))"
        ),
        "md",
    ),
    (re.compile(rf"\b(?P<d>{_DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\b"), "dm"),
    (re.compile(rf"\b(?P<y>{_YEAR})\s*[-–—]\s*(?P<y2>\d\d|{_YEAR}|present)(?![\w%])"), "range"),
    (re.compile(r"\b(?:(?:early|mid|late)[- ])?(?P<dec>1[89]\d0|20\d0)s\b"), "decade"),
    (re.compile(rf"(?<![\w$.,-])(?P<y>{_YEAR}){_END}(?![.,]\d)"), "y"),
    (
        re.compile(
            rf"(?i:\b(?:in|since|by|until|till|from|early|late|mid|before|after|during|of|to|last|this|next|and|or|between)[ -])(?P<m>{_MONTH})\b"
        ),
        "m",
    ),
)


@dataclass(frozen=True, order=True)
class Mention:
    """A date or a figure found in text, with where it stands."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, order=True)
class DateMention(Mention):
    year: int = 0
    month: int = 0
    day: int = 0
    decade: int = 0
    """The first year of a decade ("the 1990s"), when that is all the text says."""


def _month(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


_MAYBE_DATE = re.compile(r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


def find_dates(text: str) -> list[DateMention]:
    """Every date in ``text``, longest forms first, none overlapping."""
    return list(_find_dates(text)) if _MAYBE_DATE.search(text) else []


@lru_cache(maxsize=8192)
def _find_dates(text: str) -> tuple[DateMention, ...]:
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for pattern, form in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if form == "m":
                start = match.start("m")
            if not free(start, end):
                continue
            groups = match.groupdict()
            if form == "range":
                first = int(groups["y"])
                second = groups["y2"]
                if second == "present":
                    found.append(DateMention(start, end, match.group(0), first))
                else:
                    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
                    if last <= first:
                        continue
                    found.append(DateMention(start, match.start("y2"), groups["y"], first))
                    found.append(DateMention(match.start("y2"), end, second, last))
            elif form == "decade":
                found.append(DateMention(start, end, match.group(0), decade=int(groups["dec"])))
            else:
                year = int(groups["y"]) if groups.get("y") else 0
                month = _month(groups["m"]) if groups.get("m") else 0
                day = int(groups["d"]) if groups.get("d") else 0
                found.append(DateMention(start, end, match.group(0), year, month, day))
            taken.append((start, end))
    return tuple(sorted(found))


def date_supported(claim: DateMention, quoted: list[DateMention]) -> bool:
    """Whether some quoted date agrees with ``claim`` and is at least as precise.

    A quoted date without a year has been given the year of its source's date by the caller.
    """
    for q in quoted:
        if claim.decade:
            if q.decade == claim.decade or (q.year and claim.decade <= q.year < claim.decade + 10):
                return True
            continue
        if q.decade:
            continue
        if claim.year and q.year != claim.year:
            continue
        if claim.month and q.month != claim.month:
            continue
        if claim.day and q.day != claim.day:
            continue
        return True
    return False


# ---------------------------------------------------------------------------------------- figures

_WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "trillion": 1e12,
}  # fmt: skip
_VAGUE = ("hundreds", "thousands", "millions", "billions", "dozens")
_UNIT_TAIL = {"km", "mi", "kg", "t", "mw", "gw", "kw", "m", "mn", "bn", "k", "s"}
_NUM = re.compile(
    r"(?<![\w./-])(?P<cur>US\$|\$|€|£)?\s?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<ord>st|nd|rd|th)?(?P<tail>[A-Za-z]*)(?:[\s-]*(?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s*(?:%|percent\b|per\s+cent\b))?"
)
_WORDS = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_WORD_NUM = re.compile(
    rf"\b(?P<a>{_WORDS})(?:[\s-]+(?P<b>{_WORDS}))?(?:[\s-]+(?P<scale>thousand|million|billion|trillion))?\b"
    rf"(?P<rest>[\s-]+(?:{_YEAR}\s+)?(?P<noun>[A-Za-z]+))?",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(rf"\b(?P<w>{'|'.join(_VAGUE)})\b", re.IGNORECASE)
# Nouns after "two", "three"... that count what the sentence is about rather than state a figure.
_CONTEXT_COUNTS = {
    "countries", "sides", "states", "governments", "presidents", "leaders", "nations", "neighbours",
    "neighbors", "capitals", "articles", "sources", "men", "parties", "of", "other", "others", "experts",
    "accounts", "views", "reports", "writers", "authors", "analysts", "commentators", "texts",
}  # fmt: skip
_ANAPHORIC = re.compile(r"\b(?:the|all|these|those|same|both)\s+$", re.IGNORECASE)
"""Before "two", "three"...: "the two", "all three" count what the text has just named."""
_ONE_OK = {
    "year", "month", "week", "day", "hour", "million", "billion", "thousand", "hundred", "dozen", "percent",
    "minute", "decade",
}  # fmt: skip


@dataclass(frozen=True, order=True)
class Figure(Mention):
    value: float = 0.0
    vague: str = ""
    """For "hundreds", "dozens"...: the word, compared as it is."""


def find_figures(text: str, skip: list[tuple[int, int]]) -> list[Figure]:
    """Every number, amount, percentage or count in ``text``, outside the spans in ``skip`` (dates)."""
    return list(_find_figures(text, tuple(skip)))


@lru_cache(maxsize=8192)
def _find_figures(text: str, skip: tuple[tuple[int, int], ...]) -> tuple[Figure, ...]:
    found: list[Figure] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in skip) and all(end <= f.start or start >= f.end for f in found)

    for match in _NUM.finditer(text):
        tail = match.group("tail").lower()
        if tail and tail not in _UNIT_TAIL:
            continue  # a name such as "TB2" is never matched (lookbehind); "2S19" is a name too
        if not free(match.start("n"), match.end("n")):
            continue
        value = float(match.group("n").replace(",", ""))
        if tail in _SCALES:
            value *= _SCALES[tail]
        if match.group("scale"):
            value *= _SCALES[match.group("scale").lower()]
        found.append(Figure(match.start(), match.end(), match.group(0).strip(), value))
    for match in _WORD_NUM.finditer(text):
        first = match.group("a").lower()
        noun = (match.group("noun") or "").lower()
        if not free(match.start(), match.end("a")):
            continue
        if first == "one" and not match.group("scale") and noun.rstrip("s") not in _ONE_OK:
            continue
        if not match.group("scale") and noun in _CONTEXT_COUNTS:
            continue
        if _ANAPHORIC.search(text[: match.start()]) and not noun.endswith("s"):
            continue
        value = float(_WORD_VALUES[first])
        second = (match.group("b") or "").lower()
        if second:
            value = value * _WORD_VALUES[second] if _WORD_VALUES[second] in (12, 100) else value + _WORD_VALUES[second]
        if match.group("scale"):
            value *= _SCALES[match.group("scale").lower()]
        end = match.end("scale") if match.group("scale") else match.end("b") if second else match.end("a")
        found.append(Figure(match.start(), end, text[match.start() : end], value))
    for match in _VAGUE_RE.finditer(text):
        if free(*match.span()):
            found.append(Figure(match.start(), match.end(), match.group(0), vague=match.group("w").lower()))
    return tuple(sorted(found))


def figure_supported(claim: Figure, quoted: list[Figure]) -> bool:
    for q in quoted:
        if claim.vague:
            if q.vague == claim.vague:
                return True
        elif not q.vague and abs(q.value - claim.value) <= 1e-9 * max(1.0, abs(claim.value)):
            return True
    return False
