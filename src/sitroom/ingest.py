"""Corpus → analysis → knowledge base, resumable: finished documents are never redone."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.language import Language
from sqlalchemy import Engine

from sitroom.documents import Document, ReadError
from sitroom.pipeline import analyze
from sitroom.record import ErrorRecord, Record
from sitroom.store.database import checkpoint
from sitroom.store.writer import known_hashes, store_documents, store_error

Item = Document | ReadError
log = logging.getLogger("sitroom.ingest")


@dataclass
class IngestSummary:
    """What one ingest run did: every document read is added, already stored, or an error."""

    read: int = 0
    added: int = 0
    revised: int = 0  # known documents whose text changed: their analysis was replaced
    already_stored: int = 0
    errors: int = 0
    seconds: float = 0.0


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def new_documents(engine: Engine, documents: list[Document]) -> tuple[list[Document], int]:
    """The documents whose text is neither stored nor repeated earlier in the list, and how many are."""
    stored = known_hashes(engine, (document.content_hash for document in documents))
    fresh: dict[str, Document] = {}
    for document in documents:
        if document.content_hash not in stored:
            fresh.setdefault(document.content_hash, document)
    return list(fresh.values()), len(documents) - len(fresh)


def ingest(
    engine: Engine,
    nlp: Language,
    items: Iterable[Item],
    chunk_size: int = 32,
    on_progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Analyse documents not yet stored and store them, one transaction per chunk."""
    summary = IngestSummary()
    started = time.perf_counter()
    for chunk in _chunks(items, chunk_size):
        summary.read += len(chunk)
        for item in chunk:
            if isinstance(item, ReadError):
                summary.errors += 1
                store_error(engine, item.source, item.message)
                log.warning("unreadable document", extra={"source": item.source, "error": item.message})
        fresh, already_stored = new_documents(engine, [item for item in chunk if isinstance(item, Document)])
        summary.already_stored += already_stored
        by_id = {document.id: document for document in fresh}
        pairs: list[tuple[Document, Record]] = []
        for result in analyze(nlp, fresh):
            if isinstance(result, ErrorRecord):
                summary.errors += 1
                store_error(engine, result.source, result.error)
                log.warning("analysis failed", extra={"source": result.source, "error": result.error})
            else:
                pairs.append((by_id[result.id], result))
        counts = store_documents(engine, pairs)
        summary.added += counts.added
        summary.revised += counts.revised
        summary.already_stored += counts.unchanged
        summary.errors += len(counts.refused)
        if on_progress:
            on_progress(len(chunk))
    checkpoint(engine)
    summary.seconds = time.perf_counter() - started
    log.info("ingest finished", extra=vars(summary))
    return summary
