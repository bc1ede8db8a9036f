"""Events: type with compatible source and target sets; exact arguments, place and date."""

from __future__ import annotations

from sitroom.evaluation.alignment import Aligner
from sitroom.evaluation.gold import GoldDocument
from sitroom.evaluation.matching import gold_status, greedy_match, jaccard, required_pairs, tally
from sitroom.evaluation.report import EvalReport
from sitroom.record import Record


def _compatible(system: set[str], gold: set[str]) -> bool:
    return bool(system & gold) or not (system or gold)


def score_events(document: GoldDocument, record: Record, align: Aligner, report: EvalReport) -> None:
    """Events of the same type with compatible sources and targets; exact arguments, place and date."""
    statuses = [gold_status(event) for event in document.events]

    def similarity(system: int, gold: int) -> float:
        event, gold_event = record.events[system], document.events[gold]
        sources, targets = align.actors(event.source), align.actors(event.target)
        gold_sources, gold_targets = set(gold_event.source), set(gold_event.target)
        if event.type != gold_event.type:
            return 0.0
        if not (_compatible(sources, gold_sources) and _compatible(targets, gold_targets)):
            return 0.0
        return 1.0 + jaccard(sources, gold_sources) + jaccard(targets, gold_targets)

    matching = greedy_match(len(record.events), statuses, similarity)
    report.sections["events"] = tally(matching, len(record.events), statuses)
    for system, gold in required_pairs(matching, statuses):
        event, gold_event = record.events[system], document.events[gold]
        same_sources = align.actors(event.source) == set(gold_event.source)
        same_targets = align.actors(event.target) == set(gold_event.target)
        report.ratios["event_arguments_exact"].add(same_sources and same_targets)
        if gold_event.place:
            report.ratios["event_place"].add(align.place(event.place) == gold_event.place)
        if gold_event.date:
            report.ratios["event_date"].add(bool(event.date and event.date.startswith(gold_event.date)))
