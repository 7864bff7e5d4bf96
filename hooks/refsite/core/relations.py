"""Typed relations between notes, with the wording each side shows."""

from __future__ import annotations

RELATION_TYPES: dict[str, tuple[str, str]] = {
    # type: (wording on the note that declares it, wording on the target's page)
    "visited": ("visited", "visited by"),
    "met": ("met", "met"),
    "leads": ("leads", "led by"),
    "member-of": ("member of", "has member"),
    "part-of": ("part of", "includes"),
    "located-in": ("located in", "location of"),
    "funded": ("funded", "funded by"),
    "built": ("built", "built by"),
    "signed": ("signed", "signed by"),
    "supported": ("supported", "supported by"),
    "opposed": ("opposed", "opposed by"),
    "accused": ("accused", "accused by"),
    "condemned": ("condemned", "condemned by"),
    "hosted": ("hosted", "hosted by"),
    "invited": ("invited", "invited by"),
    "sanctioned": ("sanctioned", "sanctioned by"),
    "sold-to": ("sold to", "bought from"),
    "attacked": ("attacked", "attacked by"),
    "recognized": ("recognized", "recognized by"),
    "suspended": ("suspended", "suspended by"),
    "competes-with": ("competes with", "competes with"),
    "borders": ("borders", "borders"),
    "child-of": ("child of", "parent of"),
    "works-for": ("works for", "employs"),
    "succeeded": ("succeeded", "succeeded by"),
    "produced-at": ("produced at", "produces"),
    "supplied-to": ("supplied to", "supplied with"),
    "used-by": ("used by", "uses"),
    "compared-with": ("compared with", "compared with"),
}


def wording(relation_type: str, *, inverse: bool) -> str:
    forward, backward = RELATION_TYPES[relation_type]
    return backward if inverse else forward
