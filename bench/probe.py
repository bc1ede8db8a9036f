"""Untrusted input, every time: tries the classes of bad input a hostile or careless user produces and
prints how many cases of each class were handled (a clear error or a stored document, nothing lost, no
crash), then writes docs/robustness.md.

    .venv/bin/python bench/probe.py [--postgres URL] [--kills 3] [--no-write]

Classes: bad documents and corpus lines ingested beside a good one (SQLite, and PostgreSQL with
``--postgres`` or SITROOM_TEST_POSTGRES_URL), bad command lines (one clear line, status 1, no traceback),
SIGKILLs during ingests then a resumed run, two ingests racing on one corpus, one corpus ingested in two
orders (the same event clusters), 100 concurrent analyses
while reading, hostile HTTP requests to a running ``sitroom serve``, and schemathesis over the OpenAPI
schema with every check. Not a test: it runs for several minutes and needs ../shared.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from api_latency import server  # bench/ is this script's folder
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from sitroom.corpus import read_documents
from sitroom.documents import Document
from sitroom.ingest import ingest
from sitroom.pipeline import build_pipeline
from sitroom.store.corroboration import cluster_partition
from sitroom.store.database import open_engine

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "articles.jsonl"
REPORT = ROOT / "docs" / "robustness.md"
SITROOM = Path(sys.executable).parent / "sitroom"
GOOD = "Government forces shelled the rebel-held town of Douma on Tuesday, killing at least 12 civilians."
SUMMARY = re.compile(r"read (\d+), added (\d+), already stored (\d+), errors (\d+)")


@dataclass
class Outcome:
    group: str
    name: str
    passed: bool
    detail: str = ""


@dataclass
class Probe:
    outcomes: list[Outcome] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    def check(self, group: str, name: str, run: Callable[[], tuple[bool, str]]) -> None:
        try:
            passed, detail = run()
        except Exception as error:  # a probe case that crashes is a failed case, and the probe goes on
            passed, detail = False, f"{type(error).__name__}: {error}"
        self.outcomes.append(Outcome(group, name, passed, detail))
        print(f"{'ok  ' if passed else 'FAIL'} {group}: {name} {detail if not passed else ''}", flush=True)

    def table(self) -> str:
        groups: dict[str, list[Outcome]] = {}
        for outcome in self.outcomes:
            groups.setdefault(outcome.group, []).append(outcome)
        lines = ["| class | cases tried | passed |", "|---|---:|---:|"]
        for group, outcomes in groups.items():
            lines.append(f"| {group} | {len(outcomes)} | {sum(o.passed for o in outcomes)} |")
        tried, passed = len(self.outcomes), sum(o.passed for o in self.outcomes)
        lines.append(f"| **all** | **{tried}** | **{passed}** |")
        failures = [f"- {o.group}: {o.name}: {o.detail}" for o in self.outcomes if not o.passed]
        return "\n".join([*lines, *([""] if failures else []), *failures])


# --- bad documents and corpus lines -------------------------------------------------------------


@dataclass(frozen=True)
class BadInput:
    name: str
    file_name: str
    content: bytes
    stored: int  # documents of it that must be stored; every other item it holds must be an error
    errors: int


def _jsonl(*rows: object) -> bytes:
    return b"".join((row if isinstance(row, bytes) else json.dumps(row).encode()) + b"\n" for row in rows)


def bad_inputs() -> list[BadInput]:
    text = "The army shelled Aleppo \u2014 Assad\u2019s forces said. Rebels withdrew from Maskanah."
    rng = random.Random(20)
    return [
        BadInput("UTF-16 LE with BOM", "a.txt", text.encode("utf-16"), 1, 0),
        BadInput("UTF-16 BE with BOM", "a.txt", codecs.BOM_UTF16_BE + text.encode("utf-16-be"), 1, 0),
        BadInput("UTF-8 with BOM", "a.txt", text.encode("utf-8-sig"), 1, 0),
        BadInput("UTF-8 with one bad byte", "a.txt", text.encode() + b" \xff", 1, 0),
        BadInput("cp1252 legacy text", "a.txt", "Le ministre a d\u00e9clar\u00e9 \u00e0 Damas.".encode("cp1252"), 1, 0),
        BadInput("empty file", "a.txt", b"", 0, 1),
        BadInput("whitespace only", "a.txt", b" \n\t \n", 0, 1),
        BadInput("PNG image", "a.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64, 0, 1),
        BadInput("random high bytes", "a.txt", bytes(rng.randrange(128, 256) for _ in range(4000)), 0, 1),
        BadInput("NUL after the first 8 KB", "a.txt", ((GOOD + " ") * 100).encode() + b"\x00 end.", 1, 0),
        BadInput("25 MB file", "a.txt", b"Aleppo shelling report. " * (25 * 1024 * 1024 // 24), 0, 1),
        BadInput("zero-width space after every space", "a.txt", text.replace(" ", " \u200b").encode(), 1, 0),
        BadInput("bidi overrides", "a.txt", ("\u202e" + text + "\u202c").encode(), 1, 0),
        BadInput("one 100,000-character word", "a.txt", b"Aleppo " + b"x" * 100_000 + b" fell.", 1, 0),
        BadInput("1.5 million characters", "a.txt", b"word " * 300_000, 0, 1),
        BadInput("HTML tag soup", "a.html", b"<html><<<div><script>var x = '</div>';</script></>>><!--", 0, 1),
        BadInput("HTML never closed", "a.html", b"<html><body><div><p>" + GOOD.encode() + b"<p><b>more", 1, 0),
        BadInput("JSONL lone surrogate", "c.jsonl", _jsonl(b'{"id": "s", "text": "Rebels \\ud800 fled."}'), 1, 0),
        BadInput(
            "JSONL NUL in text and outlet", "c.jsonl", _jsonl({"text": "A\u0000B fled.", "outlet": "X\u0000"}), 1, 0
        ),
        BadInput("JSONL 600-character id", "c.jsonl", _jsonl({"id": "i" * 600, "text": "Rebels fled Homs."}), 1, 0),
        BadInput(
            "JSONL 300-character outlet", "c.jsonl", _jsonl({"text": "Rebels fled Hama.", "outlet": "O" * 300}), 1, 0
        ),
        BadInput(
            "JSONL 20-character language", "c.jsonl", _jsonl({"text": "Rebels fled.", "language": "l" * 20}), 1, 0
        ),
        BadInput("JSONL text is a number", "c.jsonl", _jsonl({"text": 12}), 0, 1),
        BadInput("JSONL no text", "c.jsonl", _jsonl({"id": "x"}), 0, 1),
        BadInput("JSONL line is an array", "c.jsonl", _jsonl([1, 2]), 0, 1),
        BadInput("JSONL nested 100,000 deep", "c.jsonl", _jsonl(b"[" * 100_000), 0, 1),
        BadInput("JSONL 5,000-digit number", "c.jsonl", _jsonl(b'{"text": "x", "id": ' + b"9" * 5000 + b"}"), 0, 1),
        BadInput("JSONL truncated line", "c.jsonl", _jsonl(b'{"text": "unterminated'), 0, 1),
        BadInput("JSONL invalid UTF-8", "c.jsonl", _jsonl(b'{"text": "d\xe9clar\xe9"}'), 0, 1),
        BadInput("JSONL file with a BOM", "c.jsonl", codecs.BOM_UTF8 + _jsonl({"text": "Rebels fled Idlib."}), 1, 0),
        BadInput(
            "JSONL duplicate ids", "c.jsonl", _jsonl({"id": "d", "text": "One."}, {"id": "d", "text": "Two."}), 2, 0
        ),
        BadInput("JSONL odd fields", "c.jsonl", _jsonl({"text": "Rebels fled.", "date": [1], "title": {"a": 1}}), 1, 0),
        BadInput("CSV in UTF-16", "c.csv", "id,text\n1,Rebels fled Aleppo.\n".encode("utf-16"), 1, 0),
        BadInput("CSV without a text column", "c.csv", b"id,body\n1,x\n", 0, 1),
        BadInput("CSV with a stray quote", "c.csv", b'id,text\n1,"Rebels "fled" Homs\n2,Fine.\n', 2, 0),
    ]


def _stored_texts(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(connection.execute(text("SELECT text FROM documents")).scalars())


def probe_bad_inputs(probe: Probe, group: str, engine: Engine, nlp: Any, work: Path) -> None:
    for number, case in enumerate(bad_inputs()):
        folder = work / f"{group.split()[-1]}-{number:02d}"
        folder.mkdir()
        good = f"{GOOD} Report number {number} of the probe."
        (folder / "good.txt").write_text(good, encoding="utf-8")
        (folder / case.file_name).write_bytes(case.content)

        def run(folder: Path = folder, case: BadInput = case, good: str = good) -> tuple[bool, str]:
            summary = ingest(engine, nlp, read_documents(folder))
            # an earlier case may hold the same text, or the same document id with another text (a revision)
            stored = summary.added + summary.revised + summary.already_stored
            adds_up = summary.read == stored + summary.errors
            kept = good in _stored_texts(engine)
            expected = (stored, summary.errors) == (case.stored + 1, case.errors)
            return adds_up and kept and expected, f"summary {summary}"

        probe.check(group, case.name, run)


# --- command lines ------------------------------------------------------------------------------


def _one_clear_line(command: list[str], **options: Any) -> tuple[bool, str]:
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, **options)
    errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    passed = run.returncode == 1 and len(errors) == 1 and "Traceback" not in run.stderr
    return passed, f"status {run.returncode}: {run.stderr.strip()[-300:]}"


def probe_command_lines(probe: Probe, work: Path, postgres: str | None) -> None:
    kb = work / "cli.sqlite"
    open_engine(kb).dispose()
    (work / "notes.txt").write_text("not a database " * 100)
    (work / "a-folder").mkdir()
    (work / "locked.sqlite").write_bytes(kb.read_bytes())
    (work / "locked.sqlite").chmod(0)
    (work / "empty-token").write_text("")
    unprivileged = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    sitroom = str(SITROOM)
    bad_dbs = {
        "a text file": str(work / "notes.txt"),
        "a folder": str(work / "a-folder"),
        "a missing parent folder": str(work / "missing" / "kb.sqlite"),
        "an unreachable server": "postgresql+psycopg://sitroom:secret@127.0.0.1:1/kb",
        "an unknown URL scheme": "nosuch://host/kb",
    }
    cases: list[tuple[str, list[str]]] = [
        ("analyze a missing path", [sitroom, "analyze", str(work / "missing.jsonl")]),
        ("ingest a missing path", [sitroom, "ingest", str(work / "missing"), "--db", str(kb)]),
        ("export into a missing folder", [sitroom, "export", "-f", "acled", "--db", str(kb), "-o", "/no/where.csv"]),
        ("serve with --token on the command line", [sitroom, "serve", "--db", str(kb), "--token", "x"]),
        (
            "serve with an empty token file",
            [sitroom, "serve", "--db", str(kb), "--token-file", str(work / "empty-token")],
        ),
        ("search an unreadable file", [*unprivileged, sitroom, "search", "x", "--db", str(work / "locked.sqlite")]),
    ]
    for name, db in bad_dbs.items():
        for command in (["search", "Aleppo"], ["export", "-f", "json"], ["serve"]):
            cases.append((f"{command[0]} --db {name}", [sitroom, *command, "--db", db]))
    for command in (["search", "Aleppo"], ["export", "-f", "acled"], ["serve"]):
        typo = work / f"typo-{command[0]}.sqlite"

        def mistyped(command: list[str] = command, typo: Path = typo) -> tuple[bool, str]:
            passed, detail = _one_clear_line([sitroom, *command, "--db", str(typo)])
            return passed and not typo.exists(), detail

        probe.check("bad command lines", f"{command[0]} with a mistyped --db creates nothing", mistyped)
    if postgres:
        wrong = postgres.rsplit("/", 1)[0] + "/no_such_database"
        cases.append(("search a missing PostgreSQL database", [sitroom, "search", "x", "--db", wrong]))
    for name, command in cases:

        def clear(command: list[str] = command) -> tuple[bool, str]:
            return _one_clear_line(command)

        probe.check("bad command lines", name, clear)


# --- kills and races ----------------------------------------------------------------------------


def short_corpus(target: Path, count: int, start: int = 0) -> Path:
    rows = [json.loads(line) for line in FAKES.read_text(encoding="utf-8").splitlines()[start : start + count]]
    target.write_text("".join(json.dumps({**row, "text": row["text"][:600]}) + "\n" for row in rows), "utf-8")
    return target


def _count(engine: Engine) -> int:
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
    except Exception:  # the tables do not exist yet
        return 0


def _consistent(engine: Engine) -> tuple[bool, str]:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
            connection.exec_driver_sql("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
            if integrity != "ok":
                return False, str(integrity)
        hashes = connection.execute(text("SELECT count(*), count(DISTINCT content_hash) FROM documents")).one()
        unlinked = connection.execute(text("SELECT count(*) FROM documents WHERE NOT linked")).scalar()
    return hashes[0] == hashes[1] and unlinked == 0, f"documents {hashes[0]}, distinct {hashes[1]}"


def probe_kills(probe: Probe, group: str, db: str, corpus: Path, kills: int) -> None:
    expected = {item.text for item in read_documents(corpus) if isinstance(item, Document)}
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    command = [str(SITROOM), "ingest", str(corpus), "--db", db]
    for kill in range(kills):

        def killed() -> tuple[bool, str]:
            before = _count(engine)
            process = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
            deadline = time.monotonic() + 120
            while _count(engine) <= before and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(random.uniform(0, 0.5))
            if process.poll() is not None:
                return False, "the ingest finished before it was killed"
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            passed, detail = _consistent(engine)
            return passed, f"{_count(engine)} stored at the kill; {detail}"

        probe.check(group, f"SIGKILL {kill + 1} mid-ingest leaves a consistent knowledge base", killed)

    def resumed() -> tuple[bool, str]:
        run = subprocess.run(command, capture_output=True, text=True, timeout=600)
        with engine.connect() as connection:
            texts = set(connection.execute(text("SELECT text FROM documents")).scalars())
        passed, detail = _consistent(engine)
        return run.returncode == 0 and texts == expected and passed, f"{len(texts)}/{len(expected)}; {detail}"

    probe.check(group, "the resumed ingest stores every document exactly once", resumed)
    engine.dispose()


def _summary(stderr: str) -> tuple[int, int, int, int]:
    found = SUMMARY.search(stderr)
    assert found is not None, stderr[-500:]
    read, added, already, errors = (int(value) for value in found.groups())
    return read, added, already, errors


def probe_race(probe: Probe, group: str, db: str, corpus: Path) -> None:
    def race() -> tuple[bool, str]:
        command = [str(SITROOM), "ingest", str(corpus), "--db", db]
        runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        summaries = [_summary(run.communicate(timeout=600)[1]) for run in runs]
        unique = len({item.text for item in read_documents(corpus) if isinstance(item, Document)})
        adds_up = all(read == added + already + errors for read, added, already, errors in summaries)
        return adds_up and sum(s[1] for s in summaries) == unique, f"summaries {summaries}, unique {unique}"

    probe.check(group, "two ingests racing on one corpus: each summary adds up, each document stored once", race)


def _clusters(db: str) -> set[frozenset[tuple[str, str]]]:
    engine = create_engine(f"sqlite:///{db}")
    with Session(engine) as session:
        partition = cluster_partition(session)
    engine.dispose()
    return partition


def probe_ingest_order(probe: Probe, group: str, work: Path, corpus: Path) -> None:
    def same_clusters() -> tuple[bool, str]:
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        reversed_corpus = work / "reversed.jsonl"
        reversed_corpus.write_text("".join(lines[::-1]), encoding="utf-8")
        partitions = []
        for name, source in (("forward", corpus), ("reversed", reversed_corpus)):
            db = str(work / f"order-{name}.sqlite")
            subprocess.run([str(SITROOM), "ingest", str(source), "--db", db], capture_output=True, timeout=600)
            partitions.append(_clusters(db))
        forward, backward = partitions
        return bool(forward) and forward == backward, f"{len(forward)} and {len(backward)} event clusters"

    probe.check(group, "one corpus ingested forward and reversed gives the same event clusters", same_clusters)


# --- the server ---------------------------------------------------------------------------------


@contextmanager
def running_server(db: str, token: str) -> Iterator[str]:
    environment = {**os.environ, "SITROOM_TOKEN": token}
    with server(db, "--analyze-seconds", "20", environment=environment) as url:
        yield url


def hostile_requests(token: str) -> list[tuple[str, str, str, dict[str, Any], set[int]]]:
    """(name, method, path, httpx options, acceptable statuses)."""
    json_type = {"content-type": "application/json"}
    nul = {400}
    token_header = {"authorization": f"Bearer {token}"}
    wrong_token = {"authorization": "Bearer no"}
    return [
        ("NUL in a search query", "GET", "/api/documents?q=Aleppo%00", {}, nul),
        ("NUL in an actor query", "GET", "/api/actors?q=%00", {}, nul),
        ("NUL in a place query", "GET", "/api/places?q=x%00y", {}, nul),
        ("NUL in an outlet filter", "GET", "/api/events?outlet=%00", {}, nul),
        ("NUL in a document id", "GET", "/api/documents/a%00b", {}, nul),
        ("NUL in an outlet name", "GET", "/api/outlets/a%00", {}, nul),
        ("a raw invalid UTF-8 query", "GET", "/api/documents?q=%ff%fe", {}, {200}),
        ("SQL in a search", "GET", "/api/documents?q=%27%20OR%201%3D1%20--", {}, {200}),
        ("FTS syntax in a search", "GET", '/api/documents?q=NEAR(a b) AND "', {}, {400}),  # a clear syntax error
        ("a 10,000-character query", "GET", "/api/documents?q=" + "a" * 10_000, {}, {422}),
        ("a negative limit", "GET", "/api/events?limit=-1", {}, {422}),
        ("an offset past 64 bits", "GET", "/api/events?offset=99999999999999999999999", {}, {422}),
        ("an id past 64 bits", "GET", "/api/actors/99999999999999999999", {}, {422}),
        ("a date that is SQL", "GET", "/api/events?date_from=2014-01-01;DROP", {}, {422}),
        ("an unknown event type", "GET", "/api/events?type=NUKE", {}, {422}),
        ("path traversal into the UI", "GET", "/assets/..%2F..%2Fapp.py", {}, {404}),
        ("path traversal into the docs", "GET", "/docs-assets/..%2F..%2Fcore.py", {}, {404}),
        ("an unknown export", "GET", "/api/export/passwd", {}, {404}),
        ("another site's Host header", "GET", "/api/stats", {"headers": {"host": "evil.example"}}, {400}),
        ("no Host header value", "GET", "/api/stats", {"headers": {"host": ""}}, {400}),
        ("PUT where only GET is allowed", "PUT", "/api/stats", {}, {405}),
        ("a lone surrogate in a JSON body", "POST", "/api/analyze",
         {"content": b'{"text": "\\ud800"}', "headers": json_type}, {422}),
        ("invalid UTF-8 in a JSON body", "POST", "/api/analyze",
         {"content": b'{"text": "\xff"}', "headers": json_type}, {400, 422}),
        ("JSON nested 100,000 deep", "POST", "/api/analyze", {"content": b"[" * 100_000, "headers": json_type},
         {400, 422}),
        ("a body over a megabyte", "POST", "/api/analyze",
         {"content": b"x" * 1_100_000, "headers": json_type}, {413}),
        ("a text over the analysis limit", "POST", "/api/analyze", {"json": {"text": "word " * 30_000}}, {413}),
        ("a write without a token", "POST", "/api/documents", {"json": {"text": "Rebels fled."}}, {401}),
        ("a write with a wrong token", "POST", "/api/documents", {"json": {"text": "x"}, "headers": wrong_token},
         {401}),
        ("a malformed write without a token", "POST", "/api/documents", {"content": b"{", "headers": json_type}, {401}),
        ("a NUL-bearing document written with the token", "POST", "/api/documents",
         {"json": {"text": "Rebels\u0000 fled Homs.", "id": "nul\u0000"}, "headers": token_header}, {201}),
    ]  # fmt: skip


def probe_hostile_requests(probe: Probe, group: str, url: str, token: str) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        for name, method, path, options, acceptable in hostile_requests(token):

            def run(
                method: str = method, path: str = path, options: Any = options, ok: set[int] = acceptable
            ) -> tuple[bool, str]:
                response = client.request(method, path, **options)
                allow = response.headers.get("allow", "") if response.status_code == 405 else "-"
                return (
                    response.status_code in ok and allow != "",
                    f"status {response.status_code}: {response.text[:120]}",
                )

            probe.check(group, name, run)


async def _load(url: str, analyses: int, chars: int) -> tuple[dict[int, int], list[float], float]:
    """``analyses`` concurrent analyses of ``chars`` characters while one client keeps reading."""
    statuses: dict[int, int] = {}
    reads: list[float] = []
    text_body = ("Government forces shelled Douma on Tuesday, the Observatory said. " * (chars // 64 + 1))[:chars]
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        done = asyncio.Event()

        async def reader() -> None:
            while not done.is_set():
                started = time.perf_counter()
                response = await client.get("/api/events", params={"limit": 20})
                response.raise_for_status()
                reads.append(time.perf_counter() - started)
                await asyncio.sleep(0.05)

        async def analyse(number: int) -> None:
            response = await client.post("/api/analyze", json={"text": text_body, "id": f"load-{number}"})
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        reading = asyncio.create_task(reader())
        started = time.perf_counter()
        await asyncio.gather(*(analyse(number) for number in range(analyses)))
        elapsed = time.perf_counter() - started
        await asyncio.sleep(1)
        done.set()
        await reading
    return statuses, reads, elapsed


def probe_load(probe: Probe, url: str) -> None:
    def run() -> tuple[bool, str]:
        statuses, reads, elapsed = asyncio.run(_load(url, 100, 5_000))
        p95 = statistics.quantiles(reads, n=20)[-1] * 1000
        figure = (
            f"100 concurrent 5,000-character analyses: answers {dict(sorted(statuses.items()))} in {elapsed:.1f} s; "
            f"{len(reads)} reads meanwhile, median {statistics.median(reads) * 1000:.0f} ms, p95 {p95:.0f} ms, "
            f"max {max(reads) * 1000:.0f} ms"
        )
        probe.figures.append(figure)
        return set(statuses) <= {200, 429, 503} and 200 in statuses and p95 < 1000, figure

    probe.check("concurrency", "100 concurrent analyses while reading: no 5xx but 503, reads unaffected", run)


# --- schemathesis -------------------------------------------------------------------------------


def probe_schemathesis(probe: Probe, db: str, examples: int) -> None:
    import schemathesis
    import schemathesis.checks as checks
    from hypothesis import HealthCheck, given, settings
    from schemathesis.core.result import Err

    from sitroom.record import Record
    from sitroom.web import create_app
    from sitroom.web.analysis import AnalysisService, Fields

    def without_nlp(fields: Fields) -> tuple[Document, Record]:
        document = Document(id=fields["id"] or "x", text=fields["text"] or "")
        return document, Record(id=document.id)

    app = create_app(db, write_token="probe", analysis=AnalysisService(analyse=without_nlp, processes=False))
    every_check = [
        checks.not_a_server_error,
        checks.status_code_conformance,
        checks.content_type_conformance,
        checks.response_schema_conformance,
        checks.response_headers_conformance,
        checks.negative_data_rejection,
        checks.missing_required_header,
        checks.unsupported_method,
        checks.allow_header_conformance,
        checks.ignored_auth,
        checks.use_after_free,
        checks.ensure_resource_availability,
    ]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()  # the app's own schema is invalid: the probe cannot run
        operation = result.ok()

        def run(operation: Any = operation) -> tuple[bool, str]:
            @given(case=operation.as_strategy())
            @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
            def call(case: Any) -> None:
                case.call_and_validate(checks=every_check)

            call()
            return True, ""

        probe.check("schemathesis (every check)", operation.label, run)


# --- the run ------------------------------------------------------------------------------------


def _fresh_schema(url: str, schema: str) -> str:
    with create_engine(url).begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("SITROOM_TEST_POSTGRES_URL"))
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--examples", type=int, default=25, help="schemathesis examples per operation")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write docs/robustness.md")
    arguments = parser.parse_args()
    probe = Probe()
    random.seed(8)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sitroom-probe-") as folder:
        work = Path(folder)
        nlp = build_pipeline()
        sqlite_db = str(work / "kb.sqlite")
        probe_bad_inputs(probe, "bad input: SQLite", open_engine(sqlite_db), nlp, work)
        postgres_db = _fresh_schema(arguments.postgres, "probe") if arguments.postgres else None
        if postgres_db:
            probe_bad_inputs(probe, "bad input: PostgreSQL", open_engine(postgres_db), nlp, work)
        probe_command_lines(probe, work, arguments.postgres)
        corpus = short_corpus(work / "corpus.jsonl", 200)
        probe_kills(probe, "kills: SQLite", str(work / "killed.sqlite"), corpus, arguments.kills)
        if arguments.postgres:
            probe_kills(
                probe, "kills: PostgreSQL", _fresh_schema(arguments.postgres, "probe_kills"), corpus, arguments.kills
            )
        race_corpus = short_corpus(work / "race.jsonl", 40, start=100)
        probe_race(probe, "concurrency", str(work / "race.sqlite"), race_corpus)
        if arguments.postgres:
            probe_race(probe, "concurrency", _fresh_schema(arguments.postgres, "probe_race"), race_corpus)
        probe_ingest_order(probe, "concurrency", work, race_corpus)
        with running_server(sqlite_db, "probe-token") as url:
            probe_hostile_requests(probe, "hostile requests: SQLite", url, "probe-token")
            probe_load(probe, url)
        if postgres_db:
            with running_server(postgres_db, "probe-token") as url:
                probe_hostile_requests(probe, "hostile requests: PostgreSQL", url, "probe-token")
        probe_schemathesis(probe, sqlite_db, arguments.examples)
    table = probe.table()
    figures = "\n".join(f"- {figure}" for figure in probe.figures)
    minutes = (time.monotonic() - started) / 60
    print(f"\n{table}\n\n{figures}\n\n({minutes:.1f} minutes)")
    if not arguments.no_write:
        REPORT.write_text(
            f"""# Robustness: untrusted input, every time

Generated by `.venv/bin/python bench/probe.py` ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {minutes:.0f} minutes,
PostgreSQL {"included" if arguments.postgres else "not included"}); do not edit by hand. Each case
passes when the input gets a clear error or is stored (with a warning where it was changed), the summary
adds up, nothing else is lost, and nothing crashes; see the script for every case.

{table}

{figures}
""",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
