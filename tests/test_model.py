"""Table tests of partial dates and inline text syntax."""

from __future__ import annotations

import pytest
from refsite.core.model import Citation, CiteGroup, LinkRef, PartialDate, parse_date
from refsite.core.problems import Problem
from refsite.validate.textparse import parse_text


@pytest.mark.parametrize(
    ("text", "date", "human"),
    [
        ("2022", PartialDate(2022), "2022"),
        ("2022-05", PartialDate(2022, 5), "May 2022"),
        ("2022-05-17", PartialDate(2022, 5, 17), "17 May 2022"),
        ("2024-02-29", PartialDate(2024, 2, 29), "29 February 2024"),
    ],
)
def test_dates_keep_their_precision(text: str, date: PartialDate, human: str) -> None:
    assert parse_date(text) == date
    assert date.iso() == text
    assert date.human() == human


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0000", "there is no year 0"),
        ("2022-02-30", "February 2022 has no day 30"),
        ("2023-02-29", "February 2023 has no day 29"),
        ("2022-13", "there is no month 13"),
    ],
)
def test_impossible_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_a_year_sorts_before_its_months() -> None:
    assert sorted([PartialDate(2022, 5, 17), PartialDate(2022), PartialDate(2021, 12)]) == [
        PartialDate(2021, 12),
        PartialDate(2022),
        PartialDate(2022, 5, 17),
    ]


def test_text_is_split_into_links_and_citations_with_lines() -> None:
    problems: list[Problem] = []
    text = parse_text(
        'See [[iran]]\nand [[x|the X]] [@src-a "one; two"; @src-b "three"].', "n.md", "body", 10, problems
    )
    assert problems == []
    assert text.segments == (
        "See ",
        LinkRef("iran", None, 10),
        "\nand ",
        LinkRef("x", "the X", 11),
        " ",
        CiteGroup((Citation("src-a", "one; two", 11), Citation("src-b", "three", 11))),
        ".",
    )


@pytest.mark.parametrize(
    ("text", "message", "expected"),
    [
        ("[@src]", "malformed citation '[@src]'", '[@source-id "verbatim quote"]'),
        ('[@src "a" @b "c"]', 'malformed citation \'[@src "a" @b "c"]\'', '[@source-id "verbatim quote"]'),
        ('[@Src "a"]', "'Src' is not a source id", "@source-id"),
        ('[@src ""]', "empty quote", "a verbatim quote from the source"),
        ('[@src "' + "word " * 41 + '"]', "quote of 41 words", "at most 40 words"),
    ],
)
def test_bad_citations_are_reported(text: str, message: str, expected: str) -> None:
    problems: list[Problem] = []
    parse_text(text, "n.md", "summary", 3, problems)
    assert problems == [Problem("n.md", 3, "summary", message, expected)]
