"""Cross-document knowledge: every layer of a record as rows, linked to actor and place identities,
and each event report merged into the event cluster of its reports from other documents.

Identities: an actor is its registry id when registered, else its normalised name
(``sitroom.names.name_key``); a place is its GeoNames id, else its coordinates rounded to 0.01°,
else its normalised name and country. Corroboration: reports with the same type, source and target
identities and place, whose dates fall within ``DATE_WINDOW_DAYS`` of each other, are one event.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sitroom.names import name_key
from sitroom.record import Actor, Agreement, Event, Place, Record
from sitroom.store.schema import (
    ActorAliasRow,
    ActorIdentityRow,
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
    PlaceIdentityRow,
    PlaceRow,
    ProvisionRow,
    QuoteRow,
)

DATE_WINDOW_DAYS = 3
STATUS_ORDER = ("occurred", "claimed", "promised", "planned", "denied", "hypothetical")
_AFFIRMING = frozenset({"occurred", "claimed"})
_MAX_KEY = 300


def actor_key(actor: Actor) -> str:
    """The cross-document identity key of an actor."""
    if actor.registered and actor.canonical_id:
        return f"id:{actor.canonical_id}"[:_MAX_KEY]
    return f"name:{name_key(actor.name) or actor.name.casefold()}"[:_MAX_KEY]


def place_key(place: Place) -> str:
    """The cross-document identity key of a place."""
    if place.geonames_id is not None:
        return f"gn:{place.geonames_id}"
    if place.lat is not None and place.lon is not None:
        return f"ll:{place.lat:.2f},{place.lon:.2f}"
    return f"name:{name_key(place.name) or place.name.casefold()}|{place.country or ''}"[:_MAX_KEY]


def date_range(text: str | None) -> tuple[date, date] | None:
    """The days an ISO date of any precision (``2014``, ``2014-01``, ``2014-01-15``) covers."""
    if not text:
        return None
    parts = text.split("-")
    try:
        numbers = [int(part) for part in parts[:3]]
        if len(numbers) == 1:
            return date(numbers[0], 1, 1), date(numbers[0], 12, 31)
        if len(numbers) == 2:
            last = calendar.monthrange(numbers[0], numbers[1])[1]
            return date(numbers[0], numbers[1], 1), date(numbers[0], numbers[1], last)
        day = date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        return None
    return day, day


def dates_compatible(first: tuple[date, date] | None, second: tuple[date, date] | None) -> bool:
    """True when two date ranges lie within the corroboration window (two undated reports match)."""
    if first is None or second is None:
        return first is None and second is None
    window = timedelta(days=DATE_WINDOW_DAYS)
    return first[0] - window <= second[1] and second[0] <= first[1] + window


def _insert_ignore(session: Session, table: Table, values: dict[str, Any]) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(pg_insert(table).values(values).on_conflict_do_nothing())
    else:
        session.execute(sqlite_insert(table).values(values).on_conflict_do_nothing())


@dataclass
class _Linker:
    """Links one record's items to identities, caching identity ids by key."""

    session: Session
    document_pk: int
    record: Record
    actor_ids: dict[str, int] = field(default_factory=dict)
    place_ids: dict[str, int] = field(default_factory=dict)

    @cached_property
    def _actor_names(self) -> dict[str, str]:
        return {actor.id: actor.name for actor in self.record.actors}

    @cached_property
    def _place_names(self) -> dict[str, str]:
        return {place.id: place.name for place in self.record.places}

    def actor_names(self, local_ids: Iterable[str]) -> list[str]:
        return [self._actor_names.get(local, local) for local in local_ids]

    def place_name(self, local_id: str | None) -> str | None:
        return self._place_names.get(local_id) if local_id else None

    def place_identity(self, local_id: str | None) -> int | None:
        return self.place_ids.get(local_id) if local_id else None

    def identities(self, local_ids: Iterable[str]) -> list[int]:
        return [self.actor_ids[local] for local in local_ids if local in self.actor_ids]

    def link_actor(self, actor: Actor) -> int:
        key = actor_key(actor)
        identity = self.session.scalar(select(ActorIdentityRow.id).where(ActorIdentityRow.key == key))
        if identity is None:
            values = {"key": key, "canonical_id": actor.canonical_id, "name": actor.name, "kind": actor.kind}
            _insert_ignore(self.session, ActorIdentityRow.__table__, values)  # type: ignore[arg-type]
            identity = self.session.scalar(select(ActorIdentityRow.id).where(ActorIdentityRow.key == key))
        assert identity is not None
        for alias in {actor.name, *(mention.text for mention in actor.mentions)}:
            alias = " ".join(alias.split())[:_MAX_KEY]
            if alias:
                alias_row: dict[str, Any] = {
                    "identity_id": identity,
                    "alias": alias,
                    "alias_key": name_key(alias)[:_MAX_KEY],
                }
                _insert_ignore(self.session, ActorAliasRow.__table__, alias_row)  # type: ignore[arg-type]
        return identity

    def link_place(self, place: Place) -> int:
        key = place_key(place)
        identity = self.session.scalar(select(PlaceIdentityRow.id).where(PlaceIdentityRow.key == key))
        if identity is None:
            values = place.model_dump(
                include={"name", "country", "admin1", "lat", "lon", "feature", "geonames_id"}
            )
            _insert_ignore(self.session, PlaceIdentityRow.__table__, {"key": key, **values})  # type: ignore[arg-type]
            identity = self.session.scalar(select(PlaceIdentityRow.id).where(PlaceIdentityRow.key == key))
        assert identity is not None
        return identity


