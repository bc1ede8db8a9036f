"""Ingesting a real corpus is idempotent and resumable."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import text

from sitroom.documents import ReadError
from sitroom.ingest import ingest
from sitroom.store.database import open_engine
from sitroom.store.queries import count_documents, document_ids, search_documents
from tests.conftest import fakes_documents


def test_ingesting_100_articles_twice_stores_each_once(tmp_path: Path, nlp: Language) -> None:
    documents = fakes_documents(100)
    unique_texts = {document.text for document in documents}
    engine = open_engine(tmp_path / "kb.sqlite")
    first = ingest(engine, nlp, documents)
    second = ingest(engine, nlp, documents)
    assert first.added == len(unique_texts)
    assert second.added == 0 and second.already_stored == len(documents)
    assert count_documents(engine) == len(unique_texts)
    assert sorted(set(document_ids(engine))) == sorted(document_ids(engine))
    hits = search_documents(engine, "Aleppo", limit=200)
    assert hits and all("aleppo" in hit.snippet.lower() for hit in hits)


def test_resume_analyses_only_what_is_missing(tmp_path: Path, nlp: Language) -> None:
    documents = fakes_documents(30)
    engine = open_engine(tmp_path / "kb.sqlite")
    ingest(engine, nlp, documents[:12], chunk_size=4)  # as if the first run died after 12 documents
    resumed = ingest(engine, nlp, [*documents, ReadError("bad.jsonl:7", "malformed JSON line")], chunk_size=4)
    assert resumed.already_stored == 12
    assert resumed.errors == 1
    assert count_documents(engine) == len({document.text for document in documents})
    with engine.connect() as connection:
        assert connection.execute(text("SELECT source FROM ingest_errors")).scalars().all() == ["bad.jsonl:7"]


def test_a_document_stored_meanwhile_by_another_run_is_counted_as_already_stored(
    tmp_path: Path, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = fakes_documents(3)
    engine = open_engine(tmp_path / "kb.sqlite")
    ingest(engine, nlp, documents[:2])
    # The race: both runs find no document stored; the other run stores two of them first.
    monkeypatch.setattr("sitroom.ingest.known_hashes", lambda _engine, _hashes: set())
    summary = ingest(engine, nlp, documents)
    assert (summary.read, summary.added, summary.already_stored, summary.errors) == (3, 1, 2, 0)


def test_the_sqlite_file_alone_holds_every_document_after_an_ingest(tmp_path: Path, nlp: Language) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    ingest(engine, nlp, fakes_documents(5))
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(tmp_path / "kb.sqlite", copy)  # without the -wal file
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
