"""Refreshing stored records analysed by an older sitroom: stored text → analysis → replaced analysis.

Resumable: a document's new analysis and its new version are committed together, chunk by chunk, so a
run killed at any point and started again refreshes only what is still old.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from packaging.version import Version
from spacy.language import Language
from sqlalchemy import ColumnElement, Engine, func, select
from sqlalchemy.orm import Session

from sitroom.documents import Document
from sitroom.pipeline import analyze
from sitroom.record import ErrorRecord, Record
from sitroom.store.schema import DocumentRow
from sitroom.store.writer import store_documents, store_error
from sitroom.versions import AnalysisVersion, is_older

log = logging.getLogger("sitroom.reanalysis")


@dataclass
class ReanalysisSummary:
    """What one reanalysis run did."""

    refreshed: int = 0
    errors: int = 0
    seconds: float = 0.0


def stale_versions(engine: Engine, limit: Version) -> tuple[list[str], bool]:
    """The stored analysis versions older than ``limit``, and whether records without a version exist."""
    with Session(engine) as session:
        versions = list(session.scalars(select(DocumentRow.analysis_version).distinct()))
    older = [version for version in versions if version is not None and is_older(version, limit)]
    return older, None in versions


def count_stale(engine: Engine, limit: Version) -> int:
    """How many stored documents were analysed by a version older than ``limit``."""
    with Session(engine) as session:
        return (
            session.scalar(select(func.count()).select_from(DocumentRow).where(_stale(*stale_versions(engine, limit))))
            or 0
        )


def _stale(versions: list[str], unversioned: bool) -> ColumnElement[bool]:
    condition = DocumentRow.analysis_version.in_(versions)
    return condition | DocumentRow.analysis_version.is_(None) if unversioned else condition


def _stored_documents(
    engine: Engine, condition: ColumnElement[bool], after: int, size: int
) -> list[tuple[int, Document]]:
    columns = (DocumentRow.id, DocumentRow.doc_id, DocumentRow.text, DocumentRow.title, DocumentRow.date)
    more = (DocumentRow.outlet, DocumentRow.language, DocumentRow.source)
    with Session(engine) as session:
        query = select(*columns, *more).where(condition, DocumentRow.id > after).order_by(DocumentRow.id)
        rows = session.execute(query.limit(size)).all()
    return [
        (pk, Document(id=doc_id, text=text, title=title, date=date, outlet=outlet, language=language, source=source))
        for pk, doc_id, text, title, date, outlet, language, source in rows
    ]


def check_limit(version: AnalysisVersion, limit: Version) -> None:
    """Refuse a limit newer than this sitroom: refreshed records would still be older, and every run redo them."""
    if Version(version.sitroom) < limit:
        raise ValueError(f"this is sitroom {version.sitroom}: it cannot bring records to {limit} or newer")


def reanalyze(
    engine: Engine,
    nlp: Language,
    limit: Version,
    version: AnalysisVersion,
    chunk_size: int = 32,
    on_progress: Callable[[int], None] | None = None,
) -> ReanalysisSummary:
    """Analyse again every stored document analysed by a sitroom older than ``limit``, replacing its analysis."""
    check_limit(version, limit)
    summary = ReanalysisSummary()
    started = time.perf_counter()
    condition = _stale(*stale_versions(engine, limit))
    after = 0
    while chunk := _stored_documents(engine, condition, after, chunk_size):
        after = chunk[-1][0]
        documents = {document.id: document for _, document in chunk}
        pairs: list[tuple[Document, Record]] = []
        for result in analyze(nlp, list(documents.values())):
            if isinstance(result, ErrorRecord):
                summary.errors += 1
                store_error(engine, result.source, result.error)
            else:
                pairs.append((documents[result.id], result))
        summary.refreshed += store_documents(engine, pairs, version, reanalysis=True).revised
        if on_progress:
            on_progress(len(chunk))
    summary.seconds = time.perf_counter() - started
    log.info("reanalysis finished", extra=vars(summary))
    return summary
