"""The knowledge base tables (SQLAlchemy 2 declarative models).

Each analysed document keeps its full record as JSON, and its layers are also flattened into
tables so they can be queried (and browsed in Datasette) without parsing JSON.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(512), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    outlet: Mapped[str | None] = mapped_column(String(256), index=True)
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[str] = mapped_column(Text)
    analyzed_at: Mapped[str] = mapped_column(String(32))
    linked: Mapped[bool] = mapped_column(Boolean, server_default=false(), default=False)
    # Revision kb_scale: when the text last changed, and what analysed it (sitroom and spaCy model versions).
    updated_at: Mapped[str | None] = mapped_column(String(32))
    analysis_version: Mapped[str | None] = mapped_column(String(32), index=True)
    model_version: Mapped[str | None] = mapped_column(String(128))


class ActorRow(Base):
    __tablename__ = "actors"
    # Covers counting an actor's documents (actor lists, search facets) without reading the rows.
    __table_args__ = (Index("ix_actors_identity_document", "identity_id", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    canonical_id: Mapped[str | None] = mapped_column(String(128), index=True)
    registered: Mapped[bool]
    mention_count: Mapped[int] = mapped_column(Integer)
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("actor_identities.id"), index=True)
    affiliations: Mapped[str | None] = mapped_column(Text)
    roles: Mapped[str | None] = mapped_column(Text)


class PlaceRow(Base):
    __tablename__ = "places"
    __table_args__ = (Index("ix_places_identity_document", "identity_id", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text, index=True)
    country: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    feature: Mapped[str | None] = mapped_column(String(32))
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("place_identities.id"), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)  # lat and lon again, named as map tools expect
    longitude: Mapped[float | None] = mapped_column(Float)
    located_by: Mapped[str | None] = mapped_column(String(16))


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_type_date", "type", "date"),
        Index("ix_events_type_document", "type", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(10))
    source_actors: Mapped[str] = mapped_column(Text)
    target_actors: Mapped[str] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    reported_by: Mapped[str | None] = mapped_column(Text)
    place_identity_id: Mapped[int | None] = mapped_column(ForeignKey("place_identities.id"), index=True)
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("event_clusters.id"), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)  # the place's point
    longitude: Mapped[float | None] = mapped_column(Float)


class IngestErrorRow(Base):
    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text, unique=True)
    error: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[str] = mapped_column(String(32))


# --- Cross-document knowledge (revision 0002) -------------------------------------------------


class ActorIdentityRow(Base):
    """One actor across documents: by registry id when registered, else by normalised name."""

    __tablename__ = "actor_identities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    canonical_id: Mapped[str | None] = mapped_column(String(128))
    name: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    match_key: Mapped[str | None] = mapped_column(String(300), index=True)  # blocking key of spelling variants
    merged_into: Mapped[int | None] = mapped_column(Integer, index=True)  # representative of its merged identities


class ActorAliasRow(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("identity_id", "alias", name="uq_actor_aliases_identity_alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("actor_identities.id"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), index=True)


class AffiliationRow(Base):
    """``identity_id`` is affiliated with (a member, leader, unit… of) ``affiliated_id`` in one document."""

    __tablename__ = "actor_affiliations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("actor_identities.id"), index=True)
    affiliated_id: Mapped[int] = mapped_column(ForeignKey("actor_identities.id"), index=True)


class PlaceIdentityRow(Base):
    """One place across documents: by GeoNames id, else rounded coordinates, else name and country."""

    __tablename__ = "place_identities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    feature: Mapped[str | None] = mapped_column(String(32))
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    located_by: Mapped[str | None] = mapped_column(String(16))


class EventClusterRow(Base):
    """One real-world event: the reports of it (rows of ``events``) from every document."""

    __tablename__ = "event_clusters"
    __table_args__ = (
        Index("ix_event_clusters_date_start_id", "date_start", "id"),
        Index("ix_event_clusters_type_date_start_id", "type", "date_start", "id"),
        Index("ix_event_clusters_latitude_longitude", "latitude", "longitude"),
        # A signature's clusters by first day: corroboration reads those near a new report's day only.
        Index("ix_event_clusters_signature_date_start", "signature", "date_start"),
        # Covers the timeline's bins (month, type and date precision) without reading the rows.
        Index("ix_event_clusters_date_start_end_type", "date_start", "date_end", "type"),
        # The newest first (NULLS LAST) by index on PostgreSQL, whose ascending indexes read backwards put NULLs
        # first; SQLite's do not (migration actor_country_rollups).
        Index("ix_event_clusters_newest", text("date_start DESC NULLS LAST"), text("id DESC")).ddl_if(
            dialect="postgresql"
        ),
        Index("ix_event_clusters_type_newest", "type", text("date_start DESC NULLS LAST"), text("id DESC")).ddl_if(
            dialect="postgresql"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signature: Mapped[str] = mapped_column(String(600))
    type: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(String(64))
    date_start: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    place_identity_id: Mapped[int | None] = mapped_column(ForeignKey("place_identities.id"), index=True)
    report_count: Mapped[int] = mapped_column(Integer)
    source_count: Mapped[int] = mapped_column(Integer)
    statuses: Mapped[str] = mapped_column(String(120))
    contested: Mapped[bool] = mapped_column(Boolean)
    latitude: Mapped[float | None] = mapped_column(Float)  # the place's point, here so maps need no join
    longitude: Mapped[float | None] = mapped_column(Float)


class EventActorRow(Base):
    """An actor identity in one event report, as ``source``, ``target`` or ``reporter``."""

    __tablename__ = "event_actors"
    # Covers finding an actor's events (the events list, map and timeline filtered by actor).
    __table_args__ = (Index("ix_event_actors_identity_event", "identity_id", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("actor_identities.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))


class EventRollupRow(Base):
    """Events counted per type, place, point, start and end month and date precision (``rollups``): what the
    map's cells and the timeline's bins add up instead of reading every event. ``key``: a digest of the key
    columns."""

    __tablename__ = "event_rollups"
    __table_args__ = (
        Index("ix_event_rollups_month_start_type", "month_start", "type"),
        # Covers the map's cells over a date range without reading the rows.
        Index(
            "ix_event_rollups_months_point",
            *("month_start", "month_end", "type", "latitude", "longitude", "events", "id_sum"),
        ),
        # The earliest start of the few events dated over longer than a year that end in a date range: the
        # map's range reads the rows from there (``browse.aggregates``), not every earlier row.
        Index("ix_event_rollups_precision_month_end", "precision", "month_end"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, unique=True)
    type: Mapped[str] = mapped_column(String(16))
    place_identity_id: Mapped[int | None] = mapped_column(Integer, index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    month_start: Mapped[str | None] = mapped_column(String(7))
    month_end: Mapped[str | None] = mapped_column(String(7))
    precision: Mapped[str] = mapped_column(String(8))
    events: Mapped[int] = mapped_column(Integer)
    id_sum: Mapped[int] = mapped_column(BigInteger)  # the event's id when ``events`` is 1


class PointRollupRow(Base):
    """Events counted per type, place and point (``rollups``): the map's cells when no dates are asked for."""

    __tablename__ = "point_rollups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, unique=True)
    type: Mapped[str] = mapped_column(String(16))
    place_identity_id: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    events: Mapped[int] = mapped_column(Integer)
    id_sum: Mapped[int] = mapped_column(BigInteger)


