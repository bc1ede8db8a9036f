from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from sitroom.documents import Document
from sitroom.record import Actor, Record, Span
from sitroom.store.database import open_engine
from sitroom.store.queries import count_documents, search_documents
from sitroom.store.writer import known_hashes, store_error, store_records


def _pair(doc_id: str, body: str) -> tuple[Document, Record]:
    document = Document(id=doc_id, text=body, title=f"Title {doc_id}")
    actor = Actor(id="a1", name="ISIL", kind="armed_group", mentions=[Span(text=body[:4], start=0, end=4)])
    return document, Record(id=doc_id, title=document.title, actors=[actor])


def test_migrations_create_the_schema(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    tables = set(inspect(engine).get_table_names())
    assert {
        "documents",
        "actors",
        "places",
        "events",
        "ingest_errors",
        "documents_fts",
        "alembic_version",
    } <= tables
    open_engine(tmp_path / "kb.sqlite")  # re-opening is a no-op upgrade


def test_records_are_stored_once_by_content_hash(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    first = _pair("d1", "ISIL fighters advanced on Maskanah.")
    same_text_other_id = _pair("d9", "ISIL fighters advanced on Maskanah.")
    assert store_records(engine, [first]) == 1
    assert store_records(engine, [first, same_text_other_id]) == 0
    assert count_documents(engine) == 1
    assert known_hashes(engine, [first[0].content_hash, "0" * 64]) == {first[0].content_hash}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM actors")).scalar() == 1


def test_full_text_search_treats_input_as_words(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(engine, [_pair("d1", "ISIL fighters advanced on Maskanah."), _pair("d2", "SANA reported calm.")])
    assert [hit.doc_id for hit in search_documents(engine, "maskanah")] == ["d1"]
    assert search_documents(engine, 'calm" OR "ISIL') == []
    assert search_documents(engine, "NEAR(") == []


def test_errors_are_recorded_once_per_source(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_error(engine, "a.txt", "empty document")
    store_error(engine, "a.txt", "binary file")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT source, error FROM ingest_errors")).all()
    assert rows == [("a.txt", "binary file")]
