"""Framing: spans with the technique of a gold text they overlap."""

from __future__ import annotations

from sitroom.evaluation.gold import GoldDocument
from sitroom.evaluation.locating import light_normal, locate
from sitroom.evaluation.matching import gold_status, greedy_match, tally
from sitroom.evaluation.report import EvalReport
from sitroom.record import Record


def score_framing(document: GoldDocument, record: Record, report: EvalReport) -> None:
    """Framing spans overlapping a gold text of the same technique (other occurrences are excused)."""
    statuses = [gold_status(framing) for framing in document.framing]
    occurrences = [locate(document.text, framing.text) for framing in document.framing]

    def overlap(system: int, gold: int) -> float:
        span, gold_span = record.framing[system], document.framing[gold]
        if span.technique != gold_span.technique:
            return 0.0
        shared = max((min(span.end, end) - max(span.start, start) for start, end in occurrences[gold]), default=0)
        if shared > 0:
            return float(shared)
        return 0.5 if light_normal(span.text) == light_normal(gold_span.text) else 0.0

    matching = greedy_match(len(record.framing), statuses, overlap)
    correct_elsewhere = frozenset(
        system
        for system in range(len(record.framing))
        if any(overlap(system, gold) > 0 for gold in range(len(statuses)))
    )
    report.sections["framing"] = tally(matching, len(record.framing), statuses, excused=correct_elsewhere)
