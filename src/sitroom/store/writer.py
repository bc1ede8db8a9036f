"""Writing analysis records into the knowledge base, idempotently by content hash."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, Executable, Insert, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from sitroom.documents import Document
from sitroom.record import Record
from sitroom.store.corroboration import lock_signatures
from sitroom.store.linking import Identities, event_signatures, link_identities, link_record, link_records
from sitroom.store.revisions import delete_documents, now, remember_version, remove_analysis
from sitroom.store.schema import DocumentRow, EventClusterRow, EventRow, IngestErrorRow
from sitroom.versions import AnalysisVersion, current_version

log = logging.getLogger("sitroom.store")
# What a database raises for a document it cannot store (a NUL byte or an over-long value on PostgreSQL,
# text that is not Unicode, a constraint): that document fails alone, the others are stored.
REFUSED = (DataError, IntegrityError, UnicodeError)


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
class StoreCounts:
    """What storing a batch of records did."""

    added: int = 0  # documents new to the knowledge base
    revised: int = 0  # known ids whose text changed (or that were reanalysed): their analysis was replaced
    unchanged: int = 0  # already stored with this text
    refused: list[tuple[Document, str]] = field(default_factory=list)  # the database would not store these

    @property
    def stored(self) -> int:
        return self.added + self.revised

    def __iadd__(self, other: StoreCounts) -> StoreCounts:
        self.added += other.added
        self.revised += other.revised
        self.unchanged += other.unchanged
        self.refused += other.refused
        return self


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session in one write transaction, committed at the end, rolled back on any error.

    On SQLite the transaction takes the write lock at once (``BEGIN IMMEDIATE``), so what it reads before
    writing cannot change under it: writers queue for the lock (one writer at a time) instead of failing.
    """
    with Session(engine) as session:
        connection = session.connection()
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def delete_document(engine: Engine, doc_id: str) -> int:
    """Delete the document ``doc_id`` and its analysis, keeping its history; how many rows it had (0 or 1)."""
    with write_session(engine) as session:
        return delete_documents(session, doc_id)


def store_records(engine: Engine, pairs: Iterable[tuple[Document, Record]]) -> int:
    """Store (document, record) pairs in one transaction (see :func:`store_documents`); how many were stored."""
    return store_documents(engine, pairs).stored


def store_documents(
    engine: Engine,
    pairs: Iterable[tuple[Document, Record]],
    version: AnalysisVersion | None = None,
    *,
    reanalysis: bool = False,
) -> StoreCounts:
    """Store each (document, record) in one transaction, linked across documents.

    A text already stored is skipped; a known document id with a changed text is a revision: its analysis
    is replaced and the old version's hash and time are kept in ``document_revisions``. With
    ``reanalysis``, documents stored with the same text have their analysis replaced too. ``version``:
    what analysed the records (default: this installation). When the database refuses the batch, each
    document is stored in its own transaction, and one it refuses again is recorded in ``ingest_errors``
    instead: a bad document never stops a run.
    """
    batch = list(pairs)
    version = version or current_version()
    try:
        return _store_together(engine, batch, version, reanalysis)
    except REFUSED as error:
        if len(batch) == 1:
            return _refused(engine, batch[0][0], error)
    counts = StoreCounts()
    for pair in batch:
        try:
            counts += _store_together(engine, [pair], version, reanalysis)
        except REFUSED as error:
            counts += _refused(engine, pair[0], error)
    return counts


def _refused(engine: Engine, document: Document, error: Exception) -> StoreCounts:
    """Record a document the database refuses as an ingest error."""
    reason = f"could not be stored: {type(error).__name__}: {str(error).splitlines()[0]}"
    store_error(engine, document.source or document.id, reason)
    log.warning("document refused by the database", extra={"source": document.source, "error": reason})
    return StoreCounts(refused=[(document, reason)])


def _store_together(
    engine: Engine, pairs: list[tuple[Document, Record]], version: AnalysisVersion, reanalysis: bool
) -> StoreCounts:
    """Store the pairs in one write transaction."""
    counts = StoreCounts()
    with write_session(engine) as session:
        batch = _Batch(session, pairs, reanalysis)
        added = batch.insert_new(version)
        identities = link_identities(session, [record for _, record, _ in added + batch.revised])
        signatures = batch.revised_signatures()
        for (_, record, _), found in zip(added + batch.revised, identities, strict=True):
            signatures |= event_signatures(record, found)
        lock_signatures(session, signatures)
        new = zip(added, identities[: len(added)], strict=True)
        link_records(session, [(pk, record, found) for (_, record, pk), found in new])
        for (document, record, pk), found in zip(batch.revised, identities[len(added) :], strict=True):
            _revise(session, batch.existing[pk], document, record, found, version)
        counts.added, counts.revised, counts.unchanged = len(added), len(batch.revised), batch.unchanged
    return counts


