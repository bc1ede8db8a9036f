"""The workbench views' API calls on a large knowledge base: median and p95 per view.

    nice .venv/bin/python bench/synthetic_kb.py --db /tmp/kb-100k.sqlite --documents 24000  # ≥ 100,000 events
    nice .venv/bin/python bench/workbench_scale.py --db /tmp/kb-100k.sqlite [--variants 12]

Each view is timed as the web UI loads it: the requests its page sends together (``Promise.all``) are sent
together, and the view's time is from the first request until the last answer. Each view is loaded
``--variants`` times with different filters drawn from the base (event types, busy actors and places, date
windows, search queries), each variant once, so that no answer comes from the server's response cache; the
first variant is the view with no filter, as a user first opens it. The server is ``sitroom serve`` on the
base, one view at a time. The table replaces docs/workbench-scale.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from api_latency import _git_commit, server

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "workbench-scale.md"
TARGET_S = 1.0
Call = tuple[str, dict[str, Any]]  # (path under /api, query parameters)
QUERIES = ["Aleppo", '"barrel bombs"', "Nusra OR Qaeda", "negot*", "Homs -Hama", "chemical attack", "Daesh"]


@dataclass(frozen=True)
class Samples:
    """Values the base holds, to vary each view's filters."""

    types: list[str]
    actors: list[int]
    places: list[int]
    windows: list[tuple[str, str]]


