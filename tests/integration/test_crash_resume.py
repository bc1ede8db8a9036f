"""An ingest killed with SIGKILL mid-run and started again stores every document exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sitroom.corpus import read_documents
from sitroom.documents import Document
from tests.conftest import FAKES

SITROOM = Path(sys.executable).parent / "sitroom"
# Short articles keep the runs fast; the crash and the bookkeeping are what is tested.
TEXT_CHARS = 500
DISTRIBUTED_INGEST = """
import sys
from pathlib import Path
from sitroom.distributed import ingest_distributed
ingest_distributed(Path(sys.argv[1]), sys.argv[2], workers=2, partition_size=8)
"""


def write_short_corpus(target: Path, count: int, start: int = 0) -> Path:
    """``count`` FA-KES articles from ``start``, each cut to its first ``TEXT_CHARS`` characters."""
    lines = FAKES.read_text(encoding="utf-8").splitlines()[start : start + count]
    rows = [json.loads(line) for line in lines]
    shortened = (json.dumps({**row, "text": row["text"][:TEXT_CHARS]}) for row in rows)
    target.write_text("".join(line + "\n" for line in shortened), encoding="utf-8")
    return target


def unique_texts(corpus: Path) -> set[str]:
    return {item.text for item in read_documents(corpus) if isinstance(item, Document)}


def stored_count(db: Path) -> int:
    """Documents stored so far (0 while the database or its tables do not exist yet)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def kill_when_stored(process: subprocess.Popen[bytes], db: Path, deadline_s: float = 180) -> int:
    """SIGKILL the process (and its workers) once some documents are stored; how many were."""
    deadline = time.monotonic() + deadline_s
    while (stored := stored_count(db)) == 0:
        assert process.poll() is None, "the ingest finished or failed before it could be killed"
        assert time.monotonic() < deadline, "nothing was stored in time"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return stored


def knowledge_base_state(db: Path) -> tuple[str, list[str], list[str], list[str]]:
    with sqlite3.connect(db) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        texts = [row[0] for row in connection.execute("SELECT text FROM documents")]
        ids = [row[0] for row in connection.execute("SELECT doc_id FROM documents")]
        errors = [row[0] for row in connection.execute("SELECT source FROM ingest_errors")]
    return integrity, texts, ids, errors


def cli_ingest(corpus: Path, db: Path) -> list[str]:
    return [str(SITROOM), "ingest", str(corpus), "--db", str(db)]


def dask_ingest(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", DISTRIBUTED_INGEST, str(corpus), str(db)]


@pytest.mark.parametrize(
    ("command_for", "documents"), [(cli_ingest, 120), (dask_ingest, 32)], ids=["cli", "dask-2-workers"]
)
def test_killed_ingest_resumes_and_stores_each_document_once(
    tmp_path: Path, command_for: Callable[[Path, Path], list[str]], documents: int
) -> None:
    corpus = write_short_corpus(tmp_path / "corpus.jsonl", documents)
    db = tmp_path / "kb.sqlite"
    command = command_for(corpus, db)

    crashed = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    stored_at_kill = kill_when_stored(crashed, db)
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)

    assert rerun.returncode == 0, rerun.stderr
    expected = unique_texts(corpus)
    integrity, texts, ids, errors = knowledge_base_state(db)
    assert 0 < stored_at_kill < len(expected)
    assert integrity == "ok"
    assert sorted(texts) == sorted(expected)
    assert len(ids) == len(set(ids))
    assert errors == []
