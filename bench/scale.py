"""The knowledge base at scale: API latency over a large base, storing into it, and Dask storing on workers.

    nice .venv/bin/python bench/scale.py --db .data/kb-1m.sqlite --db "postgresql+psycopg://..." \\
        [--workers sqlite --workers "postgresql+psycopg://..."]

A large base is built first by ``bench/synthetic_kb.py`` (FA-KES replicated to 200,000 documents). For
each base the script serves it with ``sitroom serve`` and times, one request at a time, the list (first
page and 20 keyset pages deep), map (clusters by zoom), timeline (bins) and network endpoints, with and
without filters; then it times storing 400 new documents into the base and into an empty one (the same
records, so the difference is the base's size; they are deleted again). With ``--workers sqlite`` or
``--workers URL`` it ingests the FA-KES corpus with 1 and 2 Dask workers into fresh bases and reports
documents/s and the client's CPU per document. The results replace the "At scale" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from api_latency import percentiles, server
from synthetic_kb import RECORDS, analysed_fakes, replicate

from sitroom.store.database import open_engine
from sitroom.store.writer import delete_document, store_documents
from sitroom.versions import current_version

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "benchmarks.md"
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "articles.jsonl"
START, END = "<!-- scale:start -->", "<!-- scale:end -->"
TARGET_MS = 100.0
FAR_COPY = 100_000  # copies from here on are dated about 3,600 years after the corpus
Probe = tuple[str, str, dict[str, Any]]


def probes(client: httpx.Client) -> list[Probe]:
    """Labelled requests over values the base holds: a busy actor, a type, a country, a year."""
    top = client.get("/api/network", params={"limit": 1}).json()["edges"]
    actor = top[0]["source"] if top else 1
    return [
        ("events: first page", "/api/events", {"limit": 50}),
        ("events?type", "/api/events", {"type": "ASSAULT", "limit": 50}),
        ("events?actor", "/api/events", {"actor": actor, "limit": 50}),
        ("events?date range", "/api/events", {"date_from": "2016-01-01", "date_to": "2016-06-30", "limit": 50}),
        ("map zoom 3", "/api/events/map", {"zoom": 3}),
        ("map zoom 6 ?type", "/api/events/map", {"zoom": 6, "type": "ASSAULT"}),
        ("map zoom 9, one view", "/api/events/map", {"zoom": 9, "south": 35, "west": 36, "north": 37, "east": 39}),
        ("map ?date range", "/api/events/map", {"zoom": 5, "date_from": "2016-01", "date_to": "2016-06"}),
        ("timeline (months)", "/api/timeline", {}),
        ("timeline weeks ?type", "/api/timeline", {"bin": "week", "type": "ASSAULT"}),
        ("timeline ?country", "/api/timeline", {"country": "SY", "bin": "year"}),
        ("network", "/api/network", {"limit": 300}),
        ("network ?type", "/api/network", {"type": "ASSAULT", "limit": 300}),
        ("network ?actor", "/api/network", {"actor": actor, "limit": 300}),
    ]


def _timed(client: httpx.Client, path: str, params: dict[str, Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    response = client.get(path, params=params)
    elapsed = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    return elapsed, response.json()


def measure_api(db: str, repeats: int) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """Latencies (ms) per label over ``repeats`` rounds after one warm-up round, and the base's size."""
    latencies: dict[str, list[float]] = defaultdict(list)
    with server(db) as url, httpx.Client(base_url=url, timeout=300) as client:
        stats = client.get("/api/stats").json()
        mix = probes(client)
        for round_number in range(repeats + 1):
            for label, path, params in mix:
                elapsed, _ = _timed(client, path, params)
                if round_number:
                    latencies[label].append(elapsed)
            cursor = None
            for _ in range(20):  # keyset pages deep into the list
                elapsed, page = _timed(client, "/api/events", {"limit": 50} | ({"cursor": cursor} if cursor else {}))
                if round_number:
                    latencies["events: keyset pages 2-21"].append(elapsed)
                cursor = page["next_cursor"]
    return latencies, stats


# The writer's phases timed by ``measure_storing``: (label, module, function), outermost first.
PHASES = (
    ("actor and place identities", "sitroom.store.writer", "link_identities"),
    ("corroboration", "sitroom.store.linking", "assign_clusters"),
    ("agreement identities", "sitroom.store.linking", "assign_agreement_identities"),
    ("agreement identities: loading them", "sitroom.store.agreement_identities", "_candidates"),
    ("agreement identities: settling loners", "sitroom.store.agreement_identities", "_settle"),
)
Timings = dict[str, float]


