"""Distributed ingest on Dask: corpus → partitions → records (JSON Lines + Parquet) → knowledge base.

The client only schedules: it plans slices of the corpus (line ranges of JSON Lines files, lists of files;
see ``sitroom.corpus``) without reading their texts, and keeps a bounded number of slices in flight, so
memory stays flat however large the corpus. Each worker process builds the pipeline once and, per slice,
reads its documents, drops those already stored (by content hash), analyses the rest (or reads the results
a killed run already wrote under ``work_dir``, files named by a digest of their content), writes the
results, then links and stores them itself. Identities have deterministic keys and the
database's unique constraints and upserts settle conflicts between workers: on PostgreSQL they store
concurrently, on SQLite one at a time (each partition's transaction takes the write lock). Storing is
idempotent by content hash, so a run killed at any point and started again stores every document once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from queue import SimpleQueue

import dask.config
import pyarrow as pa
import pyarrow.parquet as pq
import spacy.about
import spacy.util
from distributed import Client, Future, LocalCluster
from spacy.language import Language
from sqlalchemy import Engine

from sitroom import pipeline
from sitroom.corpus import CorpusSlice, ItemBatch, plan_slices
from sitroom.documents import Document, ReadError
from sitroom.ingest import IngestSummary, new_documents
from sitroom.record import ErrorRecord, Record
from sitroom.settings import PARTITION_SIZE, Settings
from sitroom.store.database import checkpoint, open_engine
from sitroom.store.writer import store_documents, store_error
from sitroom.versions import AnalysisVersion, current_version

Result = Record | ErrorRecord
ProgressCallback = Callable[[int], None]

log = logging.getLogger("sitroom.distributed")

_PIPELINES: dict[Settings, Language] = {}


def worker_pipeline(settings: Settings) -> Language:
    """The pipeline for ``settings``, built once per process and reused by every partition after."""
    if settings not in _PIPELINES:
        _PIPELINES[settings] = pipeline.build_pipeline(settings)
    return _PIPELINES[settings]


def analyse_partition(documents: list[Document], settings: Settings) -> list[Result]:
    """Run on a worker: one record (or error record) per document, in order."""
    return list(pipeline.analyze(worker_pipeline(settings), documents, batch_size=settings.batch_size))


def pipeline_fingerprint(settings: Settings) -> str:
    """What analysis results depend on: the settings, sitroom's code and data, the spaCy model's version.

    Partition files are reused only under the same fingerprint, so changed code never serves stale records.
    """
    package = Path(pipeline.__file__).parent
    model_version = spacy.util.get_package_version(settings.model)
    versions = (spacy.about.__version__, model_version)
    digest = hashlib.sha256(repr((settings, pipeline.COMPONENTS, versions)).encode())
    data = sorted((package / "knowledge").rglob("data/*"))
    for source in [*sorted(package.rglob("*.py")), *data, *settings.actor_files]:
        if source.is_file():
            digest.update(source.read_bytes())
    return digest.hexdigest()


def partition_digest(documents: Iterable[Document], fingerprint: str) -> str:
    """A name for a partition's results that changes with its documents, their metadata or the pipeline."""
    digest = hashlib.sha256(fingerprint.encode())
    for document in documents:
        fields = [document.id, document.content_hash, document.title, document.date, document.outlet]
        digest.update(json.dumps([*fields, document.language, document.source]).encode())
    return digest.hexdigest()[:32]


def default_work_dir(db: str) -> Path:
    """Where partition files go by default: beside a SQLite file, else ``./sitroom-partitions``."""
    return Path.cwd() / "sitroom-partitions" if "://" in db else Path(f"{db}.partitions")


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file and rename, so ``path`` is either absent or complete."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(temporary)
    os.replace(temporary, path)


_PARQUET_SCHEMA = pa.schema(
    [(name, pa.string()) for name in ("id", "source", "content_hash", "title", "date", "outlet")]
    + [("record", pa.large_string()), ("error", pa.string())]
)


