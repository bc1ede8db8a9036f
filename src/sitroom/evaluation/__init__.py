"""Scoring analysis records against hand-annotated gold (the format of ../shared/gold/FORMAT.md).

``load_gold`` reads a gold file into typed models; ``score`` compares one :class:`Record` per gold
document with the gold and returns an :class:`EvalReport` of counts micro-averaged over documents.

Conventions (where FORMAT.md leaves a choice):

- Matching is one-to-one and greedy: candidate pairs are taken best first; at equal quality a
  required gold item is preferred to an optional one, then to an out-of-scope one.
- Optional gold items earn nothing and cost nothing. Gold actors and places of kind
  ``out_of_scope`` are never to be found: a system item matched to one is a false positive.
- A system mention matches a gold mention string when their texts agree after a light
  normalisation (case, whitespace, a leading "the") or when its offsets are those of an
  occurrence of the string in the text.
- For events, quotes, claims and agreements, a system actor (place) id is aligned to the gold
  actor (place) it is matched with, or else to the gold item it shares most mentions with.
- Collective actors (unnamed groups: "rebels", "six civilians"; ``collective`` set) are outside the gold
  format's actors: they are judged only where they share a mention with a gold actor.
- Actor kind accuracy is the share of matched pairs with a required gold actor whose system
  kind equals the gold kind (optional and out-of-scope gold actors are not judged).
- Events match on type with overlapping (or both empty) source and target sets; exact argument
  sets, place and date are reported separately. A system date agrees when it starts with the
  gold date (it is at least as precise).
- A framing span is correct when it overlaps an occurrence of a gold text with the same
  technique; correct spans beyond the one-to-one matching (other occurrences) are not counted.
- Precision or recall with an empty denominator is ``None``; F1 is ``2tp / (2tp + fp + fn)``.
"""

from sitroom.evaluation.counts import Counts, Ratio
from sitroom.evaluation.gold import GoldDocument, GoldSet, load_gold
from sitroom.evaluation.locating import locate
from sitroom.evaluation.report import EvalReport
from sitroom.evaluation.resolution import distance_km
from sitroom.evaluation.scoring import score, score_document

__all__ = [
    "Counts",
    "EvalReport",
    "GoldDocument",
    "GoldSet",
    "Ratio",
    "distance_km",
    "load_gold",
    "locate",
    "score",
    "score_document",
]
