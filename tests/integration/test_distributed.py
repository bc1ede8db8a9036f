"""Distributed ingest on a local Dask cluster of two workers stores what a single process stores."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from distributed import Client, Nanny
from spacy.language import Language
from sqlalchemy import Engine, text

from sitroom import distributed
from sitroom.corpus import read_documents
from sitroom.distributed import (
    dask_client,
    ingest_distributed,
    partition_digest,
    pipeline_fingerprint,
    worker_pipeline,
)
from sitroom.ingest import ingest
from sitroom.logs import configure_logging
from sitroom.record import Record
from sitroom.settings import Settings
from sitroom.store.database import open_engine
from tests.conftest import FAKES, fakes_documents


def _first_lines(source: Path, count: int, target: Path) -> Path:
    target.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:count]))
    return target


def _records_by_id(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT doc_id, record FROM documents"))
        return {doc_id: record for doc_id, record in rows}


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of the local cluster ``--workers 2`` starts: two single-threaded worker processes."""
    with dask_client(workers=2) as client:
        yield client.scheduler_info()["address"]


def _environment(names: tuple[str, ...]) -> dict[str, str | None]:
    return {name: os.environ.get(name) for name in names}


def test_local_workers_keep_one_thread_each_and_glibc_default_trimming(scheduler: str) -> None:
    with Client(scheduler) as client:  # type: ignore[no-untyped-call]
        environments = client.run(_environment, ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS"))
    assert len(environments) == 2
    assert all(found == {"MALLOC_TRIM_THRESHOLD_": None, "OMP_NUM_THREADS": "1"} for found in environments.values())


def _periodic_ms(dask_server: Any) -> dict[str, float]:
    return {name: callback.callback_time for name, callback in dask_server.periodic_callbacks.items()}


def test_local_cluster_checks_its_processes_at_most_once_a_second(scheduler: str) -> None:
    # the scheduler and nannies share the client's process: their periodic checks are its CPU per document
    with Client(scheduler) as client:  # type: ignore[no-untyped-call]
        on_scheduler = client.run_on_scheduler(lambda dask_scheduler: _periodic_ms(dask_scheduler))
        on_workers = client.run(lambda dask_worker: _periodic_ms(dask_worker))
    nannies = [_periodic_ms(nanny) for nanny in Nanny._instances]
    assert len(nannies) == len(on_workers) == 2
    for periodic in [on_scheduler, *on_workers.values(), *nannies]:
        assert periodic["tick"] >= 1000 and periodic["monitor"] >= 2000
    assert all(nanny["memory_monitor"] >= 1000 for nanny in nannies)


def test_two_workers_store_what_one_process_stores(tmp_path: Path, scheduler: str, nlp: Language) -> None:
    corpus = _first_lines(FAKES, 24, tmp_path / "fakes24.jsonl")
    single = open_engine(tmp_path / "single.sqlite")
    ingest(single, nlp, read_documents(corpus))
    progress: list[int] = []
    work_dir = tmp_path / "parts"
    db = str(tmp_path / "dist.sqlite")

    summary = ingest_distributed(
        corpus, db, scheduler=scheduler, work_dir=work_dir, partition_size=6, on_progress=progress.append
    )

    expected = _records_by_id(single)
    assert summary.read == sum(progress) == 24
    assert summary.added == len(expected) and summary.errors == 0
    assert _records_by_id(open_engine(db)) == expected
    parquet_rows = [row for part in work_dir.glob("*.parquet") for row in pq.read_table(part).to_pylist()]
    assert sorted(row["id"] for row in parquet_rows) == sorted(expected)
    assert all(Record.model_validate_json(row["record"]).id == row["id"] for row in parquet_rows)
    assert len(list(work_dir.glob("*.jsonl"))) == len(list(work_dir.glob("*.parquet"))) == 4

    rerun = ingest_distributed(corpus, db, scheduler=scheduler, work_dir=work_dir, partition_size=6)
    assert (rerun.added, rerun.already_stored) == (0, 24)
    assert _records_by_id(open_engine(db)) == expected


def test_a_repeated_id_is_renamed_as_one_process_renames_it(tmp_path: Path, scheduler: str, nlp: Language) -> None:
    rows = [json.dumps({"id": "dup", "text": document.text}) for document in fakes_documents(3)]
    corpus = tmp_path / "dup.jsonl"
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    single = open_engine(tmp_path / "single.sqlite")
    ingest(single, nlp, read_documents(corpus))
    db = str(tmp_path / "dist.sqlite")

    ingest_distributed(corpus, db, scheduler=scheduler, work_dir=tmp_path / "parts", partition_size=1)

    stored = _records_by_id(open_engine(db))
    assert sorted(stored) == ["dup", "dup~2", "dup~3"]
    assert stored == _records_by_id(single)


def test_partitions_already_written_are_stored_without_analysis(tmp_path: Path, scheduler: str) -> None:
    corpus = _first_lines(FAKES, 6, tmp_path / "fakes6.jsonl")
    work_dir = tmp_path / "parts"
    ingest_distributed(corpus, str(tmp_path / "first.sqlite"), scheduler=scheduler, work_dir=work_dir)
    (written,) = work_dir.glob("*.jsonl")
    lines = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    written.write_text("".join(json.dumps({**line, "title": "from the file"}) + "\n" for line in lines))

    # As if the first run had died after writing its partition but before storing it.
    second = str(tmp_path / "second.sqlite")
    summary = ingest_distributed(corpus, second, scheduler=scheduler, work_dir=work_dir)

    records = _records_by_id(open_engine(second))
    assert summary.added == len(records) == 6
    assert {Record.model_validate_json(record).title for record in records.values()} == {"from the file"}


def test_a_failing_pipeline_gives_one_error_per_document(tmp_path: Path, scheduler: str) -> None:
    corpus = _first_lines(FAKES, 3, tmp_path / "fakes3.jsonl")
    db = str(tmp_path / "kb.sqlite")

    summary = ingest_distributed(corpus, db, scheduler=scheduler, settings=Settings(model="no_such_model"))

    assert (summary.read, summary.added, summary.errors) == (3, 0, 3)
    with open_engine(db).connect() as connection:
        rows = connection.execute(text("SELECT source, error FROM ingest_errors"))
        errors = [(source, error) for source, error in rows]
    assert sorted(source for source, _ in errors) == [f"{corpus}:{line}" for line in (1, 2, 3)]
    assert all("no_such_model" in error for _, error in errors)


def test_each_process_builds_the_pipeline_once_per_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Settings] = []

    def fake_build(settings: Settings) -> Language:
        built.append(settings)
        return Language()

    monkeypatch.setattr(distributed.pipeline, "build_pipeline", fake_build)
    monkeypatch.setattr(distributed, "_PIPELINES", {})
    first, second = Settings(model="a"), Settings(model="b")
    assert worker_pipeline(first) is worker_pipeline(Settings(model="a"))
    assert worker_pipeline(second) is not worker_pipeline(first)
    assert built == [first, second]


