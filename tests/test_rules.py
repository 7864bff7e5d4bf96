"""Table tests: one broken note in, exactly the expected messages out."""

from __future__ import annotations

from pathlib import Path

import pytest

from .notes import build, messages, person

CITE = "    cite:\n      - src: Alpha met Beta\n"

CASES = [
    pytest.param(
        {"people/alpha.md": "---\nname: Alpha\n---\n"},
        ["seeds/people/alpha.md:1: summary: missing required field (a value)"],
        id="missing-summary",
    ),
    pytest.param(
        {"people/alpha.md": person("Alpha", "nmae: A\n")},
        ["seeds/people/alpha.md:4: nmae: unknown field 'nmae' (did you mean 'name'?)"],
        id="unknown-field",
    ),
    pytest.param(
        {"people/alpha.md": person("Alpha", "aliases: Al\n")},
        ["seeds/people/alpha.md:4: aliases: found text (a list)"],
        id="wrong-type",
    ),
    pytest.param(
        {
            "places/gamma.md": '---\nname: Gamma\nsummary: G [@src "in Gamma"].\ntype: town\ncite:\n  - src: in Gamma\n---\n'
        },
        [
            "seeds/places/gamma.md:4: type: 'town' is not allowed (one of country, city, region, port, facility, infrastructure, military-base, monument, body-of-water)"
        ],
        id="bad-enum",
    ),
    pytest.param(
        {
            "events/talks.md": '---\nname: Talks\nsummary: T [@src "Alpha met Beta"].\ndate: 2020-02-30\ncite:\n  - src: Alpha met Beta\n---\n'
        },
        [
            "seeds/events/talks.md:4: date: impossible date '2020-02-30': February 2020 has no day 30 (a real calendar date)"
        ],
        id="impossible-date",
    ),
    pytest.param(
        {
            "events/talks.md": '---\nname: Talks\nsummary: T [@src "Alpha met Beta"].\ndate: May 2020\ncite:\n  - src: Alpha met Beta\n---\n'
        },
        ["seeds/events/talks.md:4: date: 'May 2020' is not valid (a date as YYYY, YYYY-MM or YYYY-MM-DD)"],
        id="date-format",
    ),
    pytest.param(
        {
            "events/talks.md": '---\nname: Talks\nsummary: T [@src "Alpha met Beta"].\ndate: "2020"\nend: "2019"\ncite:\n  - src: Alpha met Beta\n---\n'
        },
        ["seeds/events/talks.md:5: end: ends (2019) before it starts (2020) (an end on or after the start)"],
        id="end-before-start",
    ),
    pytest.param(
        {"people/alpha.md": "---\nname: Alpha\nsummary: Alpha is named.\n---\n"},
        ['seeds/people/alpha.md:3: summary: no citation (a [@source-id "quote"] citation)'],
        id="summary-without-citation",
    ),
    pytest.param(
        {"people/alpha.md": person("Alpha", body='Cited [@src "Alpha met Beta"].\n\nNot cited.\n')},
        ['seeds/people/alpha.md:7: body: paragraph without a citation (a [@source-id "quote"] citation)'],
        id="paragraph-without-citation",
    ),
    pytest.param(
        {"people/alpha.md": person("Alpha", body='Alpha [@src "Alpha met Zeta"].\n')},
        ["seeds/people/alpha.md:5: cite: quote not found in src: 'Alpha met Zeta' (the source's exact words)"],
        id="quote-not-found",
    ),
    pytest.param(
        {"people/alpha.md": person("Alpha", body='Alpha [@paper "Alpha met Beta"].\n')},
        ["seeds/people/alpha.md:5: cite: no source with id 'paper' (the id of an existing note)"],
        id="unknown-source",
    ),
    pytest.param(
        {"people/alpha.md": person("Alpha", "relations:\n  - type: met\n    target: beta\n" + CITE)},
        ["seeds/people/alpha.md:6: relations[0].target: no note with id 'beta' (the id of an existing note)"],
        id="dangling-relation",
    ),
    pytest.param(
        {"people/alpha.md": person("Alpha", "relations:\n  - type: met\n    target: alpha\n" + CITE)},
        ["seeds/people/alpha.md:6: relations[0].target: a note cannot refer to itself (another note's id)"],
        id="self-reference",
    ),
    pytest.param(
        {"people/alpha.md": person("Alpha", "themes: [beta]\n"), "people/beta.md": person("Beta")},
        ["seeds/people/alpha.md:4: themes[0]: 'beta' is a person (a theme)"],
        id="wrong-kind",
    ),
    pytest.param(
        {
            "people/alpha.md": person("Alpha", "relations:\n  - type: admired\n    target: beta\n" + CITE),
            "people/beta.md": person("Beta"),
        },
        [
            "seeds/people/alpha.md:5: relations[0].type: 'admired' is not allowed (one of accused, attacked, borders, built, child-of, compared-with, competes-with, condemned, funded, hosted, invited, leads, located-in, member-of, met, opposed, part-of, produced-at, recognized, sanctioned, signed, sold-to, succeeded, supplied-to, supported, suspended, used-by, visited, works-for)"
        ],
        id="unknown-relation-type",
    ),
    pytest.param(
        {
            "people/alpha.md": person("Alpha", body='See [[Betta]] [@src "Alpha met Beta"].\n'),
            "people/beta.md": person("Beta"),
        },
        ["seeds/people/alpha.md:5: body: [[Betta]] matches no note (did you mean [[beta]]?)"],
        id="unknown-link",
    ),
    pytest.param(
        {
            "people/alpha.md": person("Alpha", "aliases: [The Leader]\n"),
            "people/beta.md": person("Beta", "aliases: [the leader]\n"),
            "people/gamma.md": person("Gamma", body='See [[The Leader]] [@src "Alpha met Beta"].\n'),
        },
        [
            "seeds/people/alpha.md:4: aliases[0]: 'The Leader' is also a name or alias of beta (seeds/people/beta.md:4) (each name and alias on one note only)",
            "seeds/people/beta.md:4: aliases[0]: 'the leader' is also a name or alias of alpha (seeds/people/alpha.md:4) (each name and alias on one note only)",
            "seeds/people/gamma.md:5: body: [[The Leader]] is ambiguous (one of the ids alpha, beta)",
        ],
        id="ambiguous-alias",
    ),
    pytest.param(
        {
            "people/alpha.md": person("Alpha"),
            "organizations/alpha.md": '---\nname: Alpha Org\nsummary: A [@src "Delta Party"].\ntype: company\ncite:\n  - src: Delta Party\n---\n',
        },
        [
            "seeds/people/alpha.md:1: id: id 'alpha' is already used by seeds/organizations/alpha.md (a unique file name)"
        ],
        id="duplicate-id",
    ),
]