class LocationRollupRow(Base):
    """Events counted per place and point, of any type (``location_rollups``): the map's cells when neither
    a type nor dates are asked for, from about a quarter of the point rollups' rows."""

    __tablename__ = "location_rollups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, unique=True)
    place_identity_id: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    events: Mapped[int] = mapped_column(Integer)
    id_sum: Mapped[int] = mapped_column(BigInteger)


class MonthRollupRow(Base):
    """Events counted per type, country of their place, start and end month and date precision (``rollups``):
    the timeline's bins when no place is asked for."""

    __tablename__ = "month_rollups"
    # Cover the timeline's months (of a country) in order, without reading the rows or sorting them.
    __table_args__ = (
        Index("ix_month_rollups_month_type_events", "month_start", "type", "events"),
        Index("ix_month_rollups_country_month_type_events", "country", "month_start", "type", "events"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, unique=True)
    type: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(8))
    month_start: Mapped[str | None] = mapped_column(String(7))
    month_end: Mapped[str | None] = mapped_column(String(7))
    precision: Mapped[str] = mapped_column(String(8))
    events: Mapped[int] = mapped_column(Integer)
    id_sum: Mapped[int] = mapped_column(BigInteger)


class DayRollupRow(Base):
    """Events counted per type, country of their place, first day and end month (``rollups``): the timeline's
    day and week bins when no place is asked for."""

    __tablename__ = "day_rollups"
    # Covers a type's days (the timeline by week or day) without reading the rows.
    __table_args__ = (Index("ix_day_rollups_type_day_events", "type", "day_start", "events"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, unique=True)
    type: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(8))
    day_start: Mapped[str | None] = mapped_column(String(10))
    month_end: Mapped[str | None] = mapped_column(String(7))
    events: Mapped[int] = mapped_column(Integer)
    id_sum: Mapped[int] = mapped_column(BigInteger)