def test_partition_digest_follows_content_and_metadata() -> None:
    documents = fakes_documents(3)
    retitled = [replace(documents[0], title="other"), *documents[1:]]
    assert partition_digest(documents, "pipeline") == partition_digest(list(documents), "pipeline")
    assert partition_digest(documents, "pipeline") != partition_digest(retitled, "pipeline")
    assert partition_digest(documents, "pipeline") != partition_digest(documents[::-1], "pipeline")
    assert partition_digest(documents, "pipeline") != partition_digest(documents, "changed pipeline")


def test_pipeline_fingerprint_follows_settings_and_actor_files(tmp_path: Path) -> None:
    actors = tmp_path / "actors.yaml"
    actors.write_text("- name: Jaish al-Fatah\n  kind: armed_group\n")
    with_actors = pipeline_fingerprint(Settings(actor_files=(actors,)))
    assert pipeline_fingerprint(Settings(actor_files=(actors,))) == with_actors
    assert pipeline_fingerprint(Settings()) != with_actors
    actors.write_text("- name: Jaish al-Islam\n  kind: armed_group\n")
    assert pipeline_fingerprint(Settings(actor_files=(actors,))) != with_actors


def test_bad_documents_become_error_records_and_the_run_goes_on(tmp_path: Path, scheduler: str) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(b"\x00\x01\x02" * 100)
    good = fakes_documents(2)
    rows = [
        json.dumps({"id": "good", "text": good[0].text}),
        "{broken",
        json.dumps({"id": "too-long", "text": "word " * 300_000}),
        json.dumps({"id": "good-copy", "text": good[0].text}),
        json.dumps({"id": "other", "text": good[1].text}),
    ]
    (folder / "rows.jsonl").write_text("\n".join(rows) + "\n")
    db = str(tmp_path / "kb.sqlite")

    summary = ingest_distributed(folder, db, scheduler=scheduler, partition_size=3)

    assert (summary.read, summary.added, summary.already_stored, summary.errors) == (7, 2, 1, 4)
    with open_engine(db).connect() as connection:
        errors = dict(connection.execute(text("SELECT source, error FROM ingest_errors")).all())
    assert errors[str(folder / "empty.txt")] == "empty document"
    assert errors[str(folder / "binary.bin")].startswith("binary file")
    assert errors[f"{folder / 'rows.jsonl'}:2"].startswith("malformed JSON line")
    assert errors[f"{folder / 'rows.jsonl'}:3"] == "text too long: 1,500,000 characters"
    assert sorted(_records_by_id(open_engine(db))) == ["good", "other"]


