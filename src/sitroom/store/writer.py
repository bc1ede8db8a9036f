"""Writing analysis records into the knowledge base, idempotently by content hash."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from sqlalchemy import Engine, Executable, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sitroom.documents import Document
from sitroom.record import Record
from sitroom.store.schema import ActorRow, DocumentRow, EventRow, IngestErrorRow, PlaceRow


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def known_hashes(engine: Engine, hashes: Iterable[str]) -> set[str]:
    """The subset of ``hashes`` already stored."""
    wanted = list(hashes)
    found: set[str] = set()
    with Session(engine) as session:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(
                session.scalars(select(DocumentRow.content_hash).where(DocumentRow.content_hash.in_(chunk)))
            )
    return found


def _flatten(session: Session, document_pk: int, record: Record) -> None:
    names = {actor.id: actor.name for actor in record.actors}
    places = {place.id: place.name for place in record.places}
    session.add_all(
        ActorRow(
            document_id=document_pk,
            local_id=actor.id,
            name=actor.name,
            kind=actor.kind,
            canonical_id=actor.canonical_id,
            registered=actor.registered,
            mention_count=len(actor.mentions),
        )
        for actor in record.actors
    )
    session.add_all(
        PlaceRow(
            document_id=document_pk,
            local_id=place.id,
            name=place.name,
            country=place.country,
            admin1=place.admin1,
            lat=place.lat,
            lon=place.lon,
            feature=place.feature,
            geonames_id=place.geonames_id,
        )
        for place in record.places
    )
    session.add_all(
        EventRow(
            document_id=document_pk,
            local_id=event.id,
            type=event.type,
            mode=event.mode,
            status=event.status,
            date=event.date,
            source_actors=json.dumps([names.get(a, a) for a in event.source]),
            target_actors=json.dumps([names.get(a, a) for a in event.target]),
            place=places.get(event.place) if event.place else None,
            evidence=event.evidence.text,
            evidence_start=event.evidence.start,
            evidence_end=event.evidence.end,
        )
        for event in record.events
    )


def store_records(engine: Engine, pairs: Iterable[tuple[Document, Record]]) -> int:
    """Store each (document, record) in one transaction; documents already stored are skipped.

    Returns how many documents were new.
    """
    added = 0
    with Session(engine) as session, session.begin():
        for document, record in pairs:
            row = {
                "doc_id": document.id,
                "content_hash": document.content_hash,
                "source": document.source,
                "title": record.title,
                "date": record.date,
                "outlet": record.outlet,
                "language": record.language,
                "text": document.text,
                "record": record.to_json(),
                "analyzed_at": _now(),
            }
            statement = _insert_ignoring_duplicates(engine, row)
            document_pk = session.execute(statement).scalar()
            if document_pk is None:
                continue
            _flatten(session, document_pk, record)
            added += 1
    return added


def _insert_ignoring_duplicates(engine: Engine, row: Mapping[str, object]) -> Executable:
    """An INSERT of a document row that does nothing when its content hash is already stored."""
    dialect = engine.dialect.name
    if dialect == "sqlite":
        return sqlite_insert(DocumentRow).values(row).on_conflict_do_nothing().returning(DocumentRow.id)
    if dialect == "postgresql":
        return pg_insert(DocumentRow).values(row).on_conflict_do_nothing().returning(DocumentRow.id)
    return insert(DocumentRow).values(row).returning(DocumentRow.id)


def store_error(engine: Engine, source: str, error: str) -> None:
    """Remember a document that failed (replacing an older error for the same source)."""
    with Session(engine) as session, session.begin():
        existing = session.scalar(select(IngestErrorRow).where(IngestErrorRow.source == source))
        if existing is None:
            session.add(IngestErrorRow(source=source, error=error, recorded_at=_now()))
        else:
            existing.error = error
            existing.recorded_at = _now()
