"""The workbench endpoints: map points apart from area-only events, place actors, basemap labels, timeline
bins by date precision with a density window, and the filtered actor network."""

from __future__ import annotations

from typing import Any

import networkx
import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from sitroom.store.browse.time_bins import density_window
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from sitroom.web import create_app
from sitroom.web.workbench_bodies import ActorGraph, AreaCount, EventPoints, PlaceCounts, TimeBins
from tests.kb_fixtures import report_pair

SYRIA = ("Syria", 35.0, 38.5)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("workbench") / "kb.sqlite"
    store_records(
        open_engine(path),
        [
            report_pair("r1", "Nusra fighters attacked Ahrar positions.", outlet="Reuters", date="2014-01-10"),
            report_pair("r2", "Nusra fighters attacked Ahrar again.", outlet="SANA", date="2014-01-11"),
            report_pair("r3", "Nusra units shelled Jabha posts.", outlet="AFP", date="2014-01-31"),
            report_pair("month", "Nusra fighters stormed Jabha posts.", outlet="AP", date="2014-03"),
            report_pair("year", "Nusra fighters attacked Kurds posts.", outlet="AP", date="2015"),
            report_pair("early", "Nusra raiders attacked Kurds.", outlet="AP", date="1950-06-01"),
            report_pair(
                "area",
                "Army troops shelled Daraa.",
                outlet="AP",
                date="2014-02-02",
                place=SYRIA,
                place_feature="country",
            ),
            report_pair(
                "thing",
                "Nusra fighters attacked Convoys.",
                outlet="AP",
                date="2014-02-03",
                actor_kind="other",
                event_type="COERCE",
            ),
        ],
    )
    return TestClient(create_app(str(path)))


def _get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_events_known_only_to_a_country_are_listed_as_areas_never_as_points(client: TestClient) -> None:
    points = _get(client, "/api/map/points")
    assert {feature["properties"]["place"] for feature in points["features"]} == {"Maskanah"}
    assert points["truncated"] is False
    (area,) = _get(client, "/api/map/areas")
    assert (area["name"], area["feature"], area["events"]) == ("Syria", "country", 1)
    assert _get(client, "/api/map/areas", date_to="2014-01-31") == []


def test_a_place_lists_the_actors_of_its_events(client: TestClient) -> None:
    maskanah = _get(client, "/api/map/points")["features"][0]["properties"]["place_id"]
    actors = _get(client, f"/api/places/{maskanah}/actors")
    by_name = {actor["name"]: actor["events"] for actor in actors["items"]}
    assert by_name == {"Nusra": 6, "Jabha": 2, "Kurds": 2, "Ahrar": 1}  # Convoys (kind "other") is no actor
    assert actors["items"][0]["name"] == "Nusra"
    assert _get(client, f"/api/places/{maskanah}/actors", limit=1)["total"] == actors["total"] > 1


def test_basemap_labels_name_more_towns_the_closer_the_view(client: TestClient) -> None:
    syria = {"south": 32.0, "west": 35.5, "north": 37.5, "east": 42.5}
    far = {label["name"] for label in _get(client, "/api/map/labels", zoom=4, **syria)}
    near = {label["name"] for label in _get(client, "/api/map/labels", zoom=9, **syria)}
    assert "Syria" in far and "Syria" not in near  # country names only on the wider views
    assert {"Aleppo", "Damascus"} <= far - {"Syria", "Lebanon", "Jordan", "Iraq", "Turkey", "Israel"} < near
    assert client.get("/api/map/labels", params={**syria, "zoom": 4, "north": 91}).status_code == 422


def test_timeline_bins_carry_the_date_precision_and_a_window_that_skips_early_outliers(client: TestClient) -> None:
    data = _get(client, "/api/timeline/bins")
    precision = {(item["month"], item["precision"]): item["events"] for item in data["bins"]}
    assert precision[("2014-01", "days")] == 1  # r1 and r2: one event, dated to the 10th or 11th
    assert precision[("2014-01", "day")] == 1  # r3, on the 31st
    assert precision[("2014-03", "month")] == 1
    assert precision[("2015-01", "year")] == 1
    assert data["window"] == {"from": "2014-01", "to": "2015-01", "outside": 1}


def test_density_window_keeps_the_densest_run_and_trims_sparse_ends() -> None:
    counts = {"1900-01": 5, "1985-03": 3} | {f"2013-{month:02d}": 40 for month in range(1, 13)}
    assert density_window(counts) == ("2013-01", "2013-12")
    assert density_window({"2013-01": 1, **{f"2014-{month:02d}": 100 for month in range(1, 13)}}) == (
        "2014-01",
        "2014-12",
    )  # one event a year early is within the gap, but under half a percent: trimmed
    assert density_window({}) is None
    assert density_window({"2014-05": 3}) == ("2014-05", "2014-05")


