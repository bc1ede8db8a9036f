"""Throughput and memory benchmarks; writes docs/benchmarks.md.

    .venv/bin/python bench/run.py            # FA-KES (804 articles) and the 20,000-document corpus
    .venv/bin/python bench/run.py --quick    # 200 FA-KES articles, printed only

Modes, each measured in a fresh process so peak memory is its own:
  spacy        the bare spaCy model (nlp.pipe) on the same texts: the speed limit
  sitroom-1    sitroom's full pipeline (pipeline.analyze) in one process
  sitroom-2p   the same in a pool of 2 processes, each building the pipeline once
  dask-analyse-1, dask-analyse-2
               the analysis alone on a local Dask cluster of 1 or 2 workers
  dask-ingest-1, dask-ingest-2
               ingest_distributed on such a cluster, into a fresh knowledge base
Pipelines (and Dask workers) are loaded before the clock starts. The 20,000-document corpus repeats
FA-KES with the copy number appended to every text, so no copy is skipped as already stored.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import partial
from itertools import islice
from pathlib import Path

import psutil
from spacy.language import Language

from sitroom import pipeline
from sitroom.documents import Document
from sitroom.readers import read_jsonl
from sitroom.settings import PARTITION_SIZE, Settings

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "articles.jsonl"
REPORT = ROOT / "docs" / "benchmarks.md"
MODES = (
    "spacy",
    "sitroom-1",
    "sitroom-2p",
    "dask-analyse-1",
    "dask-analyse-2",
    "dask-ingest-1",
    "dask-ingest-2",
)
# On the large corpus: bare spaCy, the full pipeline in one process, in 2 processes, and Dask ingest on 2 workers.
LARGE_MODES = ("spacy", "sitroom-1", "sitroom-2p", "dask-ingest-2")
CHUNK = PARTITION_SIZE  # documents per task, as ingest_distributed sends them
SAMPLE_SECONDS = 0.5
Outcome = tuple[int, float, float]  # documents analysed, seconds, peak RSS of one worker (MB)


@dataclass
class Measurement:
    corpus: str
    mode: str
    documents: int
    tokens: int
    seconds: float
    cpu_seconds: float  # CPU time of the worker processes: what the run costs, whatever else is running
    peak_rss_mb: float  # the largest peak resident memory of any one worker process
    rss_mid_mb: float  # worker memory half-way through the run
    rss_end_mb: float  # worker memory at the end: equal to the above when memory is flat
    driver_rss_mid_mb: float  # the same for the process driving the run (the Dask client)
    driver_rss_end_mb: float

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds


# ---- corpora ----------------------------------------------------------------------------------


def write_corpus(target: Path, size: int) -> Path:
    """``size`` FA-KES rows; past the first 804, repeats with ``[copy N]`` appended to id and text."""
    rows = [json.loads(line) for line in FAKES.read_text(encoding="utf-8").splitlines()]
    with target.open("w", encoding="utf-8") as handle:
        for number in range(size):
            copy, index = divmod(number, len(rows))
            row = rows[index]
            if copy:
                row = {**row, "id": f"{row['id']}-copy{copy}", "text": f"{row['text']} [copy {copy}]"}
            handle.write(json.dumps(row) + "\n")
    return target


def read_corpus(path: Path) -> Iterator[Document]:
    return (item for item in read_jsonl(path) if isinstance(item, Document))


def count_tokens(path: Path, settings: Settings) -> int:
    tokenizer = pipeline.load_model(settings.model).tokenizer
    return sum(len(tokenizer(document.text)) for document in read_corpus(path))


# ---- memory sampling ----------------------------------------------------------------------------


class WorkerMemory:
    """Samples the resident memory of the worker processes (or of this one) while a run goes on."""

    def __init__(self, workers: Callable[[], list[psutil.Process]]) -> None:
        self.workers = workers
        self.samples: list[float] = []
        self.driver_samples: list[float] = []
        self.cpu_seconds = 0.0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self.cpu_seconds = -self._cpu_seconds()
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stopped.set()
        self.thread.join()
        self.cpu_seconds += self._cpu_seconds()

    def _cpu_seconds(self) -> float:
        total = 0.0
        for process in self.workers():
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system
        return total

    def _sample(self) -> None:
        while not self.stopped.wait(SAMPLE_SECONDS):
            sizes = []
            for process in self.workers():
                try:
                    sizes.append(process.memory_info().rss / 2**20)
                except psutil.Error:
                    continue
            self.samples.append(max(sizes, default=0.0))
            self.driver_samples.append(psutil.Process().memory_info().rss / 2**20)

    def mid_and_end(self) -> tuple[float, float, float, float]:
        """Worker memory half-way and at the end, then the same for the driving process."""
        if not self.samples:
            return 0.0, 0.0, 0.0, 0.0
        middle = len(self.samples) // 2
        return self.samples[middle], self.samples[-1], self.driver_samples[middle], self.driver_samples[-1]


def this_process() -> list[psutil.Process]:
    return [psutil.Process()]


def child_processes() -> list[psutil.Process]:
    children: list[psutil.Process] = psutil.Process().children(recursive=True)
    return children


def own_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- the modes ----------------------------------------------------------------------------------

_WORKER_NLP: list[Language] = []


def _pool_init(settings: Settings) -> None:
    _WORKER_NLP.append(pipeline.build_pipeline(settings))


def _pool_analyse(documents: list[Document]) -> int:
    nlp = _WORKER_NLP[0]
    return sum(1 for _ in pipeline.analyze(nlp, documents))


def _chunks(documents: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while chunk := list(islice(documents, size)):
        yield chunk


def run_spacy(path: Path, settings: Settings, memory: WorkerMemory) -> Outcome:
    nlp = pipeline.load_model(settings.model)
    with memory:
        started = time.perf_counter()
        count = sum(1 for _ in nlp.pipe((d.text for d in read_corpus(path)), batch_size=settings.batch_size))
        seconds = time.perf_counter() - started
    return count, seconds, own_peak_mb()


def run_sitroom(path: Path, settings: Settings, memory: WorkerMemory) -> Outcome:
    nlp = pipeline.build_pipeline(settings)
    with memory:
        started = time.perf_counter()
        count = sum(1 for _ in pipeline.analyze(nlp, read_corpus(path), batch_size=settings.batch_size))
        seconds = time.perf_counter() - started
    return count, seconds, own_peak_mb()


def run_pool(path: Path, settings: Settings, memory: WorkerMemory, processes: int = 2) -> Outcome:
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, spawn, initializer=_pool_init, initargs=(settings,)) as pool:
        list(pool.map(_pool_analyse, [[]] * processes))  # every worker has built its pipeline
        with memory:
            started = time.perf_counter()
            count = sum(pool.map(_pool_analyse, _chunks(read_corpus(path), CHUNK)))
            seconds = time.perf_counter() - started
    # The workers have exited: the largest peak of any of them.
    return count, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_dask_analysis(path: Path, settings: Settings, memory: WorkerMemory, workers: int) -> Outcome:
    """The workers' analysis alone: partitions sent and results counted, nothing stored."""
    from distributed import as_completed

    from sitroom.distributed import analyse_partition, dask_client, worker_pipeline

    with dask_client(workers) as client:
        client.run(worker_pipeline, settings)
        with memory:
            started = time.perf_counter()
            count, pending = 0, as_completed()  # type: ignore[no-untyped-call]
            for chunk in _chunks(read_corpus(path), CHUNK):
                future = client.submit(analyse_partition, chunk, settings, pure=False)
                pending.add(future)  # type: ignore[no-untyped-call]
                while pending.count() >= 2 * workers:  # type: ignore[no-untyped-call]
                    count += len(next(pending).result())
            count += sum(len(future.result()) for future in pending)
            seconds = time.perf_counter() - started
        peaks = client.run(own_peak_mb)
    return count, seconds, max(peaks.values())


