"""Reader-first pages: note syntax never reaches a page, links may wrap, dates keep their precision."""

from __future__ import annotations

from pathlib import Path

import pytest
from refsite.core.model import PartialDate
from refsite.render.writer import CITE_SEPARATOR, date_span, quote_anchor

from .notes import build, messages, person


def test_a_labelled_link_may_wrap_across_lines(tmp_path: Path) -> None:
    result = build(
        tmp_path,
        {
            "people/alpha.md": person("Alpha"),
            "people/beta.md": person(
                "Beta", body='Beta met [[alpha|the\n  man called Alpha]] [@src "Alpha met Beta"].\n'
            ),
        },
    )
    assert result.ok, messages(result)
    assert "[the man called Alpha](alpha.md){ data-preview }" in result.markdown()["people/beta.md"]


@pytest.mark.parametrize(
    ("body", "line", "token"),
    [
        ('Beta met [[alpha [@src "Alpha met Beta"].\n', 5, "'[['"),  # never closed
        ('Beta met Alpha [@src "Alpha met Beta"].\nThen [[alpha\n\nthen]] left [@src "Alpha met Beta"].\n', 6, "'[['"),
        ('Beta met Alpha [@src "Alpha met Beta"].\nThen [@src left.\n', 6, "'[@'"),
    ],
)
def test_note_syntax_that_would_reach_a_page_fails_the_build_at_its_line(
    tmp_path: Path, body: str, line: int, token: str
) -> None:
    result = build(tmp_path, {"people/alpha.md": person("Alpha"), "people/beta.md": person("Beta", body=body)})
    found = [m for m in messages(result) if "would be shown on" in m]
    assert found, messages(result)
    assert found[0].startswith(f"seeds/people/beta.md:{line}: text: {token} would be shown on people/beta.md")


def test_names_with_brackets_are_escaped_not_reported(tmp_path: Path) -> None:
    result = build(tmp_path, {"people/alpha.md": person("Alpha", "aliases: ['A [[x]] [@y']\n")})
    assert result.ok, messages(result)


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (PartialDate(1990), PartialDate(1999), "1990s"),
        (PartialDate(1992), PartialDate(1997), "1992–1997"),
        (PartialDate(2022, 5), None, "May 2022"),
        (PartialDate(2022, 2, 4), PartialDate(2022, 3, 8), "4 February – 8 March 2022"),
        (PartialDate(2022, 5, 17), PartialDate(2022, 5, 19), "17–19 May 2022"),
        (PartialDate(2021, 11), PartialDate(2022, 1), "November 2021 – January 2022"),
    ],
)
def test_dates_keep_the_precision_of_the_note(start: PartialDate, end: PartialDate | None, shown: str) -> None:
    assert date_span(start, end) == shown


def test_citation_marks_in_a_row_are_separated_and_land_on_their_quote(tmp_path: Path) -> None:
    body = 'Beta met Alpha [@src "Alpha met Beta"; @src "Beta leads the Delta Party"] [@src "Gamma"].\n'
    result = build(tmp_path, {"people/beta.md": person("Beta", body=body)})
    page = result.markdown()["people/beta.md"]
    assert f"Alpha[^1]{CITE_SEPARATOR}[^2]{CITE_SEPARATOR}[^3]." in page
    assert (
        f"[^1]: [Report](../sources/src.md#{quote_anchor('Alpha met Beta')}), Paper, 2 May 2020: “Alpha met Beta”"
        in page
    )
    source = result.markdown()["sources/src.md"]
    assert f"{{: #{quote_anchor('Alpha met Beta')} }}" in source
    # In the order of the text ("Alpha met Beta in Gamma … Beta leads the Delta Party"), not A to Z.
    assert source.index("“Alpha met Beta”") < source.index("“Gamma”") < source.index("“Beta leads")
    assert '??? note "For maintainers"' in source


def test_quote_anchors_ignore_spacing_and_quote_marks() -> None:
    assert quote_anchor("the talks were 'frank'") == quote_anchor("the  talks were ‘frank’")
    assert quote_anchor("a") != quote_anchor("b")