def test_the_network_has_real_actors_only_and_filters_by_weight_degree_kind_and_ego(client: TestClient) -> None:
    graph = _get(client, "/api/network/graph")
    names = {node["id"]: node["name"] for node in graph["nodes"]}
    assert "Convoys" not in names.values() and {"Nusra", "Ahrar", "Jabha"} <= set(names.values())
    pairs = {(names[edge["source"]], names[edge["target"]], edge["weight"]) for edge in graph["edges"]}
    assert ("Nusra", "Ahrar", 1) in pairs
    heavy = _get(client, "/api/network/graph", min_events=2)
    assert {(names[edge["source"]], names[edge["target"]]) for edge in heavy["edges"]} == {
        ("Nusra", "Jabha"),
        ("Nusra", "Kurds"),
    }
    nusra = next(node["id"] for node in graph["nodes"] if node["name"] == "Nusra")
    ego = _get(client, "/api/network/graph", ego=nusra)
    assert {node["name"] for node in ego["nodes"]} == {"Nusra", "Ahrar", "Jabha", "Kurds"}
    assert {node["name"] for node in graph["nodes"]} - {"Nusra", "Ahrar", "Jabha", "Kurds"} == {"Army", "Daraa"}
    hubs = _get(client, "/api/network/graph", min_degree=2)
    assert hubs["nodes"] == hubs["edges"] == []  # only Nusra has two neighbours, and it is left alone
    assert _get(client, "/api/network/graph", kind="person")["nodes"] == []
    assert len(_get(client, "/api/network/graph", kind="armed_group")["edges"]) == len(graph["edges"])
    assert client.get("/api/network/graph", params={"kind": "spaceship"}).status_code == 422


def test_the_network_export_holds_exactly_the_graph_the_view_draws(client: TestClient) -> None:
    for params in ({}, {"min_events": 2}, {"date_from": "2014-01-01", "date_to": "2014-01-31"}, {"limit": 1}):
        drawn = _get(client, "/api/network/graph", **params)
        exported = client.get("/api/exports/network", params={**params, "format": "json"})
        assert exported.headers["content-disposition"] == 'attachment; filename="network.json"'
        assert exported.json() == drawn
        graphml = client.get("/api/exports/network", params=params)
        assert graphml.headers["content-type"].startswith("application/graphml+xml")
        graph = networkx.parse_graphml(graphml.text, force_multigraph=True)
        assert graph.number_of_nodes() == len(drawn["nodes"]) and graph.number_of_edges() == len(drawn["edges"])
    assert client.get("/api/exports/network", params={"format": "csv"}).status_code == 422


def test_a_place_pages_through_every_document_naming_it(client: TestClient) -> None:
    maskanah = _get(client, "/api/map/points")["features"][0]["properties"]["place_id"]
    place = _get(client, f"/api/places/{maskanah}")
    assert "documents" not in place and "events" not in place  # no capped lists: they page on their own
    pages = [_get(client, f"/api/places/{maskanah}/documents", limit=2, offset=offset) for offset in range(0, 12, 2)]
    seen = [item["doc_id"] for page in pages for item in page["items"]]
    assert len(seen) == len(set(seen)) == pages[0]["total"] == place["documents_total"] >= 7
    dates = [item["date"] for page in pages for item in page["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first across pages
    assert client.get("/api/places/999999/documents").status_code == 404


def test_map_places_count_every_located_event_once_per_place(client: TestClient) -> None:
    points = _get(client, "/api/map/points")["features"]
    places = _get(client, "/api/map/places")
    (maskanah,) = places["features"]  # the country-wide event is an area, never a point
    properties = maskanah["properties"]
    assert places["events"] == properties["events"] == len(points)
    assert sum(properties["types"].values()) == len(points)
    assert properties["types"]["COERCE"] == 1 and properties["place"] == "Maskanah"
    assert properties["latest"] == max(point["properties"]["date_start"] for point in points)
    january = {"date_from": "2014-01-01", "date_to": "2014-01-31"}
    assert _get(client, "/api/map/places", **january)["events"] == len(
        _get(client, "/api/map/points", **january)["features"]
    )


def test_the_network_says_how_much_of_the_whole_it_draws(client: TestClient) -> None:
    whole = _get(client, "/api/network/graph")
    assert (whole["total_actors"], whole["total_links"], whole["truncated"]) == (
        len(whole["nodes"]),
        len(whole["edges"]),
        False,
    )
    hubs = _get(client, "/api/network/graph", max_actors=3)
    assert hubs["truncated"] is True and 2 <= len(hubs["nodes"]) <= 3 < whole["total_actors"]
    assert (hubs["total_actors"], hubs["total_links"]) == (whole["total_actors"], whole["total_links"])
    assert "Nusra" in {node["name"] for node in hubs["nodes"]}  # the most connected kept
    assert len(_get(client, "/api/network/graph", limit=1)["edges"]) == 1
    assert _get(client, "/api/network/graph", limit=1)["total_links"] == whole["total_links"]


@pytest.mark.parametrize(
    ("url", "media_type", "model"),
    [
        ("/api/map/points", "application/geo+json", EventPoints),
        ("/api/map/places", "application/geo+json", PlaceCounts),
        ("/api/map/areas", "application/json", list[AreaCount]),
        ("/api/timeline/bins", "application/json", TimeBins),
        ("/api/network/graph", "application/json", ActorGraph),
    ],
)
def test_the_cached_bodies_are_exactly_what_the_openapi_document_describes(
    client: TestClient, url: str, media_type: str, model: Any
) -> None:
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == media_type
    body = response.json()
    assert body  # each of these views has something to show in the fixture
    TypeAdapter(model).validate_python(body)  # every documented field, nothing undocumented
    documented = client.get("/openapi.json").json()["paths"][url]["get"]["responses"]["200"]["content"]
    assert list(documented) == [media_type] and documented[media_type]["schema"]
