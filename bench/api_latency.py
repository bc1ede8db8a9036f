"""API latency under concurrent load over the full FA-KES knowledge base.

    .venv/bin/python bench/api_latency.py [--db existing.sqlite] [--clients 1 8] [--seconds 30]

Without ``--db`` the corpus is ingested first (single process, a few minutes). The script starts
``sitroom serve`` on a free port, warms it up, drives a mix of event queries (filters by type, actor,
country, date range, status, outlet; GeoJSON; one event) and actor queries (alias search, detail,
network) from concurrent clients, and writes per-endpoint p50/p95/p99 and throughput to
docs/api-latency.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes" / "articles.jsonl"
REPORT = ROOT / "docs" / "api-latency.md"
SITROOM = Path(sys.executable).parent / "sitroom"
TARGET_P95_MS = 100.0

Request = tuple[str, str, dict[str, Any]]  # (label, path, query parameters)


@dataclass(frozen=True)
class Samples:
    """Values drawn from the knowledge base to build realistic queries."""

    actors: list[int]
    aliases: list[str]
    events: list[int]
    types: list[str]
    countries: list[str]
    outlets: list[str]
    months: list[str]


def ingest(db: Path) -> float:
    """Build the knowledge base from the FA-KES corpus; the seconds it took."""
    started = time.monotonic()
    subprocess.run([str(SITROOM), "ingest", str(CORPUS), "--db", str(db)], check=True)
    return time.monotonic() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def server(db: str, *options: str, environment: dict[str, str] | None = None) -> Iterator[str]:
    """``sitroom serve`` (with more ``options``) in a subprocess; yields its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen([str(SITROOM), "serve", "--db", db, "--port", str(port), *options], env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:  # a loaded machine: do not leave it running
            process.kill()
            process.wait()


def sample(url: str) -> Samples:
    """Actors, aliases, events, types, countries, outlets and months present in the knowledge base."""
    with httpx.Client(base_url=f"{url}/api", timeout=60) as client:
        actors = client.get("/actors", params={"limit": 300}).json()["items"]
        events = client.get("/events", params={"limit": 500}).json()["items"]
        outlets = [item["outlet"] for item in client.get("/outlets").json()]
    countries = sorted({item["place"]["country"] for item in events if item["place"] and item["place"]["country"]})
    months = sorted({item["date_start"][:7] for item in events if item["date_start"]})
    return Samples(
        actors=[item["id"] for item in actors],
        aliases=[item["name"] for item in actors],
        events=[item["id"] for item in events],
        types=sorted({item["type"] for item in events}),
        countries=countries,
        outlets=outlets,
        months=months,
    )


def _month_range(pick: random.Random, months: list[str]) -> dict[str, Any]:
    start = pick.randrange(len(months))
    end = min(len(months) - 1, start + pick.randint(0, 6))
    return {"date_from": f"{months[start]}-01", "date_to": f"{months[end]}-28"}


def request_mix(samples: Samples) -> list[tuple[str, Callable[[random.Random], Request]]]:
    """Labelled request builders: event queries first, then actor queries."""
    s = samples
    return [
        ("events?type", lambda r: ("events?type", "/events", {"type": r.choice(s.types)})),
        ("events?actor", lambda r: ("events?actor", "/events", {"actor": r.choice(s.actors)})),
        ("events?country", lambda r: ("events?country", "/events", {"country": r.choice(s.countries)})),
        ("events?date range", lambda r: ("events?date range", "/events", _month_range(r, s.months))),
        (
            "events?status",
            lambda r: ("events?status", "/events", {"status": r.choice(["occurred", "claimed", "denied"])}),
        ),
        ("events?outlet", lambda r: ("events?outlet", "/events", {"outlet": r.choice(s.outlets)})),
        (
            "events?type+date+min_sources",
            lambda r: (
                "events?type+date+min_sources",
                "/events",
                {"type": r.choice(s.types), "min_sources": 2, **_month_range(r, s.months)},
            ),
        ),
        ("events.geojson", lambda r: ("events.geojson", "/events.geojson", {})),
        ("events.geojson?type", lambda r: ("events.geojson?type", "/events.geojson", {"type": r.choice(s.types)})),
        ("events/{id}", lambda r: ("events/{id}", f"/events/{r.choice(s.events)}", {})),
        ("actors?q", lambda r: ("actors?q", "/actors", {"q": r.choice(s.aliases)})),
        ("actors/{id}", lambda r: ("actors/{id}", f"/actors/{r.choice(s.actors)}", {})),
        ("network", lambda r: ("network", "/network", {"limit": 300})),
        ("network?actor", lambda r: ("network?actor", "/network", {"actor": r.choice(s.actors), "limit": 300})),
    ]


async def _client(
    url: str,
    builders: list[Callable[[random.Random], Request]],
    seed: int,
    until: float,
    latencies: dict[str, list[float]],
    errors: dict[str, int],
) -> None:
    pick = random.Random(seed)
    async with httpx.AsyncClient(base_url=f"{url}/api", timeout=30) as client:
        while time.monotonic() < until:
            label, path, params = pick.choice(builders)(pick)
            started = time.perf_counter()
            response = await client.get(path, params=params)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                errors[label] += 1
            latencies[label].append(elapsed)


async def load(
    url: str, builders: list[Callable[[random.Random], Request]], clients: int, seconds: float
) -> tuple[dict[str, list[float]], dict[str, int], float]:
    """Run ``clients`` concurrent clients for ``seconds``; latencies (ms) and errors per label, wall time."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(_client(url, builders, seed, until, latencies, errors) for seed in range(clients)))
    return latencies, errors, time.monotonic() - started


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99."""
    if len(values) < 2:
        return (values[0],) * 3 if values else (0.0, 0.0, 0.0)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def _git_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if git("status", "--porcelain") else "")