def link_record(session: Session, document_pk: int, record: Record) -> None:
    """Store every layer of ``record`` (document ``document_pk``) as rows linked to identities."""
    linker = _Linker(session, document_pk, record)
    _store_actors(linker)
    _store_places(linker)
    _store_events(linker)
    _store_statements(linker)
    _store_agreements(linker)
    session.execute(update(DocumentRow).where(DocumentRow.id == document_pk).values(linked=True))


def _store_actors(linker: _Linker) -> None:
    for actor in linker.record.actors:
        linker.actor_ids[actor.id] = linker.link_actor(actor)
    for actor in linker.record.actors:
        linker.session.add(
            ActorRow(
                document_id=linker.document_pk,
                local_id=actor.id,
                name=actor.name,
                kind=actor.kind,
                canonical_id=actor.canonical_id,
                registered=actor.registered,
                mention_count=len(actor.mentions),
                identity_id=linker.actor_ids[actor.id],
                affiliations=json.dumps(linker.actor_names(actor.affiliations)),
                roles=json.dumps(actor.roles),
            )
        )
        linker.session.add_all(
            AffiliationRow(
                document_id=linker.document_pk,
                identity_id=linker.actor_ids[actor.id],
                affiliated_id=affiliated,
            )
            for affiliated in linker.identities(actor.affiliations)
            if affiliated != linker.actor_ids[actor.id]
        )


def _store_places(linker: _Linker) -> None:
    for place in linker.record.places:
        identity = linker.link_place(place)
        linker.place_ids[place.id] = identity
        values = place.model_dump(
            include={"name", "country", "admin1", "lat", "lon", "feature", "geonames_id"}
        )
        linker.session.add(
            PlaceRow(document_id=linker.document_pk, local_id=place.id, identity_id=identity, **values)
        )


def _store_events(linker: _Linker) -> None:
    for event in linker.record.events:
        row = EventRow(
            document_id=linker.document_pk,
            local_id=event.id,
            type=event.type,
            mode=event.mode,
            status=event.status,
            date=event.date,
            source_actors=json.dumps(linker.actor_names(event.source)),
            target_actors=json.dumps(linker.actor_names(event.target)),
            reported_by=json.dumps(linker.actor_names(event.reported_by)),
            place=linker.place_name(event.place),
            place_identity_id=linker.place_identity(event.place),
            evidence=event.evidence.text,
            evidence_start=event.evidence.start,
            evidence_end=event.evidence.end,
        )
        linker.session.add(row)
        linker.session.flush()
        for role, local_ids in (
            ("source", event.source),
            ("target", event.target),
            ("reporter", event.reported_by),
        ):
            linker.session.add_all(
                EventActorRow(event_id=row.id, identity_id=identity, role=role)
                for identity in dict.fromkeys(linker.identities(local_ids))
            )
        _assign_cluster(linker, event, row)


def event_signature(
    event_type: str, sources: Sequence[int], targets: Sequence[int], place: int | None
) -> str:
    """What two reports of one event share: type, source and target identities, place."""
    return f"{event_type}|{','.join(map(str, sorted(set(sources))))}|{','.join(map(str, sorted(set(targets))))}|{place}"


def _assign_cluster(linker: _Linker, event: Event, row: EventRow) -> None:
    sources, targets = linker.identities(event.source), linker.identities(event.target)
    if sources or targets or row.place_identity_id is not None:
        signature = event_signature(event.type, sources, targets, row.place_identity_id)
    else:  # nothing to corroborate on: the report stays an event of its own
        signature = f"single:{row.id}"
    days = date_range(event.date or linker.record.date)
    session = linker.session
    cluster = next(
        (
            candidate
            for candidate in session.scalars(
                select(EventClusterRow).where(EventClusterRow.signature == signature)
            )
            if dates_compatible(_cluster_range(candidate), days)
        ),
        None,
    )
    if cluster is None:
        cluster = EventClusterRow(
            signature=signature,
            type=event.type,
            mode=event.mode,
            place_identity_id=row.place_identity_id,
            report_count=0,
            source_count=0,
            statuses="",
            contested=False,
        )
        session.add(cluster)
        session.flush()
    row.cluster_id = cluster.id
    session.flush()
    refresh_cluster(session, cluster)