def sample(client: httpx.Client) -> Samples:
    bins = client.get("/api/timeline/bins").json()
    months = sorted({item["month"] for item in bins["bins"]})
    window = bins["window"] or {"from": months[0], "to": months[-1]}
    months = [month for month in months if window["from"] <= month <= window["to"]]
    step = max(1, len(months) // 12)
    windows = [(f"{month}-01", f"{month}-28") for month in months[::step]]
    # Not from /api/map/places: its answers are cached per filter, and the map's first load must not be.
    places = [item["id"] for item in client.get("/api/places", params={"limit": 20}).json()["items"]]
    actors = [node["id"] for node in client.get("/api/network/graph", params={"limit": 60}).json()["nodes"]]
    types = sorted({item["type"] for item in bins["bins"] if "type" in item}) or ["ASSAULT", "ACCUSE", "CONSULT"]
    return Samples(types, actors, places, windows)


def _variant(samples: Samples, number: int) -> dict[str, Any]:
    """The filters of variant ``number``: none first, then a type, a date window, a type and window…"""
    if number == 0:
        return {}
    start, end = samples.windows[number % len(samples.windows)]
    choices: list[dict[str, Any]] = [
        {"type": samples.types[number % len(samples.types)]},
        {"date_from": start, "date_to": end},
        {"type": samples.types[number % len(samples.types)], "date_from": start, "date_to": end},
        {"actor": samples.actors[number % len(samples.actors)]},
    ]
    return choices[number % len(choices)]


def views(samples: Samples) -> dict[str, Callable[[int], list[Call]]]:
    """Each view: variant number → the requests its page sends together."""

    def map_view(n: int) -> list[Call]:
        filters = _variant(samples, n)
        return [("map/places", filters), ("map/areas", filters), ("timeline/bins", filters)]

    def timeline(n: int) -> list[Call]:
        filters = _variant(samples, n)
        return [("timeline/bins", filters), ("events", {**filters, "limit": 50})]

    def network(n: int) -> list[Call]:
        filters = _variant(samples, n)
        if "actor" in filters:  # the network's own field: the actor's ego network
            filters = {"ego": filters["actor"]}
        return [("network/graph", {**filters, "limit": 150, "max_actors": 80})]

    def events(n: int) -> list[Call]:
        return [("events", {**_variant(samples, n), "limit": 100})]

    def search(n: int) -> list[Call]:
        q = QUERIES[n % len(QUERIES)] if n else ""
        first = [("documents", {"q": q, "limit": 20})] if q else [("documents", {"limit": 20})]
        return [
            *first,
            ("actors", {"q": q, "limit": 12}),
            ("stats", {}),
            *([("places", {"q": q, "limit": 8})] if q else []),
        ]

    def actor(n: int) -> list[Call]:
        actor_id = samples.actors[n % len(samples.actors)]
        return [(f"actors/{actor_id}", {}), (f"actors/{actor_id}/documents", {"limit": 50})]

    def place(n: int) -> list[Call]:
        place_id = samples.places[n % len(samples.places)]
        return [
            (f"places/{place_id}", {}),
            ("events", {"place": place_id, "limit": 50}),
            (f"places/{place_id}/actors", {"limit": 50}),
            (f"places/{place_id}/documents", {"limit": 50}),
        ]

    return {
        "map": map_view,
        "timeline": timeline,
        "network": network,
        "events list": events,
        "search": search,
        "actor page": actor,
        "place page": place,
    }


async def _load(client: httpx.AsyncClient, calls: list[Call]) -> tuple[float, list[float]]:
    """Seconds until every call of a view has answered, and each call's seconds."""

    async def one(path: str, params: dict[str, Any]) -> float:
        started = time.perf_counter()
        response = await client.get(f"/api/{path}", params=params)
        response.raise_for_status()
        return time.perf_counter() - started

    started = time.perf_counter()
    each = await asyncio.gather(*(one(path, params) for path, params in calls))
    return time.perf_counter() - started, list(each)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


async def measure(url: str, variants: int) -> tuple[dict[str, Any], list[tuple[str, float, float, float, float, str]]]:
    with httpx.Client(base_url=url, timeout=600) as client:
        stats = client.get("/api/stats").json()
        samples = sample(client)
    rows = []
    async with httpx.AsyncClient(base_url=url, timeout=600) as client:
        for name, calls_of in views(samples).items():
            times: list[float] = []
            slowest: dict[str, float] = {}
            for number in range(variants):
                calls = calls_of(number)
                total, each = await _load(client, calls)
                times.append(total)
                for (path, _), seconds in zip(calls, each, strict=True):
                    label = "/".join("{id}" if part.isdigit() else part for part in path.split("/"))
                    slowest[label] = max(slowest.get(label, 0.0), seconds)
            worst_call = max(slowest, key=lambda label: slowest[label])
            rows.append((name, times[0], statistics.median(times), p95(times), max(times), worst_call))
            print(f"{name}: median {statistics.median(times):.2f} s, p95 {p95(times):.2f} s", flush=True)
    return stats, rows


def report(
    db: str, variants: int, stats: dict[str, Any], rows: list[tuple[str, float, float, float, float, str]]
) -> str:
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        "# The workbench's views on a 100,000-event knowledge base",
        "",
        "Generated by `bench/workbench_scale.py` (do not edit by hand); the base built by `bench/synthetic_kb.py`",
        "(FA-KES analysed once and replicated with dates and places moved; see its docstring).",
        "",
        f"- command: `nice .venv/bin/python bench/workbench_scale.py --db {Path(db).name} --variants {variants}`",
        f"- measured: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {_git_commit()}; load average after {load}",
        f"- base: {stats['documents']:,} documents, {stats['events']:,} events ({stats['reports']:,} reports), "
        f"{stats['actors']:,} actors, {stats['places']:,} places; SQLite",
        "- machine: 2 cores shared with other sessions' jobs (figures vary with their load)",
        "",
        "Each view: the requests its page sends together, timed from the first request to the last answer; "
        f"{variants} loads with different filters (the first with none; none served from the response cache).",
        "",
        "| view | first (no filter) s | median s | p95 s | worst s | slowest request | p95 < 1 s |",
        "|---|---:|---:|---:|---:|---|:---:|",
    ]
    for name, first, median, high, worst, call in rows:
        met = "yes" if high < TARGET_S else "**no**"
        lines.append(f"| {name} | {first:.2f} | {median:.2f} | {high:.2f} | {worst:.2f} | `{call}` | {met} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", required=True, help="the large SQLite knowledge base")
    parser.add_argument("--variants", type=int, default=12, help="loads of each view, with different filters")
    parser.add_argument("--out", type=Path, default=REPORT)
    args = parser.parse_args()
    with server(args.db) as url:
        stats, rows = asyncio.run(measure(url, args.variants))
    args.out.write_text(report(args.db, args.variants, stats, rows), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
