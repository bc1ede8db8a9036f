"""Word valence: how strongly a word is charged, from the VADER sentiment lexicon.

VADER (Hutto & Gilbert, ICWSM 2014; MIT licence) rates about 7,500 English words by the mean of ten human
judgements on a scale from -4 (extremely negative) to +4 (extremely positive). The lexicon is read from
the installed ``vaderSentiment`` wheel, which ships it as ``vader_lexicon.txt``; nothing is copied here.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources

VADER_PACKAGE = "vaderSentiment"
VADER_FILE = "vader_lexicon.txt"


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a text block."""
    return frozenset(text.split())


# Words VADER rates as strongly charged that news copy uses as plain description of facts, status or
# quantity; they never count as charged here.
DESCRIPTIVE: frozenset[str] = word_set(
    """
    alone angry anti bad best better clear comfortable confident critical dead difficult effective fatal
    fine free friendly good great greatest grand guilty happy honest important infected killed lone low
    lower major missing negative odd poor positive ready safe sad serious strong sure top true unclear
    weak welcome worried worse worst wrong criminal illegal terrorist racist fake dangerous injured
    wounded killing violent suicidal rich severely
    """
)


def parse_valence(text: str) -> dict[str, float]:
    """Single-word entries of a VADER lexicon file (token, mean, deviation, ratings; tab-separated)."""
    valence: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].replace("-", "").isalpha():
            continue
        valence[fields[0].lower()] = float(fields[1])
    return valence


@cache
def load_valence() -> dict[str, float]:
    """The VADER lexicon of the installed ``vaderSentiment`` package (read once)."""
    text = resources.files(VADER_PACKAGE).joinpath(VADER_FILE).read_text(encoding="utf-8")
    return parse_valence(text)


def charge(word: str, valence: Mapping[str, float]) -> float:
    """Absolute valence of a word (lower-case), 0 for unknown and for descriptive words."""
    if word in DESCRIPTIVE:
        return 0.0
    return abs(valence.get(word, 0.0))
