"""Names in links are slots filled at emit; a live preview later puts new names where they went."""

from __future__ import annotations

import pytest
from refsite.core.slugs import NoteId
from refsite.live.name_slots import OPEN, fill, fill_recording, html_name, refill, search_name, slot

NAMES = {"ada": "Ada Brook", "low": "Lowtown <council> & “Co”", "q": 'Say "hi"'}


def _html(ident: str) -> str:
    return html_name(NAMES[ident])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no links at all", "no links at all"),
        (f"<a>{slot(NoteId('ada'))}</a>", "<a>Ada Brook</a>"),
        (f"{slot(NoteId('low'))}, {slot(NoteId('ada'))}", "Lowtown &lt;council&gt; &amp; “Co”, Ada Brook"),
        (f'<b title="x">{slot(NoteId("q"))}</b>', '<b title="x">Say &quot;hi&quot;</b>'),
        (f"{OPEN}Not-A-Slot{OPEN}", f"{OPEN}Not-A-Slot{OPEN}"),  # not an id between the marks: left alone
    ],
)
def test_slots_are_filled_with_escaped_names(text: str, expected: str) -> None:
    assert fill(text, _html) == expected
    assert fill_recording(text, _html)[0] == expected


def test_search_text_keeps_quotes_as_the_search_plugin_does() -> None:
    assert search_name(NAMES["q"]) == 'Say "hi"'
    assert search_name(NAMES["low"]) == "Lowtown &lt;council&gt; &amp; “Co”"


@pytest.mark.parametrize(
    ("renamed", "to"),
    [
        ({"ada"}, "A"),  # shorter
        ({"ada"}, "Ada Brook, mayor of Lowtown & more"),  # longer, escaped
        ({"ada", "low"}, "Both <renamed>"),
        (set(), "unused"),
    ],
)
def test_refilling_equals_filling_with_the_new_names(renamed: set[str], to: str) -> None:
    template = (
        f"<p>{slot(NoteId('ada'))} met {slot(NoteId('low'))}; {slot(NoteId('ada'))} again.</p> {slot(NoteId('q'))}"
    )
    filled, places = fill_recording(template, _html)
    new_names = {**NAMES, **{ident: to for ident in renamed}}

    def new_html(ident: str) -> str:
        return html_name(new_names[ident])

    refilled, new_places = refill(filled, places, renamed, new_html)
    assert (refilled, new_places) == fill_recording(template, new_html)
    assert refill(refilled, new_places, set(NAMES), _html) == (filled, places)  # and back
