"""Resolution: links by id and alias, relations seen from both ends, backlinks with context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from refsite.resolve.graph import ContextLink

from .notes import build, person

CITE = "    cite:\n      - src: Alpha met Beta\n"


def test_relations_show_on_both_pages_with_inverse_wording(tmp_path: Path) -> None:
    result = build(
        tmp_path,
        {
            "people/alpha.md": person("Alpha", "relations:\n  - type: leads\n    target: delta-party\n" + CITE),
            "organizations/delta-party.md": '---\nname: Delta Party\nsummary: A party [@src "the Delta Party"].\ntype: political-party\ncite:\n  - src: the Delta Party\n---\n',
        },
    )
    assert result.ok, result.problems
    graph = result.graph
    assert [(v.wording, v.other) for v in graph.relations["alpha"]] == [("leads", "delta-party")]
    assert [(v.wording, v.other) for v in graph.relations["delta-party"]] == [("led by", "alpha")]
    pages = result.markdown()
    assert "- Leads [Delta Party](../organizations/delta-party.md){ data-preview }[^" in pages["people/alpha.md"]
    assert "- Led by [Alpha](../people/alpha.md){ data-preview }[^" in pages["organizations/delta-party.md"]


def test_relations_come_in_the_order_of_the_other_notes_names(tmp_path: Path) -> None:
    leads = "relations:\n  - type: leads\n    target: delta-party\n" + CITE
    result = build(
        tmp_path,
        {
            "people/a-zed.md": person("Zed", leads),
            "people/b-ann.md": person("Ann", leads),
            "people/c-mia.md": person("Mia", leads),
            "organizations/delta-party.md": '---\nname: Delta Party\nsummary: A party [@src "the Delta Party"].\ntype: political-party\ncite:\n  - src: the Delta Party\n---\n',
        },
    )
    assert result.ok, result.problems
    assert [v.other for v in result.graph.relations["delta-party"]] == ["b-ann", "c-mia", "a-zed"]
    page = result.markdown()["organizations/delta-party.md"]
    assert page.index("[Ann]") < page.index("[Mia]") < page.index("[Zed]")


def test_links_resolve_by_id_alias_and_case_and_backlinks_keep_their_sentence(tmp_path: Path) -> None:
    result = build(
        tmp_path,
        {
            "people/alpha.md": person("Alpha", "aliases: [Al Pha]\n"),
            "people/beta.md": person(
                "Beta",
                body='Beta first met [[al pha|him]] in Gamma [@src "Alpha met Beta in Gamma"]. Later [[alpha]] left.\n',
            ),
        },
    )
    assert result.ok, result.problems
    backlinks = result.graph.backlinks["alpha"]
    assert {b.source for b in backlinks} == {"beta"}
    page = result.markdown()["people/alpha.md"]
    # One sentence per referring note, as the site's own text (no quote marks: not a source's words).
    assert (
        '- [Beta](beta.md){ data-preview }: <span class="refsite-excerpt">Beta first met **him** in Gamma.</span>'
        in page
    )


def test_backlinks_come_in_the_order_of_the_referring_names_with_their_sentences_resolved(tmp_path: Path) -> None:
    sentence = 'met [[alpha]] and [[Al Pha|him]] in Gamma [@src "Alpha met Beta in Gamma"].'
    result = build(
        tmp_path,
        {
            "people/alpha.md": person("Alpha", "aliases: [Al Pha]\n"),
            "people/a-zed.md": person("Zed", body=f"Zed {sentence}\n"),
            "people/b-ann.md": person("Ann", body=f"Ann {sentence}\n"),
            "people/c-mia.md": person("Mia", body=f"Mia {sentence}\n"),
        },
    )
    assert result.ok, result.problems
    backlinks = result.graph.backlinks["alpha"]
    assert [b.source for b in backlinks] == ["b-ann", "c-mia", "a-zed"]
    link, alias = ContextLink("alpha", None, "alpha"), ContextLink("alpha", "him", "Al Pha")
    assert backlinks[0].context == ("Ann met ", link, " and ", alias, " in Gamma.\n")
    page = result.markdown()["people/alpha.md"]
    assert (
        '- [Ann](b-ann.md){ data-preview }: <span class="refsite-excerpt">Ann met **Alpha** and **him** in Gamma.</span>\n- [Mia](c-mia.md)'
        in page
    )


def test_citations_are_numbered_once_per_page_and_show_their_quote(tmp_path: Path) -> None:
    result = build(
        tmp_path,
        {
            "people/alpha.md": person(
                "Alpha", body='Alpha met Beta [@src "Alpha met Beta"]. Again [@src "Alpha met Beta"].\n'
            )
        },
    )
    page = result.markdown()["people/alpha.md"]
    assert page.count("[^1]:") == 1
    assert "[^1]: [Report](../sources/src.md#q-e12a15e8ee), Paper, 2 May 2020: “Alpha met Beta”" in page
    assert "[^2]" not in page


def test_events_appear_on_the_timeline_of_their_participants_in_date_order(tmp_path: Path) -> None:
    event = '---\nname: {name}\nsummary: E [@src "Alpha met Beta"].\ndate: {date}\nparticipants: [alpha]\ncite:\n  - src: Alpha met Beta\n---\n'
    result = build(
        tmp_path,
        {
            "people/alpha.md": person("Alpha"),
            "events/late.md": event.format(name="Late", date="2020-05-01"),
            "events/early.md": event.format(name="Early", date="2020"),
        },
    )
    assert result.ok, result.problems
    assert result.graph.events["alpha"] == ("early", "late")


def _event(i: int) -> str:
    return f'---\nname: Meeting {i:04d}\nsummary: A meeting was held [@src "Alpha met Beta"].\ndate: 2020-05-01\ncite:\n  - src: Alpha met Beta\n---\n'


def _disagreement(i: int) -> str:
    claims = "".join(f"  - claim: Claim {c}.\n    cite:\n      - src: Alpha met Beta\n" for c in "ab")
    return f"---\ntopic: Point {i:04d}\naspect: date\nconcerns: [p0000]\nclaims:\n{claims}---\n"


LONG_LISTS = [
    # (notes of each kind, page, a line with summaries, a line with names only)
    ("people", person, "people/index.md", "- [Person 0000](p0000.md){ data-preview } is named[^1]", "[Person 0000](p0000.md){ data-preview } · [Person 0001](p0001.md){ data-preview } · "),
    ("events", _event, "timeline.md", "- **1 May 2020**: [Meeting 0000](events/e0000.md){ data-preview }. A meeting was held[^1]", "- **1 May 2020**: [Meeting 0000](events/e0000.md){ data-preview }\n"),
    ("disagreements", _disagreement, "disagreements/index.md", "## Point 0000\n\n*Date*; concerns [Person 0000](../people/p0000.md){ data-preview }.", "- [Point 0000](d0000.md){ data-preview } (*Date*)\n"),
]  # fmt: skip


@pytest.mark.parametrize(("folder", "note", "page", "with_summaries", "names_only"), LONG_LISTS)
def test_an_overview_of_many_notes_lists_names_only_and_a_short_one_summaries(
    tmp_path: Path, folder: str, note: Callable[..., str], page: str, with_summaries: str, names_only: str
) -> None:
    from refsite.render.writer import INDEX_SUMMARIES_UP_TO

    def corpus(count: int) -> dict[str, str]:
        notes = {
            f"{folder}/{folder[0]}{i:04d}.md": note(f"Person {i:04d}" if folder == "people" else i)
            for i in range(count)
        }
        return {"people/p0000.md": person("Person 0000"), **notes}

    short = build(tmp_path / "short", corpus(INDEX_SUMMARIES_UP_TO))
    long = build(tmp_path / "long", corpus(INDEX_SUMMARIES_UP_TO + 1))
    assert short.ok and long.ok, (short.problems, long.problems)
    short_page = short.markdown()[page]
    long_page = long.markdown()[page]
    assert with_summaries in short_page and names_only not in short_page
    assert names_only in long_page and "[^" not in long_page
    assert "Listed by name only" in long_page and "Listed by name only" not in short_page
