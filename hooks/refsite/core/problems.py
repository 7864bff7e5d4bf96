"""Problems found in notes, collected rather than raised so that one run reports them all."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located to a file, line and field."""

    path: str
    """Path of the note, relative to the project (POSIX separators)."""
    line: int
    """1-based line number in that file (1 when the whole file is concerned)."""
    field: str
    """Dotted field path such as ``relations[2].target``, or ``body``/``file``."""
    message: str
    """What is wrong."""
    expected: str = ""
    """What was expected instead, shown in parentheses."""

    def __str__(self) -> str:
        tail = f" ({self.expected})" if self.expected else ""
        return f"{self.path}:{self.line}: {self.field}: {self.message}{tail}"

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "expected": self.expected,
        }


def sorted_problems(problems: list[Problem] | tuple[Problem, ...]) -> tuple[Problem, ...]:
    """Problems in a stable order (file, line, field), without exact repeats."""
    return tuple(sorted(set(problems)))