def _row(result: Result, documents: dict[str, Document]) -> dict[str, str | None]:
    document = documents.get(result.id)
    row = dict.fromkeys(_PARQUET_SCHEMA.names)
    row.update(id=result.id, content_hash=document.content_hash if document else None)
    if isinstance(result, ErrorRecord):
        row.update(source=result.source, error=result.error)
    else:
        row.update(source=document.source if document else None, record=result.to_json())
        row.update(title=result.title, date=result.date, outlet=result.outlet)
    return row


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def write_partition(work_dir: Path, digest: str, documents: list[Document], results: list[Result]) -> Path:
    """Write a partition's results as Parquet, then JSON Lines (whose presence marks it complete)."""
    by_id = {document.id: document for document in documents}
    table = pa.Table.from_pylist([_row(result, by_id) for result in results], schema=_PARQUET_SCHEMA)
    _atomic_write(work_dir / f"{digest}.parquet", lambda target: pq.write_table(table, target))
    lines = "".join(result.model_dump_json() + "\n" for result in results)
    jsonl = work_dir / f"{digest}.jsonl"
    _atomic_write(jsonl, lambda target: _write_text(target, lines))
    return jsonl


def read_partition(jsonl: Path) -> list[Result]:
    """The results of a partition written by :func:`write_partition`."""
    results: list[Result] = []
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        results.append(ErrorRecord.model_validate(data) if "error" in data else Record.model_validate(data))
    return results


@dataclass
class PartitionOutcome:
    """What a worker did with one slice of the corpus."""

    read: int = 0
    added: int = 0
    revised: int = 0
    unchanged: int = 0
    errors: int = 0
    notices: list[tuple[str, str]] = field(default_factory=list)
    """(source, message) of the slice's read errors and reading warnings, for the client to log."""


_ENGINES: dict[str, Engine] = {}


def worker_engine(db: str) -> Engine:
    """The knowledge base at ``db``, opened once per process and reused by every partition after."""
    if db not in _ENGINES:
        _ENGINES[db] = open_engine(db)
    return _ENGINES[db]


def process_slice(
    corpus_slice: CorpusSlice, settings: Settings, db: str, work_dir: str, fingerprint: str
) -> PartitionOutcome:
    """Run on a worker: read a slice of the corpus, store its read errors, then analyse and store its
    documents not stored yet (see :func:`process_partition`; the partition file is named by their digest)."""
    engine = worker_engine(db)
    items = corpus_slice.read()
    documents: list[Document] = []
    notices: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, ReadError):
            store_error(engine, item.source, item.message)
            notices.append((item.source, item.message))
        else:
            notices += [(item.source, warning) for warning in item.warnings]
            documents.append(item)
    fresh, already_stored = new_documents(engine, documents)
    errors = len(items) - len(documents)
    outcome = PartitionOutcome(read=len(items), unchanged=already_stored, errors=errors, notices=notices)
    if fresh:
        digest = partition_digest(fresh, fingerprint)
        stored = process_partition(fresh, settings, db, str(Path(work_dir) / f"{digest}.jsonl"))
        outcome.added, outcome.revised = stored.added, stored.revised
        outcome.unchanged += stored.unchanged
        outcome.errors += stored.errors
    return outcome


def process_partition(documents: list[Document], settings: Settings, db: str, partition_file: str) -> PartitionOutcome:
    """Analyse documents (or read the results already written for them), write the results, store them.

    ``partition_file``: the JSON Lines file of the partition's results (its Parquet file lies beside it).
    """
    written = Path(partition_file)
    if written.exists():
        log.info("partition reused", extra={"partition": written.stem, "documents": len(documents)})
        results = read_partition(written)
    else:
        results = analyse_partition(documents, settings)
        written.parent.mkdir(parents=True, exist_ok=True)
        write_partition(written.parent, written.stem, documents, results)
    return store_partition(worker_engine(db), documents, results, current_version(settings))


