"""Search (language, filters, facets, sort, paging) and exports (filters, every page, formula-safe CSV) over HTTP."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from sitroom.web import create_app
from tests.kb_fixtures import contested_reports, report_pair, seed_pair

FORMULA = '=HYPERLINK("http://evil.example","x") Nusra fighters shelled Ahrar positions.'


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path: Path = tmp_path_factory.mktemp("search") / "kb.sqlite"
    store_records(
        open_engine(path),
        [
            seed_pair(),
            *contested_reports(),
            report_pair("f1", FORMULA, outlet="@SUM(1+1)", date="2016-05-02", place=None),
            *[
                report_pair(
                    f"n{n}", f"Nusra gunmen raided Ahrar depots, report {n}.", outlet="AFP", date=f"2015-02-{n:02}"
                )
                for n in range(1, 8)
            ],
        ],
    )
    return TestClient(create_app(str(path)))


def _get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(found: Any) -> list[str]:
    return [item["doc_id"] for item in found["items"]]


def test_query_language_phrase_or_not_prefix(client: TestClient) -> None:
    assert set(_ids(_get(client, "/api/documents", q='"Many died"'))) == {"r2"}
    assert set(_ids(_get(client, "/api/documents", q="died OR denied"))) == {"r2", "r3"}
    assert set(_ids(_get(client, "/api/documents", q="Maskanah -died"))) == {"r1"}
    assert "r3" in _ids(_get(client, "/api/documents", q="deni*"))


@pytest.mark.parametrize("query", ['"open', "(a", "a OR", "NOT a", "x*y* OR *"])
def test_bad_syntax_is_a_clear_400_never_a_500(client: TestClient, query: str) -> None:
    response = client.get("/api/documents", params={"q": query})
    assert response.status_code == 400 and response.json()["detail"].startswith("search syntax: ")


def test_a_nul_in_the_query_is_refused_not_a_500(client: TestClient) -> None:
    assert client.get("/api/documents?q=Aleppo%00").status_code == 400


def test_filters_sort_and_facets(client: TestClient) -> None:
    found = _get(client, "/api/documents", q="Ahrar", sort="oldest", limit=3)
    assert found["total"] == 12 and _ids(found) == ["r1", "r2", "r3"]  # the undated seed last
    facets = found["facets"]
    assert {"value": "AFP", "documents": 7} in facets["outlet"]
    assert {"value": "2015", "documents": 7} in facets["year"]
    assert facets["event_type"][0] == {"value": "ASSAULT", "documents": 12}
    nusra = next(item for item in facets["actor"] if item["label"] == "Nusra")
    assert nusra["documents"] == 10
    by_actor = _get(client, "/api/documents", actor=nusra["value"], outlet="AFP", date_from="2015-02-03", sort="newest")
    assert by_actor["total"] == 5 and _ids(by_actor)[0] == "n7"


def test_the_total_and_offsets_page_through_every_match(client: TestClient) -> None:
    seen = [
        doc
        for offset in range(0, 15, 5)
        for doc in _ids(_get(client, "/api/documents", q="Ahrar", limit=5, offset=offset))
    ]
    assert len(seen) == len(set(seen)) == 12


def test_actor_documents_are_paged_with_a_total(client: TestClient) -> None:
    actor = _get(client, "/api/actors", q="Nusra")["items"][0]
    first = _get(client, f"/api/actors/{actor['id']}/documents", limit=4)
    rest = _get(client, f"/api/actors/{actor['id']}/documents", limit=50, offset=4)
    assert first["total"] == 11 and len(first["items"]) == 4 and len(rest["items"]) == 7  # the seed: merged spelling
    assert client.get("/api/actors/999999/documents").status_code == 404
    detail = _get(client, f"/api/actors/{actor['id']}")
    assert detail["events_total"] == len(detail["events"]) and detail["events_total_exact"]


def _csv(client: TestClient, url: str, **params: Any) -> list[dict[str, str]]:
    response = client.get(url, params=params)
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(response.text)))


def test_acled_export_neutralises_formulas(client: TestClient) -> None:
    rows = _csv(client, "/api/export/acled")
    hostile = next(row for row in rows if "HYPERLINK" in row["notes"])
    assert hostile["notes"].startswith("'=") and hostile["source"] == "'@SUM(1+1)"
    assert all(not value.startswith(("=", "+", "@")) for row in rows for value in row.values())


def test_api_exports_take_the_events_filters(client: TestClient) -> None:
    everything = _csv(client, "/api/export/acled")
    from_afp = _csv(client, "/api/export/acled", outlet="AFP")
    assert len(from_afp) == 7 < len(everything) and {row["source"] for row in from_afp} == {"AFP"}
    records = client.get("/api/export/json", params={"date_from": "2016"}).text.splitlines()
    assert [json.loads(line)["id"] for line in records] == ["f1"]
    geojson = client.get("/api/export/geojson", params={"outlet": "AFP"}).json()
    from_afp_events = _get(client, "/api/events", outlet="AFP")["items"]
    assert sorted(f["properties"]["id"] for f in geojson["features"]) == sorted(e["id"] for e in from_afp_events)


def test_list_exports_are_exactly_what_the_filters_show_every_page(client: TestClient) -> None:
    shown = _get(client, "/api/events", type="ASSAULT", date_from="2015", limit=500)
    rows = _csv(client, "/api/exports/events", type="ASSAULT", date_from="2015", format="csv")
    assert [int(row["id"]) for row in rows] == [item["id"] for item in shown["items"]] and len(rows) == shown["total"]
    as_json = client.get(
        "/api/exports/events", params={"type": "ASSAULT", "date_from": "2015", "format": "json"}
    ).json()
    assert as_json == shown["items"]
    located = client.get("/api/exports/events", params={"format": "geojson"}).json()
    assert located["type"] == "FeatureCollection" and all(f["geometry"]["coordinates"] for f in located["features"])


def test_document_exports_follow_the_search(client: TestClient) -> None:
    rows = _csv(client, "/api/exports/documents", q="Ahrar", outlet="AFP", sort="oldest")
    assert [row["doc_id"] for row in rows] == [f"n{n}" for n in range(1, 8)]
    formula = _csv(client, "/api/exports/documents", q="HYPERLINK")
    assert formula[0]["title"].startswith("'=") and formula[0]["outlet"] == "'@SUM(1+1)"
    assert client.get("/api/exports/documents", params={"q": "(bad"}).status_code == 400


def test_an_event_page_says_why_its_reports_were_joined_and_where_they_disagree(client: TestClient) -> None:
    contested = _get(client, "/api/events", status="denied")["items"][0]
    event = _get(client, f"/api/events/{contested['id']}")
    assert event["contested"] and len(event["reports"]) == 3
    assert [reason["field"] for reason in event["joined_because"]][:4] == ["type", "actors", "place", "date"]
    assert "within 1 day(s)" in event["joined_because"][3]["rule"]
    assert "status" in event["disagreeing_fields"] and "place_as_written" not in event["disagreeing_fields"]
    assert {report["status"] for report in event["reports"]} == {"occurred", "denied"}