@contextmanager
def timed_phases() -> Iterator[Timings]:
    """Seconds spent in each of ``PHASES`` while the block runs (the functions wrapped with a clock)."""
    spent: Timings = defaultdict(float)
    patched = []
    for label, module_name, name in PHASES:
        module = importlib.import_module(module_name)
        original = getattr(module, name)

        def clocked(*args: Any, _original: Any = original, _label: str = label, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label] += time.perf_counter() - started

        setattr(module, name, clocked)
        patched.append((module, name, original))
    try:
        yield spent
    finally:
        for module, name, original in patched:
            setattr(module, name, original)


def measure_storing(db: str, empty: str, documents: int = 400, first_copy: int = FAR_COPY) -> tuple[Timings, Timings]:
    """Storing ms/document of the same new records into the empty base ``empty`` and into ``db``: in all
    ("all") and in each of ``PHASES``.

    The records are copies ``first_copy`` on of the analysed corpus (``synthetic_kb.replicate``): by default
    dated far beyond any base (year ~5570), where none of their events or agreements meets a stored one; the
    copy after a base's last (``--first-copy``) dates them in its own years, as new reporting would be. The
    records are deleted again from both, so the large base stays as it was (but for agreement identities
    the new reports merged, which stay merged).
    """
    pairs = analysed_fakes(RECORDS)
    batch = [replicate(pairs[n % len(pairs)], first_copy + n // len(pairs)) for n in range(documents)]
    version = current_version()

    def store(target: str) -> Timings:
        engine = open_engine(target)
        started = time.perf_counter()
        with timed_phases() as spent:
            for start in range(0, documents, 200):
                store_documents(engine, batch[start : start + 200], version)
        elapsed = {"all": time.perf_counter() - started, **spent}
        for document, _ in batch:
            delete_document(engine, document.id)
        return {label: seconds * 1000 / documents for label, seconds in elapsed.items()}

    return store(empty), store(db)


def postgres_schema(url: str, schema: str) -> str:
    """``url`` pointed at a fresh, empty schema ``schema`` of its database."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://").split("?")[0], autocommit=True) as db:
        db.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        db.execute(f"CREATE SCHEMA {schema}")
    return f"{url.split('?')[0]}?options=-csearch_path%3D{schema}"


def measure_workers(
    db_for: Callable[[str], str], scratch: Path, documents: int | None = None
) -> list[tuple[int, float, float, int, float]]:
    """FA-KES ingested by 1 and 2 local Dask workers: (workers, seconds, client CPU ms/document, documents,
    client CPU ms per second of the run: under load fewer documents go by each second, at the same cost).

    Each run has its own partition folder under ``scratch``: a shared one would let the second run reuse
    the first one's analyses.
    """
    from sitroom.distributed import ingest_distributed

    corpus = FAKES
    if documents is not None:  # the first ``documents`` articles
        corpus = scratch / "corpus.jsonl"
        lines = FAKES.read_text(encoding="utf-8").splitlines(keepends=True)[:documents]
        corpus.write_text("".join(lines), encoding="utf-8")
    results = []
    for workers in (1, 2):
        before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        parts = scratch / f"partitions-{workers}"
        summary = ingest_distributed(corpus, db_for(f"w{workers}"), workers=workers, work_dir=parts)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
        results.append((workers, seconds, cpu / max(1, summary.read), summary.added, cpu / seconds))
    return results


def _table(latencies: dict[str, list[float]]) -> Iterator[str]:
    yield "| request | n | p50 ms | p95 ms | max ms | p95 < 100 ms |"
    yield "|---|---:|---:|---:|---:|:---:|"
    for label, values in latencies.items():
        p50, p95, _ = percentiles(values)
        verdict = "yes" if p95 < TARGET_MS else "**no**"
        yield f"| {label} | {len(values)} | {p50:.1f} | {p95:.1f} | {max(values):.1f} | {verdict} |"


def _storing_table(empty: Timings, large: Timings) -> Iterator[str]:
    yield "| phase | into an empty base | into this one |"
    yield "|---|---:|---:|"
    for label in ["all", *(label for label, _, _ in PHASES)]:
        yield f"| {label} | {empty.get(label, 0.0):.1f} | {large.get(label, 0.0):.1f} |"


def _subsections(text: str) -> dict[str, str]:
    """The "### " subsections of a section, by title."""
    parts = text.split("\n### ")[1:]
    return {part.split("\n", 1)[0]: "### " + part.rstrip("\n") for part in parts}


def write_section(header: list[str], lines: list[str]) -> None:
    """Update the "At scale" section of docs/benchmarks.md: this run's subsections replace those of the same
    title (the base's size is in the title), the others stay."""
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Benchmarks\n"
    kept: dict[str, str] = {}
    if START in text and END in text:
        kept = _subsections(text[text.index(START) : text.index(END)])
        text = text[: text.index(START)] + "{section}" + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n{section}\n"
    fresh = _subsections("\n" + "\n".join(lines))
    kinds = {title.split(":")[0] for title in fresh}
    kept = {title: body for title, body in kept.items() if title.split(":")[0] not in kinds}
    body = "\n\n".join([*kept.values(), *fresh.values()])
    REPORT.write_text(text.replace("{section}", "\n".join([START, *header, body, END])), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", action="append", default=[], help="a large base (SQLite file or URL); repeatable")
    parser.add_argument("--repeats", type=int, default=30, help="measured rounds of every request")
    parser.add_argument(
        "--workers",
        action="append",
        default=[],
        help="also ingest FA-KES with 1 and 2 Dask workers into 'sqlite' or a PostgreSQL URL (fresh schemas)",
    )
    parser.add_argument("--corpus", type=int, help="--workers ingest only the first N FA-KES articles")
    parser.add_argument(
        "--first-copy",
        type=int,
        default=FAR_COPY,
        help="store copies from this one on (the copy after the base's last dates them in its own years; the "
        "default, far beyond any base's)",
    )
    args = parser.parse_args()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = [
        "## At scale",
        "",
        "Generated by `bench/scale.py` (not re-run by the rest of `make bench`; each subsection says when and how "
        "it was measured); bases built by `bench/synthetic_kb.py`. Machine: 2 cores shared with other "
        "engineers' jobs. API requests one at a time.",
        "",
    ]
    command = f"`python bench/scale.py {' '.join(sys.argv[1:])}`, {now}"
    lines: list[str] = []
    for db in args.db:
        load = os.getloadavg()[0]
        latencies, stats = measure_api(db, args.repeats)
        with tempfile.TemporaryDirectory() as scratch:
            fresh = postgres_schema(db, "bench_empty") if "://" in db else str(Path(scratch) / "empty.sqlite")
            empty, large = measure_storing(db, fresh, first_copy=args.first_copy)
        kind = "PostgreSQL" if "://" in db else "SQLite"
        lines += [f"### {kind}: {', '.join(f'{k} {v:,}' for k, v in stats.items())}", ""]
        lines += [f"{command}; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after.", ""]
        lines += [*_table(latencies), ""]
        lines += [
            f"Storing 400 new documents (copies {args.first_copy} on; linking, corroboration, indexes), "
            "ms/document (analysis, about 60 ms/document, is the same):",
            "",
            *_storing_table(empty, large),
            "",
        ]
    for target in args.workers:
        with tempfile.TemporaryDirectory() as scratch:

            def database(name: str, folder: str = scratch, url: str = target) -> str:
                if url == "sqlite":
                    return str(Path(folder) / f"{name}.sqlite")
                return postgres_schema(url, f"bench_{name}")

            rows = measure_workers(database, Path(scratch), args.corpus)
        kind = "SQLite" if target == "sqlite" else "PostgreSQL"
        size = f"first {args.corpus} FA-KES articles" if args.corpus else "FA-KES"
        lines += [f"### Dask ingest, storing on the workers ({kind}, {size})", "", f"{command}.", ""]
        lines += [
            "| workers | documents | seconds | documents/s | client CPU ms/document | client CPU ms/s |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [f"| {w} | {n} | {s:.1f} | {n / s:.1f} | {c:.2f} | {r:.1f} |" for w, s, c, n, r in rows]
        lines += [
            "",
            f"Ratio 2 ÷ 1 workers: {rows[0][1] / rows[1][1]:.2f}; load average after {os.getloadavg()[0]:.1f}.",
            "",
        ]
    write_section(header, lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