def store_partition(
    engine: Engine, documents: list[Document], results: list[Result], version: AnalysisVersion
) -> PartitionOutcome:
    """Store a partition's records in one transaction, and its error records as ingest errors."""
    by_id = {document.id: document for document in documents}
    pairs = [(by_id[result.id], result) for result in results if isinstance(result, Record)]
    counts = store_documents(engine, pairs, version)
    errors = [result for result in results if isinstance(result, ErrorRecord)]
    for error in errors:
        store_error(engine, error.source, error.error)
        log.warning(error.error, extra={"source": error.source})
    refused = len(errors) + len(counts.refused)
    return PartitionOutcome(added=counts.added, revised=counts.revised, unchanged=counts.unchanged, errors=refused)


class _Cluster:
    """A Dask client and the slices it is processing, handed back in completion order.

    Finished futures arrive through a queue their callbacks fill, so the client sleeps until one does
    (Dask's ``as_completed`` wakes ten times a second to look).
    """

    def __init__(self, client: Client) -> None:
        self.client = client
        self.finished: SimpleQueue[Future[PartitionOutcome]] = SimpleQueue()
        self.pending: dict[str, CorpusSlice] = {}
        threads: dict[str, int] = client.nthreads()  # type: ignore[no-untyped-call]
        self.capacity = max(2, 2 * sum(threads.values()))
        address = client.scheduler_info()["address"]
        log.info("cluster ready", extra={"scheduler": address, "workers": len(threads)})

    def submit(self, corpus_slice: CorpusSlice, settings: Settings, db: str, work_dir: Path, fingerprint: str) -> None:
        future = self.client.submit(process_slice, corpus_slice, settings, db, str(work_dir), fingerprint, pure=False)
        self.pending[str(future.key)] = corpus_slice
        future.add_done_callback(self.finished.put)  # type: ignore[no-untyped-call]

    def full(self) -> bool:
        return len(self.pending) >= self.capacity

    def next_finished(self) -> tuple[CorpusSlice, Future[PartitionOutcome]]:
        future = self.finished.get()
        return self.pending.pop(str(future.key)), future


class _Ingestion:
    """Client-side bookkeeping: what is in flight, what the workers stored, what the run has done."""

    def __init__(
        self,
        connect: Callable[[], Client],
        engine: Engine,
        settings: Settings,
        work_dir: Path,
        on_progress: ProgressCallback,
    ) -> None:
        self.connect = connect
        self.cluster: _Cluster | None = None
        self.engine = engine
        self.db = engine.url.render_as_string(hide_password=False)
        self.settings = settings
        self.fingerprint = pipeline_fingerprint(settings)
        self.work_dir = work_dir
        self.on_progress = on_progress
        self.summary = IngestSummary()

    def add(self, corpus_slice: CorpusSlice) -> None:
        """Send a slice of the corpus to the workers (read errors found while planning are stored here)."""
        if isinstance(corpus_slice, ItemBatch) and corpus_slice.only_errors:
            for item in corpus_slice.items:
                if isinstance(item, ReadError):
                    self._error(item.source, item.message)
            return
        cluster = self._submit(corpus_slice)
        while cluster.full():
            self._finish(*cluster.next_finished())

    def drain(self) -> None:
        """Wait for every slice in flight."""
        while self.cluster is not None and self.cluster.pending:
            self._finish(*self.cluster.next_finished())

    def _submit(self, corpus_slice: CorpusSlice) -> _Cluster:
        """Send a slice to the cluster, connecting to it when the first one needs processing."""
        if self.cluster is None:
            self.cluster = _Cluster(self.connect())
        self.cluster.submit(corpus_slice, self.settings, self.db, self.work_dir, self.fingerprint)
        return self.cluster

    def _finish(self, corpus_slice: CorpusSlice, future: Future[PartitionOutcome]) -> None:
        try:
            outcome: PartitionOutcome = future.result()
        except Exception as error:  # a worker died or the pipeline raised outside its components
            self._recover(corpus_slice, error)
            return
        finally:
            future.release()  # type: ignore[no-untyped-call]
        for source, message in outcome.notices:
            log.warning(message, extra={"source": source})
        self.summary.read += outcome.read
        self.summary.added += outcome.added
        self.summary.revised += outcome.revised
        self.summary.already_stored += outcome.unchanged
        self.summary.errors += outcome.errors
        log.info("partition stored", extra={"partition": corpus_slice.label, "added": outcome.added})
        self.on_progress(outcome.read)

    def _recover(self, corpus_slice: CorpusSlice, error: Exception) -> None:
        """Retry a failed slice one document at a time, so one bad document fails alone."""
        message = f"analysis failed: {type(error).__name__}: {error}"
        log.warning("partition failed", extra={"partition": corpus_slice.label, "error": message})
        if corpus_slice.size == 1:
            self._error(corpus_slice.label, message)
            return
        for piece in corpus_slice.split():
            self._submit(piece)

    def _error(self, source: str, message: str) -> None:
        self.summary.read += 1
        self.summary.errors += 1
        store_error(self.engine, source, message)
        log.warning(message, extra={"source": source})
        self.on_progress(1)