@pytest.fixture
def json_log(tmp_path: Path) -> Iterator[Path]:
    """sitroom's logs as JSON lines in a file, for one test."""
    destination = tmp_path / "sitroom.log"
    logger = configure_logging(style="json", level="INFO", destination=str(destination))
    yield destination
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.propagate = True


def test_runs_are_logged_as_json_lines(tmp_path: Path, scheduler: str, json_log: Path) -> None:
    corpus = _first_lines(FAKES, 2, tmp_path / "fakes2.jsonl")

    ingest_distributed(corpus, str(tmp_path / "kb.sqlite"), scheduler=scheduler)

    entries = [json.loads(line) for line in json_log.read_text(encoding="utf-8").splitlines()]
    assert all({"ts", "level", "logger", "message"} <= entry.keys() for entry in entries)
    by_message = {entry["message"]: entry for entry in entries}
    assert by_message["cluster ready"]["workers"] == 2
    assert by_message["partition stored"]["added"] == 2
    assert (by_message["ingest finished"]["read"], by_message["ingest finished"]["errors"]) == (2, 0)


def test_reading_warnings_and_errors_found_by_workers_are_logged_by_the_client(
    tmp_path: Path, scheduler: str, json_log: Path
) -> None:
    text = fakes_documents(1)[0].text
    rows = [json.dumps({"id": "dup", "text": text}), "{broken", json.dumps({"id": "dup", "text": text + " More."})]
    corpus = tmp_path / "rows.jsonl"
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")

    ingest_distributed(corpus, str(tmp_path / "kb.sqlite"), scheduler=scheduler, work_dir=tmp_path / "parts")

    entries = [json.loads(line) for line in json_log.read_text(encoding="utf-8").splitlines()]
    warnings = {(entry.get("source"), entry["message"]) for entry in entries if entry["level"] == "warning"}
    assert (f"{corpus}:3", "duplicate id 'dup': renamed 'dup~2'") in warnings
    assert any(source == f"{corpus}:2" and message.startswith("malformed JSON line") for source, message in warnings)