class EdgeRollupRow(Base):
    """Events per source and target actor, type, place and start and end month (``rollups``): the actor
    network's edges."""

    __tablename__ = "edge_rollups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, unique=True)
    source_id: Mapped[int] = mapped_column(Integer, index=True)
    target_id: Mapped[int] = mapped_column(Integer, index=True)
    type: Mapped[str] = mapped_column(String(16))
    place_identity_id: Mapped[int | None] = mapped_column(Integer)
    month_start: Mapped[str | None] = mapped_column(String(7))
    month_end: Mapped[str | None] = mapped_column(String(7))
    events: Mapped[int] = mapped_column(Integer)


class NetworkRollupRow(Base):
    """Events per source and target actor and type (``rollups``): the actor network's edges when no place,
    country or dates are asked for (the edge rollups add up about 75 rows per edge of a year-long base)."""

    __tablename__ = "network_rollups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, unique=True)
    source_id: Mapped[int] = mapped_column(Integer)
    target_id: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))
    events: Mapped[int] = mapped_column(Integer)


class ActorEventRow(Base):
    """An actor identity named (in any role) by a report of an event, with the event's first day, ``''`` when
    undated (``rollups``): an actor's newest events read by index, without collecting all of them."""

    __tablename__ = "actor_events"
    __table_args__ = (
        UniqueConstraint("identity_id", "cluster_id"),
        Index("ix_actor_events_identity_date", "identity_id", "date_key", "cluster_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity_id: Mapped[int] = mapped_column(Integer)
    cluster_id: Mapped[int] = mapped_column(Integer, index=True)
    date_key: Mapped[str] = mapped_column(String(10))


class ActorEdgeRollupRow(Base):
    """Events per actor named in them (any role, any report), source and target actor and type
    (``rollups``): the network of an actor's events."""

    __tablename__ = "actor_edge_rollups"
    __table_args__ = (Index("ix_actor_edge_rollups_actor_type", "actor_id", "type"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, unique=True)
    actor_id: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int] = mapped_column(Integer)
    target_id: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))
    events: Mapped[int] = mapped_column(Integer)


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_identity_id: Mapped[int | None] = mapped_column(ForeignKey("actor_identities.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    direct: Mapped[bool] = mapped_column(Boolean)
    cue: Mapped[str | None] = mapped_column(String(64))


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    source_chain: Mapped[str] = mapped_column(Text)
    source_identity_id: Mapped[int | None] = mapped_column(ForeignKey("actor_identities.id"), index=True)
    cue: Mapped[str | None] = mapped_column(String(64))
    hedged: Mapped[bool] = mapped_column(Boolean)
    anonymous: Mapped[bool | None] = mapped_column(Boolean)
    voice: Mapped[str | None] = mapped_column(String(16))


class AgreementRow(Base):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(64))
    parties: Mapped[str] = mapped_column(Text)
    signatories: Mapped[str] = mapped_column(Text)
    implementers: Mapped[str] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)
    place_identity_id: Mapped[int | None] = mapped_column(ForeignKey("place_identities.id"))
    date: Mapped[str | None] = mapped_column(String(10))
    evidence: Mapped[str | None] = mapped_column(Text)
    # revision "agreements": its identity across documents and its attributes (JSON lists of names)
    identity_id: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str | None] = mapped_column(String(16))
    sidedness: Mapped[str | None] = mapped_column(String(16))
    written: Mapped[bool | None] = mapped_column(Boolean)
    start_date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))
    end_reason: Mapped[str | None] = mapped_column(String(16))
    duration: Mapped[str | None] = mapped_column(String(16))
    places: Mapped[str | None] = mapped_column(Text)
    mediators: Mapped[str | None] = mapped_column(Text)
    guarantors: Mapped[str | None] = mapped_column(Text)
    monitors: Mapped[str | None] = mapped_column(Text)
    excluded: Mapped[str | None] = mapped_column(Text)


