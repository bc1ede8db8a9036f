"""Cross-document knowledge: every layer of a record flattened into rows linked to actor and place
identities (``identities``), and each event report put in the cluster of its reports from other
documents (``corroboration``). A record takes a few batched statements per table, not one per item.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sitroom.record import Agreement, Event, Record
from sitroom.store.agreement_identities import AgreementReport, assign_agreement_identities
from sitroom.store.agreement_rows import agreement_columns, agreement_report, agreement_roles, store_status_reports
from sitroom.store.corroboration import Report, assign_clusters, date_range, shared_signature
from sitroom.store.identities import PLACE_FIELDS, link_actor_groups, link_place_groups
from sitroom.store.identity_review import reconcile
from sitroom.store.revisions import remove_analysis
from sitroom.store.schema import (
    ActorRow,
    AffiliationRow,
    AgreementActorRow,
    AgreementRow,
    ClaimRow,
    DocumentRow,
    EventActorRow,
    EventRow,
    FramingRow,
    PlaceRow,
    ProvisionRow,
    QuoteRow,
)
from sitroom.store.statements import Row, insert_returning_ids, insert_rows


@dataclass
class _Linked:
    """A record whose actors and places have their identities: the lookups every table needs."""

    document_pk: int
    record: Record
    actor_ids: dict[str, int]
    place_ids: dict[str, int]

    @cached_property
    def _actor_names(self) -> dict[str, str]:
        return {actor.id: actor.name for actor in self.record.actors}

    @cached_property
    def _place_names(self) -> dict[str, str]:
        return {place.id: place.name for place in self.record.places}

    def actor_name(self, local_id: str | None) -> str | None:
        return self._actor_names.get(local_id, local_id) if local_id else None

    def actor_names(self, local_ids: Iterable[str]) -> str:
        """The names of local actors as a JSON list (ids without an actor stay as they are)."""
        return json.dumps([self._actor_names.get(local, local) for local in local_ids])

    def actor_identity(self, local_id: str | None) -> int | None:
        return self.actor_ids.get(local_id) if local_id else None

    def identities(self, local_ids: Iterable[str]) -> list[int]:
        """The distinct identities of local actors, in order."""
        return list(dict.fromkeys(self.actor_ids[local] for local in local_ids if local in self.actor_ids))

    def place_name(self, local_id: str | None) -> str | None:
        return self._place_names.get(local_id) if local_id else None

    def place_identity(self, local_id: str | None) -> int | None:
        return self.place_ids.get(local_id) if local_id else None

    @cached_property
    def _place_points(self) -> dict[str, tuple[float | None, float | None]]:
        return {place.id: (place.lat, place.lon) for place in self.record.places}

    def place_point(self, local_id: str | None) -> tuple[float | None, float | None]:
        """The latitude and longitude the document gives a place (both None when it has none)."""
        return self._place_points.get(local_id, (None, None)) if local_id else (None, None)


@dataclass(frozen=True)
class Identities:
    """The identity ids of one record's actors and places (local id → identity)."""

    actors: dict[str, int]
    places: dict[str, int]


def link_identities(session: Session, records: Sequence[Record]) -> list[Identities]:
    """The identities of several records' actors and places, created where missing, in one batch."""
    actors = link_actor_groups(session, [record.actors for record in records])
    reconcile(session, [identity for found in actors for identity in found.values()])
    places = link_place_groups(session, [record.places for record in records])
    return [Identities(a, p) for a, p in zip(actors, places, strict=True)]


def link_record(session: Session, document_pk: int, record: Record, identities: Identities | None = None) -> None:
    """Store every layer of ``record`` (document ``document_pk``) as rows linked to identities.

    ``identities``: the record's identities when the caller linked them already (else they are linked here).
    """
    found = identities or link_identities(session, [record])[0]
    link_records(session, [(document_pk, record, found)])