@pytest.mark.parametrize(("notes", "expected"), CASES)
def test_each_problem_is_reported_exactly(tmp_path: Path, notes: dict[str, str], expected: list[str]) -> None:
    result = build(tmp_path, notes)
    assert messages(result) == expected


def test_all_problems_of_all_notes_come_in_one_run(tmp_path: Path) -> None:
    result = build(
        tmp_path,
        {
            "people/alpha.md": "---\nname: Alpha\n---\n",
            "people/beta.md": person("Beta", "nmae: B\n"),
            "people/gamma.md": person("Gamma", body='G [@src "not there"].\n'),
            "people/delta.md": person("Delta"),
        },
    )
    assert [p.path for p in result.problems] == [
        "seeds/people/alpha.md",
        "seeds/people/beta.md",
        "seeds/people/gamma.md",
    ]
    assert result.note_count == 5


def test_without_source_texts_quotes_are_not_checked(tmp_path: Path) -> None:
    result = build(
        tmp_path, {"people/alpha.md": person("Alpha", body='A [@src "not in the text"].\n')}, check_quotes=False
    )
    assert result.ok
    assert not result.quotes.checked


def test_a_changed_source_text_fails_its_checksum(tmp_path: Path) -> None:
    build(tmp_path, {})
    (tmp_path / "texts" / "src.txt").write_text("Something else. Alpha met Beta.")
    from refsite.pipeline import run_pipeline

    result = run_pipeline(tmp_path / "seeds", tmp_path / "texts", display_root=tmp_path)
    assert len(result.problems) == 1
    assert result.problems[0].field == "sha256"
    assert result.problems[0].path == "seeds/sources/src.md"
