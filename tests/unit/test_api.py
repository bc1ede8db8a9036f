"""The HTTP API over a small knowledge base: the seed (all layers) plus corroborating reports."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from sitroom.documents import Document
from sitroom.record import Record
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from sitroom.web import create_app
from tests.kb_fixtures import report_pair, seed_pair

ATTACK = "Nusra fighters attacked Ahrar positions near Maskanah."
HOSTILE = 'Rebels <script>alert("x")</script> shelled <img src=x onerror="alert(1)"> the town of Maskanah.'
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "kb.sqlite"
    store_records(
        open_engine(path),
        [
            seed_pair(),
            report_pair("r1", ATTACK, outlet="Reuters", date="2014-01-10"),
            report_pair("r2", ATTACK + " Many died.", outlet="SANA", date="2014-01-11"),
            report_pair("r3", "Nusra denied attacking Ahrar.", outlet="TASS", date="2014-01-11", status="denied"),
            report_pair("hostile", HOSTILE, outlet="Blog", date="2015-03-01", place=None),
        ],
    )
    return path


@pytest.fixture(scope="module")
def client(kb: Path) -> TestClient:
    return TestClient(create_app(str(kb)))


def _get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_full_text_search_marks_hits_and_paginates(client: TestClient) -> None:
    found = _get(client, "/api/documents", q="truce Aleppo")
    assert [item["doc_id"] for item in found["items"]] == ["000_1c0d675042cec979"]
    assert "\u0002" in found["items"][0]["snippet"]
    everything = _get(client, "/api/documents", limit=2, offset=2)
    assert everything["total"] == 5 and len(everything["items"]) == 2
    assert _get(client, "/api/documents", q='" OR 1=1 --')["total"] == 0


def test_a_document_comes_with_its_layers_and_links(client: TestClient) -> None:
    document = _get(client, "/api/documents/000_1c0d675042cec979")
    record = Record.model_validate(document["record"])
    assert len(record.agreements[0].provisions) == 5
    assert set(document["links"]["actors"]) == {actor.id for actor in record.actors}
    assert client.get("/api/documents/nope").status_code == 404


def test_actors_are_found_by_any_alias_and_show_their_context(client: TestClient) -> None:
    hits = _get(client, "/api/actors", q="Ahrar al-Sham")["items"]  # the seed mostly writes "ash-Sham"
    ahrar = next(hit for hit in hits if hit["name"] == "Ahrar al-Sham")
    lavrov_id = _get(client, "/api/actors", q="Lavrov")["items"][0]["id"]
    lavrov = _get(client, f"/api/actors/{lavrov_id}")
    assert lavrov["framing"]["techniques"]["Name_Calling,Labeling"] >= 1
    assert lavrov["quotes"] and lavrov["quotes"][0]["text"].startswith("Attitudes are changing")
    assert "Ministry of Foreign Affairs of Russia" in [a["name"] for a in lavrov["affiliations"]["member_of"]]
    detail = _get(client, f"/api/actors/{ahrar['id']}")
    assert {"Ahrar ash-Sham", "Ahrar al-Sham"} <= set(detail["aliases"])
    assert "Islamic State of Iraq and the Levant" in [actor["name"] for actor in detail["co_occurring"]]
    assert client.get("/api/actors/99999").status_code == 404


def test_events_are_corroborated_and_contradictions_kept(client: TestClient) -> None:
    (event,) = _get(client, "/api/events", type="ASSAULT", date_from="2014-01-01", date_to="2014-01-31", min_sources=2)[
        "items"
    ]
    assert (event["report_count"], event["source_count"], event["contested"]) == (3, 3, True)
    assert event["statuses"] == ["occurred", "denied"]
    detail = _get(client, f"/api/events/{event['id']}")
    assert {(r["outlet"], r["status"]) for r in detail["reports"]} == {
        ("Reuters", "occurred"),
        ("SANA", "occurred"),
        ("TASS", "denied"),
    }
    assert _get(client, "/api/events", min_sources=2, outlet="TASS")["total"] == 1
    assert _get(client, "/api/events", status="denied", country="IQ")["total"] == 0
    assert client.get("/api/events", params={"date_from": "2014-01-01;DROP"}).status_code == 422


def test_filters_by_actor_and_place_and_geojson(client: TestClient) -> None:
    isil = _get(client, "/api/actors", q="ISIL")["items"][0]
    events = _get(client, "/api/events", actor=isil["id"])["items"]
    assert {"AGREE", "COOPERATE"} <= {event["type"] for event in events}
    jarrah = _get(client, "/api/places", q="Jarrah")["items"][0]
    assert [e["type"] for e in _get(client, "/api/events", place=jarrah["id"])["items"]] == ["AGREE"]
    features = _get(client, "/api/events.geojson")["features"]
    assert features and all(len(feature["geometry"]["coordinates"]) == 2 for feature in features)


def test_network_timeline_agreements_and_outlets(client: TestClient) -> None:
    graph = _get(client, "/api/network")
    names = {node["id"]: node["name"] for node in graph["nodes"]}
    assert ("Jabhat al-Nusra", "Ahrar al-Sham", "ASSAULT") not in {
        (names[e["source"]], names[e["target"]], e["type"]) for e in graph["edges"]
    }  # the synthetic reports name "Nusra"/"Ahrar", distinct identities from the seed's
    assert ("Nusra", "Ahrar", "ASSAULT") in {
        (names[e["source"]], names[e["target"]], e["type"]) for e in graph["edges"]
    }
    corroborated = [{"month": "2014-01", "type": "ASSAULT", "events": 1}]
    assert _get(client, "/api/timeline", min_sources=2) == corroborated
    (agreement,) = _get(client, "/api/agreements")["items"]
    table = _get(client, f"/api/agreements/{agreement['id']}")
    assert [p["type"] for p in table["provisions"]] == [
        "ceasefire",
        "non_attack",
        "movement",
        "checkpoint",
        "prisoner_release",
    ]
    assert {"Abu Omar al-Shishani", "Abu Khalid al-Suri"} <= {
        a["name"] for a in table["actors"] if a["role"] == "signatory"
    }
    outlet = _get(client, "/api/outlets/Al-Ikhwah Al-Mujahidun")
    assert outlet["documents"] == 1 and outlet["techniques"][0]["items"] >= 1
    assert client.get("/api/outlets/Nobody").status_code == 404


def test_exports(client: TestClient) -> None:
    lines = client.get("/api/export/json").text.splitlines()
    assert len(lines) == 5 and all(Record.model_validate_json(line) for line in lines)
    graph = nx.read_graphml(io.BytesIO(client.get("/api/export/graphml").content))
    assert graph.number_of_edges() >= 1
    geojson = client.get("/api/export/geojson").json()
    assert geojson["type"] == "FeatureCollection"
    acled = client.get("/api/export/acled")
    assert acled.status_code == 200
    header = acled.text.splitlines()[0].split(",")
    assert header[:4] == ["event_date", "event_type", "sub_event_type", "actor1"]
    plover = client.get("/api/export/plover").json()
    assert isinstance(plover, list) and all("event" in item for item in plover)
    assert client.get("/api/export/passwd").status_code == 404


def test_writes_need_the_operator_token(kb: Path, client: TestClient) -> None:
    body = {"text": "Rebels withdrew from Maskanah on Monday.", "id": "w1"}
    assert client.post("/api/documents", json=body).status_code == 403  # read-only server
    writable = TestClient(create_app(str(kb), write_token=TOKEN))
    writable.app.state.analyzer = _fake_analyzer  # type: ignore[attr-defined]
    assert writable.post("/api/documents", json=body).status_code == 401
    wrong = writable.post("/api/documents", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    added = writable.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert added.status_code == 201 and added.json() == {"doc_id": "w1", "added": True}


def _fake_analyzer(request: Any) -> tuple[Document, Record]:
    document = Document(id=request.id, text=request.text)
    return document, Record(id=request.id)


def test_analyze_runs_the_pipeline_on_pasted_text(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": "Reuters said rebels withdrew from Maskanah.", "id": "p1"})
    assert response.status_code == 200
    assert Record.model_validate(response.json()).id == "p1"


def test_oversized_bodies_and_paths_out_of_the_ui_are_refused(client: TestClient) -> None:
    huge = client.post("/api/analyze", content=b"x" * 1_100_000, headers={"content-type": "application/json"})
    assert huge.status_code == 413
    for path in (
        "/assets/..%2F..%2Fapp.py",
        "/assets/%2e%2e/index.html",
        "/../pyproject.toml",
        "/static/index.html",
    ):
        assert client.get(path).status_code == 404, path
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


def test_hostile_markup_is_returned_as_data_never_as_markup(client: TestClient) -> None:
    response = client.get("/api/documents/hostile")
    assert response.headers["content-type"].startswith("application/json")
    assert "<script>" in response.json()["text"]  # kept verbatim; the UI renders it as text


def test_agreement_identities_and_the_pax_export(client: TestClient) -> None:
    (identity,) = _get(client, "/api/agreement-identities")["items"]
    assert (identity["kind"], identity["report_count"]) == ("truce", 1)
    detail = _get(client, f"/api/agreement-identities/{identity['id']}")
    assert [report["doc_id"] for report in detail["reports"]] == ["000_1c0d675042cec979"]
    assert [provision["type"] for provision in detail["provisions"]][:2] == ["ceasefire", "non_attack"]
    assert {actor["role"] for actor in detail["actors"]} >= {"party", "signatory", "implementer"}
    assert client.get("/api/agreement-identities/999999").status_code == 404
    (agreement,) = _get(client, "/api/agreements")["items"]
    assert _get(client, f"/api/agreements/{agreement['id']}")["identity"]["id"] == identity["id"]
    response = client.get("/api/export/pax")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = response.text.splitlines()
    assert rows[0].startswith("row_type,agreement_id,name,kind,stage")
    assert sum(1 for row in rows[1:] if row.startswith("provision,")) == 5
