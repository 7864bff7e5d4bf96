"""python-frontmatter's handler for notes: a split that keeps every line where the file has it."""

from __future__ import annotations

import frontmatter
import pytest
from refsite.core.slugs import Kind
from refsite.load.front_matter import NOTE_HANDLER, Split
from refsite.scaffold import note_text


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("---\nname: A\n---\nBody.\n", Split("name: A", "Body.\n", 4)),
        ("---  \nname: A\n\n...\n\nBody.", Split("name: A\n", "\nBody.", 5)),
        ("---\n---\nBody.", Split("", "Body.", 3)),
        ("---\n\n---\n", Split("", "", 4)),
        ("---\nname: A\n---", Split("name: A", "", 4)),
        ("---\na: ---x\n  ---\n---\n", Split("a: ---x\n  ---", "", 5)),
    ],
)
def test_a_note_splits_at_its_front_matter_with_the_body_s_file_line(text: str, split: Split) -> None:
    assert NOTE_HANDLER.split_lines(text) == split
    assert NOTE_HANDLER.split(text) == (split.front_matter, split.body)


@pytest.mark.parametrize("text", ["name: A\n---\n", "----\nname: A\n----\n", "---\nname: A\n", "---"])
def test_a_note_without_closed_front_matter_does_not_split(text: str) -> None:
    with pytest.raises(ValueError):
        NOTE_HANDLER.split_lines(text)


def test_values_stay_the_strings_that_were_written() -> None:
    post = frontmatter.loads("---\ndate: 2020-05-01\ncode: 007\nflag: NO\n---\nBody.\n", handler=NOTE_HANDLER)
    assert post.metadata == {"date": "2020-05-01", "code": "007", "flag": "NO"}
    assert post.content == "Body."
    parsed = NOTE_HANDLER.load("date: 2020-05-01\ncode: 007\nflag: NO").parsed
    assert parsed.lines == {(): 2, ("date",): 2, ("code",): 3, ("flag",): 4}


@pytest.mark.parametrize("kind", list(Kind))
def test_a_new_note_reads_back_through_python_frontmatter(kind: Kind) -> None:
    text = note_text(kind, "Ada Brook")
    post = frontmatter.loads(text, handler=NOTE_HANDLER)
    assert post.handler is NOTE_HANDLER
    assert post.content == NOTE_HANDLER.split_lines(text).body.strip()
    assert post.metadata and all(isinstance(value, (str, list)) for value in post.metadata.values())
