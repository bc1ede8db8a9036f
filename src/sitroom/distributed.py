"""Distributed ingest on Dask: corpus → partitions → records (JSON Lines + Parquet) → knowledge base.

The client only schedules: it reads the corpus lazily, drops documents already stored (by content hash)
before sending anything, and keeps a bounded number of partitions in flight, so memory stays flat however
large the corpus. Each worker process builds the pipeline once and, per partition, analyses it (or reads
the results a killed run already wrote under ``work_dir``, files named by a digest of their content),
writes the results, then links and stores them itself. Identities have deterministic keys and the
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
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path

import dask.config
import pyarrow as pa
import pyarrow.parquet as pq
import spacy.about
import spacy.util
from distributed import Client, Future, LocalCluster, as_completed
from spacy.language import Language
from sqlalchemy import Engine

from sitroom import pipeline
from sitroom.documents import Document, ReadError
from sitroom.ingest import IngestSummary
from sitroom.readers import read_documents
from sitroom.record import ErrorRecord, Record
from sitroom.settings import PARTITION_SIZE, Settings
from sitroom.store.database import checkpoint, open_engine
from sitroom.store.writer import known_hashes, store_documents, store_error
from sitroom.versions import AnalysisVersion, current_version

Item = Document | ReadError
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


def _partitions(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class PartitionOutcome:
    """What a worker did with one partition."""

    added: int = 0
    revised: int = 0
    unchanged: int = 0
    errors: int = 0


_ENGINES: dict[str, Engine] = {}


def worker_engine(db: str) -> Engine:
    """The knowledge base at ``db``, opened once per process and reused by every partition after."""
    if db not in _ENGINES:
        _ENGINES[db] = open_engine(db)
    return _ENGINES[db]


def process_partition(documents: list[Document], settings: Settings, db: str, partition_file: str) -> PartitionOutcome:
    """Run on a worker: analyse a partition (or read the results already written there), write, store.

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
    return PartitionOutcome(counts.added, counts.revised, counts.unchanged, len(errors) + len(counts.refused))


@dataclass
class _Partition:
    digest: str
    documents: list[Document]


class _Cluster:
    """A Dask client and the partitions it is processing, handed back in completion order."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.completed = as_completed()  # type: ignore[no-untyped-call]
        threads: dict[str, int] = client.nthreads()  # type: ignore[no-untyped-call]
        self.capacity = max(2, 2 * sum(threads.values()))
        address = client.scheduler_info()["address"]
        log.info("cluster ready", extra={"scheduler": address, "workers": len(threads)})

    def submit(self, partition: _Partition, settings: Settings, db: str, work_dir: Path) -> str:
        key = f"sitroom-partition-{partition.digest}"
        partition_file = str(work_dir / f"{partition.digest}.jsonl")
        future = self.client.submit(process_partition, partition.documents, settings, db, partition_file, key=key)
        self.completed.add(future)  # type: ignore[no-untyped-call]
        return key

    def full(self) -> bool:
        return bool(self.completed.count() >= self.capacity)  # type: ignore[no-untyped-call]


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
        self.in_flight: dict[str, _Partition] = {}
        self.in_flight_hashes: set[str] = set()

    def add(self, chunk: list[Item]) -> None:
        """Account for a chunk of corpus items and send its new documents to the workers."""
        self.summary.read += len(chunk)
        documents = self._new_documents(chunk)
        self.on_progress(len(chunk) - len(documents))
        if not documents:
            return
        cluster = self._submit(_Partition(partition_digest(documents, self.fingerprint), documents))
        while cluster.full():
            self._finish(next(cluster.completed))

    def drain(self) -> None:
        """Wait for every partition in flight."""
        if self.cluster is not None:
            for future in self.cluster.completed:
                self._finish(future)

    def _new_documents(self, chunk: list[Item]) -> list[Document]:
        documents: list[Document] = []
        for item in chunk:
            if isinstance(item, ReadError):
                self._error(item.source, item.message)
            else:
                for warning in item.warnings:
                    log.warning(warning, extra={"source": item.source})
                documents.append(item)
        seen = known_hashes(self.engine, (document.content_hash for document in documents))
        seen |= self.in_flight_hashes
        fresh: dict[str, Document] = {}
        for document in documents:
            if document.content_hash in seen or document.content_hash in fresh:
                self.summary.already_stored += 1
            else:
                fresh[document.content_hash] = document
        return list(fresh.values())

    def _submit(self, partition: _Partition) -> _Cluster:
        """Send a partition to the cluster, connecting to it when the first one needs processing."""
        if self.cluster is None:
            self.cluster = _Cluster(self.connect())
        self.in_flight[self.cluster.submit(partition, self.settings, self.db, self.work_dir)] = partition
        self.in_flight_hashes.update(document.content_hash for document in partition.documents)
        return self.cluster

    def _finish(self, future: Future[PartitionOutcome]) -> None:
        partition = self.in_flight.pop(str(future.key))
        self.in_flight_hashes.difference_update(document.content_hash for document in partition.documents)
        try:
            outcome: PartitionOutcome = future.result()
        except Exception as error:  # a worker died or the pipeline raised outside its components
            self._recover(partition, error)
            return
        finally:
            future.release()  # type: ignore[no-untyped-call]
        self.summary.added += outcome.added
        self.summary.revised += outcome.revised
        self.summary.already_stored += outcome.unchanged
        self.summary.errors += outcome.errors
        log.info("partition stored", extra={"partition": partition.digest, "added": outcome.added})
        self.on_progress(len(partition.documents))

    def _recover(self, partition: _Partition, error: Exception) -> None:
        """Retry a failed partition one document at a time, so one bad document fails alone."""
        message = f"analysis failed: {type(error).__name__}: {error}"
        log.warning("partition failed", extra={"partition": partition.digest, "error": message})
        if len(partition.documents) == 1:
            self._error(partition.documents[0].source, message)
            self.on_progress(1)
            return
        for document in partition.documents:
            self._submit(_Partition(partition_digest([document], self.fingerprint), [document]))

    def _error(self, source: str, message: str) -> None:
        self.summary.errors += 1
        store_error(self.engine, source, message)
        log.warning(message, extra={"source": source})


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
        for chunk in _partitions(read_documents(path), partition_size):
            run.add(chunk)
        run.drain()
    checkpoint(engine)
    run.summary.seconds = time.perf_counter() - started
    log.info("ingest finished", extra=asdict(run.summary))
    return run.summary
