"""Synthetic corpora in the real note format, with source texts whose quotes really verify.

Every kind of note is present in fixed shares. Links, relations and citations pick their targets
uniformly, so a note's backlinks (and so its page) stay the same size on average whatever the
corpus size; only the listed overview pages grow with N.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from refsite.core.relations import RELATION_TYPES
from refsite.core.slugs import ENTITY_KINDS, Kind
from refsite.validate.schema import (
    ASPECTS,
    EQUIPMENT_TYPES,
    EVENT_TYPES,
    ORGANIZATION_TYPES,
    PLACE_TYPES,
    QUESTION_CATEGORIES,
)

SHARES = {
    Kind.PERSON: 0.20,
    Kind.PLACE: 0.12,
    Kind.ORGANIZATION: 0.12,
    Kind.EQUIPMENT: 0.02,
    Kind.EVENT: 0.20,
    Kind.THEME: 0.04,
    Kind.SOURCE: 0.10,
    Kind.DISAGREEMENT: 0.10,
    Kind.QUESTION: 0.10,
}
_CONSONANTS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "kh", "zh")
_VOWELS = ("a", "e", "i", "o", "u")
_FIRST_NAMES = ("Ari", "Bahrom", "Dilnoza", "Farid", "Gulnora", "Hasan", "Iroda", "Jamshid", "Laylo", "Mehr")
_ORG_SUFFIXES = ("Trade Council", "Ministry of Works", "Party", "Bank", "Institute", "Press Agency", "Committee")
_EVENT_NOUNS = ("summit", "visit", "agreement", "talks", "inauguration", "exchange", "forum")
# Plain words for prose; the typographic apostrophe and dash in source texts exercise the quote folding.
_PROSE = (
    "the minister said that trade between both countries grew during the year while officials met in the "
    "capital to discuss roads power lines and a new border crossing that would open next spring after long "
    "delays the delegation signed a protocol on customs and transit and agreed to meet again before winter "
    "analysts noted that the nation’s exports rose sharply although the figures remain disputed by several "
    "observers who point to gaps in the published data and to earlier statements by the ministry a regional "
    "bank promised loans for the dam project and for schools in the valley where the river floods almost "
    "every year the visit – the first in a decade – was described as warm and practical by both sides"
)
_WORDS = _PROSE.split(" ")


def _words(rng: random.Random, count: int) -> list[str]:
    start = rng.randrange(len(_WORDS))
    return [_WORDS[(start + i * 7) % len(_WORDS)] for i in range(count)]


@dataclass
class _Note:
    kind: Kind
    ident: str
    name: str
    aliases: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class _Names:
    """Pseudo-words and names that are unique across the corpus, compared case-insensitively."""

    rng: random.Random
    used: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)

    def word(self) -> str:
        """A new pseudo-word; each note builds its names from its own word, so they cannot clash."""
        while True:
            count = self.rng.choice((2, 3, 3))
            word = "".join(self.rng.choice(_CONSONANTS) + self.rng.choice(_VOWELS) for _ in range(count))
            if word not in self.words:
                self.words.add(word)
                return word.capitalize()

    def claim(self, name: str) -> bool:
        key = name.casefold()
        if key in self.used:
            return False
        self.used.add(key)
        return True


def kind_counts(total: int) -> dict[Kind, int]:
    """How many notes of each kind a corpus of ``total`` notes has (at least one each, two sources)."""
    counts = {kind: max(2 if kind is Kind.SOURCE else 1, int(total * share)) for kind, share in SHARES.items()}
    counts[Kind.EVENT] += total - sum(counts.values())
    return counts


@dataclass(frozen=True)
class Corpus:
    """A generated corpus: ``seeds/`` and ``sources/`` below ``root``."""

    root: Path
    notes: int
    counts: dict[Kind, int]
    person_paths: tuple[Path, ...]
    """Note files of people, for the live-preview edits."""


class _Writer:
    def __init__(self, root: Path, total: int, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.names = _Names(random.Random(seed + 1))
        self.relations: set[tuple[str, str, str]] = set()
        self.notes: dict[Kind, list[_Note]] = {kind: [] for kind in Kind}
        self.texts: dict[str, list[list[str]]] = {}
        self.counts = kind_counts(total)

    def plan(self) -> None:
        for kind, count in self.counts.items():
            for _ in range(count):
                self.notes[kind].append(self._new_note(kind))
        for index, note in enumerate(self.notes[Kind.SOURCE]):
            self.texts[note.ident] = self._source_text(index)
        sources = [n.ident for n in self.notes[Kind.SOURCE]]
        for kind in Kind:
            for note in self.notes[kind]:
                note.sources = [note.ident] if kind is Kind.SOURCE else self.rng.sample(sources, min(3, len(sources)))

    def _new_note(self, kind: Kind) -> _Note:
        word = self.names.word()
        aliases: list[str] = []
        if kind is Kind.PERSON:
            first = self.rng.choice(_FIRST_NAMES)
            name = f"{first} {word}"
            aliases = [f"{first[0]}. {word}", word]
        elif kind is Kind.PLACE:
            name, aliases = word, [f"{word} district"]
        elif kind is Kind.ORGANIZATION:
            name = f"{word} {self.rng.choice(_ORG_SUFFIXES)}"
            aliases = [f"the {word} body"]
        elif kind is Kind.EQUIPMENT:
            name, aliases = f"{word}-{self.rng.randint(1, 9)}", [f"{word} drone"]
        elif kind is Kind.EVENT:
            name = f"{word} {self.rng.choice(_EVENT_NOUNS)} of {self.rng.randint(1992, 2025)}"
        elif kind is Kind.THEME:
            name = f"{word} affairs"
        elif kind is Kind.SOURCE:
            name = f"{word} report"
        elif kind is Kind.DISAGREEMENT:
            name = f"Accounts of the {word} question"
        else:
            name = f"What happened at {word}?"
        aliases = [a for a in aliases if self.names.claim(a)]
        self.names.claim(name)
        return _Note(kind, word.lower() + "-" + kind.value[:3], name, aliases)

    def _source_text(self, index: int) -> list[list[str]]:
        sentences = []
        for _ in range(self.rng.randint(60, 90)):
            words = _words(self.rng, self.rng.randint(12, 24))
            words[0] = words[0].capitalize()
            sentences.append(words)
        return sentences

    # -- citations and links -------------------------------------------------------------------

    def quote(self, source: str) -> str:
        """A verbatim span of the source, written as a contributor would: plain dashes and quotes."""
        sentence = self.rng.choice(self.texts[source])
        length = self.rng.randint(5, min(12, len(sentence)))
        start = self.rng.randrange(len(sentence) - length + 1)
        return " ".join(sentence[start : start + length]).replace("’", "'").replace("–", "-")

    def cite_text(self, note: _Note) -> str:
        chosen = self.rng.sample(note.sources, self.rng.choice((1, 1, 2)) if len(note.sources) > 1 else 1)
        return "[" + "; ".join(f'@{s} "{self.quote(s)}"' for s in chosen) + "]"

    def cite_yaml(self, note: _Note, indent: str) -> list[str]:
        source = self.rng.choice(note.sources)
        return [f"{indent}cite:", f"{indent}  - {source}: {json.dumps(self.quote(source), ensure_ascii=False)}"]

    def entity(self, kinds: tuple[Kind, ...], not_ident: str) -> _Note:
        while True:
            pool = self.notes[self.rng.choice(kinds)]
            note = self.rng.choice(pool)
            if note.ident != not_ident:
                return note

    def link(self, owner: _Note) -> str:
        target = self.entity(ENTITY_KINDS, owner.ident)
        form = self.rng.randrange(4)
        if form == 0 or not target.aliases:
            return f"[[{target.name}]]"
        if form == 1:
            return f"[[{self.rng.choice(target.aliases)}]]"
        if form == 2:
            return f"[[{target.ident}|{' '.join(_words(self.rng, 2))}]]"
        return f"[[{target.ident}]]"

    def sentence(self, owner: _Note, links: int, cite: bool) -> str:
        words = _words(self.rng, self.rng.randint(12, 20))
        for _ in range(links):
            words.insert(self.rng.randrange(1, len(words)), self.link(owner))
        words[0] = words[0].capitalize()
        return " ".join(words) + (" " + self.cite_text(owner) if cite else "") + "."

    def body(self, owner: _Note) -> str:
        paragraphs = []
        for index in range(self.rng.randint(5, 7)):
            sentences = [self.sentence(owner, 2 if i == 0 else 0, cite=i == 0) for i in range(5)]
            paragraphs.append(" ".join(sentences) if index else "## Background\n\n" + " ".join(sentences))
        return "\n\n".join(paragraphs) + "\n"

    # -- front matter --------------------------------------------------------------------------

    def write_all(self) -> list[Path]:
        written = []
        for kind in Kind:
            folder = self.root / "seeds" / kind.folder
            folder.mkdir(parents=True, exist_ok=True)
            for note in self.notes[kind]:
                path = folder / f"{note.ident}.md"
                path.write_text(self.note_text(note), encoding="utf-8")
                written.append(path)
        texts = self.root / "sources"
        texts.mkdir(parents=True, exist_ok=True)
        for ident, sentences in self.texts.items():
            (texts / f"{ident}.txt").write_text(self._text_of(sentences), encoding="utf-8")
        return written

    @staticmethod
    def _text_of(sentences: list[list[str]]) -> str:
        paragraphs = [sentences[i : i + 6] for i in range(0, len(sentences), 6)]
        return "\n\n".join(" ".join(" ".join(s) + "." for s in p) for p in paragraphs) + "\n"

    def note_text(self, note: _Note) -> str:
        s = json.dumps
        lines = ["---"]
        if note.kind is Kind.SOURCE:
            digest = hashlib.sha256(self._text_of(self.texts[note.ident]).encode()).hexdigest()
            year = self.rng.randint(2000, 2025)
            lines += [f"title: {s(note.name)}", f"publisher: {s('The ' + note.name.split()[0] + ' Herald')}"]
            lines += [f'date: "{year}"', f"file: {note.ident}.txt", f"sha256: {digest}"]
            return "\n".join([*lines, "---", f"A report {self.cite_text(note)}.\n"])
        if note.kind is Kind.DISAGREEMENT:
            concerns = [self.entity(ENTITY_KINDS, "").ident for _ in range(2)]
            lines += [f"topic: {s(note.name)}", f"aspect: {self.rng.choice(ASPECTS)}"]
            lines += [f"concerns: [{', '.join(dict.fromkeys(concerns))}]", "claims:"]
            for _ in range(2):
                lines.append(f"  - claim: {s(self.sentence(note, 1, cite=False), ensure_ascii=False)}")
                lines += self.cite_yaml(note, "    ")
            return "\n".join([*lines, "---", self.sentence(note, 1, cite=True) + "\n"])
        if note.kind is Kind.QUESTION:
            lines += [f"question: {s(note.name)}", f"category: {self.rng.choice(QUESTION_CATEGORIES)}"]
            lines.append(f"answer: {s(self.sentence(note, 1, cite=True), ensure_ascii=False)}")
            return "\n".join([*lines, "---", ""])
        lines += [f"name: {s(note.name)}"]
        if note.aliases:
            lines.append("aliases: [" + ", ".join(s(a) for a in note.aliases) + "]")
        lines.append(f"summary: {s(self.sentence(note, 1, cite=True), ensure_ascii=False)}")
        lines += self._kind_fields(note)
        if self.notes[Kind.THEME] and note.kind is not Kind.THEME:
            themes = {self.rng.choice(self.notes[Kind.THEME]).ident for _ in range(2)}
            lines.append(f"themes: [{', '.join(sorted(themes))}]")
        relations = self.rng.randint(3, 7) if note.kind is not Kind.THEME else self.rng.randint(0, 3)
        given: list[str] = []
        for _ in range(relations):
            target = self.entity(ENTITY_KINDS, note.ident)
            kind = self.rng.choice(sorted(RELATION_TYPES))
            if not self._new_relation(note.ident, kind, target.ident):
                continue  # the check refuses a relation given twice, or both ways
            given += [f"  - type: {kind}", f"    target: {target.ident}"]
            if self.rng.random() < 0.5:
                given.append(f"    date: {self._date()}")
            given += self.cite_yaml(note, "    ")
        if given:
            lines += ["relations:", *given]
        return "\n".join([*lines, "---", self.body(note)])

    def _new_relation(self, source: str, kind: str, target: str) -> bool:
        """Record a relation unless it, or the same one the other way round, is there already."""
        if (source, kind, target) in self.relations or (target, kind, source) in self.relations:
            return False
        self.relations.add((source, kind, target))
        return True

    def _date(self) -> str:
        return f"{self.rng.randint(1992, 2025)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def _kind_fields(self, note: _Note) -> list[str]:
        place = (Kind.PLACE,)
        lines: list[str] = []
        if note.kind is Kind.PERSON:
            lines.append(f"country: {self.entity(place, note.ident).ident}")
            lines.append("roles:")
            for _ in range(self.rng.randint(1, 2)):
                org = self.entity((Kind.ORGANIZATION,), note.ident)
                lines += [f"  - title: {json.dumps('Head of ' + org.name)}", f"    organization: {org.ident}"]
                lines += self.cite_yaml(note, "    ")
        elif note.kind is Kind.PLACE:
            lines.append(f"type: {self.rng.choice(PLACE_TYPES)}")
            lines.append(f"country: {self.entity(place, note.ident).ident}")
        elif note.kind is Kind.ORGANIZATION:
            lines.append(f"type: {self.rng.choice(ORGANIZATION_TYPES)}")
            lines.append(f"country: {self.entity(place, note.ident).ident}")
        elif note.kind is Kind.EQUIPMENT:
            lines.append(f"type: {self.rng.choice(EQUIPMENT_TYPES)}")
            lines.append(f"maker: {self.entity((Kind.ORGANIZATION,), note.ident).ident}")
            lines.append(f"origin: {self.entity(place, note.ident).ident}")
        elif note.kind is Kind.EVENT:
            lines += [f"date: {self._date()}", f"type: {self.rng.choice(EVENT_TYPES)}"]
            places = {self.entity(place, note.ident).ident for _ in range(2)}
            actors = {self.entity((Kind.PERSON, Kind.ORGANIZATION), note.ident).ident for _ in range(3)}
            lines += [f"places: [{', '.join(sorted(places))}]", f"participants: [{', '.join(sorted(actors))}]"]
        if note.kind is not Kind.THEME:
            lines += self.cite_yaml(note, "")
        return lines


def write_corpus(root: Path, total: int, seed: int = 1) -> Corpus:
    """Write a corpus of ``total`` notes to ``root/seeds`` and its source texts to ``root/sources``."""
    writer = _Writer(root, total, seed)
    writer.plan()
    paths = writer.write_all()
    people = tuple(p for p in paths if p.parent.name == Kind.PERSON.folder)
    return Corpus(root, len(paths), writer.counts, people)