def run_dask(path: Path, settings: Settings, memory: WorkerMemory, workers: int) -> Outcome:
    """``ingest_distributed``: analysis, partition files and the knowledge base."""
    from sitroom.distributed import dask_client, ingest_distributed, worker_pipeline

    with tempfile.TemporaryDirectory() as scratch, dask_client(workers) as client:
        address = client.scheduler_info()["address"]
        client.run(worker_pipeline, settings)
        with memory:
            started = time.perf_counter()
            knowledge_base = str(Path(scratch) / "kb.sqlite")
            summary = ingest_distributed(path, knowledge_base, scheduler=address, settings=settings)
            seconds = time.perf_counter() - started
        peaks = client.run(own_peak_mb)
    return summary.added + summary.errors, seconds, max(peaks.values())


Runner = Callable[[Path, Settings, WorkerMemory], Outcome]
RUNNERS: dict[str, tuple[Runner, Callable[[], list[psutil.Process]]]] = {
    "spacy": (run_spacy, this_process),
    "sitroom-1": (run_sitroom, this_process),
    "sitroom-2p": (run_pool, child_processes),
    "dask-analyse-1": (partial(run_dask_analysis, workers=1), child_processes),
    "dask-analyse-2": (partial(run_dask_analysis, workers=2), child_processes),
    "dask-ingest-1": (partial(run_dask, workers=1), child_processes),
    "dask-ingest-2": (partial(run_dask, workers=2), child_processes),
}


