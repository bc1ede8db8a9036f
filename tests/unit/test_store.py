from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from sitroom.documents import Document
from sitroom.record import Actor, Record, Span
from sitroom.store.database import KnowledgeBaseError, open_engine
from sitroom.store.queries import count_documents, search_documents
from sitroom.store.writer import known_hashes, store_documents, store_error, store_records


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


def test_a_document_the_database_refuses_fails_alone(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    unstorable = _pair("bad", "ISIL \ud800 claimed the attack.")  # not Unicode: no database can store it
    outcome = store_documents(engine, [_pair("a", "ISIL took the town."), unstorable, _pair("b", "ISIL withdrew.")])
    assert (outcome.added, outcome.unchanged) == (2, 0)
    assert [(document.id, reason.split(":")[0]) for document, reason in outcome.refused] == [
        ("bad", "could not be stored")
    ]
    assert count_documents(engine) == 2
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM ingest_errors")).scalar() == 1


def test_opening_a_missing_knowledge_base_for_reading_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "typo.sqlite"
    with pytest.raises(KnowledgeBaseError, match="no knowledge base there"):
        open_engine(target, create=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path.write_text("not a database " * 100), "file is not a database"),
        (lambda path: path.mkdir(), "a folder, not a knowledge base file"),
    ],
    ids=["text file", "folder"],
)
def test_what_is_not_a_knowledge_base_is_a_clear_error(
    tmp_path: Path, make: Callable[[Path], object], message: str
) -> None:
    target = tmp_path / "kb.sqlite"
    make(target)
    with pytest.raises(KnowledgeBaseError, match=message):
        open_engine(target)


def test_a_server_url_error_hides_the_password() -> None:
    with pytest.raises(KnowledgeBaseError) as raised:
        open_engine("postgresql+psycopg://sitroom:hunter2@127.0.0.1:1/kb", create=False)
    assert "hunter2" not in str(raised.value) and "sitroom:***@127.0.0.1:1/kb" in str(raised.value)
