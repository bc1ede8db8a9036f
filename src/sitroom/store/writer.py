"""Writing analysis records into the knowledge base, idempotently by content hash."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from sqlalchemy import Engine, Executable, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sitroom.documents import Document
from sitroom.record import Record
from sitroom.store.linking import link_record
from sitroom.store.schema import DocumentRow, IngestErrorRow


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
