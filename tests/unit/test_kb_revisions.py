"""Revisions: a known document with a changed text replaces its analysis, keeps its history, and the
identities, clusters and aliases it alone contributed go with its old version; deletion likewise."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from sitroom.store.database import open_engine
from sitroom.store.writer import delete_document, store_documents
from sitroom.versions import AnalysisVersion
from tests.kb_fixtures import report_pair
from tests.unit.test_kb_identities import _rows

OLD = "Nusra fighters attacked Ahrar positions near Maskanah."
CORRECTED = "Nusra fighters attacked Jaysh positions near Maskanah."
CORROBORATION = "Nusra fighters attacked Ahrar positions near Maskanah, witnesses said."
VERSION = AnalysisVersion(sitroom="0.1.0", model="test-model 1.0")


def _kb(tmp_path: Path) -> Engine:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_documents(
        engine,
        [
            report_pair("d1", OLD, outlet="Reuters", date="2014-01-10"),
            report_pair("d2", CORROBORATION, outlet="SANA", date="2014-01-11"),
        ],
        VERSION,
    )
    return engine


def test_a_changed_text_replaces_the_analysis_and_keeps_the_old_version(tmp_path: Path) -> None:
    engine = _kb(tmp_path)
    old_hash = report_pair("d1", OLD, outlet="Reuters", date="2014-01-10")[0].content_hash
    assert _rows(engine, "SELECT report_count, source_count FROM event_clusters") == [(2, 2)]

    counts = store_documents(engine, [report_pair("d1", CORRECTED, outlet="Reuters", date="2014-01-10")], VERSION)

    assert (counts.added, counts.revised, counts.unchanged) == (0, 1, 0)
    assert _rows(engine, "SELECT doc_id, text FROM documents ORDER BY doc_id") == [
        ("d1", CORRECTED),
        ("d2", CORROBORATION),
    ]
    assert _rows(engine, "SELECT doc_id, content_hash, change FROM document_revisions") == [
        ("d1", old_hash, "replaced")
    ]
    # d2's report is alone in its cluster now; d1's new report (another target) opened its own.
    clusters = _rows(engine, "SELECT targets, report_count, source_count FROM corroborated_events_view ORDER BY 1")
    assert clusters == [("Ahrar", 1, 1), ("Jaysh", 1, 1)]
    assert _rows(engine, "SELECT count(*) FROM events WHERE cluster_id IS NULL") == [(0,)]


def test_identities_and_aliases_only_the_old_version_named_are_removed(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_documents(engine, [report_pair("d1", OLD, outlet="Reuters", date="2014-01-10")], VERSION)
    assert {name for (name,) in _rows(engine, "SELECT name FROM actor_identities")} == {"Nusra", "Ahrar"}

    store_documents(engine, [report_pair("d1", CORRECTED, outlet="Reuters", date="2014-01-10")], VERSION)

    assert {name for (name,) in _rows(engine, "SELECT name FROM actor_identities")} == {"Nusra", "Jaysh"}
    assert {alias for (alias,) in _rows(engine, "SELECT alias FROM actor_aliases")} == {"Nusra", "Jaysh"}
    assert _rows(engine, "SELECT count(*) FROM event_clusters") == [(1,)]


def test_the_same_text_again_is_unchanged_and_reanalysis_replaces_the_version(tmp_path: Path) -> None:
    engine = _kb(tmp_path)
    same = report_pair("d1", OLD, outlet="Reuters", date="2014-01-10")
    assert store_documents(engine, [same], VERSION).unchanged == 1

    newer = AnalysisVersion(sitroom="0.2.0", model="test-model 1.1")
    assert store_documents(engine, [same], newer, reanalysis=True).revised == 1

    assert _rows(engine, "SELECT analysis_version, model_version FROM documents WHERE doc_id = 'd1'") == [
        ("0.2.0", "test-model 1.1")
    ]
    assert _rows(engine, "SELECT change, analysis_version FROM document_revisions") == [("reanalysed", "0.1.0")]
    assert _rows(engine, "SELECT report_count FROM event_clusters") == [(2,)]


def test_deleting_a_document_removes_its_analysis_and_keeps_its_history(tmp_path: Path) -> None:
    engine = _kb(tmp_path)

    assert delete_document(engine, "d2") == 1
    assert delete_document(engine, "d2") == 0

    assert _rows(engine, "SELECT doc_id FROM documents") == [("d1",)]
    assert _rows(engine, "SELECT doc_id, change FROM document_revisions") == [("d2", "deleted")]
    assert _rows(engine, "SELECT report_count, source_count FROM event_clusters") == [(1, 1)]
    counts = {table: _rows(engine, f"SELECT count(*) FROM {table}")[0][0] for table in ("events", "actors", "places")}
    assert counts == {"events": 1, "actors": 2, "places": 1}
    assert _rows(engine, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'witnesses'") == [(0,)]