def link_records(session: Session, items: Sequence[tuple[int, Record, Identities]]) -> None:
    """Store the layers of several records (document primary key, record, its identities) in one batch.

    A batch takes a few statements per table whatever its size: per-record statements cost more in
    SQLAlchemy and driver overhead than the rows themselves.
    """
    batch = [_Linked(pk, record, found.actors, found.places) for pk, record, found in items]
    _store_actors(session, batch)
    _store_places(session, batch)
    _store_events(session, batch)
    _store_statements(session, batch)
    _store_agreements(session, batch)
    unlinked = DocumentRow.id.in_([pk for pk, _, _ in items]) & DocumentRow.linked.is_(False)
    session.execute(update(DocumentRow).where(unlinked).values(linked=True))


def _store_actors(session: Session, batch: Sequence[_Linked]) -> None:
    rows = [
        {
            "document_id": linked.document_pk,
            "local_id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "canonical_id": actor.canonical_id,
            "registered": actor.registered,
            "mention_count": len(actor.mentions),
            "identity_id": linked.actor_ids.get(actor.id),
            "affiliations": linked.actor_names(actor.affiliations),
            "roles": json.dumps(actor.roles),
        }
        for linked in batch
        for actor in linked.record.actors
    ]
    insert_rows(session, ActorRow, rows)
    affiliations = [
        {"document_id": linked.document_pk, "identity_id": linked.actor_ids[actor.id], "affiliated_id": affiliated}
        for linked in batch
        for actor in linked.record.actors
        if actor.id in linked.actor_ids
        for affiliated in (linked.actor_ids[local] for local in actor.affiliations if local in linked.actor_ids)
        if affiliated != linked.actor_ids[actor.id]
    ]
    insert_rows(session, AffiliationRow, affiliations)


def _store_places(session: Session, batch: Sequence[_Linked]) -> None:
    rows = [
        {
            "document_id": linked.document_pk,
            "local_id": place.id,
            "identity_id": linked.place_ids[place.id],
            "latitude": place.lat,
            "longitude": place.lon,
            **place.model_dump(include=set(PLACE_FIELDS)),
        }
        for linked in batch
        for place in linked.record.places
    ]
    insert_rows(session, PlaceRow, rows)


def _event_row(linked: _Linked, event: Event) -> Row:
    latitude, longitude = linked.place_point(event.place)
    return {
        "document_id": linked.document_pk,
        "local_id": event.id,
        "type": event.type,
        "mode": event.mode,
        "status": event.status,
        "date": event.date,
        "source_actors": linked.actor_names(event.source),
        "target_actors": linked.actor_names(event.target),
        "reported_by": linked.actor_names(event.reported_by),
        "place": linked.place_name(event.place),
        "place_identity_id": linked.place_identity(event.place),
        "latitude": latitude,
        "longitude": longitude,
        "evidence": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
    }


def _store_events(session: Session, batch: Sequence[_Linked]) -> None:
    events = [(linked, event) for linked in batch for event in linked.record.events]
    rows = [_event_row(linked, event) for linked, event in events]
    event_pks = insert_returning_ids(session, EventRow, rows, key=["document_id", "local_id"])
    roles: list[Row] = []
    reports: list[Report] = []
    for (linked, event), event_pk in zip(events, event_pks, strict=True):
        for role, local_ids in (("source", event.source), ("target", event.target), ("reporter", event.reported_by)):
            roles += [{"event_id": event_pk, "identity_id": i, "role": role} for i in linked.identities(local_ids)]
        reports.append(
            Report(
                event_pk=event_pk,
                type=event.type,
                mode=event.mode,
                sources=linked.identities(event.source),
                targets=linked.identities(event.target),
                place_identity_id=linked.place_identity(event.place),
                days=date_range(event.date or linked.record.date),
                point=linked.place_point(event.place),
                document_pk=linked.document_pk,
                names_participant=bool(event.source or event.target),
            )
        )
    insert_rows(session, EventActorRow, roles)
    assign_clusters(session, reports)