# Dask's statistical profiler samples every worker thread's stack every 10 ms; on sitroom's pure-Python
# components that costs about a fifth of the analysis time. A local cluster's scheduler and nannies run in
# the client's process, where Dask's periodic checks (the event loop's health every 20 ms, each nanny's
# worker memory every 100 ms, system metrics every 500 ms) cost about 20 ms of CPU a second whether or not
# any document goes by: most of the client's CPU per document. Once a second (metrics every 2 s) they cost
# about 4 ms a second; they only warn about a blocked loop or restart a worker near its memory limit
# (12 GB a worker here, spaCy workers use about 0.5 GB), which a second later still catches.
_LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def _worker_environment() -> dict[str, object]:
    """The environment Dask gives worker processes, without ``MALLOC_TRIM_THRESHOLD_``.

    Dask sets it to 64 KiB so that glibc returns freed memory to the system at once; with spaCy's many
    short-lived arrays that is a system call per free, and workers spent 12% more CPU per document
    (7.2 → 6.3 CPU s per 100 FA-KES documents without it). Freed memory is still reused.
    """
    environment: dict[str, object] = dask.config.get("distributed.nanny.pre-spawn-environ")
    return {name: value for name, value in environment.items() if name != "MALLOC_TRIM_THRESHOLD_"}


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client on the cluster at ``scheduler``, else on a local cluster of ``workers`` processes."""
    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with (
        dask.config.set(_LOCAL_CLUSTER_CONFIG | {"distributed.nanny.pre-spawn-environ": _worker_environment()}),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def ingest_distributed(
    path: Path,
    db: str,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    work_dir: Path | None = None,
    partition_size: int = PARTITION_SIZE,
    settings: Settings | None = None,
    on_progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Analyse the documents under ``path`` on a Dask cluster and store them in the knowledge base ``db``.

    ``scheduler`` (``tcp://host:port``) uses an existing cluster; otherwise a local cluster of
    ``workers`` processes (default: one per core) is started and stopped. Documents already stored are
    skipped; partition results are kept under ``work_dir`` (default: beside the SQLite file). Each Dask task
    analyses ``partition_size`` documents.
    """
    started = time.perf_counter()
    engine = open_engine(db)
    work_dir = work_dir or default_work_dir(db)
    work_dir.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        run = _Ingestion(
            lambda: stack.enter_context(dask_client(workers, scheduler)),
            engine,
            settings or Settings(),
            work_dir,
            on_progress or (lambda _: None),
        )
        for corpus_slice in plan_slices(path, partition_size):
            run.add(corpus_slice)
        run.drain()
    checkpoint(engine)
    run.summary.seconds = time.perf_counter() - started
    log.info("ingest finished", extra=asdict(run.summary))
    return run.summary
