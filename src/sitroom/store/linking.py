"""Cross-document knowledge: every layer of a record flattened into rows linked to actor and place
identities (``identities``), and each event report put in the cluster of its reports from other
documents (``corroboration``). A record takes a few batched statements per table, not one per item.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from sitroom.record import Agreement, Record
from sitroom.store.agreement_identities import (
    AgreementReport,
    assign_agreement_identities,
    refresh_agreement_identities,
)
from sitroom.store.agreement_rows import agreement_columns, agreement_report, agreement_roles, store_status_reports
from sitroom.store.corroboration import Report, assign_clusters, date_range, refresh_clusters
from sitroom.store.identities import PLACE_FIELDS, link_actors, link_places
from sitroom.store.schema import (
    ActorRow,
    AffiliationRow,
    AgreementActorRow,
    AgreementRow,
    ClaimRow,
    DocumentRow,
    EventActorRow,
    EventClusterRow,
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


def link_record(session: Session, document_pk: int, record: Record) -> None:
    """Store every layer of ``record`` (document ``document_pk``) as rows linked to identities."""
    linked = _Linked(document_pk, record, link_actors(session, record.actors), link_places(session, record.places))
    _store_actors(session, linked)
    _store_places(session, linked)
    _store_events(session, linked)
    _store_statements(session, linked)
    _store_agreements(session, linked)
    session.execute(update(DocumentRow).where(DocumentRow.id == document_pk).values(linked=True))


def _store_actors(session: Session, linked: _Linked) -> None:
    actors, pk = linked.record.actors, linked.document_pk
    rows = [
        {
            "document_id": pk,
            "local_id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "canonical_id": actor.canonical_id,
            "registered": actor.registered,
            "mention_count": len(actor.mentions),
            "identity_id": linked.actor_ids[actor.id],
            "affiliations": linked.actor_names(actor.affiliations),
            "roles": json.dumps(actor.roles),
        }
        for actor in actors
    ]
    insert_rows(session, ActorRow, rows)
    affiliations = [
        {"document_id": pk, "identity_id": linked.actor_ids[actor.id], "affiliated_id": affiliated}
        for actor in actors
        for affiliated in (linked.actor_ids[local] for local in actor.affiliations if local in linked.actor_ids)
        if affiliated != linked.actor_ids[actor.id]
    ]
    insert_rows(session, AffiliationRow, affiliations)


def _store_places(session: Session, linked: _Linked) -> None:
    rows = [
        {
            "document_id": linked.document_pk,
            "local_id": place.id,
            "identity_id": linked.place_ids[place.id],
            **place.model_dump(include=set(PLACE_FIELDS)),
        }
        for place in linked.record.places
    ]
    insert_rows(session, PlaceRow, rows)


def _store_events(session: Session, linked: _Linked) -> None:
    events = linked.record.events
    rows = [
        {
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
            "evidence": event.evidence.text,
            "evidence_start": event.evidence.start,
            "evidence_end": event.evidence.end,
        }
        for event in events
    ]
    event_pks = insert_returning_ids(session, EventRow, rows, key=["local_id"])
    roles: list[Row] = []
    reports: list[Report] = []
    for event, event_pk in zip(events, event_pks, strict=True):
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
            )
        )
    insert_rows(session, EventActorRow, roles)
    assign_clusters(session, reports)


def _store_statements(session: Session, linked: _Linked) -> None:
    record, pk = linked.record, linked.document_pk
    quotes = [
        {
            "document_id": pk,
            "speaker": linked.actor_name(quote.speaker),
            "speaker_identity_id": linked.actor_identity(quote.speaker),
            **quote.model_dump(include={"text", "start", "end", "direct", "cue"}),
        }
        for quote in record.quotes
    ]
    claims = [
        {
            "document_id": pk,
            "source_chain": linked.actor_names(claim.source_chain),
            "source_identity_id": linked.actor_identity(claim.source_chain[-1] if claim.source_chain else None),
            **claim.model_dump(include={"text", "start", "end", "cue", "hedged"}),
        }
        for claim in record.claims
    ]
    framing = [
        {
            "document_id": pk,
            "target": linked.actor_name(item.target),
            "target_identity_id": linked.actor_identity(item.target),
            **item.model_dump(include={"text", "start", "end", "technique"}),
        }
        for item in record.framing
    ]
    insert_rows(session, QuoteRow, quotes)
    insert_rows(session, ClaimRow, claims)
    insert_rows(session, FramingRow, framing)


def _store_agreements(session: Session, linked: _Linked) -> None:
    agreements = linked.record.agreements
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
        for agreement in agreements
    ]
    parts: tuple[list[Row], list[Row]] = ([], [])
    reports: list[AgreementReport] = []
    agreement_pks = insert_returning_ids(session, AgreementRow, rows, key=["local_id"])
    for agreement, agreement_pk in zip(agreements, agreement_pks, strict=True):
        _agreement_parts(linked, agreement, agreement_pk, *parts)
        reports.append(agreement_report(agreement, agreement_pk, linked.record, linked.identities, linked.place_ids))
    insert_rows(session, AgreementActorRow, parts[0])
    insert_rows(session, ProvisionRow, parts[1])
    store_status_reports(session, linked.document_pk, agreements, agreement_pks, linked.actor_names)
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


_DOCUMENT_CHILDREN = (
    ActorRow,
    PlaceRow,
    EventRow,
    QuoteRow,
    ClaimRow,
    AgreementRow,
    FramingRow,
    AffiliationRow,
)


def relink_pending(session: Session) -> int:
    """Link documents stored before identities existed (their layers are re-flattened)."""
    pending = session.execute(select(DocumentRow.id, DocumentRow.record).where(DocumentRow.linked.is_(False))).all()
    for document_pk, record_json in pending:
        clusters = set(session.scalars(select(EventRow.cluster_id).where(EventRow.document_id == document_pk)))
        agreements = set(
            session.scalars(select(AgreementRow.identity_id).where(AgreementRow.document_id == document_pk))
        )
        for table in _DOCUMENT_CHILDREN:
            session.execute(delete(table).where(table.document_id == document_pk))
        refresh_clusters(session, session.scalars(select(EventClusterRow.id).where(EventClusterRow.id.in_(clusters))))
        refresh_agreement_identities(session, {identity for identity in agreements if identity is not None})
        link_record(session, document_pk, Record.model_validate_json(record_json))
    return len(pending)
