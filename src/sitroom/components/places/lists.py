"""Lists of places that share one place noun: "the towns of A, B and C", "A, B and C counties"."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from sitroom.components.places.toponyms import COUNTY_KEY_SUFFIX, Toponym
from sitroom.knowledge.place_words import FEATURE_NOUNS, PLURAL_FEATURE_NOUNS
from sitroom.names import name_key

LIST_GLUE = frozenset({",", "and", "or", "&"})


def _joined(doc: Doc, left: Toponym, right: Toponym) -> bool:
    """Only commas and conjunctions stand between two toponyms."""
    gap = doc[left.token_end : right.token_start]
    return 0 < len(gap) <= 2 and all(token.lower_ in LIST_GLUE for token in gap)


def _give_cue(toponym: Toponym, cue: str) -> None:
    if toponym.cue:
        return
    toponym.cue = cue
    if cue == "county":
        toponym.key = name_key(toponym.text) + COUNTY_KEY_SUFFIX


def share_list_cues(doc: Doc, toponyms: Sequence[Toponym]) -> None:
    """Give the members of a list the feature of the plural place noun before or after it (in place)."""
    ordered = sorted(toponyms, key=lambda t: t.start)
    runs: list[list[Toponym]] = []
    for toponym in ordered:
        if runs and _joined(doc, runs[-1][-1], toponym):
            runs[-1].append(toponym)
        else:
            runs.append([toponym])
    for run in runs:
        if len(run) < 2:
            continue
        last, first = run[-1], run[0]
        after = doc[last.token_end].lower_ if last.token_end < len(doc) else ""
        before = doc[first.token_start - 2].lower_ if first.token_start >= 2 else ""
        if after in PLURAL_FEATURE_NOUNS:
            cue = FEATURE_NOUNS[PLURAL_FEATURE_NOUNS[after]]
        elif before in PLURAL_FEATURE_NOUNS and doc[first.token_start - 1].lower_ == "of":
            cue = FEATURE_NOUNS[PLURAL_FEATURE_NOUNS[before]]
        else:
            continue
        for toponym in run:
            _give_cue(toponym, cue)
