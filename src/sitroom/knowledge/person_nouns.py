"""Common nouns that can denote a person, from Princeton WordNet 3.0 (``data/person_nouns.txt``).

The list holds every single-word noun with a ``noun.person`` sense that is not a named individual; it is
derived by ``scripts/build_person_nouns.py`` and complements the framing layer's hand-written list of
person and group nouns ("regime", "mob" are groups, which WordNet files elsewhere).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

DATA_FILE = "person_nouns.txt"


def parse_word_list(text: str) -> frozenset[str]:
    """The words of a one-word-per-line list, skipping ``#`` comments and blank lines."""
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def wordnet_person_nouns() -> frozenset[str]:
    """The packaged WordNet person nouns (read once)."""
    text = resources.files("sitroom.knowledge").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_word_list(text)
