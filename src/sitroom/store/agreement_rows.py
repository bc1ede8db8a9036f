"""An analysed agreement as knowledge-base rows: its new columns, its actor roles, its status reports, and
the report that ``agreement_identities`` places in an agreement identity."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.knowledge.agreement_kinds import ROLE_FIELDS
from sitroom.record import Agreement, Record
from sitroom.store.agreement_identities import DEFINING_STAGES, PARTICIPANT_ROLES, AgreementReport
from sitroom.store.agreement_sides import collective_sides, names_a_side
from sitroom.store.corroboration import date_range
from sitroom.store.schema import AgreementStatusRow, EventRow
from sitroom.store.statements import Row, insert_rows

BROAD_FEATURES = frozenset({"country", "admin1", None})

Names = Callable[[Iterable[str]], str]


def agreement_columns(agreement: Agreement, actor_names: Names, place_name: Callable[[str | None], str | None]) -> Row:
    """The columns of ``agreements`` added by the "agreements" revision."""
    return {
        "status": agreement.status,
        "sidedness": agreement.sidedness,
        "written": agreement.written,
        "start_date": agreement.start_date,
        "end_date": agreement.end_date,
        "end_reason": agreement.end_reason,
        "duration": agreement.duration,
        "places": json.dumps([place_name(place) for place in agreement.places]),
        "mediators": actor_names(agreement.mediators),
        "guarantors": actor_names(agreement.guarantors),
        "monitors": actor_names(agreement.monitors),
        "excluded": actor_names(agreement.excluded),
    }


def agreement_roles(agreement: Agreement) -> list[tuple[str, list[str]]]:
    """(role, local actor ids) for every role of the agreement."""
    return [(role, getattr(agreement, field)) for role, field in ROLE_FIELDS.items()]


def agreement_report(
    agreement: Agreement,
    agreement_pk: int,
    record: Record,
    identities: Callable[[Iterable[str]], list[int]],
    place_ids: dict[str, int],
) -> AgreementReport:
    """What the identity of a stored agreement is decided on."""
    local = {place.id for place in record.places if place.feature not in BROAD_FEATURES}
    named = {
        actor for role, local_ids in agreement_roles(agreement) if role in PARTICIPANT_ROLES for actor in local_ids
    }
    sides = [actor for actor in record.actors if actor.id in named and names_a_side(actor.name)]  # not "groups"
    actors = [actor.id for actor in sides]
    states = [actor.id for actor in sides if actor.kind == "state"]
    names = [actor.name for actor in sides]
    return AgreementReport(
        agreement_pk=agreement_pk,
        kind=agreement.kind,
        participants=set(identities(actors)) | collective_sides(names),
        places={place_ids[place] for place in agreement.places if place in local and place in place_ids},
        stated=[days for day in stated_dates(agreement, record.date) if (days := date_range(day)) is not None],
        seen=date_range(record.date),
        status=agreement.status,
        states=set(identities(states)),
        document=record.id,
        named=bool(actors),
        proposers=set(identities(agreement.proposers)),
        duration=agreement.duration,
    )


def stated_dates(agreement: Agreement, published: str | None) -> list[str]:
    """Dates the text gives for the agreement, to the month or the day: when it was agreed, started, was
    extended, suspended or ended (a violation's date is the event's; the document's own date, the month
    an announced agreement is dated by default, and year-only dates say little)."""
    month = (published or "")[:7]
    candidates = [agreement.date if agreement.date != month else None, agreement.start_date, agreement.end_date]
    candidates += [report.date for report in agreement.statuses if report.status in DEFINING_STAGES]
    found: list[str] = []
    for day in candidates:
        if day and len(day) >= 7 and day != published and day not in found:
            found.append(day)
    return found


def store_status_reports(
    session: Session, document_pk: int, agreements: Sequence[Agreement], agreement_pks: Sequence[int], names: Names
) -> None:
    """One row per status report, its violating events as event row ids."""
    wanted = {event for agreement in agreements for report in agreement.statuses for event in report.events}
    event_ids: dict[str, int] = {}
    if wanted:
        query = select(EventRow.local_id, EventRow.id).where(EventRow.document_id == document_pk)
        event_ids = {local: pk for local, pk in session.execute(query) if local in wanted}
    rows = [
        {
            "agreement_id": agreement_pk,
            "status": report.status,
            "date": report.date,
            "actors": names(report.actors),
            "events": json.dumps([event_ids[event] for event in report.events if event in event_ids]),
            "evidence": report.evidence.text,
            "evidence_start": report.evidence.start,
            "evidence_end": report.evidence.end,
        }
        for agreement, agreement_pk in zip(agreements, agreement_pks, strict=True)
        for report in agreement.statuses
    ]
    insert_rows(session, AgreementStatusRow, rows)
