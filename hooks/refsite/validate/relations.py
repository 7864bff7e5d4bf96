"""Relations that would be shown twice, or that contradict each other.

A relation is shown on both pages it joins. Given twice (in one note, or for a symmetric type such
as ``met`` once from each side), it is shown twice; given in both directions for a one-way type
(A ``child-of`` B and B ``child-of`` A), the site would state both. Both are refused, naming each
note and line.
"""

from __future__ import annotations

from refsite.core.model import Note
from refsite.core.problems import Problem

SYMMETRIC = frozenset({"met", "competes-with", "borders"})
ONE_WAY = frozenset({"child-of", "part-of", "located-in", "member-of", "works-for", "leads", "succeeded"})


def relation_problems(notes: list[Note] | tuple[Note, ...]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str, str], tuple[Note, int, str]] = {}
    for note in sorted(notes, key=lambda n: n.path):
        for index, relation in enumerate(note.relations):
            field = f"relations[{index}]"
            date = relation.date.iso() if relation.date else ""
            key = (note.ident, relation.type, relation.target, date)
            if key in seen:
                _first, line, _field = seen[key]
                problems.append(
                    Problem(
                        note.path,
                        relation.line,
                        field,
                        f"relation {relation.type} {relation.target} is given twice (also at line {line})",
                        "each relation once",
                    )
                )
                continue
            seen[key] = (note, relation.line, field)
            reverse = seen.get((relation.target, relation.type, note.ident, date))
            if reverse is None or relation.target == note.ident:
                continue
            other, other_line, other_field = reverse
            if relation.type in SYMMETRIC:
                problems.append(
                    Problem(
                        note.path,
                        relation.line,
                        field,
                        f"relation {relation.type} {relation.target} is also given by {other.ident} "
                        f"({other.path}:{other_line})",
                        "a symmetric relation on one of its two notes",
                    )
                )
            elif relation.type in ONE_WAY:
                for here, line, where, there, there_line in (
                    (note, relation.line, field, other, other_line),
                    (other, other_line, other_field, note, relation.line),
                ):
                    problems.append(
                        Problem(
                            here.path,
                            line,
                            where,
                            f"{here.ident} {relation.type} {there.ident} contradicts {there.ident} {relation.type} "
                            f"{here.ident} ({there.path}:{there_line})",
                            "one direction only",
                        )
                    )
    return problems
