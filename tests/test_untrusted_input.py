"""Untrusted input: one hostile or broken file beside the fixture corpus, and exactly these messages out.

Every case also adds a second, unrelated broken note (the "witness") and checks that it is still
reported and that every note of the corpus is still built: one bad file never hides the others.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from refsite.core.slugs import Kind, NoteId, page_path
from refsite.emit.write import safe_target
from refsite.pipeline import BuildResult, run_pipeline
from refsite.validate.html_check import findings

from .conftest import CORPUS, mkdocs_build

WITNESS = {"people/witness.md": "---\nname: Witness\n---\n"}
WITNESS_MESSAGE = "seeds/people/witness.md:1: summary: missing required field (a value)"
CORPUS_IDS = {path.stem for path in (CORPUS / "seeds").rglob("*.md")}

CITE = '[@gazette "the mayor of Lowtown"]'
PLACE = (
    "---\nname: {name}\nsummary: A town "
    + CITE
    + ".\ntype: city\ncite:\n  - gazette: the mayor of Lowtown\n{extra}---\n"
)
EVENT = (
    "---\nname: {name}\nsummary: A day "
    + CITE
    + ".\ndate: {date}\ncite:\n  - gazette: the mayor of Lowtown\n{extra}---\n"
)
PLACES_EXPECTED = (
    "one of seeds/people/, seeds/places/, seeds/organizations/, seeds/equipment/, seeds/events/, seeds/themes/, seeds/sources/, "
    "seeds/disagreements/, seeds/questions/"
)


def place(name: str = "Canary", extra: str = "") -> str:
    """A valid place note; ``extra`` lines start on line 7."""
    return PLACE.format(name=name, extra=extra)


def event(date: str = "2020-03-03", extra: str = "", name: str = "Canary day") -> str:
    """A valid event note; ``extra`` lines start on line 7."""
    return EVENT.format(name=name, date=date, extra=extra)


@dataclass(frozen=True)
class Link:
    """A symbolic link to create instead of a file (target relative to the project)."""

    target: str


def run(tmp_path: Path, files: dict[str, str | bytes | Link]) -> BuildResult:
    project = tmp_path / "project"
    shutil.copytree(CORPUS / "seeds", project / "seeds")
    (project / "outside").mkdir()
    (project / "outside" / "note.md").write_text(place("Outside"))
    for relative, content in {**files, **WITNESS}.items():
        target = project / "seeds" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            target.symlink_to(project / content.target)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return run_pipeline(project / "seeds", CORPUS / "sources", display_root=project)


def messages(result: BuildResult) -> list[str]:
    return [str(problem) for problem in result.problems]


def check(result: BuildResult, expected: list[str]) -> None:
    assert sorted(messages(result)) == sorted([*expected, WITNESS_MESSAGE])
    assert not result.ok
    assert set(result.graph.notes) >= CORPUS_IDS, "a bad note stopped others from being built"


P = "seeds/places/bad.md"
E = "seeds/events/bad.md"

YAML_CASES = [
    pytest.param(
        {"places/bad.md": place(extra="aliases: [a, b\n")},
        [
            f"{P}:7: aliases: invalid YAML: expected ',' or ']', but got the end of the front matter, "
            "while parsing a flow sequence that starts on line 7 (valid YAML)"
        ],
        id="unparseable",
    ),
    pytest.param(
        {"places/bad.md": place()[: -len("---\n")]},
        [f"{P}:1: front matter: front matter is not closed (a closing '---' line)"],
        id="not-closed",
    ),
    pytest.param({"places/bad.md": ""}, [f"{P}:1: file: empty note (front matter between '---' lines)"], id="empty"),
    pytest.param(
        {"places/bad.md": "\n  \n"}, [f"{P}:1: file: empty note (front matter between '---' lines)"], id="blank"
    ),
    pytest.param(
        {"places/bad.md": "---\n---\nBody.\n"},
        [f"{P}:2: front matter: front matter is empty (a mapping of fields)"],
        id="empty-front-matter",
    ),
    pytest.param(
        {"places/bad.md": "---\n- name: Canary\n- type: city\n---\n"},
        [f"{P}:2: front matter: front matter is a list (a mapping of fields)"],
        id="list",
    ),
    pytest.param(
        {"places/bad.md": "---\nCanary, a town\n---\n"},
        [f"{P}:2: front matter: front matter is a single value (a mapping of fields)"],
        id="scalar",
    ),
    pytest.param(
        {"places/bad.md": '{"name": "Canary", "type": "city"}\n'},
        [f"{P}:1: front matter: JSON front matter (YAML front matter opened by '---' on line 1)"],
        id="json",
    ),
    pytest.param(
        {"places/bad.md": '+++\nname = "Canary"\n+++\n'},
        [f"{P}:1: front matter: TOML front matter (YAML front matter opened by '---' on line 1)"],
        id="toml",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: [Can\xe4ry]\n").encode("latin-1")},
        [f"{P}:7: file: invalid UTF-8 at byte 132 (UTF-8 text)"],
        id="invalid-utf8",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: [Can\x00ary]\n")},
        [f"{P}:7: file: control character U+0000 (printable text)"],
        id="nul",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: [Can\x1bary]\n") + "Body\x07 text.\n"},
        [
            f"{P}:7: file: control character U+001B (printable text)",
            f"{P}:9: file: control character U+0007 (printable text)",
        ],
        id="control-characters",
    ),
    pytest.param(
        {"places/bad.md": place(extra='aliases: ["Can\\e[2Jary"]\n')},
        [f"{P}:7: aliases: control character U+001B from a YAML escape (printable text)"],
        id="control-character-from-yaml-escape",
    ),
    pytest.param(
        {"places/bad.md": place() + "Body \ue000people-ada\ue001 text.\n"},
        [f"{P}:8: file: private-use character U+E000 (printable text)"],
        id="character-reserved-for-names",
    ),
    pytest.param(
        {"places/bad.md": place(extra='aliases: ["Can\\ue001ary"]\n')},
        [f"{P}:7: aliases: private-use character U+E001 from a YAML escape (printable text)"],
        id="character-reserved-for-names-from-yaml-escape",
    ),
    pytest.param(
        {"places/bad.md": place(extra='"\\0key": x\n')},
        [f"{P}:7: front matter: control character U+0000 from a YAML escape (printable text)"],
        id="nul-in-a-key-from-yaml-escape",
    ),
    pytest.param(
        {"places/bad\x1b[31m.md": place()},
        [
            "seeds/places/bad\\x1b[31m.md:1: id: file name 'bad\\x1b[31m' is not a valid id "
            "(lowercase a-z, 0-9 and single hyphens)"
        ],
        id="terminal-escape-in-file-name",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases:\n\t- Canary Town\n")},
        [f"{P}:8: aliases: a tab character in YAML (indentation with spaces)"],
        id="tab",
    ),
    pytest.param(
        {"places/bad.md": place(extra="name: Other\n")},
        [f"{P}:7: name: duplicate key, first given on line 2 (each key once)"],
        id="duplicate-key",
    ),
    pytest.param(
        {"places/bad.md": place(extra="relations:\n  - type: met\n    type: built\n")},
        [f"{P}:9: relations[0].type: duplicate key, first given on line 8 (each key once)"],
        id="duplicate-nested-key",
    ),
    pytest.param(
        {"places/bad.md": place().replace("type: city", "type: NO")},
        [
            f"{P}:4: type: 'NO' is not allowed (one of country, city, region, port, facility, infrastructure, "
            "military-base, monument, body-of-water)"
        ],
        id="implicit-typing-NO-is-text",
    ),
    pytest.param(
        {"events/bad.md": event(date="12:30")},
        [f"{E}:4: date: '12:30' is not valid (a date as YYYY, YYYY-MM or YYYY-MM-DD)"],
        id="implicit-typing-12:30-is-text",
    ),
    pytest.param(
        {"events/bad.md": event(date="007")},
        [f"{E}:4: date: '007' is not valid (a date as YYYY, YYYY-MM or YYYY-MM-DD)"],
        id="implicit-typing-007-is-text",
    ),
    pytest.param(
        {"events/bad.md": event(date="2022-02-30")},
        [f"{E}:4: date: impossible date '2022-02-30': February 2022 has no day 30 (a real calendar date)"],
        id="impossible-date",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: !!python/object/apply:os.system ['touch /tmp/pwned']\n")},
        [f"{P}:7: aliases: YAML tag !!python/object/apply:os.system is not allowed (plain values)"],
        id="python-object-tag",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: !!python/name:os.system\n")},
        [f"{P}:7: aliases: YAML tag !!python/name:os.system is not allowed (plain values)"],
        id="python-name-tag",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: !custom Canary\n")},
        [f"{P}:7: aliases: YAML tag !custom is not allowed (plain values)"],
        id="local-tag",
    ),
    pytest.param(
        {
            "places/bad.md": place(
                extra='a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
                "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            )
        },
        [f"{P}:7: a: YAML anchors are not allowed (plain values)"],
        id="billion-laughs",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: *somewhere\n")},
        [f"{P}:7: aliases: YAML aliases are not allowed (plain values)"],
        id="alias",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: " + "[" * 100_000 + "]" * 100_000 + "\n")},
        [f"{P}:7: aliases: nested more than 24 levels deep (flat values)"],
        id="deep-nesting",
    ),
    pytest.param(
        {"places/bad.md": place() + "Filler [@gazette 'x'].\n" * 12_000},
        [f"{P}:1: file: note is 276123 bytes (at most 262144 bytes)"],
        id="over-size-cap",
    ),
    pytest.param(
        {"places/bad.md": "---\nname: Canary\n---\n---\nname: Twice\n---\n"},
        [
            f"{P}:1: summary: missing required field (a value)",
            f"{P}:1: type: missing required field (a value)",
            f"{P}:1: cite: missing required field (a value)",
        ],
        id="second-front-matter-is-body",
    ),
]

SCHEMA_CASES = [
    pytest.param(
        {"places/bad.md": place().replace("type: city\n", "")},
        [f"{P}:1: type: missing required field (a value)"],
        id="missing-required-field",
    ),
    pytest.param(
        {"places/bad.md": place(extra="summery: A town.\n")},
        [f"{P}:7: summery: unknown field 'summery' (did you mean 'summary'?)"],
        id="unknown-field",
    ),
    pytest.param(
        {"places/bad.md": place(extra="relations:\n  - type: met\n    taget: ada-brook\n")},
        [
            f"{P}:8: relations[0].cite: missing required field (a value)",
            f"{P}:8: relations[0].target: missing required field (a value)",
            f"{P}:9: relations[0].taget: unknown field 'taget' (did you mean 'target'?)",
        ],
        id="unknown-nested-field",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: Canary Town\n")},
        [f"{P}:7: aliases: found text (a list)"],
        id="wrong-type-text-for-list",
    ),
    pytest.param(
        {"places/bad.md": place().replace("name: Canary", "name: [Canary, Town]")},
        [f"{P}:2: name: found a list (text)"],
        id="wrong-type-list-for-text",
    ),
    pytest.param(
        {"places/bad.md": place(extra="coordinates: [1, 2]\n")},
        [f"{P}:7: coordinates: found a list (a mapping of fields)"],
        id="wrong-type-list-for-mapping",
    ),
    pytest.param(
        {"animals/bad.md": place()},
        [
            f"seeds/animals:1: file: unknown kind folder 'animals' ({PLACES_EXPECTED})",
            f"seeds/animals/bad.md:1: file: note outside a kind folder ({PLACES_EXPECTED})",
        ],
        id="unknown-kind",
    ),
    pytest.param(
        {"bad.md": place()},
        [f"seeds/bad.md:1: file: note outside a kind folder ({PLACES_EXPECTED})"],
        id="note-outside-kind-folder",
    ),
    pytest.param(
        {"places/bad.txt": place()},
        ["seeds/places/bad.txt:1: file: not a Markdown note (a file named <id>.md)"],
        id="not-markdown",
    ),
    pytest.param(
        {"people/lowtown.md": "---\nname: Low Person\nsummary: Someone " + CITE + ".\n---\n"},
        [
            "seeds/places/lowtown.md:1: id: id 'lowtown' is already used by seeds/people/lowtown.md (a unique file name)",
            # The id now names a person, so the place references to it are reported as well.
            "seeds/equipment/lifter-9.md:6: origin: 'lowtown' is a person (a place)",
            "seeds/organizations/lowtown-council.md:3: summary: [[Lowtown]] matches no note (did you mean [[lowtown bridge]]?)",
            "seeds/organizations/lowtown-council.md:5: country: 'lowtown' is a person (a place)",
            "seeds/people/ada-brook.md:4: summary: [[Lowtown]] matches no note (did you mean [[lowtown bridge]]?)",
            "seeds/people/ada-brook.md:5: country: 'lowtown' is a person (a place)",
            "seeds/places/lowtown-bridge.md:4: summary: [[Lowtown]] matches no note (did you mean [[lowtown bridge]]?)",
            "seeds/places/lowtown-bridge.md:6: country: 'lowtown' is a person (a place)",
        ],
        id="same-id-twice",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: [Canary Town, MAYOR  BROOK]\n")},
        [
            f"{P}:7: aliases[1]: 'MAYOR  BROOK' is also a name or alias of ada-brook (seeds/people/ada-brook.md:3) "
            "(each name and alias on one note only)",
            "seeds/people/ada-brook.md:3: aliases[0]: 'Mayor Brook' is also a name or alias of bad "
            f"({P}:7) (each name and alias on one note only)",
        ],
        id="alias-shared-case-folded",
    ),
    pytest.param(
        {
            "places/cafe.md": place("Caf\u00e9"),  # é as one code point (NFC)
            "places/bad.md": place(extra="aliases: [CAFE\u0301]\n"),  # E and a combining accent (NFD)
        },
        [
            f"{P}:7: aliases[0]: 'CAFE\u0301' is also a name or alias of cafe (seeds/places/cafe.md:2) "
            "(each name and alias on one note only)",
            f"seeds/places/cafe.md:2: name: 'Caf\u00e9' is also a name or alias of bad ({P}:7) "
            "(each name and alias on one note only)",
        ],
        id="alias-shared-nfc",
    ),
    pytest.param(
        {"places/bad.md": place(extra="country: atlantis\n")},
        [f"{P}:7: country: no note with id 'atlantis' (the id of an existing note)"],
        id="reference-to-missing-note",
    ),
    pytest.param(
        {"places/bad.md": place(extra="country: lowtwn\n")},
        [f"{P}:7: country: no note with id 'lowtwn' (did you mean 'lowtown'?)"],
        id="reference-to-missing-note-did-you-mean",
    ),
    pytest.param(
        {"places/bad.md": place(extra="country: ada-brook\n")},
        [f"{P}:7: country: 'ada-brook' is a person (a place)"],
        id="reference-to-wrong-kind",
    ),
    pytest.param(
        {"events/bad.md": event(extra="participants: [gazette]\n")},
        [f"{E}:7: participants[0]: 'gazette' is a source (an organization or a person or a place)"],
        id="reference-to-wrong-kind-in-list",
    ),
    pytest.param(
        {"places/bad.md": place(extra="country: bad\n")},
        [f"{P}:7: country: a note cannot refer to itself (another note's id)"],
        id="reference-to-itself",
    ),
    pytest.param(
        {
            "places/bad.md": place(extra="cite:\n  - lowtown: the mayor of Lowtown\n").replace(
                "cite:\n  - gazette: the mayor of Lowtown\n", "", 1
            )
        },
        [f"{P}:6: cite: 'lowtown' is a place, not a source (the id of a source note)"],
        id="citation-of-a-note-that-is-not-a-source",
    ),
    pytest.param(
        {"events/bad.md": event(date="2021-05", extra="end: 2021-04-30\n")},
        [f"{E}:7: end: ends (2021-04-30) before it starts (2021-05) (an end on or after the start)"],
        id="end-before-start",
    ),
    pytest.param(
        {
            "people/bad.md": "---\nname: Canary\nsummary: Someone " + CITE + ".\nroles:\n  - title: Mayor\n"
            "    start: 2020\n    end: 2019\n    cite:\n      - gazette: the mayor of Lowtown\n---\n"
        },
        ["seeds/people/bad.md:7: roles[0].end: ends (2019) before it starts (2020) (an end on or after the start)"],
        id="role-ends-before-it-starts",
    ),
    pytest.param(
        {"places/bad.md": place("L\u043ewt\u043ewn Bridge")},
        [
            f"{P}:2: name: 'L\u043ewt\u043ewn' mixes Cyrillic and Latin letters "
            "('\u043e' is U+043E CYRILLIC SMALL LETTER O) (each word in one script)",
            f"{P}:2: name: 'L\u043ewt\u043ewn Bridge' looks like 'Lowtown Bridge' of lowtown-bridge "
            "(seeds/places/lowtown-bridge.md:2) (a name that cannot be taken for another note's: Unicode confusables)",
            "seeds/places/lowtown-bridge.md:2: name: 'Lowtown Bridge' looks like 'L\u043ewt\u043ewn Bridge' of bad "
            f"({P}:2) (a name that cannot be taken for another note's: Unicode confusables)",
        ],
        id="mixed-script-name",
    ),
    pytest.param(
        {"places/bad.md": place(extra="aliases: [Canary Town, \u0421anary]\n")},
        [
            f"{P}:7: aliases[1]: '\u0421anary' mixes Cyrillic and Latin letters "
            "('\u0421' is U+0421 CYRILLIC CAPITAL LETTER ES) (each word in one script)",
        ],
        id="mixed-script-alias",
    ),
]

PATH_CASES = [
    pytest.param(
        {
            "places/bad.md": place(
                extra="relations:\n  - type: met\n    target: ../../x\n    cite:\n"
                "      - gazette: the mayor of Lowtown\n"
            )
        },
        [f"{P}:9: relations[0].target: '../../x' is not valid (a note id: lowercase a-z, 0-9 and single hyphens)"],
        id="dot-dot-id",
    ),
    pytest.param(
        {"places/bad.md": place(extra="country: /abs/x\n")},
        [f"{P}:7: country: '/abs/x' is not valid (a note id: lowercase a-z, 0-9 and single hyphens)"],
        id="absolute-id",
    ),
    pytest.param(
        {"places/bad.md": place(extra="themes: [a/b]\n")},
        [f"{P}:7: themes[0]: 'a/b' is not valid (a note id: lowercase a-z, 0-9 and single hyphens)"],
        id="slash-id",
    ),
    pytest.param(
        {"places/bad.md": place().replace("- gazette:", "- ../gazette:")},
        [f"{P}:6: cite[0]: '../gazette' is not valid (a note id: lowercase a-z, 0-9 and single hyphens)"],
        id="dot-dot-citation-key",
    ),
    pytest.param(
        {"places/bad.md": place() + 'See [[../../x]] [@/etc/passwd "root"].\n'},
        [
            f"{P}:8: body: '/etc/passwd' is not a source id (@source-id)",
            f"{P}:8: body: [[../../x]] matches no note (an id, name or alias of an existing note)",
        ],
        id="dot-dot-link-and-absolute-citation",
    ),
    pytest.param(
        {"places/.hidden.md": place()},
        [
            "seeds/places/.hidden.md:1: id: file name '.hidden' is not a valid id "
            "(lowercase a-z, 0-9 and single hyphens)"
        ],
        id="hidden-file",
    ),
    pytest.param(
        {"places/Bad Name.md": place()},
        [
            "seeds/places/Bad Name.md:1: id: file name 'Bad Name' is not a valid id "
            "(lowercase a-z, 0-9 and single hyphens)"
        ],
        id="bad-file-name",
    ),
    pytest.param(
        {"places/bad\n.md": place()},
        ["seeds/places/bad\\n.md:1: id: file name 'bad\\n' is not a valid id (lowercase a-z, 0-9 and single hyphens)"],
        id="newline-in-file-name",
    ),
    pytest.param(
        {
            "sources/bad.md": "---\ntitle: T\npublisher: P\ndate: 2020\nfile: ../../etc/passwd.txt\n"
            f"sha256: {'0' * 64}\n---\nA report {CITE}.\n"
        },
        ["seeds/sources/bad.md:5: file: '../../etc/passwd.txt' is not valid (text matching ^[A-Za-z0-9_.-]+\\.txt$)"],
        id="source-file-outside-sources",
    ),
    pytest.param(
        {"places/bad.md": Link("outside/note.md")},
        ["seeds/places/bad.md:1: file: symbolic links are not allowed (a regular file)"],
        id="symlinked-note",
    ),
    pytest.param(
        {"themes/extra": Link("outside")},
        ["seeds/themes/extra:1: file: symbolic links are not allowed (a regular file)"],
        id="symlinked-folder",
    ),
    pytest.param(
        {"places/ghost.md": Link("outside/missing.md")},
        ["seeds/places/ghost.md:1: file: symbolic links are not allowed (a regular file)"],
        id="dangling-symlink",
    ),
]


BODY = "seeds/places/bad.md:{}: body: "
NO_CITATION = '(a [@source-id "quote"] citation)'
FOOTNOTE = '(a [@source-id "quote"] citation: the site numbers and writes the footnotes)'
LIMIT = "(at most 4; escape a literal one with a backslash)"
OPENERS = "of the characters [ ( < ` * _ (at most 300: split it into paragraphs)"


def body(text: str) -> dict[str, str]:
    """A valid place whose body (from line 8) is ``text``."""
    return {"places/bad.md": place() + text}


BODY_CASES = [
    pytest.param(
        body('Invented [^x].\n\n[^x]: [The Gazette](../sources/gazette.md): "an invented quote"\n'),
        [
            f"{BODY.format(8)}footnote reference [^x] is not allowed {FOOTNOTE}",
            f"{BODY.format(8)}paragraph without a citation {NO_CITATION}",
            f"{BODY.format(10)}footnote definition [^x] is not allowed {FOOTNOTE}",
        ],
        id="fake-citation-footnote",
    ),
    pytest.param(
        body(f"Borrowed [^1] {CITE}.\n"),
        [f"{BODY.format(8)}footnote reference [^1] is not allowed {FOOTNOTE}"],
        id="generated-footnote-reference",
    ),
    pytest.param(
        body(f"An uncited claim `{CITE}`\n"),
        [f"{BODY.format(8)}paragraph without a citation {NO_CITATION}"],
        id="citation-in-code-span",
    ),
    pytest.param(
        body("<!-- a comment -->\nAn uncited claim.\n"),
        [f"{BODY.format(9)}paragraph without a citation {NO_CITATION}"],
        id="comment-before-paragraph",
    ),
    pytest.param(
        body(f"An uncited claim <!-- {CITE} -->.\n"),
        [f"{BODY.format(8)}paragraph without a citation {NO_CITATION}"],
        id="citation-in-comment",
    ),
    pytest.param(
        body('An uncited claim [@gazette "the mayor of Lowtown".\n'),
        [
            f"{BODY.format(8)}paragraph without a citation {NO_CITATION}",
            # The page would show the opened citation as written: the last guard names it too.
            "seeds/places/bad.md:8: text: '[@' would be shown on places/bad.md as written ([[id]], [[id|text]] "
            'or [@source-id "quote"], opened and closed within one paragraph)',
        ],
        id="unclosed-citation",
    ),
    pytest.param(
        body(f"- cited {CITE}\n- an uncited claim\n"),
        [f"{BODY.format(9)}paragraph without a citation {NO_CITATION}"],
        id="list-item-without-citation",
    ),
    pytest.param(
        body("<div>\nAn uncited claim.\n</div>\n"),
        [f"{BODY.format(8)}raw HTML block without a citation {NO_CITATION}"],
        id="html-block-without-citation",
    ),
    pytest.param(
        body("| year |\n| --- |\n| an uncited claim |\n"),
        [f"{BODY.format(10)}table row without a citation {NO_CITATION}"],
        id="table-row-without-citation",
    ),
    pytest.param(
        body("```\nAn uncited claim.\n```\n"),
        [f"{BODY.format(8)}code block (cited paragraphs; `code` inside a sentence is fine)"],
        id="code-block",
    ),
    pytest.param(
        body(f"# Title\n\nText {CITE}.\n"),
        [f"{BODY.format(8)}level-1 heading (## or deeper: the note's name is the title of its page)"],
        id="level-1-heading",
    ),
    pytest.param(
        body("## The mayor of Lowtown secretly sold the bridge to a company in 1900 for gold\n"),
        [f"{BODY.format(8)}heading of 15 words (at most 12 words: a statement goes in a paragraph with a citation)"],
        id="claim-as-heading",
    ),
    pytest.param(
        body("`" * 150_000 + "\n"),
        [
            f"{BODY.format(8)}line of 150000 characters (at most 5000 characters)",
            f"{BODY.format(8)}paragraph with 150000 {OPENERS}",
        ],
        id="slow-backticks",
    ),
    pytest.param(
        body('[@"\n' * 40_000),
        [
            f"{BODY.format(8)}40000 unclosed '[' brackets in one paragraph {LIMIT}",
            f"{BODY.format(8)}paragraph with 40000 {OPENERS}",
        ],
        id="slow-citation-quotes",
    ),
    pytest.param(
        body("x " + "[" * 20_000 + f" {CITE}\n"),
        [
            f"{BODY.format(8)}20000 unclosed '[' brackets in one paragraph {LIMIT}",
            f"{BODY.format(8)}line of 20036 characters (at most 5000 characters)",
            f"{BODY.format(8)}paragraph with 20001 {OPENERS}",
        ],
        id="slow-brackets",
    ),
    pytest.param(
        body(f"A claim {CITE}.\n\n" * 201),
        [f"{BODY.format(8)}body with 201 citations (at most 200: split the note)"],
        id="too-many-citations",
    ),
    pytest.param(
        body(f"A claim {CITE}, " + "![" * 5 + "\n"),
        [f"{BODY.format(8)}5 unclosed '[' brackets in one paragraph {LIMIT}"],
        id="unclosed-image-brackets",
    ),
    pytest.param(
        body(f"A claim {CITE}, " + "[a](" * 5 + "\n"),
        [f"{BODY.format(8)}5 unclosed '(' parentheses in one paragraph {LIMIT}"],
        id="unclosed-link-parentheses",
    ),
    pytest.param(
        body(f"A claim {CITE}, " + " x ".join("`" * k for k in range(1, 6)) + "\n"),
        [f"{BODY.format(8)}5 unclosed backtick runs in one paragraph {LIMIT}"],
        id="unclosed-backticks",
    ),
    pytest.param(
        body(f"A claim {CITE}, <a \n"),
        [
            f"{BODY.format(8)}'<' at column 44 opens a tag that is not closed on its line "
            "(a whole tag on one line, or &lt; for a literal '<')"
        ],
        id="unclosed-tag",
    ),
]


INVISIBLE = "(visible characters only: no zero-width, soft hyphen or bidi control characters)"
LOOKS = "(a name that cannot be taken for another note's: Unicode confusables)"
LOWTOWN = "lowtown (seeds/places/lowtown.md:2)"
SITE_PAGE = "(a page of the site, e.g. ../people/x.md)"

NAME_CASES = [
    pytest.param(
        {"places/bad.md": place("Lоwtоwn")},
        [
            f"{P}:2: name: 'Lоwtоwn' looks like 'Lowtown' of {LOWTOWN} {LOOKS}",
            f"{P}:2: name: 'Lоwtоwn' mixes Cyrillic and Latin letters ('о' is U+043E CYRILLIC SMALL LETTER O) "
            "(each word in one script)",
            f"seeds/places/lowtown.md:2: name: 'Lowtown' looks like 'Lоwtоwn' of bad ({P}:2) {LOOKS}",
        ],
        id="cyrillic-look-alike",
    ),
    pytest.param(
        {"places/moscow.md": place("Moscow"), "places/bad.md": place("Моѕсоԝ")},
        [
            f"{P}:2: name: 'Моѕсоԝ' looks like 'Moscow' of moscow (seeds/places/moscow.md:2) {LOOKS}",
            f"seeds/places/moscow.md:2: name: 'Moscow' looks like 'Моѕсоԝ' of bad ({P}:2) {LOOKS}",
        ],
        id="all-cyrillic-look-alike",
    ),
    pytest.param(
        {"places/bad.md": place("Canary", "aliases: [Ｌｏｗｔｏｗｎ]\n")},
        [
            f"{P}:7: aliases[0]: 'Ｌｏｗｔｏｗｎ' is also a name or alias of {LOWTOWN} (each name and alias on one note only)",
            f"seeds/places/lowtown.md:2: name: 'Lowtown' is also a name or alias of bad ({P}:7) "
            "(each name and alias on one note only)",
            "seeds/organizations/lowtown-council.md:3: summary: [[Lowtown]] is ambiguous (one of the ids bad, lowtown)",
            "seeds/people/ada-brook.md:4: summary: [[Lowtown]] is ambiguous (one of the ids bad, lowtown)",
            "seeds/places/lowtown-bridge.md:4: summary: [[Lowtown]] is ambiguous (one of the ids bad, lowtown)",
        ],
        id="fullwidth-alias",
    ),
    pytest.param(
        {"places/bad.md": place("Canary", "aliases: [𝐋𝐨𝐰𝐭𝐨𝐰𝐧 Bridge]\n")},
        [
            f"{P}:7: aliases[0]: '𝐋𝐨𝐰𝐭𝐨𝐰𝐧 Bridge' is also a name or alias of lowtown-bridge "
            "(seeds/places/lowtown-bridge.md:2) (each name and alias on one note only)",
            f"seeds/places/lowtown-bridge.md:2: name: 'Lowtown Bridge' is also a name or alias of bad ({P}:7) "
            "(each name and alias on one note only)",
            *(
                f"seeds/{where}: [[Lowtown Bridge]] is ambiguous (one of the ids bad, lowtown-bridge)"
                for where in (
                    "events/bridge-opening.md:3: summary",
                    "organizations/river-works-company.md:3: summary",
                    "questions/how-much-did-the-bridge-cost.md:4: answer",
                    "themes/infrastructure.md:3: summary",
                )
            ),
        ],
        id="mathematical-alias",
    ),
    pytest.param(
        {"places/bad.md": place("Low\u200btown")},
        [f"{P}:2: name: 'Low\\u200btown' holds an invisible or format character (U+200B ZERO WIDTH SPACE) {INVISIBLE}"],
        id="zero-width-space",
    ),
    pytest.param(
        {"places/bad.md": place("Canary", "aliases: [Low\u00adtown]\n")},
        [f"{P}:7: aliases[0]: 'Low\\xadtown' holds an invisible or format character (U+00AD SOFT HYPHEN) {INVISIBLE}"],
        id="soft-hyphen",
    ),
    pytest.param(
        {"places/bad.md": place("\u202enwotwoL")},
        [
            f"{P}:2: name: '\\u202enwotwoL' holds an invisible or format character (U+202E RIGHT-TO-LEFT OVERRIDE) "
            f"{INVISIBLE}"
        ],
        id="bidi-override",
    ),
    pytest.param(
        {"places/bad.md": place("' '")},
        [f"{P}:2: name: ' ' has no letter or digit (a name)"],
        id="name-of-one-space",
    ),
    pytest.param(
        {"places/bad.md": place("\u200b")},
        [
            f"{P}:2: name: '\\u200b' has no letter or digit (a name)",
            f"{P}:2: name: '\\u200b' holds an invisible or format character (U+200B ZERO WIDTH SPACE) {INVISIBLE}",
        ],
        id="name-of-one-zero-width-space",
    ),
]

SITE_CASES = [
    pytest.param(
        {"themes/index.md": "---\nname: Index theme\nsummary: A theme " + CITE + ".\n---\n"},
        [
            "seeds/themes/index.md:1: id: id 'index' is reserved: themes/index.md is the generated index (another file name)"
        ],
        id="reserved-id-index",
    ),
    pytest.param(
        body(f"See [a note](../people/missing.md) {CITE}.\n"),
        [f"{BODY.format(8)}link '../people/missing.md' matches no page of the site {SITE_PAGE}"],
        id="link-to-missing-page",
    ),
    pytest.param(
        body(f"See [it](lowtown.md#nowhere) {CITE}.\n"),
        [
            f"{BODY.format(8)}link 'lowtown.md#nowhere': places/lowtown.md has no anchor #nowhere "
            "(a heading of that page, or no #anchor)"
        ],
        id="link-to-missing-anchor",
    ),
    pytest.param(
        body(f"See [it](/places/lowtown.md) {CITE}.\n"),
        [f"{BODY.format(8)}absolute link '/places/lowtown.md' (a path relative to this page, e.g. ../people/x.md)"],
        id="absolute-link",
    ),
    pytest.param(
        body(f"See [it](../../../../etc/passwd) {CITE}.\n"),
        [f"{BODY.format(8)}link '../../../../etc/passwd' leaves the site (a page of the site)"],
        id="link-out-of-the-site",
    ),
    pytest.param(
        body(f"See ![a pixel](https://tracker.example/p.png) {CITE}.\n"),
        [
            f"{BODY.format(8)}image from another site 'https://tracker.example/p.png' "
            "(an image stored in the site, by a relative path)"
        ],
        id="image-from-another-origin",
    ),
    pytest.param(
        body(f"## Relations\n\nText {CITE}.\n"),
        [
            f"{BODY.format(8)}heading 'Relations' has the anchor #relations of a section the site writes (another heading)"
        ],
        id="heading-takes-a-generated-anchor",
    ),
    pytest.param(
        body(f'A claim {CITE}{{: #fn:1 }}\n\n<span id="relations">x</span> {CITE}.\n'),
        [
            f"{BODY.format(8)}id 'fn:1' is one the site gives its footnotes and sections (another id)",
            f"{BODY.format(10)}id 'relations' is one the site gives its footnotes and sections (another id)",
        ],
        id="id-takes-a-citation-anchor",
    ),
    pytest.param(
        body(f"See [Lowtown](lowtown.md), [the index](index.md) and [the gazette](../sources/gazette.md) {CITE}.\n"),
        [],
        id="links-that-resolve",
    ),
]


REL = "relations:\n  - type: {}\n    target: {}\n    cite:\n      - gazette: the mayor of Lowtown\n"
SOURCE = "---\ntitle: T\npublisher: P\ndate: 2020\nfile: {}\nsha256: " + "0" * 64 + "\n---\nA report " + CITE + ".\n"

SMALL_CASES = [
    pytest.param(
        {"places/bad.md": place(extra=REL.format("borders", "lowtown") + REL.format("borders", "lowtown")[11:])},
        [f"{P}:12: relations[1]: relation borders lowtown is given twice (also at line 8) (each relation once)"],
        id="duplicate-relation",
    ),
    pytest.param(
        {
            "places/bad.md": place(extra=REL.format("child-of", "bad-two")),
            "places/bad-two.md": place("Canary Two", extra=REL.format("child-of", "bad")),
        },
        [
            f"{P}:8: relations[0]: bad child-of bad-two contradicts bad-two child-of bad (seeds/places/bad-two.md:8) "
            "(one direction only)",
            f"seeds/places/bad-two.md:8: relations[0]: bad-two child-of bad contradicts bad child-of bad-two ({P}:8) "
            "(one direction only)",
        ],
        id="contradictory-relations",
    ),
    pytest.param(
        {
            "places/bad.md": place(extra=REL.format("borders", "bad-two")),
            "places/bad-two.md": place("Canary Two", extra=REL.format("borders", "bad")),
        },
        [
            f"{P}:8: relations[0]: relation borders bad-two is also given by bad-two (seeds/places/bad-two.md:8) "
            "(a symmetric relation on one of its two notes)"
        ],
        id="symmetric-relation-from-both-sides",
    ),
    pytest.param(
        {"sources/bad.md": SOURCE.format("gazette.txt")},
        [
            "seeds/sources/bad.md:6: sha256: gazette.txt has checksum "
            "43f25cd7910b75a05b21e21b0c2ed2a0e8ec97f1953b662a40ea79910cfc0005 "
            f"({'0' * 64}, the text the quotes were checked against)"
        ],
        id="checksum-at-its-line",
    ),
    pytest.param(
        {"sources/bad.md": SOURCE.format("missing.txt")},
        [
            f"seeds/sources/bad.md:5: file: source text 'missing.txt' not found in {CORPUS / 'sources'} "
            "(a file in the sources directory)"
        ],
        id="missing-source-text-at-its-line",
    ),
    pytest.param(
        {"questions/bad.md": "---\nquestion: Who?\ncategory: who\nanswer: The mayor " + CITE + ".\n---\n"},
        [
            "seeds/questions/bad.md:4: answer: answer without a [[link]] (a [[link]] to the page that holds the sourced answer)"
        ],
        id="question-without-link",
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"),
    [*YAML_CASES, *SCHEMA_CASES, *PATH_CASES, *BODY_CASES, *NAME_CASES, *SITE_CASES, *SMALL_CASES],
)
def test_each_case_has_its_exact_message_and_hides_nothing(
    tmp_path: Path, files: dict[str, str | bytes | Link], expected: list[str]
) -> None:
    check(run(tmp_path, files), expected)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(CORPUS / "seeds", project / "seeds")
    os.mkfifo(project / "seeds" / "places" / "bad.md")
    result = run_pipeline(project / "seeds", CORPUS / "sources", display_root=project)
    assert messages(result) == ["seeds/places/bad.md:1: file: not a regular file (a Markdown file)"]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    text = "\ufeff" + place("Canary", "aliases: [Canary Town]\n") + "A body line " + CITE + ".\n"
    result = run(tmp_path, {"places/bad.md": text.replace("\n", "\r\n").encode("utf-8")})
    assert messages(result) == [WITNESS_MESSAGE]
    note = result.graph.notes[NoteId("bad")]
    assert (note.name, note.aliases) == ("Canary", ("Canary Town",))


def test_implicit_typing_never_applies(tmp_path: Path) -> None:
    aliases = ["NO", "yes", "off", "~", "null", "2022-05-17", "12:30", "007", "1e3", "0x1F", ".inf"]
    extra = "aliases: [" + ", ".join(aliases) + "]\ncoordinates:\n  lat: 007\n  lon: -12.50\n"
    text = place(extra=extra).replace("type: city", "type: city").replace("name: Canary", "name: 2022-05-17")
    result = run(tmp_path, {"places/bad.md": text})
    # "~" stays the text "~" (not null); as a name it shows no letter, which is a problem of its own.
    assert messages(result) == [
        WITNESS_MESSAGE,
        "seeds/places/bad.md:7: aliases[3]: '~' has no letter or digit (a name)",
    ]
    note = result.graph.notes[NoteId("bad")]
    assert note.name == "2022-05-17"
    assert list(note.aliases) == aliases
    assert note.details.coordinates == (7.0, -12.5)  # type: ignore[union-attr]


def test_ids_never_become_paths() -> None:
    for bad in ("../../x", "/abs/x", "a/b", ".hidden", "x\n", "X", ""):
        with pytest.raises(ValueError, match="not a valid note id"):
            page_path(Kind.PERSON, NoteId(bad))


@pytest.mark.parametrize("path", ["../escape.md", "../../x/index.html", "/abs/x.md", "a/../../b.md", "."])
def test_output_paths_outside_the_site_are_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(ValueError, match="outside"):
        safe_target(tmp_path / "site", path)


def test_the_build_refuses_a_page_that_would_land_outside_the_site(corpus: Path) -> None:
    # Generated paths come from checked ids; this forces a bad one past them to test the last guard.
    (corpus / "plant.py").write_text(
        "import refsite.mkdocs.hook as emit\nfrom refsite.render.writer import Page\n"
        "real = emit.run_pipeline\n"
        "def fake(*args, **kwargs):\n"
        "    result = real(*args, **kwargs)\n"
        "    object.__setattr__(result, 'pages', (*result.pages, Page('../../escape.md', 'x', '# x')))\n"
        "    return result\n"
        "emit.run_pipeline = fake\n"
    )
    config = corpus / "mkdocs.yml"
    config.write_text(config.read_text().replace("hooks:\n", f"hooks:\n  - {corpus / 'plant.py'}\n"))
    run = mkdocs_build(corpus)
    assert run.returncode == 1
    assert "refsite: ../../escape.md would be written outside the site folder" in run.stdout
    assert not (corpus.parent / "escape").exists()


def test_a_real_build_fails_and_names_every_broken_file(corpus: Path) -> None:
    """All the files of the tables at once in a real ``mkdocs build``: it fails and names each one."""
    expected_files = {WITNESS_MESSAGE.split(":", 1)[0]}
    seeds = corpus / "seeds"
    for case in [*YAML_CASES, *SCHEMA_CASES, *PATH_CASES, *BODY_CASES, *SITE_CASES, *SMALL_CASES]:
        files, case_messages = case.values
        if case.id in {"same-id-twice", "alias-shared-case-folded"} or any(isinstance(v, Link) for v in files.values()):
            continue  # they change what other notes resolve to, or span output lines; checked one by one above
        suffix = case.id.replace(":", "-").lower()
        for relative, content in {**files, **WITNESS}.items():
            target = seeds / relative.replace("bad", f"bad-{suffix}")
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            target.write_bytes(data.replace(b"country: bad\n", f"country: bad-{suffix}\n".encode()))
        for message in case_messages:
            expected_files.add(message.split(":", 1)[0].replace("/bad", f"/bad-{suffix}"))
    run = mkdocs_build(corpus)
    assert run.returncode == 1
    reported = {line.removeprefix("ERROR   -  refsite: ").split(":", 1)[0] for line in run.stdout.splitlines()}
    assert expected_files <= reported, sorted(expected_files - reported)


B = "seeds/places/bad.md:8: body: "
KEPT = "(class, id, title, lang or dir (and href, src, alt on links and images))"
CLASS = "(no class, or an admonition type such as note, tip or warning)"
LINK_EXPECTED = "(an http, https, mailto or relative link)"
HTML_CASES = [
    pytest.param(
        "<script>alert(1)</script> Text.",
        [f"{B}<script> is removed from the page (Markdown, or plain HTML)"],
        id="script",
    ),
    pytest.param(
        "<SCRIPT SRC=//x.example/a.js></SCRIPT>",
        [f"{B}<script> is removed from the page (Markdown, or plain HTML)"],
        id="script-upper-case",
    ),
    pytest.param(
        '<iframe src="https://x.example"></iframe>',
        [f"{B}<iframe> is removed from the page (Markdown, or plain HTML)"],
        id="iframe",
    ),
    pytest.param(
        '<img src=x onerror="alert(1)">',
        [f"{B}event handler onerror= is removed (HTML without event handlers)"],
        id="onerror",
    ),
    pytest.param(
        "<b OnMouseOver=alert(1)>b</b>",
        [f"{B}event handler OnMouseOver= is removed (HTML without event handlers)"],
        id="handler-mixed-case",
    ),
    pytest.param(
        '[x](https://x.example){ onclick="alert(1)" }',
        [f"{B}event handler onclick= is removed (HTML without event handlers)"],
        id="handler-in-attr-list",
    ),
    pytest.param(
        "[x](javascript:alert(1))",
        [f"{B}link to a javascript: address is removed {LINK_EXPECTED}"],
        id="javascript-link",
    ),
    pytest.param(
        "[x](JaVaScRiPt:alert(1))",
        [f"{B}link to a javascript: address is removed {LINK_EXPECTED}"],
        id="javascript-mixed-case",
    ),
    pytest.param(
        "[x](jav&#x61;script:alert(1))",
        [f"{B}link to a javascript: address is removed {LINK_EXPECTED}"],
        id="javascript-entity",
    ),
    pytest.param(
        '<a href="java&#x09;script:alert(1)">x</a>',
        [f"{B}link to a javascript: address is removed {LINK_EXPECTED}"],
        id="javascript-tab-entity",
    ),
    pytest.param(
        '<a href=" &#106;avascript:alert(1)">x</a>',
        [f"{B}link to a javascript: address is removed {LINK_EXPECTED}"],
        id="javascript-decimal-entity",
    ),
    pytest.param(
        "<javascript:alert(1)>",
        [f"{B}link to a javascript: address is removed {LINK_EXPECTED}"],
        id="javascript-autolink",
    ),
    pytest.param(
        "[x][r] " + CITE + ".\n\n[r]: javascript:alert(1)",
        [f"seeds/places/bad.md:10: body: link to a javascript: address is removed {LINK_EXPECTED}"],
        id="javascript-reference",
    ),
    pytest.param(
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        [f"{B}link to a data: address is removed {LINK_EXPECTED}"],
        id="data-image",
    ),
    pytest.param(
        "[x](data:text/html,<script>alert(1)</script>)",
        [
            f"{B}<script> is removed from the page (Markdown, or plain HTML)",
            f"{B}link to a data: address is removed {LINK_EXPECTED}",
        ],
        id="data-link",
    ),
    pytest.param(
        "[x](vbscript:msgbox(1))", [f"{B}link to a vbscript: address is removed {LINK_EXPECTED}"], id="vbscript"
    ),
    pytest.param(
        '<span style="color:red">red</span>', [f"{B}attribute style= of <span> is removed {KEPT}"], id="style"
    ),
    pytest.param(
        '<font color="red">red</font>', [f"{B}<font> is removed from the page (Markdown, or plain HTML)"], id="font"
    ),
    pytest.param(
        "<marquee>m</marquee>", [f"{B}<marquee> is removed from the page (Markdown, or plain HTML)"], id="marquee"
    ),
    pytest.param(
        "<audio src=a.mp3></audio>", [f"{B}<audio> is removed from the page (Markdown, or plain HTML)"], id="audio"
    ),
    pytest.param(
        '<a href="https://x.example" target="_blank">x</a>',
        [f"{B}attribute target= of <a> is removed {KEPT}"],
        id="target",
    ),
    pytest.param(
        '<b data-track="1">b</b>', [f"{B}attribute data-track= of <b> is removed {KEPT}"], id="data-attribute"
    ),
    pytest.param(
        '<b id="__search">b</b>',
        [f"{B}id '__search' is removed (an id that does not start with '__' (the theme's own))"],
        id="theme-id",
    ),
    pytest.param(
        '<b class="md-button">b</b> [x](lowtown.md){: .md-typeset }',
        [f"{B}class 'md-button' is removed {CLASS}", f"{B}class 'md-typeset' is removed {CLASS}"],
        id="theme-class",
    ),
    pytest.param('<b class="note">b</b>', [], id="allowed-class"),
    pytest.param(
        '<img src="https://tracker.example/p.png" alt="">',
        [f"{B}image from another site is removed (an image stored in the site, by a relative path)"],
        id="html-image-from-another-origin",
    ),
    pytest.param(
        "[ok](https://x.example) [mail](mailto:a@x.example) [rel](../places/lowtown.md) <b>bold</b> `<script>` in code"
        " ``[x](javascript:a)``",
        [],
        id="allowed",
    ),
]


@pytest.mark.parametrize(("body", "expected"), HTML_CASES)
def test_html_the_pages_will_not_show_is_named(tmp_path: Path, body: str, expected: list[str]) -> None:
    result = run(tmp_path, {"places/bad.md": place() + body + " " + CITE + ".\n"})
    assert messages(result) == [WITNESS_MESSAGE]
    assert [str(w) for w in result.warnings] == expected


def test_html_in_a_summary_or_claim_is_named_at_its_field(tmp_path: Path) -> None:
    summary = place().replace("A town ", 'A <span onclick="x()">town</span> ')
    claim = "---\ntopic: T\naspect: figure\nconcerns: [lowtown]\nclaims:\n  - claim: '<script>x()</script>One.'\n    cite:\n      - gazette: the mayor of Lowtown\n  - claim: Two.\n    cite:\n      - gazette: the mayor of Lowtown\n---\n"
    result = run(tmp_path, {"places/bad.md": summary, "disagreements/bad.md": claim})
    assert [str(w) for w in result.warnings] == [
        "seeds/disagreements/bad.md:6: claims[0].claim: <script> is removed from the page (Markdown, or plain HTML)",
        "seeds/places/bad.md:3: summary: event handler onclick= is removed (HTML without event handlers)",
    ]


def test_html_warnings_fail_a_strict_build_and_refsite_check(corpus: Path) -> None:
    (corpus / "seeds" / "places" / "bad.md").write_text(place() + "<script>alert(1)</script> Text " + CITE + ".\n")
    message = "seeds/places/bad.md:8: body: <script> is removed from the page (Markdown, or plain HTML)"
    assert f"WARNING -  refsite: {message}" in mkdocs_build(corpus).stdout  # the preview builds
    strict = mkdocs_build(corpus, "--strict")
    assert strict.returncode == 1
    assert f"WARNING -  refsite: {message}" in strict.stdout
    check = subprocess.run(
        [sys.executable, "-m", "refsite.cli", "check", "--sources", "sources"],
        cwd=corpus,
        capture_output=True,
        text=True,
    )
    assert (check.returncode, check.stdout.splitlines()) == (1, [message])


def test_html_in_code_is_shown_as_text_and_not_named() -> None:
    text = "```html\n<iframe onload=x></iframe>\n```\n\n~~~\n<script>\n~~~\n`<script>` and <script>"
    assert [(offset, what) for offset, what, _ in findings(text)] == [
        (len(text) - 8, "<script> is removed from the page")
    ]


def test_a_note_that_would_replace_a_page_is_named_by_check_render_and_build(corpus: Path) -> None:
    """``seeds/themes/index.md`` would be the Themes index: every entry point names it, in the same words."""
    (corpus / "seeds" / "themes" / "index.md").write_text(
        "---\nname: Index theme\nsummary: A theme " + CITE + ".\n---\n"
    )
    message = "seeds/themes/index.md:1: id: id 'index' is reserved: themes/index.md is the generated index (another file name)"
    build = mkdocs_build(corpus)
    assert build.returncode == 1
    assert f"ERROR   -  refsite: {message}" in build.stdout
    for command in (["check"], ["render", "--out", str(corpus / "out")]):
        run = subprocess.run(
            [sys.executable, "-m", "refsite.cli", *command, "--sources", "sources"],
            cwd=corpus,
            capture_output=True,
            text=True,
        )
        assert (run.returncode, run.stdout.splitlines()) == (1, [message])
    preview = run_pipeline(corpus / "seeds", corpus / "sources", display_root=corpus)  # what serve shows
    assert [str(p) for p in preview.problems] == [message]
    themes_index = next(page for page in preview.pages if page.path == "themes/index.md")
    assert "Index theme" not in themes_index.markdown


def test_a_kind_folder_that_is_a_symbolic_link_is_one_problem(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(CORPUS / "seeds", project / "seeds")
    (project / "seeds" / "themes").rename(project / "elsewhere")
    (project / "seeds" / "themes").symlink_to(project / "elsewhere")
    result = run_pipeline(project / "seeds", CORPUS / "sources", display_root=project)
    assert messages(result) == ["seeds/themes:1: file: symbolic links are not allowed (a regular file)"]


def test_body_links_that_check_accepts_pass_the_strict_build(corpus: Path) -> None:
    """The links check lets through only what the strict build resolves: pages, and headings of bodies."""
    body = (
        f"## Background\n\nSee [Lowtown](lowtown.md), [the gazette](../sources/gazette.md), [above](#background),"
        f" [the index](index.md) and [a site](https://x.example/) {CITE}.\n"
    )
    (corpus / "seeds" / "places" / "good.md").write_text(place("Good Town") + body)
    (corpus / "seeds" / "places" / "other.md").write_text(
        place("Other Town") + f"See [its background](good.md#background) {CITE}.\n"
    )
    check = subprocess.run(
        [sys.executable, "-m", "refsite.cli", "check", "--sources", "sources"],
        cwd=corpus,
        capture_output=True,
        text=True,
    )
    assert (check.returncode, check.stdout) == (0, "")
    build = mkdocs_build(corpus, "--strict")
    assert build.returncode == 0, build.stdout