def _store_statements(session: Session, batch: Sequence[_Linked]) -> None:
    quotes = [
        {
            "document_id": linked.document_pk,
            "speaker": linked.actor_name(quote.speaker),
            "speaker_identity_id": linked.actor_identity(quote.speaker),
            **quote.model_dump(include={"text", "start", "end", "direct", "cue"}),
        }
        for linked in batch
        for quote in linked.record.quotes
    ]
    claims = [
        {
            "document_id": linked.document_pk,
            "source_chain": linked.actor_names(claim.source_chain),
            "source_identity_id": linked.actor_identity(claim.source_chain[-1] if claim.source_chain else None),
            **claim.model_dump(include={"text", "start", "end", "cue", "hedged", "anonymous", "voice"}),
        }
        for linked in batch
        for claim in linked.record.claims
    ]
    framing = [
        {
            "document_id": linked.document_pk,
            "target": linked.actor_name(item.target),
            "target_identity_id": linked.actor_identity(item.target),
            **item.model_dump(include={"text", "start", "end", "technique", "voice"}),
        }
        for linked in batch
        for item in linked.record.framing
    ]
    insert_rows(session, QuoteRow, quotes)
    insert_rows(session, ClaimRow, claims)
    insert_rows(session, FramingRow, framing)


def _store_agreements(session: Session, batch: Sequence[_Linked]) -> None:
    agreements = [(linked, agreement) for linked in batch for agreement in linked.record.agreements]
    rows = [
        {
            "document_id": linked.document_pk,
            "local_id": agreement.id,
            "kind": agreement.kind,
            "parties": linked.actor_names(agreement.parties),
            "signatories": linked.actor_names(agreement.signatories),
            "implementers": linked.actor_names(agreement.implementers),
            "place": linked.place_name(agreement.place),
            "place_identity_id": linked.place_identity(agreement.place),
            "date": agreement.date,
            "evidence": agreement.evidence.text if agreement.evidence else None,
            **agreement_columns(agreement, linked.actor_names, linked.place_name),
        }
        for linked, agreement in agreements
    ]
    parts: tuple[list[Row], list[Row]] = ([], [])
    reports: list[AgreementReport] = []
    per_document: dict[int, tuple[_Linked, list[Agreement], list[int]]] = {}
    pks = insert_returning_ids(session, AgreementRow, rows, key=["document_id", "local_id"])
    for (linked, agreement), agreement_pk in zip(agreements, pks, strict=True):
        _agreement_parts(linked, agreement, agreement_pk, *parts)
        reports.append(agreement_report(agreement, agreement_pk, linked.record, linked.identities, linked.place_ids))
        _linked, own, own_pks = per_document.setdefault(linked.document_pk, (linked, [], []))
        own.append(agreement)
        own_pks.append(agreement_pk)
    insert_rows(session, AgreementActorRow, parts[0])
    insert_rows(session, ProvisionRow, parts[1])
    for linked, own, own_pks in per_document.values():
        store_status_reports(session, linked.document_pk, own, own_pks, linked.actor_names)
    assign_agreement_identities(session, reports)


def _agreement_parts(
    linked: _Linked, agreement: Agreement, agreement_pk: int, actors: list[Row], provisions: list[Row]
) -> None:
    for role, local_ids in agreement_roles(agreement):
        actors += [{"agreement_id": agreement_pk, "identity_id": i, "role": role} for i in linked.identities(local_ids)]
    provisions += [
        {
            "agreement_id": agreement_pk,
            "n": provision.n,
            "type": provision.type,
            "obligors": linked.actor_names(provision.obligors),
            **provision.model_dump(include={"text", "start", "end"}),
        }
        for provision in agreement.provisions
    ]


def event_signatures(record: Record, identities: Identities) -> set[str]:
    """The signatures of a record's events that other reports can corroborate (see ``corroboration``)."""
    linked = _Linked(0, record, identities.actors, identities.places)
    signatures = (
        shared_signature(
            event.type,
            linked.identities(event.source),
            linked.identities(event.target),
            linked.place_identity(event.place),
        )
        for event in record.events
    )
    return {signature for signature in signatures if signature is not None}


def relink_pending(session: Session) -> int:
    """Link documents stored before identities existed (their layers are re-flattened)."""
    pending = session.execute(select(DocumentRow.id, DocumentRow.record).where(DocumentRow.linked.is_(False))).all()
    for document_pk, record_json in pending:
        removed = remove_analysis(session, document_pk, record_json)
        link_record(session, document_pk, Record.model_validate_json(record_json))
        removed.settle(session)
    return len(pending)
