"""The claim check: sentences that say more than their quotes are flagged, faithful paraphrases are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from refsite.cli import main
from refsite.pipeline import run_pipeline
from refsite.validate.claims import check_claims

SOURCE = (
    "---\ntitle: Report\npublisher: Paper\nauthor: Ada Lob\ndate: 2022-06\npeople: [ada-lob]\n"
    "file: src.txt\nsha256: " + "0" * 64 + '\n---\nA report [@src "a report"].\n'
)
PEOPLE = {
    "people/ada-lob.md": '---\nname: Ada Lob\nsummary: Ada Lob wrote a report [@src "a report"].\n---\n',
    "people/bo-reyes.md": '---\nname: Bo Reyes\nsummary: Bo Reyes is an analyst [@src "an analyst"].\n---\n',
    "themes/visit-2022.md": '---\nname: Visit of 2022\nsummary: A visit [@src "a visit"].\n---\n',
}


def findings(tmp_path: Path, body: str) -> list[str]:
    """The claim warnings for a theme note whose body is ``body``."""
    seeds = tmp_path / "seeds"
    notes = {
        "sources/src.md": SOURCE,
        **PEOPLE,
        "themes/topic.md": f'---\nname: Topic\nsummary: A topic [@src "a topic"].\n---\n{body}\n',
    }
    for path, text in notes.items():
        (seeds / path).parent.mkdir(parents=True, exist_ok=True)
        (seeds / path).write_text(text)
    result = run_pipeline(seeds, None, display_root=tmp_path)
    assert not result.problems, result.problems
    return [p.message for p in check_claims(result.graph)]


def cite(sentence: str, *quotes: str) -> str:
    return sentence + " [" + "; ".join(f'@src "{q}"' for q in quotes) + "]."


FLAGGED = [
    # hedges dropped
    ("Lob expects the factory to help bolster trade", ["its drone factory could help bolster trade"], "hedge"),
    ("Turkey sold the TB2 to Tajikistan", ["Turkey reportedly sold the TB2 to Tajikistan"], "hedge"),
    ("Zanjani was sentenced for embezzling over $2.7 billion", ["for allegedly embezzling over $2.7 billion"], "hedge"),
    ("The meeting came two weeks after the opening", ["nearly two weeks after the factory opened"], "hedge"),
    ("Four million Afghans live in Iran", ["officially around four million Afghans currently living in Iran"], "hedge"),
    ("Tehran supported the Islamic opposition", ["Tehran also cautiously supported the Islamic opposition"], "hedge"),
    ("Rahmon is looking to diversify his ties", ["Rahmon may be looking to diversify his regional ties"], "hedge"),
    (
        "The market was worth $11.25 billion in 2021",
        ["which had an estimated value in 2021 of $11.25 billion"],
        "hedge",
    ),
    # figures
    ("Trade reached $150 million in 2021", ["to $121 million in 2021"], "figure"),
    ("Trade averaged 0.25% of Iran's total trade", ["averaging 0.21% of Iran’s total trade"], "figure"),
    ("Officials pledged to raise trade to $600m", ["pledged to boost annual trade to $500m"], "figure"),
    ("Six explosions occurred in Tabriz", ["two explosions occurred at a drone factory"], "figure"),
    ("The visit came 13 days after the opening", ["On May 17, 2022", "to Tehran on May 30"], "figure"),
    # dates
    (
        "Iran inaugurated the factory on 17 May 2022",
        ["In May 2022, Iran inaugurated a drone production factory"],
        "date",
    ),
    ("Rahmon visited Tehran in June 2022", ["Emomali Rahmon, to Tehran on May 30"], "date"),
    ("Relations broke down in 2016", ["underwent an unexpected breakdown in the mid-2010s"], "date"),
    ("The civil war ended in 1998", ["the civil war in Tajikistan between 1992 and 1997"], "date"),
    # attribution
    ("According to [[bo-reyes]], trade grew", ["trade grew"], "Bo Reyes is said to speak"),
    ("[[bo-reyes|Reyes]] told the paper that trade grew", ["trade grew"], "Bo Reyes is said to speak"),
    ("[[Bo Reyes]], an analyst, argues that trade grew", ["trade grew"], "Bo Reyes is said to speak"),
    ("Reyes says that trade grew", ["trade grew"], "Bo Reyes is said to speak"),
    ("[[bo-reyes]] says that trade grew", ["trade grew"], "Bo Reyes is said to speak"),
]

FAITHFUL = [
    ("Lob writes that the factory could help bolster trade", ["its drone factory could help bolster trade"]),
    ("Lob suggests the factory may help bolster trade", ["its drone factory could help bolster trade"]),
    ("Turkey is said to have sold the TB2 to Tajikistan", ["Turkey reportedly sold the TB2 to Tajikistan"]),
    ("According to the report, Turkey sold the TB2", ["Turkey reportedly sold the TB2 to Tajikistan"]),
    ("the reported sale of the TB2 to Tajikistan worried Kyrgyzstan", ["Turkey reportedly sold the TB2 to Tajikistan"]),
    ("Zanjani was accused of embezzling over $2.7 billion", ["for allegedly embezzling over $2.7 billion"]),
    ("Tehran cautiously backed the Islamic opposition", ["Tehran also cautiously supported the Islamic opposition"]),
    ("The meeting came about two weeks after the opening", ["nearly two weeks after the factory opened"]),
    ("Trade rose to $121m in 2021", ["to $121 million in 2021"]),
    ("Iran pledged to raise trade to 500 million dollars", ["pledged to boost annual trade to $500m"]),
    ("Trade averaged 0.21 percent of Iran's total", ["averaging 0.21% of Iran’s total trade"]),
    ("The factory opened 2 weeks earlier", ["the opening of a new Iranian drone factory two weeks earlier"]),
    ("The drone has a range of 200 km", ["the Ababil-2 drone, which Iran says has a range of 200km (124 miles)"]),
    ("The factory opened in May 2022", ["On May 17, 2022, Iran inaugurated a drone factory"]),
    ("Rahmon visited Tehran on 30 May 2022", ["Emomali Rahmon, to Tehran on May 30"]),
    ("Relations broke down in the 2010s", ["underwent an unexpected breakdown in the mid-2010s"]),
    ("The 2025 article dates the visit to June 2019", ["visited Dushanbe in June 2019"]),
    ("The visit ([[visit-2022]]) came in May", ["to Tehran on May 30"]),
    ("The visit came 13 days<!-- derived: 17 to 30 May --> after the opening", ["On May 17, 2022", "on May 30"]),
    ("[[ada-lob|Lob]] said the factory could help bolster trade", ["its drone factory could help bolster trade"]),
    ("Lob says the factory could help bolster trade", ["its drone factory could help bolster trade"]),
    ("The paper names Reyes as an analyst", ["Bo Reyes, an analyst"]),
    ("Lob, writing in 2022, calls Tajikistan a fellow member", ["Tajikistan, a fellow member of the SCO"]),
    ("The two countries signed the Ababil-2 deal", ["signed the Ababil-2 deal"]),
    ("Rahmon may be looking to play Iran and Turkey against each other", ["Rahmon may be looking to diversify"]),
    ("Gen. Bagheri said at the ceremony that Iran can export drones", ["Bagheri said at the opening ceremony"]),
]


@pytest.mark.parametrize(("sentence", "quotes", "kind"), FLAGGED, ids=[c[0][:40] for c in FLAGGED])
def test_flagged(tmp_path: Path, sentence: str, quotes: list[str], kind: str) -> None:
    found = findings(tmp_path, cite(sentence, *quotes))
    assert len(found) == 1 and found[0].startswith(kind), found


@pytest.mark.parametrize(("sentence", "quotes"), FAITHFUL, ids=[c[0][:40] for c in FAITHFUL])
def test_faithful(tmp_path: Path, sentence: str, quotes: list[str]) -> None:
    assert findings(tmp_path, cite(sentence, *quotes)) == []


def test_a_sentence_without_citations_answers_to_its_paragraph(tmp_path: Path) -> None:
    body = "Trade grew to $150 million in 2021. It had been low " + cite("before", "to $121 million in 2021")
    assert findings(tmp_path, body) == ['figure "$150 million" is not in the quotes (src: "to $121 million in 2021")']
    # a citation standing after the full stop belongs to the sentence before it
    assert findings(tmp_path, 'Trade reached $121 million in 2021. [@src "to $121 million in 2021"]') == []


def test_the_quote_is_named_and_the_line_given(tmp_path: Path) -> None:
    findings(
        tmp_path,
        cite("A first paragraph", "a first") + "\n\n" + cite("Turkey sold the TB2", "Turkey reportedly sold the TB2"),
    )
    result = run_pipeline(tmp_path / "seeds", None, display_root=tmp_path)
    (problem,) = check_claims(result.graph)
    assert (problem.path, problem.line, problem.field) == ("seeds/themes/topic.md", 7, "body")
    assert 'src "Turkey reportedly sold the TB2"' in problem.message


def test_check_warns_and_strict_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    findings(tmp_path, cite("Turkey sold the TB2", "Turkey reportedly sold the TB2"))
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    out = capsys.readouterr()
    assert "hedge dropped" in out.out and "errors with --strict" in out.err
    assert main(["check", "--format", "github"]) == 0
    assert "::warning file=seeds/themes/topic.md,line=5,title=body::hedge dropped" in capsys.readouterr().out
    assert main(["check", "--strict", "--format", "github"]) == 1
    assert "::error file=seeds/themes/topic.md,line=5,title=body::hedge dropped" in capsys.readouterr().out
