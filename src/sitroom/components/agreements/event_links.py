"""Agreements and the events layer: each agreement the document announces has its AGREE event (created when
the events layer coded none), the events that only restate an agreement's text are folded into it, and
status reports of violations point at the events that break the agreement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sitroom.knowledge.agreement_kinds import CEASEFIRE_KINDS
from sitroom.record import Agreement, Event
from sitroom.record import Span as TextSpan

FACTUAL = frozenset({"occurred", "claimed"})


@dataclass
class EventLink:
    """An agreement, the characters its mentions' sentences cover, and what the events layer should hold."""

    agreement: Agreement
    units: list[tuple[int, int]]
    announced: bool  # the document announces it: it gets an AGREE event
    passage_end: int | None  # end of the text that sets it out, when there is one
    reporter: list[str]
    violations: list[list[Event]]  # per status report


def link_events(events: list[Event], links: Sequence[EventLink]) -> list[Event]:
    """The events list with AGREE events linked or created and restated ones dropped, renumbered when changed."""
    kept = list(events)
    changed = False
    for link in links:
        agreement = link.agreement
        event = next((e for e in kept if e.type == "AGREE" and _inside(e.evidence, link.units)), None)
        if event is None and link.announced and agreement.evidence is not None:
            event = Event(id="new", type="AGREE", evidence=agreement.evidence, status="occurred")
            kept.append(event)
            changed = True
        if event is None:
            continue
        if link.announced:
            _describe(event, agreement, link.reporter)
        if link.passage_end is not None:
            before = len(kept)
            kept = [e for e in kept if e is event or not _restates(e, agreement, link.passage_end)]
            changed = changed or len(kept) != before
        agreement.event = _identity(event)
    if changed:
        kept.sort(key=lambda item: item.evidence.start)
        for number, event in enumerate(kept, start=1):
            event.id = f"e{number}"
    ids = {_identity(event): event.id for event in kept}
    for link in links:
        agreement = link.agreement
        agreement.event = ids.get(agreement.event or "")
        for report, violations in zip(agreement.statuses, link.violations, strict=True):
            report.events = [ids[_identity(e)] for e in violations if _identity(e) in ids]
    return kept


def _identity(event: Event) -> str:
    return f"@{id(event)}"


def _describe(event: Event, agreement: Agreement, reporter: list[str]) -> None:
    """An announced agreement's AGREE event takes its sides, place, date and who published it."""
    if agreement.kind in CEASEFIRE_KINDS:
        event.mode = "ceasefire"
    event.source = event.source or agreement.parties[:1]
    event.target = event.target or agreement.parties[1:]
    event.place = agreement.place or event.place
    event.date = event.date or agreement.date
    event.reported_by = event.reported_by or reporter


def _inside(span: TextSpan, units: list[tuple[int, int]]) -> bool:
    return any(start <= span.start < end for start, end in units)


def _restates(event: Event, agreement: Agreement, passage_end: int) -> bool:
    """AGREE events about the agreement, and anything coded inside its clauses or its passage that did not
    happen (promises, "should be released")."""
    start = agreement.evidence.start if agreement.evidence else 0
    if not start <= event.evidence.start < passage_end:
        return False
    in_clause = any(p.start <= event.evidence.start < p.end for p in agreement.provisions)
    return event.type == "AGREE" or in_clause or event.status not in FACTUAL