def measure(mode: str, corpus: str, path: Path, tokens: int) -> Measurement:
    """Run one mode in this process and describe the run."""
    run, workers = RUNNERS[mode]
    memory = WorkerMemory(workers)  # sampled during the timed part of the run only
    documents, seconds, peak = run(path, Settings(), memory)
    memory_at = memory.mid_and_end()
    return Measurement(corpus, mode, documents, tokens, seconds, memory.cpu_seconds, peak, *memory_at)


def measure_in_fresh_process(mode: str, corpus: str, path: Path, tokens: int) -> Measurement:
    command = [sys.executable, __file__, "--measure", mode, corpus, str(path), str(tokens)]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return Measurement(**json.loads(finished.stdout.strip().splitlines()[-1]))


# ---- the report ---------------------------------------------------------------------------------


def _commit() -> str:
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    code = ["src", "bench", "pyproject.toml"]  # not docs/, which this run itself rewrites
    status = ["git", "status", "--porcelain", "--", *code]
    dirty = subprocess.run(status, cwd=ROOT, capture_output=True, text=True).stdout
    return found.stdout.strip() + (" + uncommitted changes" if dirty.strip() else "")


def table(measurements: list[Measurement]) -> str:
    bare = {m.corpus: m.documents_per_second for m in measurements if m.mode == "spacy"}
    lines = [
        "| corpus | mode | documents | seconds | documents/s | tokens/s | vs bare spaCy | CPU s / 100 docs "
        "| peak RSS per worker (MB) | worker RSS mid → end (MB) | driver RSS mid → end (MB) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measurements:
        ratio = f"{m.documents_per_second / bare[m.corpus]:.2f}" if m.corpus in bare else ""
        lines.append(
            f"| {m.corpus} | {m.mode} | {m.documents:,} | {m.seconds:.1f} | {m.documents_per_second:.1f} | "
            f"{m.tokens_per_second:,.0f} | {ratio} | {100 * m.cpu_seconds / m.documents:.1f} | "
            f"{m.peak_rss_mb:,.0f} | {m.rss_mid_mb:,.0f} → {m.rss_end_mb:,.0f} | "
            f"{m.driver_rss_mid_mb:,.0f} → {m.driver_rss_end_mb:,.0f} |"
        )
    return "\n".join(lines)


def acceptance(measurements: list[Measurement]) -> str:
    found = {(m.corpus, m.mode): m for m in measurements}
    lines = []
    for corpus in dict.fromkeys(m.corpus for m in measurements):
        rate = {mode: found[corpus, mode].documents_per_second for mode in MODES if (corpus, mode) in found}
        checks = [
            ("full pipeline ÷ bare spaCy (≥ 0.5)", "sitroom-1", "spacy"),
            ("2 processes ÷ 1 process (≥ 1.7)", "sitroom-2p", "sitroom-1"),
            ("Dask analysis, 2 workers ÷ 1 worker (≥ 1.7)", "dask-analyse-2", "dask-analyse-1"),
            ("Dask ingest, 2 workers ÷ 1 worker", "dask-ingest-2", "dask-ingest-1"),
        ]
        for label, top, bottom in checks:
            if top in rate and bottom in rate:
                lines.append(f"- {corpus}: {label}: **{rate[top] / rate[bottom]:.2f}**")
        if {"dask-analyse-1", "dask-analyse-2"} <= rate.keys():
            one, two = (found[corpus, f"dask-analyse-{n}"] for n in (1, 2))
            ideal = 2 * (one.cpu_seconds / one.documents) / (two.cpu_seconds / two.documents)
            lines.append(
                f"- {corpus}: Dask analysis, 2 workers ÷ 1 worker with two free cores, from CPU time "
                f"per document: **{ideal:.2f}**"
            )
        if {"dask-analyse-1", "dask-ingest-1"} <= rate.keys():
            share = 1 - rate["dask-ingest-1"] / rate["dask-analyse-1"]
            label = "share of one-worker ingest time spent beside analysis"
            lines.append(f"- {corpus}: {label}: **{share:.0%}**")
        peak = max(found[corpus, mode].peak_rss_mb for mode in rate)
        lines.append(f"- {corpus}: largest peak RSS of one worker (≤ 1,536 MB): **{peak:,.0f} MB**")
    return "\n".join(lines)


def report(measurements: list[Measurement], started: float, load: tuple[float, float, float]) -> str:
    components = ", ".join(name for name, _ in pipeline.COMPONENTS) or "none yet (spaCy only)"
    return f"""# Benchmarks

Generated by `.venv/bin/python bench/run.py` (about {(time.time() - started) / 60:.0f} minutes);
do not edit by hand.

- measured: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {_commit()}
- machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB,
  Python {platform.python_version()}; load average when started {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}
  (a shared machine: other work running at the same time slows every mode, and most the 2-worker ones)
- sitroom components in the pipeline: {components}
- corpora: FA-KES (Abu Salem et al., ICWSM 2019, CC BY 4.0), 804 Syrian-war news articles; and 20,000
  documents repeating it with the copy number appended to each text

{table(measurements)}

Modes: `spacy` the bare spaCy model on the same texts; `sitroom-1` the full pipeline in one process;
`sitroom-2p` a pool of 2 processes; `dask-analyse-N` the Dask workers' analysis alone (partitions of
{CHUNK} sent with `sitroom.distributed.analyse_partition`, results counted, nothing stored);
`dask-ingest-N` `ingest_distributed` itself, which also writes the partition files and stores every
record in the knowledge base from the client. Pipelines are loaded before the clock starts; tokens
are counted once with the model's tokenizer; "CPU s / 100 docs" is the CPU time of the worker
processes, which other work on the machine does not inflate. "RSS mid → end" is resident memory
half-way through and at the end of the run, for the largest worker and for the driving process
(the Dask client): equal figures mean memory stays flat as the corpus goes by.

## Against the acceptance criteria

{acceptance(measurements)}
"""


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--quick", action="store_true", help="200 FA-KES articles; print, do not write")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument(
        "--large-modes", nargs="*", choices=MODES, default=list(LARGE_MODES), help="modes for the 20,000 corpus"
    )
    parser.add_argument("--large-size", type=int, default=20_000)
    parser.add_argument("--measure", nargs=4, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure:
        mode, corpus, path, tokens = arguments.measure
        print(json.dumps(asdict(measure(mode, corpus, Path(path), int(tokens)))))
        return
    started, load = time.time(), os.getloadavg()
    settings = Settings()
    measurements: list[Measurement] = []
    with tempfile.TemporaryDirectory() as scratch:
        corpora = [("FA-KES", 200 if arguments.quick else 804, arguments.modes)]
        if not arguments.quick:
            large = arguments.large_size
            corpora.append((f"{large:,} docs", large, arguments.large_modes))
        for name, size, modes in corpora:
            path = write_corpus(Path(scratch) / f"corpus-{size}.jsonl", size)
            tokens = count_tokens(path, settings)
            for mode in modes:
                measurements.append(measure_in_fresh_process(mode, name, path, tokens))
                print(table(measurements[-1:]).splitlines()[-1], flush=True)
                if not arguments.quick:  # after every mode, so a long run interrupted keeps what it measured
                    REPORT.write_text(report(measurements, started, load), encoding="utf-8")
    if arguments.quick:
        print(report(measurements, started, load))


if __name__ == "__main__":
    main()
