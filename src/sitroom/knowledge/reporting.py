"""Reporting cues: speech and cognition verbs, cue nouns, hedge cues, anonymous-source nouns
(data/reporting_verbs.txt), and WordNet's verbs of communication and cognition (data/cue_verbs.tsv)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "reporting_verbs.txt"
CUE_VERBS_FILE = Path(__file__).parent / "data" / "cue_verbs.tsv"
COGNITION = "cognition"
EMOTION = "emotion"


@dataclass(frozen=True)
class ReportingLexicon:
    """Word lists of the attribution layer; every entry is lower-case."""

    verbs: frozenset[str]
    hedges: frozenset[str]
    anonymous_nouns: frozenset[str]
    hedge_adverbs: frozenset[str]
    cue_verbs: Mapping[str, str] = field(default_factory=dict)
    not_cues: frozenset[str] = frozenset()
    cue_nouns: frozenset[str] = frozenset()
    clause_verbs: frozenset[str] = frozenset()
    evidence_sources: frozenset[str] = frozenset()

    def is_reporting_verb(self, form: str, lemma: str) -> bool:
        """True when the word form or its lemma is a reporting verb: a listed one, or a verb whose most
        frequent sense is one of communication or cognition, unless it is listed as no cue."""
        lemma = lemma.lower()
        if lemma in self.not_cues:
            return False
        return (
            form.lower() in self.verbs or lemma in self.verbs or lemma in self.cue_verbs or lemma in self.clause_verbs
        )

    def needs_clause(self, lemma: str) -> bool:
        """Verbs of cognition, emotion and evidence report a clause or an infinitive ("believes that",
        "wants to", "found that"), not any object ("knows the area", "found weapons"): only an object noun
        that holds a proposition, for the attribution layer ("rejected the request")."""
        lemma = lemma.lower()
        return self.cue_verbs.get(lemma) in (COGNITION, EMOTION) or lemma in self.clause_verbs

    def is_cognition(self, lemma: str) -> bool:
        """True for a verb of cognition ("believe", "expect"): it reports a state of mind, not speech."""
        return self.cue_verbs.get(lemma.lower()) == COGNITION

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
        verbs=frozenset(sections["verbs"] + sections["verbs-sitroom"] + sections["stance-verbs"]),
        hedges=frozenset(sections["hedges"]),
        anonymous_nouns=frozenset(sections["anonymous"]),
        hedge_adverbs=frozenset(sections["hedge-adverbs"]),
        cue_verbs=parse_cue_verbs(CUE_VERBS_FILE.read_text(encoding="utf-8")),
        not_cues=frozenset(sections["not-cues"]),
        cue_nouns=frozenset(sections["cue-nouns"]),
        clause_verbs=frozenset(sections["evidence-verbs"]),
        evidence_sources=frozenset(sections["evidence-sources"]),
    )


def parse_cue_verbs(text: str) -> dict[str, str]:
    """``lemma<TAB>class`` lines (``#`` comments and blank lines skipped)."""
    verbs = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, _, kind = line.partition("\t")
            verbs[lemma.strip()] = kind.strip()
    return verbs
