"""Concurrent ingest runs into one SQLite knowledge base neither corrupt it nor store a document twice."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sitroom.store.database import open_engine
from tests.integration.test_crash_resume import cli_ingest, dask_ingest, unique_texts, write_short_corpus

OPEN_KNOWLEDGE_BASE = "import sys; from sitroom.store.database import open_engine; open_engine(sys.argv[1])"


def run_at_once(commands: list[list[str]], timeout: float = 120) -> list[tuple[int, str]]:
    """Start every command, then wait for all: (exit code, stderr) of each."""
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for command in commands]
    stderrs = [run.communicate(timeout=timeout)[1] for run in runs]
    return [(run.returncode, stderr) for run, stderr in zip(runs, stderrs, strict=True)]


@pytest.mark.parametrize("second_runner", [cli_ingest, dask_ingest], ids=["cli+cli", "cli+dask"])
def test_two_concurrent_ingests_of_overlapping_corpora(
    tmp_path: Path, second_runner: Callable[[Path, Path], list[str]]
) -> None:
    first = write_short_corpus(tmp_path / "first.jsonl", 40)
    second = write_short_corpus(tmp_path / "second.jsonl", 40, start=20)
    db = tmp_path / "kb.sqlite"
    open_engine(db).dispose()  # the schema exists: concurrent creation is the next test's subject

    outcomes = run_at_once([cli_ingest(first, db), second_runner(second, db)])

    assert [code for code, _ in outcomes] == [0, 0], outcomes
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        texts = [row[0] for row in connection.execute("SELECT text FROM documents")]
        # FTS5's own check that its index matches the documents table; raises if it does not.
        connection.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        errors = connection.execute("SELECT count(*) FROM ingest_errors").fetchone()[0]
    assert sorted(texts) == sorted(unique_texts(first) | unique_texts(second))
    assert errors == 0


def test_processes_opening_a_new_knowledge_base_at_once(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    outcomes = run_at_once([[sys.executable, "-c", OPEN_KNOWLEDGE_BASE, str(db)]] * 4)
    assert [code for code, _ in outcomes] == [0] * 4, outcomes
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