Planned = tuple[Document, Record, int]  # a pair and the primary key of its document row


class _Batch:
    """A batch of pairs sorted into new documents, revisions of stored ones and ones already stored."""

    def __init__(self, session: Session, pairs: list[tuple[Document, Record]], reanalysis: bool) -> None:
        self.session = session
        hashes = [document.content_hash for document, _ in pairs]
        ids = list(dict.fromkeys(document.id for document, _ in pairs))
        rows = session.scalars(select(DocumentRow).where(DocumentRow.doc_id.in_(ids)).with_for_update()).all()
        by_id = {row.doc_id: row for row in rows}
        self.existing = {row.id: row for row in rows}
        stored = {row.content_hash for row in rows} | set(
            session.scalars(select(DocumentRow.content_hash).where(DocumentRow.content_hash.in_(hashes)))
        )
        self.new: list[tuple[Document, Record]] = []
        self.revised: list[Planned] = []
        self.unchanged = 0
        for document, record in pairs:
            row = by_id.get(document.id)
            if row is not None and _is_revision(row, document, stored, reanalysis):
                self.revised.append((document, record, row.id))
                stored.add(document.content_hash)
            elif document.content_hash in stored:
                self.unchanged += 1
            else:
                self.new.append((document, record))
                stored.add(document.content_hash)

    def insert_new(self, version: AnalysisVersion) -> list[Planned]:
        """Insert the new documents' rows in one statement; those a concurrent writer stored first are unchanged."""
        if not self.new:
            return []
        rows = [_document_row(document, record, version) | {"linked": True} for document, record in self.new]
        statement = _insert_ignoring_duplicates(self.session.get_bind()).returning(
            DocumentRow.id, DocumentRow.content_hash
        )
        pks = {content_hash: pk for pk, content_hash in self.session.execute(statement, rows)}
        self.unchanged += len(self.new) - len(pks)
        return [
            (document, record, pks[document.content_hash])
            for document, record in self.new
            if document.content_hash in pks
        ]

    def revised_signatures(self) -> set[str]:
        """The signatures of the clusters the revised documents' old reports are in."""
        pks = [pk for _, _, pk in self.revised]
        clusters = select(EventRow.cluster_id).where(EventRow.document_id.in_(pks))
        return set(self.session.scalars(select(EventClusterRow.signature).where(EventClusterRow.id.in_(clusters))))


def _is_revision(row: DocumentRow, document: Document, stored: set[str], reanalysis: bool) -> bool:
    """Whether a stored document's analysis is replaced by this document's."""
    if row.content_hash == document.content_hash:
        return reanalysis
    return document.content_hash not in stored  # a changed text, unless another document already has it


def _document_row(document: Document, record: Record, version: AnalysisVersion) -> dict[str, object]:
    stamp = now()
    return {
        "doc_id": document.id,
        "content_hash": document.content_hash,
        "source": document.source,
        "title": record.title,
        "date": record.date,
        "outlet": record.outlet,
        "language": record.language,
        "text": document.text,
        "record": record.to_json(),
        "analyzed_at": stamp,
        "updated_at": stamp,
        "analysis_version": version.sitroom,
        "model_version": version.model,
    }


def _revise(
    session: Session,
    old: DocumentRow,
    document: Document,
    record: Record,
    identities: Identities,
    version: AnalysisVersion,
) -> None:
    """Replace a stored document's analysis (and text, when it changed), keeping the old version's history."""
    changed = old.content_hash != document.content_hash
    removed = remove_analysis(session, old.id, old.record)
    remember_version(session, old, "replaced" if changed else "reanalysed")
    values = _document_row(document, record, version)
    if not changed:
        values["updated_at"] = old.updated_at
    session.execute(update(DocumentRow).where(DocumentRow.id == old.id).values(values))
    link_record(session, old.id, record, identities)
    removed.settle(session)


def _insert_ignoring_duplicates(bind: Engine | Connection) -> Insert:
    """An INSERT of document rows that skips any whose content hash is already stored."""
    dialect = bind.dialect.name
    if dialect == "sqlite":
        return sqlite_insert(DocumentRow).on_conflict_do_nothing()
    if dialect == "postgresql":
        return pg_insert(DocumentRow).on_conflict_do_nothing()
    return insert(DocumentRow)


def store_error(engine: Engine, source: str, error: str) -> None:
    """Remember a document that failed, replacing an older error for the same source (safe under concurrency)."""
    row = {"source": source, "error": error, "recorded_at": now()}
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
