"""Hedges: the words with which a source marks a statement as uncertain, reported or approximate.

A quote's hedge must survive in the sentence that cites it, as the same word or an equivalent one
of the same family. A hedge only counts when the sentence actually uses what it qualifies: two of
the (up to four) content words that follow it in the quote, or the figure that follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from refsite.validate.claims_figures import find_dates, find_figures

UNCERTAIN = "uncertain"
APPROXIMATE = "approximate"
CAUTIOUS = "cautious"

# Hedges looked for in quotes: pattern → family. "about", "around", "some", "over" and the like only
# hedge a figure, so they count only before one (checked by the caller with ``before_figure``).
_QUOTE_HEDGES: tuple[tuple[str, str, bool], ...] = (
    (r"could|may|might|perhaps|possibly|probably|likely|unlikely|presumably", UNCERTAIN, False),
    (r"reportedly|allegedly|alleged|purportedly|purported|apparently|seemingly|supposedly", UNCERTAIN, False),
    (r"suspected|rumou?red|(?:is|are|was|were) said to|(?:is|are|was|were) believed to", UNCERTAIN, False),
    (r"(?:is|are|was|were) thought to|appears? to|seems? to|arguably", UNCERTAIN, False),
    (r"approximately|roughly|nearly|almost|estimated|an estimated|circa|some \d", APPROXIMATE, False),
    (r"up to|about|around|some|over|more than|less than|at least|close to|just under|just over", APPROXIMATE, True),
    (r"cautiously|tentatively|carefully|warily", CAUTIOUS, False),
)
_QUOTE_RE = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), family, needs) for p, family, needs in _QUOTE_HEDGES]

# What a sentence may write instead, by family: a faithful paraphrase uses one of these.
_EQUIVALENTS = {
    UNCERTAIN: (
        r"could|may|might|perhaps|possibly|possible|probably|probable|likely|unlikely|likelihood|presumably"
        r"|reportedly|reported|reports? (?:that|say)|accus\w*|charg(?:ed|es)|citing|ostensibl[ey]|allegedly|alleged|allegations?|purportedly|purported"
        r"|apparently|seemingly|supposedly|suspect(?:s|ed)?|suspicions?|rumou?r(?:s|ed)?|said to|believed to"
        r"|thought to|appears? to|seems? to|arguabl[ey]|according to|claim(?:s|ed)?|speculat\w+|suggest(?:s|ed)?"
        r"|uncertain|unclear|unconfirmed|not confirmed|may have|potential(?:ly)?|chance|whether|hedg\w+"
        r"|in (?:his|her|their|its) (?:view|reading|words)|thinks?|believes?"
    ),
    APPROXIMATE: (
        r"about|around|approximately|approx\.?|roughly|nearly|almost|some|estimated|estimates?|circa|c\.|up to"
        r"|over|more than|less than|at least|close to|just under|just over|under|or so|some|about|~|≈"
    ),
    CAUTIOUS: r"cautious(?:ly)?|tentative(?:ly)?|careful(?:ly)?|wary|warily|guarded(?:ly)?|quiet(?:ly)?|discreet(?:ly)?",
}
_EQUIVALENT_RE = {family: re.compile(rf"\b(?:{p})(?!\w)", re.IGNORECASE) for family, p in _EQUIVALENTS.items()}

_STOP = frozenset(
    """a an the to of and or in on at by for with from as is are was were be been being has have had its it
    his her their this that these those which who not no but than then so such also there here into onto
    would will can do does did very much more most own other both each than i we you they he she them""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")


@dataclass(frozen=True)
class Hedge:
    word: str
    family: str
    governs: tuple[str, ...]
    """Stems of the content words the hedge qualifies."""
    figure: float | None
    """The figure it qualifies (approximations), if one follows."""


def stem(word: str) -> str:
    """A crude stem: "sees", "seeing" and "see" (or "sold" and "sale" not) compare equal."""
    word = word.lower().replace("’", "'").strip("'-.,")
    word = re.sub(r"(?:'s|ies|es|s|ed|ing|ly)$", "", word) if len(word) > 4 else word.rstrip("s")
    return word[:5]


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP}


@lru_cache(maxsize=8192)
def quote_hedges(quote: str) -> tuple[Hedge, ...]:
    found: list[Hedge] = []
    taken: list[tuple[int, int]] = []
    for pattern, family, needs_figure in _QUOTE_RE:
        for match in pattern.finditer(quote):
            if any(match.start() < b and match.end() > a for a, b in taken):
                continue
            after = quote[match.end() :]
            if match.group(0) == "May" and re.match(r"\s+\d", after):
                continue  # the month
            window = after[:50]
            figures = [f for f in find_figures(window, [(d.start, d.end) for d in find_dates(window)]) if not f.vague]
            reach = 3 if needs_figure else 40  # "about 50"; "an estimated value in 2021 of $11.25 billion"
            figure = figures[0].value if figures and figures[0].start <= reach else None
            if needs_figure and figure is None:
                continue
            taken.append(match.span())
            words = [w for w in _WORD.findall(after) if w.lower() not in _STOP][:4]
            found.append(Hedge(match.group(0), family, tuple(stem(w) for w in words), figure))
    return tuple(found)


def kept(hedge: Hedge, sentence: str) -> bool:
    """Whether ``sentence`` keeps the hedge (or an equivalent), or does not use what it qualifies."""
    if _EQUIVALENT_RE[hedge.family].search(sentence):
        return True
    if hedge.figure is not None:
        return not any(
            not f.vague and abs(f.value - hedge.figure) <= 1e-9 * max(1.0, hedge.figure)
            for f in find_figures(sentence, [])
        )
    if not hedge.governs:
        return True
    stems = content_stems(sentence)
    if hedge.governs[0] not in stems:
        return True  # what the hedge bears on first (usually the verb) is not in the sentence
    used = sum(1 for s in hedge.governs if s in stems)
    return used < min(2, len(hedge.governs))
