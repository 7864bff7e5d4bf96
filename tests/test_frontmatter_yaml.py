"""Table tests of the strict front-matter reader."""

from __future__ import annotations

import pytest
from refsite.load.frontmatter_yaml import YamlIssue, field_name, parse_front_matter


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("a: NO\nb: yes", {"a": "NO", "b": "yes"}),
        ("date: 2022-05-17", {"date": "2022-05-17"}),
        ("time: 12:30\ncode: 007", {"time": "12:30", "code": "007"}),
        ("x: 1.5e3\ny: ~\nz:", {"x": "1.5e3", "y": "~", "z": ""}),
        ("list: [a, b]\nmap: {k: v}", {"list": ["a", "b"], "map": {"k": "v"}}),
        ("- a\n- b", ["a", "b"]),
        ("plain", "plain"),
        ("", None),
    ],
)
def test_every_scalar_stays_the_string_written(text: str, data: object) -> None:
    parsed = parse_front_matter(text)
    assert parsed.issues == []
    assert parsed.data == data


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        ("a: 1\nb: 2\na: 3", YamlIssue(3, "a", "duplicate key, first given on line 1", "each key once")),
        ("a: &x 1\nb: *x", YamlIssue(1, "a", "YAML anchors are not allowed", "plain values")),
        ("a: *x", YamlIssue(1, "a", "YAML aliases are not allowed", "plain values")),
        (
            "a: !!python/object/apply:os.system [ls]",
            YamlIssue(
                1,
                "a",
                "YAML tag !!python/object/apply:os.system is not allowed",
                "plain values",
            ),
        ),
        (
            "a: [1, 2",
            YamlIssue(
                1,
                "a",
                "invalid YAML: expected ',' or ']', but got the end of the front matter,"
                " while parsing a flow sequence that starts on line 1",
                "valid YAML",
            ),
        ),
        (
            "a: 1\n\tb: 2",
            YamlIssue(2, "a", "a tab character in YAML", "indentation with spaces"),
        ),
        ("? [a]\n: b", YamlIssue(1, "front matter", "a key must be plain text", "a name")),
    ],
)
def test_unsafe_or_broken_yaml_is_reported_with_its_line(text: str, issue: YamlIssue) -> None:
    assert parse_front_matter(text).issues == [issue]


def test_deep_nesting_is_refused_without_exhausting_the_stack() -> None:
    parsed = parse_front_matter("a: " + "[" * 100_000 + "]" * 100_000)
    assert len(parsed.issues) == 1
    assert parsed.issues[0].message == "nested more than 24 levels deep"


def test_lines_of_values_are_kept() -> None:
    parsed = parse_front_matter("name: X\nrelations:\n  - type: met\n    target: y\n")
    assert parsed.lines[("name",)] == 1
    assert parsed.lines[("relations",)] == 2
    assert parsed.lines[("relations", 0, "target")] == 4


@pytest.mark.parametrize(
    ("path", "name"),
    [((), "front matter"), (("a",), "a"), (("relations", 2, "target"), "relations[2].target"), ((0,), "[0]")],
)
def test_field_name(path: tuple, name: str) -> None:
    assert field_name(path) == name