def _cluster_range(cluster: EventClusterRow) -> tuple[date, date] | None:
    if cluster.date_start is None or cluster.date_end is None:
        return None
    return date.fromisoformat(cluster.date_start), date.fromisoformat(cluster.date_end)


def refresh_cluster(session: Session, cluster: EventClusterRow) -> None:
    """Recount a cluster's reports, independent sources (outlets), statuses and date range."""
    reports = session.execute(
        select(EventRow.status, EventRow.date, DocumentRow.date, DocumentRow.outlet, DocumentRow.id)
        .join(DocumentRow, DocumentRow.id == EventRow.document_id)
        .where(EventRow.cluster_id == cluster.id)
    ).all()
    statuses = {status for status, *_ in reports}
    ranges = [days for days in (date_range(own or fallback) for _, own, fallback, _, _ in reports) if days]
    cluster.report_count = len(reports)
    cluster.source_count = len({outlet or f"document:{pk}" for *_, outlet, pk in reports})
    cluster.statuses = ",".join(status for status in STATUS_ORDER if status in statuses)
    cluster.contested = "denied" in statuses and bool(statuses & _AFFIRMING)
    cluster.date_start = min(start for start, _ in ranges).isoformat() if ranges else None
    cluster.date_end = max(end for _, end in ranges).isoformat() if ranges else None


def _store_statements(linker: _Linker) -> None:
    record, document_pk = linker.record, linker.document_pk
    for quote in record.quotes:
        speaker = linker.actor_names([quote.speaker])[0] if quote.speaker else None
        speaker_identity = linker.actor_ids.get(quote.speaker) if quote.speaker else None
        linker.session.add(
            QuoteRow(
                document_id=document_pk,
                speaker=speaker,
                speaker_identity_id=speaker_identity,
                **quote.model_dump(include={"text", "start", "end", "direct", "cue"}),
            )
        )
    for claim in record.claims:
        innermost = claim.source_chain[-1] if claim.source_chain else None
        linker.session.add(
            ClaimRow(
                document_id=document_pk,
                source_chain=json.dumps(linker.actor_names(claim.source_chain)),
                source_identity_id=linker.actor_ids.get(innermost) if innermost else None,
                **claim.model_dump(include={"text", "start", "end", "cue", "hedged"}),
            )
        )
    for item in record.framing:
        target = linker.actor_names([item.target])[0] if item.target else None
        linker.session.add(
            FramingRow(
                document_id=document_pk,
                target=target,
                target_identity_id=linker.actor_ids.get(item.target) if item.target else None,
                **item.model_dump(include={"text", "start", "end", "technique"}),
            )
        )


def _store_agreements(linker: _Linker) -> None:
    for agreement in linker.record.agreements:
        row = AgreementRow(
            document_id=linker.document_pk,
            local_id=agreement.id,
            kind=agreement.kind,
            parties=json.dumps(linker.actor_names(agreement.parties)),
            signatories=json.dumps(linker.actor_names(agreement.signatories)),
            implementers=json.dumps(linker.actor_names(agreement.implementers)),
            place=linker.place_name(agreement.place),
            place_identity_id=linker.place_identity(agreement.place),
            date=agreement.date,
            evidence=agreement.evidence.text if agreement.evidence else None,
        )
        linker.session.add(row)
        linker.session.flush()
        _store_agreement_parts(linker, agreement, row.id)


def _store_agreement_parts(linker: _Linker, agreement: Agreement, agreement_pk: int) -> None:
    for role, local_ids in (
        ("party", agreement.parties),
        ("signatory", agreement.signatories),
        ("implementer", agreement.implementers),
    ):
        linker.session.add_all(
            AgreementActorRow(agreement_id=agreement_pk, identity_id=identity, role=role)
            for identity in dict.fromkeys(linker.identities(local_ids))
        )
    linker.session.add_all(
        ProvisionRow(
            agreement_id=agreement_pk,
            n=provision.n,
            type=provision.type,
            obligors=json.dumps(linker.actor_names(provision.obligors)),
            text=provision.text,
            start=provision.start,
            end=provision.end,
        )
        for provision in agreement.provisions
    )


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
    pending = session.execute(
        select(DocumentRow.id, DocumentRow.record).where(DocumentRow.linked.is_(False))
    ).all()
    for document_pk, record_json in pending:
        clusters = set(
            session.scalars(select(EventRow.cluster_id).where(EventRow.document_id == document_pk))
        )
        for table in _DOCUMENT_CHILDREN:
            session.execute(delete(table).where(table.document_id == document_pk))
        for cluster in session.scalars(select(EventClusterRow).where(EventClusterRow.id.in_(clusters))):
            refresh_cluster(session, cluster)
        link_record(session, document_pk, Record.model_validate_json(record_json))
    return len(pending)
