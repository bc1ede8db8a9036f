"""How long each workbench view takes to become interactive in a real browser (Debian chromium).

    .venv/bin/python bench/workbench_views.py --db demo.sqlite [--runs 5]

Starts ``sitroom serve`` on a free port over the knowledge base, opens each view (map, map brushed to one
year, timeline, timeline brushed, network, network around the most connected actor, the busiest place's
page) and times from navigation until the view has drawn its content (markers placed, bars drawn, graph
drawn with its first layout, tables filled; the map's time strip, drawn when its bins come, timed apart);
prints the median and worst of ``--runs`` runs, the first (cold) run apart.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import httpx
from api_latency import server  # bench/ is this script's folder
from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
READY = "() => { const app = document.getElementById('app'); return app && app.children.length > 0 "
READY += "&& !app.classList.contains('loading'); }"


def _open(page: Page, url: str, done: str) -> float:
    """Seconds from navigation until the view has rendered and ``done`` (a JS predicate) holds."""
    page.goto("about:blank")
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_function(READY, timeout=60_000)
    page.wait_for_function(done, timeout=60_000)
    return time.perf_counter() - started


def _brush(page: Page, url: str, done: str, month: str) -> float:
    """Seconds from a click on a month's bar until the brushed view has redrawn."""
    page.goto(url)
    page.wait_for_function(READY, timeout=60_000)
    page.wait_for_function(done, timeout=60_000)
    page.wait_for_selector(f"svg.timeline g.month[data-month='{month}'] rect.bar", state="attached", timeout=60_000)
    box = page.locator(f"svg.timeline g.month[data-month='{month}'] rect.bar").first.bounding_box()
    assert box is not None
    started = time.perf_counter()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(f"[data-window^='{month}-01']", state="attached", timeout=60_000)
    return time.perf_counter() - started


def scenarios(url: str) -> dict[str, Callable[[Page], float]]:
    graph = httpx.get(f"{url}/api/network/graph", params={"limit": 150}, timeout=60).json()
    hub = max(graph["nodes"], key=lambda node: node["degree"])["id"]
    areas = httpx.get(f"{url}/api/map/points", timeout=60).json()["features"]
    places: dict[int, int] = {}
    for feature in areas:
        places[feature["properties"]["place_id"]] = places.get(feature["properties"]["place_id"], 0) + 1
    busiest = max(places, key=lambda place: places[place])
    bins = httpx.get(f"{url}/api/timeline/bins", timeout=60).json()
    busiest_month = max(bins["bins"], key=lambda item: item["events"])["month"]
    markers = "() => document.querySelector('#map[data-markers]') !== null"
    strip = "() => document.querySelector('#map[data-markers]') && document.querySelector('.map-time svg.timeline')"
    graph_ready = "() => document.querySelector('#network[data-nodes] canvas') !== null"
    listed = "() => document.querySelector('.window-events[data-events]') !== null"
    return {
        "map": lambda page: _open(page, f"{url}/#/map", markers),
        "map with its time strip": lambda page: _open(page, f"{url}/#/map", strip),
        "map, brushed to a month": lambda page: _brush(page, f"{url}/#/map", markers, busiest_month),
        "timeline": lambda page: _open(page, f"{url}/#/timeline", listed),
        "timeline, brushed to a month": lambda page: _brush(page, f"{url}/#/timeline", listed, busiest_month),
        "network": lambda page: _open(page, f"{url}/#/network", graph_ready),
        "network around the hub": lambda page: _open(page, f"{url}/#/network?ego={hub}", graph_ready),
        "busiest place's page": lambda page: _open(
            page, f"{url}/#/place/{busiest}", "() => document.querySelector('table.place-actors') !== null"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with server(args.db) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page: Any = browser.new_page(viewport={"width": 1400, "height": 900})
        stats = httpx.get(f"{url}/api/stats", timeout=30).json()
        print(f"knowledge base: {args.db} {stats}")
        print(f"{'view':32} {'cold s':>7} {'median s':>9} {'worst s':>8}")
        for name, run in scenarios(url).items():
            cold = run(page)
            warm = [run(page) for _ in range(args.runs)]
            print(f"{name:32} {cold:7.2f} {statistics.median(warm):9.2f} {max(warm):8.2f}")
        browser.close()


if __name__ == "__main__":
    main()
