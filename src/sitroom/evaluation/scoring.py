"""Scores of records against a gold set, document by document."""

from __future__ import annotations

from collections.abc import Mapping

from sitroom.evaluation.agreements import score_agreements
from sitroom.evaluation.alignment import Aligner
from sitroom.evaluation.attribution import score_claims, score_quotes
from sitroom.evaluation.entities import score_actor_kinds, score_actors, score_places
from sitroom.evaluation.events import score_events
from sitroom.evaluation.framing import score_framing
from sitroom.evaluation.gold import GoldDocument, GoldSet
from sitroom.evaluation.locating import locate
from sitroom.evaluation.report import EvalReport
from sitroom.record import Record


def gold_warnings(document: GoldDocument) -> list[str]:
    """Gold strings that do not occur in the document text (they can only match by text)."""
    strings = [
        *(("actor mention", mention) for actor in document.actors for mention in actor.mentions),
        *(("place mention", mention) for place in document.places for mention in place.mentions),
        *(("quote", quote.starts_with) for quote in document.quotes),
        *(("claim", claim.starts_with) for claim in document.claims),
        *(("framing", framing.text) for framing in document.framing),
    ]
    return [
        f"{document.id}: {what} {text!r} does not occur in the text"
        for what, text in strings
        if not locate(document.text, text)
    ]


def score_document(document: GoldDocument, record: Record) -> EvalReport:
    """Scores of one document's record against its gold."""
    report = EvalReport(documents=1, warnings=gold_warnings(document))
    actors = score_actors(document, record)
    places, resolved = score_places(document, record)
    report.sections["actors"], report.sections["places"] = actors.counts, places.counts
    report.ratios["actor_alias_merge"], report.ratios["place_alias_merge"] = (
        actors.alias_merge,
        places.alias_merge,
    )
    report.ratios["places_resolved"] = resolved
    report.ratios["actor_kind_accuracy"] = score_actor_kinds(document, record, actors.matching)
    report.errors["actor_false_merges"], report.errors["place_false_merges"] = (
        actors.false_merges,
        places.false_merges,
    )
    align = Aligner(actors.alignment, places.alignment)
    score_events(document, record, align, report)
    score_quotes(document, record, align, report)
    score_claims(document, record, align, report)
    score_agreements(document, record, align, report)
    score_framing(document, record, report)
    return report


def score(gold: GoldSet, records: Mapping[str, Record]) -> EvalReport:
    """Micro-averaged scores of the records (by gold document id; a missing one is empty)."""
    report = EvalReport()
    for document in gold.documents:
        record = records.get(document.id) or Record(id=document.id)
        report = report + score_document(document, record)
    return report
