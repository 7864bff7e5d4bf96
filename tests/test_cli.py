"""The ``refsite`` command: check (text, json, github), new, schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from refsite.cli import main
from refsite.core.slugs import Kind
from refsite.load.frontmatter_yaml import parse_front_matter
from refsite.load.notes import load_notes
from refsite.pipeline import run_pipeline
from refsite.scaffold import slugify
from refsite.validate.notes import schema_problems
from refsite.validate.schema_files import schema_documents

from .conftest import CORPUS, ROOT


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(CORPUS / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_published_schemas_are_up_to_date() -> None:
    published = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "schemas").glob("*.json")}
    assert published == schema_documents(), "the note format changed: run `make schemas` and commit schemas/"


def test_schema_writes_one_file_per_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--out", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{k.value}.schema.json" for k in Kind)
    assert len(capsys.readouterr().out.splitlines()) == len(Kind)


def test_the_published_schemas_accept_every_fixture_note() -> None:
    for path in sorted((CORPUS / "seeds").rglob("*.md")):
        front = path.read_text().split("---\n")[1]
        schema = json.loads((ROOT / "schemas" / f"{_kind_of(path).value}.schema.json").read_text())
        jsonschema.validate(parse_front_matter(front).data, schema)


def _kind_of(path: Path) -> Kind:
    return next(kind for kind in Kind if kind.folder == path.parent.name)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Emomali Rahmon", "emomali-rahmon"),
        ("Ali Akbar Velayati ", "ali-akbar-velayati"),
        ("Rouhani's visit to Dushanbe (2014)", "rouhani-s-visit-to-dushanbe-2014"),
        ("Sadriddin Aynī — Ṣadr al-Dīn", "sadriddin-ayni-sadr-al-din"),
        ("How much did the bridge cost?", "how-much-did-the-bridge-cost"),
        ("../../etc/passwd", "etc-passwd"),
        ("Эмомали Рахмон", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("kind", [kind.value for kind in Kind])
def test_new_writes_a_note_that_only_its_placeholders_keep_from_passing(project: Path, kind: str) -> None:
    name = "Émile Zoë: test #1"
    assert main(["new", kind, name]) == 0
    path = project / "seeds" / Kind(kind).folder / "emile-zoe-test-1.md"
    text = path.read_text()
    assert text.startswith(f"---\n# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n")
    raw = next(n for n in load_notes(project / "seeds", project).notes if n.path.endswith("emile-zoe-test-1.md"))
    assert schema_problems(raw) == []
    assert raw.data[{"source": "title", "disagreement": "topic", "question": "question"}.get(kind, "name")] == name
    problems = [p for p in run_pipeline(project / "seeds", display_root=project).problems]
    assert problems, "the placeholders must be reported"
    for problem in problems:
        assert problem.path == f"seeds/{Kind(kind).folder}/emile-zoe-test-1.md"
        assert any(mark in problem.message for mark in ("source-id", "note-id", "year 0")), problem


def test_new_with_a_known_source_leaves_only_the_quote_to_fill(project: Path) -> None:
    assert main(["new", "person", "Cara Stone", "--source", "gazette"]) == 0
    result = run_pipeline(project / "seeds", CORPUS / "sources", display_root=project)
    assert {p.message for p in result.problems} == {
        "quote not found in gazette: 'a short verbatim quote from the source'"
    }


def test_new_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = project / "seeds" / "people" / "ada-brook.md"
    before = note.read_text()
    assert main(["new", "person", "Ada Brook"]) == 1
    assert note.read_text() == before
    assert "seeds/people/ada-brook.md already exists" in capsys.readouterr().err


def test_new_refuses_an_id_used_by_another_kind(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "theme", "Lowtown"]) == 1
    assert "seeds/places/lowtown.md already exists" in capsys.readouterr().err
    assert not (project / "seeds" / "themes" / "lowtown.md").exists()


def test_new_asks_for_an_id_when_the_name_gives_none(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "person", "Эмомали Рахмон"]) == 1
    assert "give one with --id" in capsys.readouterr().err
    assert main(["new", "person", "Эмомали Рахмон", "--id", "emomali-rahmon"]) == 0
    assert "name: Эмомали Рахмон\n" in (project / "seeds" / "people" / "emomali-rahmon.md").read_text()
    assert main(["new", "person", "X", "--id", "../../x"]) == 1


def test_check_reports_in_text_json_and_github_forms(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    capsys.readouterr()
    (project / "seeds" / "people" / "bad.md").write_text("---\nname: Bad, Name\n---\n")
    message = "seeds/people/bad.md:1: summary: missing required field (a value)"

    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines() == [message]

    assert main(["check", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["problems"] == [
        {
            "path": "seeds/people/bad.md",
            "line": 1,
            "field": "summary",
            "message": "missing required field",
            "expected": "a value",
        }
    ]

    assert main(["check", "--format", "github"]) == 1
    unchecked = f"NOT checked: no source texts in {project.parent / 'shared' / 'sources'}"
    assert capsys.readouterr().out.splitlines() == [
        "::error file=seeds/people/bad.md,line=1,title=summary::missing required field (a value)",
        f"::warning title=Quotes not checked::{report['quotes']} quotes {unchecked}",
        message,
    ]
