"""Quotes and claims: passages located by their first words, with speaker or source."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sitroom.evaluation.alignment import Aligner
from sitroom.evaluation.gold import GoldClaim, GoldDocument, GoldQuote
from sitroom.evaluation.locating import locate, text_overlaps
from sitroom.evaluation.matching import gold_status, greedy_match, required_pairs, tally
from sitroom.evaluation.report import EvalReport
from sitroom.record import Claim, Quote, Record

T = TypeVar("T")


def _passage_match(
    text: str, system: Sequence[Quote | Claim], gold: Sequence[GoldQuote | GoldClaim]
) -> Callable[[int, int], float]:
    """Similarity 1.0 where a system passage holds the gold first words or overlaps where they occur."""
    occurrences = [locate(text, item.starts_with) for item in gold]

    def text_match(system_index: int, gold_index: int) -> float:
        passage = system[system_index]
        starts_with = gold[gold_index].starts_with
        return float(text_overlaps(passage.text, passage.start, passage.end, starts_with, occurrences[gold_index]))

    return text_match


def score_quotes(document: GoldDocument, record: Record, align: Aligner, report: EvalReport) -> None:
    """Quotes with the same speaker, and by text alone."""
    statuses = [gold_status(quote) for quote in document.quotes]
    text_match = _passage_match(document.text, record.quotes, document.quotes)

    def full_match(system: int, gold: int) -> float:
        same_speaker = align.actor(record.quotes[system].speaker) == document.quotes[gold].speaker
        return text_match(system, gold) if same_speaker else 0.0

    for name, similarity in (("quotes", full_match), ("quotes_text_only", text_match)):
        matching = greedy_match(len(record.quotes), statuses, similarity)
        report.sections[name] = tally(matching, len(record.quotes), statuses)


def _innermost(chain: Sequence[T]) -> T | None:
    return chain[-1] if chain else None


def score_claims(document: GoldDocument, record: Record, align: Aligner, report: EvalReport) -> None:
    """Claims with the same innermost source, exact source chains, and claims by text alone."""
    statuses = [gold_status(claim) for claim in document.claims]
    text_match = _passage_match(document.text, record.claims, document.claims)

    def full_match(system: int, gold: int) -> float:
        chain = align.chain(record.claims[system].source_chain)
        same_source = _innermost(chain) == _innermost(document.claims[gold].source_chain)
        return text_match(system, gold) if same_source else 0.0

    matching = greedy_match(len(record.claims), statuses, full_match)
    report.sections["claims"] = tally(matching, len(record.claims), statuses)
    for system, gold in required_pairs(matching, statuses):
        chain = align.chain(record.claims[system].source_chain)
        report.ratios["claim_chain_exact"].add(chain == document.claims[gold].source_chain)
    text_matching = greedy_match(len(record.claims), statuses, text_match)
    report.sections["claims_text_only"] = tally(text_matching, len(record.claims), statuses)
