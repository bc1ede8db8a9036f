"""Export buttons on the map, the timeline and the network download exactly what the view's filters and time
window select (real FA-KES articles; the files are read as the browser saved them)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import networkx

from tests.browser.test_pages import READY, _api, _open

MONTH = "2015-07"
WINDOW = "date_from=2015-07-01&date_to=2015-07-31"


def _downloaded(page: Any, format: str) -> str:
    with page.expect_download() as download:
        page.locator(f".export-bar a[data-format='{format}']").click()
    return Path(download.value.path()).read_text(encoding="utf-8")


def _csv_ids(text: str) -> list[int]:
    return [int(row["id"]) for row in csv.DictReader(io.StringIO(text))]


def _event_ids(page: Any, filters: str) -> list[int]:
    return [item["id"] for item in _api(page, f"events?{filters}&limit=500")["items"]]


def _click_month(page: Any, chart: str, month: str) -> None:
    box = page.locator(f"{chart} g.month[data-month='{month}'] rect.bar").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_the_map_exports_the_events_its_filters_and_window_select(fakes_page: Any) -> None:
    _open(fakes_page, "map?type=ASSAULT")
    fakes_page.wait_for_selector("#map[data-markers]")
    everything = _downloaded(fakes_page, "csv")
    assert _csv_ids(everything) == _event_ids(fakes_page, "type=ASSAULT")
    located = json.loads(_downloaded(fakes_page, "geojson"))["features"]
    assert {feature["properties"]["type"] for feature in located} == {"ASSAULT"}
    assert {feature["properties"]["id"] for feature in located} >= {
        feature["properties"]["event"]
        for feature in _api(fakes_page, "map/points?type=ASSAULT")["features"]
        if "event" in feature["properties"]
    }
    _click_month(fakes_page, ".map-time", MONTH)  # the brush narrows the export with the map
    fakes_page.wait_for_selector(f"#map[data-window='{MONTH}-01..{MONTH}-31']")
    in_month = _csv_ids(_downloaded(fakes_page, "csv"))
    assert in_month == _event_ids(fakes_page, f"type=ASSAULT&{WINDOW}") and 0 < len(in_month) < len(everything)


def test_the_timeline_exports_the_brushed_window(fakes_page: Any) -> None:
    _open(fakes_page, "timeline?type=ASSAULT")
    _click_month(fakes_page, "svg.timeline", MONTH)
    fakes_page.wait_for_selector(f".window-summary:text('{MONTH}-01 to {MONTH}-31')")
    rows = list(csv.DictReader(io.StringIO(_downloaded(fakes_page, "csv"))))
    assert [int(row["id"]) for row in rows] == _event_ids(fakes_page, f"type=ASSAULT&{WINDOW}")
    assert len(rows) == int(fakes_page.locator(".window-events").get_attribute("data-events")) > 0
    assert {row["type"] for row in rows} == {"ASSAULT"} and all(row["date_start"] <= f"{MONTH}-31" for row in rows)


def _drawn(page: Any) -> tuple[set[int], int]:
    page.wait_for_selector("#network[data-nodes] canvas")
    actors: list[int] = page.evaluate(
        "() => document.getElementById('network')._cyreg.cy.nodes().map((n) => n.data('actor'))"
    )
    return set(actors), int(page.locator("#network").get_attribute("data-edges"))


def test_the_network_exports_the_graph_it_draws(fakes_page: Any) -> None:
    _open(fakes_page, "network")
    whole, _ = _drawn(fakes_page)
    _open(fakes_page, "network?kind=armed_group&kind=state")
    fakes_page.wait_for_function(READY)
    actors, edges = _drawn(fakes_page)
    graph = networkx.parse_graphml(_downloaded(fakes_page, "graphml"), force_multigraph=True)
    assert {int(node.removeprefix("actor")) for node in graph.nodes} == actors and len(actors) < len(whole)
    assert graph.number_of_edges() == edges > 0
    assert {kind for _, kind in graph.nodes(data="kind")} <= {"armed_group", "state"}
    exported = json.loads(_downloaded(fakes_page, "json"))
    assert {node["id"] for node in exported["nodes"]} == actors
