"""A revision, a reanalysis or a publish killed with SIGKILL mid-run, run again, completes with nothing
lost or doubled (the ingest's own crash test is in test_crash_resume.py)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from sitroom import __version__
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from tests.integration.test_crash_resume import SITROOM, cli_ingest, write_short_corpus
from tests.kb_fixtures import report_pair


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _kill_when(process: subprocess.Popen[bytes], started: Callable[[], bool], deadline_s: float = 120) -> None:
    """SIGKILL the process group once ``started()`` holds, which must happen while it runs."""
    deadline = time.monotonic() + deadline_s
    while not started():
        assert process.poll() is None, "the run finished or failed before it could be killed"
        assert time.monotonic() < deadline, "the run did not get far enough in time"
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _consistent(db: Path) -> None:
    """Integrity, foreign keys, every report in a live cluster, clusters' counts matching their reports."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchone()[0] == 0
        mismatched = connection.execute(
            "SELECT count(*) FROM event_clusters c WHERE report_count != "
            "(SELECT count(*) FROM events e WHERE e.cluster_id = c.id)"
        ).fetchone()[0]
        assert mismatched == 0
        connection.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")


def _revised(corpus: Path, target: Path) -> Path:
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    changed = (json.dumps({**row, "text": row["text"] + " Corrected later by the outlet."}) for row in rows)
    target.write_text("".join(line + "\n" for line in changed), encoding="utf-8")
    return target


def test_a_killed_revision_run_resumes_and_revises_each_document_once(tmp_path: Path) -> None:
    corpus = write_short_corpus(tmp_path / "corpus.jsonl", 48)
    db = tmp_path / "kb.sqlite"
    assert subprocess.run(cli_ingest(corpus, db), capture_output=True, timeout=300).returncode == 0
    documents = _count(db, "SELECT count(*) FROM documents")
    revision = _revised(corpus, tmp_path / "revised.jsonl")

    crashed = subprocess.Popen(cli_ingest(revision, db), stderr=subprocess.DEVNULL, start_new_session=True)
    _kill_when(crashed, lambda: _count(db, "SELECT count(*) FROM document_revisions") > 0)
    revised_at_kill = _count(db, "SELECT count(*) FROM document_revisions")
    rerun = subprocess.run(cli_ingest(revision, db), capture_output=True, text=True, timeout=300)

    assert rerun.returncode == 0, rerun.stderr
    assert 0 < revised_at_kill < documents
    assert _count(db, "SELECT count(*) FROM documents") == documents
    assert _count(db, "SELECT count(DISTINCT doc_id) FROM documents") == documents
    assert _count(db, "SELECT count(*) FROM documents WHERE text LIKE '%Corrected later by the outlet.'") == documents
    assert _count(db, "SELECT count(*) FROM document_revisions WHERE change = 'replaced'") == documents
    assert _count(db, "SELECT count(DISTINCT doc_id) FROM document_revisions") == documents
    _consistent(db)


def test_a_killed_reanalysis_resumes_and_refreshes_each_document_once(tmp_path: Path) -> None:
    corpus = write_short_corpus(tmp_path / "corpus.jsonl", 64)
    db = tmp_path / "kb.sqlite"
    assert subprocess.run(cli_ingest(corpus, db), capture_output=True, timeout=300).returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE documents SET analysis_version = '0.0.1'")
    documents = _count(db, "SELECT count(*) FROM documents")
    command = [str(SITROOM), "reanalyze", "--db", str(db), "--older-than", __version__]
    fresh = f"SELECT count(*) FROM documents WHERE analysis_version = '{__version__}'"

    crashed = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    _kill_when(crashed, lambda: _count(db, fresh) > 0)
    refreshed_at_kill = _count(db, fresh)
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)

    assert rerun.returncode == 0, rerun.stderr
    assert 0 < refreshed_at_kill < documents
    assert _count(db, fresh) == documents
    assert _count(db, "SELECT count(*) FROM document_revisions WHERE change = 'reanalysed'") == documents
    assert _count(db, "SELECT count(DISTINCT doc_id) FROM document_revisions") == documents
    _consistent(db)
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert "refreshed 0" in again.stderr


def test_publish_killed_at_any_point_leaves_a_knowledge_base_the_next_publish_completes(tmp_path: Path) -> None:
    db, metadata = tmp_path / "kb.sqlite", tmp_path / "metadata.yml"
    text = "Nusra fighters attacked Ahrar positions near Maskanah, report {}."
    pairs = [
        report_pair(f"r{n}", text.format(n), outlet="Reuters", date=f"2014-0{1 + n % 9}-1{n % 10}") for n in range(1000)
    ]
    engine = open_engine(db)
    store_records(engine, pairs)
    engine.dispose()
    command = [str(SITROOM), "publish", str(db), "--metadata", str(metadata)]

    assert subprocess.run(command, capture_output=True, timeout=300).returncode == 0  # a first, cold run
    started = time.monotonic()
    assert subprocess.run(command, capture_output=True, timeout=300).returncode == 0
    duration = time.monotonic() - started
    kills, fraction = 0, 0.3
    while True:  # kill later and later (the end of a run: indexes, metadata, checkpoint) until one finishes
        run = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            run.wait(timeout=duration * fraction)
            break
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
            kills += 1
            _consistent(db)
        fraction += 0.1
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)

    assert kills >= 2 and rerun.returncode == 0, rerun.stderr
    assert yaml.safe_load(metadata.read_text(encoding="utf-8"))["databases"]["kb"]["queries"]
    assert list(tmp_path.glob(".metadata.yml.*")) == []
    with sqlite3.connect(db) as connection:
        for table in ("actors", "places", "quotes", "claims", "events"):
            connection.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
        found = connection.execute("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'Maskanah'").fetchone()[0]
    assert found == 1000
    _consistent(db)