def table(latencies: dict[str, list[float]], errors: dict[str, int], wall: float, order: list[str]) -> list[str]:
    """Per-endpoint percentiles and throughput of one run, as Markdown lines."""
    total = sum(len(values) for values in latencies.values())
    everything = [value for values in latencies.values() for value in values]
    lines = [
        f"{total} requests in {wall:.1f} s = {total / wall:.1f} requests/s; non-200 responses: {sum(errors.values())}",
        "",
        "| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | p95 < 100 ms |",
        "|---|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for label in [*order, "all"]:
        values = everything if label == "all" else latencies.get(label, [])
        if not values:
            continue
        p50, p95, p99 = percentiles(values)
        verdict = "yes" if p95 < TARGET_P95_MS else "**no**"
        lines.append(
            f"| {label} | {len(values)} | {len(values) / wall:.1f} | {p50:.1f} | {p95:.1f} | {p99:.1f} "
            f"| {max(values):.1f} | {verdict} |"
        )
    return lines


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", help="an existing knowledge base (SQLite file or URL); default: ingest FA-KES")
    parser.add_argument(
        "--clients", type=int, nargs="+", default=[1, 8], help="concurrent clients, one measured run per value"
    )
    parser.add_argument("--seconds", type=float, default=30.0, help="measured load duration")
    parser.add_argument("--warmup", type=float, default=5.0, help="unmeasured warm-up duration")
    parser.add_argument("--output", type=Path, default=REPORT)
    return parser.parse_args()


def measure(
    url: str, mix: list[tuple[str, Callable[[random.Random], Request]]], clients: int, args: argparse.Namespace
) -> list[str]:
    """Warm up, then one measured run with ``clients`` concurrent clients; its report section."""
    builders = [builder for _, builder in mix]
    asyncio.run(load(url, builders, clients, args.warmup))
    before = os.getloadavg()[0]
    latencies, errors, wall = asyncio.run(load(url, builders, clients, args.seconds))
    after = os.getloadavg()[0]
    return [
        f"## {clients} concurrent client{'s' if clients > 1 else ''}",
        "",
        f"Closed loop: each client sends its next request when the previous one is answered; {args.seconds:.0f} s "
        f"measured after a {args.warmup:.0f} s warm-up. Load average (1 min): {before:.2f} before, {after:.2f} after.",
        "",
        *table(latencies, errors, wall, [label for label, _ in mix]),
        "",
    ]


def main() -> None:
    args = arguments()
    context = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": _git_commit()}
    context["command"] = "`" + " ".join(["python bench/api_latency.py", *sys.argv[1:]]) + "`"
    sections: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db
        if db is None:
            db = str(Path(scratch) / "fakes.sqlite")
            context["ingest"] = f"{ingest(Path(db)):.0f} s (single process)"
        with server(db) as url:
            with httpx.Client(base_url=f"{url}/api") as client:
                context["knowledge base"] = ", ".join(f"{k} {v}" for k, v in client.get("/stats").json().items())
            mix = request_mix(sample(url))
            for clients in args.clients:
                sections += measure(url, mix, clients, args)
    context["server"] = "one uvicorn worker (`sitroom serve`, SQLite), load generator on the same machine"
    context["machine"] = f"{os.cpu_count()} CPUs shared with other engineers' jobs (see the load averages)"
    lines = [
        "# API latency over the full FA-KES knowledge base",
        "",
        "Generated by `bench/api_latency.py`; do not edit by hand.",
        "",
        *(f"- {key}: {value}" for key, value in context.items()),
        "",
        *sections,
    ]
    text = "\n".join(lines)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
