"""Reporting cues: speech and cognition verbs, hedge cues, anonymous-source nouns (data/reporting_verbs.txt)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "reporting_verbs.txt"


@dataclass(frozen=True)
class ReportingLexicon:
    """Word lists of the attribution layer; every entry is lower-case."""

    verbs: frozenset[str]
    hedges: frozenset[str]
    anonymous_nouns: frozenset[str]
    hedge_adverbs: frozenset[str]

    def is_reporting_verb(self, form: str, lemma: str) -> bool:
        """True when the word form or its lemma is a reporting verb."""
        return form.lower() in self.verbs or lemma.lower() in self.verbs

    def is_hedge(self, cue: str) -> bool:
        """True when a cue ("claims", "according to", "reportedly") marks its content as unconfirmed."""
        return " ".join(cue.lower().split()) in self.hedges


def parse_sections(text: str) -> dict[str, list[str]]:
    """Entries of a ``[section]``-headed word list; blank lines and ``#`` comments are skipped."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip().lower()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(" ".join(line.split()))
    return sections


@cache
def reporting_lexicon() -> ReportingLexicon:
    """The lexicon shipped with sitroom (loaded once)."""
    sections = parse_sections(DATA_FILE.read_text(encoding="utf-8"))
    return ReportingLexicon(
        verbs=frozenset(sections["verbs"] + sections["verbs-sitroom"]),
        hedges=frozenset(sections["hedges"]),
        anonymous_nouns=frozenset(sections["anonymous"]),
        hedge_adverbs=frozenset(sections["hedge-adverbs"]),
    )
