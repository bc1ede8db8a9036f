"""Broad semantic classes of English nouns, from Princeton WordNet 3.0 (``data/noun_classes.tsv``).

Classes are WordNet lexicographer files without the ``noun.`` prefix ("person", "artifact", "act",
"location"...). A noun's main classes are that of its most frequent sense and every one holding at least
half its senses; its classes are those of all its senses. The file is derived by
``scripts/build_noun_classes.py``. The framing layer asks whether a noun denotes people (main classes),
and whether the noun a loaded word applies to makes that use literal ("toxic gas").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sitroom.knowledge.valence import word_set

DATA_FILE = "noun_classes.tsv"
PERSON = "person"
# Every class WordNet files nouns under (its 26 noun lexicographer files).
NOUN_CLASSES = word_set(
    """
    Tops act animal artifact attribute body cognition communication event feeling food group location
    motive object person phenomenon plant possession process quantity relation shape state substance time
    """
)


@dataclass(frozen=True)
class NounClasses:
    """The main classes of a noun and the classes of all its senses."""

    main: frozenset[str]
    every: frozenset[str]


UNKNOWN = NounClasses(frozenset(), frozenset())


def _names(column: str) -> frozenset[str]:
    return frozenset(name for name in column.strip().split(",") if name)


def parse_noun_classes(text: str) -> dict[str, NounClasses]:
    """``lemma<TAB>main,classes<TAB>other,classes`` lines, skipping ``#`` comments and blank lines. Nouns
    with the same classes share one value (a few thousand distinct ones for 52,000 nouns)."""
    classes: dict[str, NounClasses] = {}
    shared: dict[tuple[str, str], NounClasses] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, main, other = [*line.split("\t"), "", ""][:3]
        columns = (main.strip(), other.strip())
        if columns not in shared:
            shared[columns] = NounClasses(_names(main), _names(main) | _names(other))
        classes[lemma.strip()] = shared[columns]
    return classes


@cache
def noun_classes() -> Mapping[str, NounClasses]:
    """The packaged noun classes (read once)."""
    text = resources.files("sitroom.knowledge").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_noun_classes(text)


def classes_of(lemma: str) -> NounClasses:
    """The classes of a lower-case noun lemma; empty when WordNet does not know it."""
    return noun_classes().get(lemma, UNKNOWN)


def denotes_people(lemma: str) -> bool:
    """Whether persons are among a lower-case noun lemma's main classes."""
    return PERSON in classes_of(lemma).main