class AgreementIdentityRow(Base):
    """One agreement across documents: its reports (rows of ``agreements``) and their status reports."""

    __tablename__ = "agreement_identities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    family: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(Text)
    participants: Mapped[str] = mapped_column(Text)  # JSON: actor identity ids in any role
    states: Mapped[str | None] = mapped_column(Text)  # JSON: those of them that are states
    places: Mapped[str] = mapped_column(Text)  # JSON: place identity ids
    agreed_date: Mapped[str | None] = mapped_column(String(10))
    stated: Mapped[str | None] = mapped_column(Text)  # JSON: dates its reports give (agreed, started, ended…)
    date_start: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10), index=True)
    anchor_start: Mapped[str | None] = mapped_column(String(10))  # dates of its reports that name actors or dates
    anchor_end: Mapped[str | None] = mapped_column(String(10))
    kinds: Mapped[str | None] = mapped_column(Text)  # JSON: the kinds its reports give
    statuses: Mapped[str | None] = mapped_column(Text)  # JSON: the statuses of its reports
    status: Mapped[str | None] = mapped_column(String(16))
    status_date: Mapped[str | None] = mapped_column(String(10))
    report_count: Mapped[int] = mapped_column(Integer)
    source_count: Mapped[int] = mapped_column(Integer)
    # Of an identity of vague reports: compared, as the knowledge base now stands, with the identities it may join
    settled: Mapped[bool] = mapped_column(Boolean, server_default=false(), default=False)


class AgreementStatusRow(Base):
    """One status report of one agreement in one document: the stage, its date, who acted, which events."""

    __tablename__ = "agreement_status_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    identity_id: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(10))
    actors: Mapped[str] = mapped_column(Text)  # JSON: names
    events: Mapped[str] = mapped_column(Text)  # JSON: event row ids
    evidence: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)


class AgreementActorRow(Base):
    __tablename__ = "agreement_actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("actor_identities.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))


class ProvisionRow(Base):
    __tablename__ = "provisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    n: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(32))
    obligors: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class FramingRow(Base):
    __tablename__ = "framing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    technique: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str | None] = mapped_column(Text)
    target_identity_id: Mapped[int | None] = mapped_column(ForeignKey("actor_identities.id"), index=True)
    voice: Mapped[str | None] = mapped_column(String(16))


# --- Revisions and corpora (revision kb_scale) -------------------------------------------------


class DocumentRevisionRow(Base):
    """A version of a document that was replaced by a changed text, or deleted."""

    __tablename__ = "document_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(512), index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    analyzed_at: Mapped[str] = mapped_column(String(32))
    analysis_version: Mapped[str | None] = mapped_column(String(32))
    ended_at: Mapped[str] = mapped_column(String(32))
    change: Mapped[str] = mapped_column(String(16))  # "replaced" or "deleted"


class CorpusRow(Base):
    """A corpus ingested into the knowledge base, with the title, licence and source its user gave."""

    __tablename__ = "corpora"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(1000), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    licence: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[str] = mapped_column(String(32))


# --- Reviewable identities (revision identity_review) ------------------------------------------


class IdentityLinkRow(Base):
    """Two actor identities whose names are spellings of one name: merged unless an analyst rejected it."""

    __tablename__ = "identity_links"
    __table_args__ = (UniqueConstraint("identity_id", "other_id", name="uq_identity_links_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("actor_identities.id"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("actor_identities.id"), index=True)
    reason: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), index=True)  # proposed | accepted | rejected


class IdentityDecisionRow(Base):
    """An analyst's judgement on two identity keys, honoured by every later ingest (exported and imported)."""

    __tablename__ = "identity_decisions"
    __table_args__ = (UniqueConstraint("key", "other_key", name="uq_identity_decisions_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    other_key: Mapped[str] = mapped_column(String(300))
    verdict: Mapped[str] = mapped_column(String(16))  # same | different
    decided_by: Mapped[str] = mapped_column(String(128))
    decided_at: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
