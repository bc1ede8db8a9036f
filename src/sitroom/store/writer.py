"""Writing analysis records into the knowledge base, idempotently by content hash."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, Executable, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from sitroom.documents import Document
from sitroom.record import Record
from sitroom.store.linking import link_record
from sitroom.store.schema import DocumentRow, IngestErrorRow

log = logging.getLogger("sitroom.store")
# What a database raises for a document it cannot store (a NUL byte or an over-long value on PostgreSQL,
# text that is not Unicode, a constraint): that document fails alone, the others are stored.
REFUSED = (DataError, IntegrityError, UnicodeError)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def known_hashes(engine: Engine, hashes: Iterable[str]) -> set[str]:
    """The subset of ``hashes`` already stored."""
    wanted = list(hashes)
    found: set[str] = set()
    with Session(engine) as session:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(session.scalars(select(DocumentRow.content_hash).where(DocumentRow.content_hash.in_(chunk))))
    return found


@dataclass
class StoreOutcome:
    """What storing a batch did: documents added, found already stored, and refused (with the reason)."""

    added: int = 0
    already_stored: int = 0
    refused: list[tuple[Document, str]] = field(default_factory=list)


def store_batch(engine: Engine, pairs: Iterable[tuple[Document, Record]]) -> StoreOutcome:
    """Store (document, record) pairs in one transaction; documents already stored are skipped.

    When the database refuses the batch, each document is stored in its own transaction, and one it
    refuses again is recorded in ``ingest_errors`` instead: a bad document never stops a run.
    """
    batch = list(pairs)
    try:
        added = _store_all(engine, batch)
        return StoreOutcome(added=added, already_stored=len(batch) - added)
    except REFUSED:
        if len(batch) == 1:
            return _store_alone(engine, batch[0])
    outcome = StoreOutcome()
    for pair in batch:
        single = _store_alone(engine, pair)
        outcome.added += single.added
        outcome.already_stored += single.already_stored
        outcome.refused += single.refused
    return outcome


def _store_alone(engine: Engine, pair: tuple[Document, Record]) -> StoreOutcome:
    document = pair[0]
    try:
        added = _store_all(engine, [pair])
    except REFUSED as error:
        reason = f"could not be stored: {type(error).__name__}: {str(error).splitlines()[0]}"
        store_error(engine, document.source or document.id, reason)
        log.warning("document refused by the database", extra={"source": document.source, "error": reason})
        return StoreOutcome(refused=[(document, reason)])
    return StoreOutcome(added=added, already_stored=1 - added)


def store_records(engine: Engine, pairs: Iterable[tuple[Document, Record]]) -> int:
    """Store each (document, record) in one transaction; documents already stored are skipped.

    Returns how many documents were new (see :func:`store_batch` for documents the database refuses).
    """
    return store_batch(engine, pairs).added


def _store_all(engine: Engine, pairs: Iterable[tuple[Document, Record]]) -> int:
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
                "linked": True,
            }
            statement = _insert_ignoring_duplicates(engine, row)
            document_pk = session.execute(statement).scalar()
            if document_pk is None:
                continue
            link_record(session, document_pk, record)
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
    """Remember a document that failed, replacing an older error for the same source (safe under concurrency)."""
    row = {"source": source, "error": error, "recorded_at": _now()}
    changes = {"error": error, "recorded_at": row["recorded_at"]}
    dialect = engine.dialect.name
    if dialect == "sqlite":
        statement: Executable = (
            sqlite_insert(IngestErrorRow).values(row).on_conflict_do_update(index_elements=["source"], set_=changes)
        )
    elif dialect == "postgresql":
        statement = pg_insert(IngestErrorRow).values(row).on_conflict_do_update(index_elements=["source"], set_=changes)
    else:
        statement = insert(IngestErrorRow).values(row)
    with Session(engine) as session, session.begin():
        session.execute(statement)
