"""The HTTP API over a small knowledge base: the seed (all layers) plus corroborating reports."""

from __future__ import annotations

import io
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import networkx as nx
import psutil
import pytest
from fastapi.testclient import TestClient

from sitroom.documents import Document
from sitroom.exports.acled import COLUMNS
from sitroom.record import Record
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from sitroom.web import create_app
from sitroom.web.analysis import AnalysisLimits, AnalysisService
from sitroom.web.security import TOKEN_VARIABLE, allowed_hosts, read_token
from tests.kb_fixtures import contested_reports, report_pair, seed_pair

HOSTILE = 'Rebels <script>alert("x")</script> shelled <img src=x onerror="alert(1)"> the town of Maskanah.'
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "kb.sqlite"
    store_records(
        open_engine(path),
        [
            seed_pair(),
            *contested_reports(),
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
    assert _get(client, "/api/documents", q='"OR 1=1 --"')["total"] == 0  # a phrase, never SQL or FTS syntax
    unclosed = client.get("/api/documents", params={"q": '" OR 1=1 --'})
    assert unclosed.status_code == 400 and "not closed" in unclosed.json()["detail"]


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
    assert any(quote["text"].startswith("Attitudes are changing") for quote in lavrov["quotes"])
    assert "Ministry of Foreign Affairs of Russia" in [a["name"] for a in lavrov["affiliations"]["member_of"]]
    detail = _get(client, f"/api/actors/{ahrar['id']}")
    assert {"Ahrar ash-Sham", "Ahrar al-Sham"} <= set(detail["aliases"])
    assert "Islamic State of Iraq and the Levant" in [actor["name"] for actor in detail["co_occurring"]]
    assert client.get("/api/actors/99999").status_code == 404


def test_an_actors_quotes_page_on_with_their_total(client: TestClient) -> None:
    lavrov_id = _get(client, "/api/actors", q="Lavrov")["items"][0]["id"]
    actor = _get(client, f"/api/actors/{lavrov_id}")
    assert "documents" not in actor  # no capped list: /actors/{id}/documents pages them
    pages = [_get(client, f"/api/actors/{lavrov_id}/quotes", limit=1, offset=n) for n in range(actor["quotes_total"])]
    assert actor["quotes_total"] >= 2 and all(page["total"] == actor["quotes_total"] for page in pages)
    texts = [page["items"][0]["text"] for page in pages]
    assert texts == [quote["text"] for quote in actor["quotes"]] and len(set(texts)) == len(texts)
    assert client.get("/api/actors/99999/quotes").status_code == 404


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
    # the text's spelling finds the gazetteer's ("Al Maskaneh" is stored as "Maskanah")
    assert [place["name"] for place in _get(client, "/api/places", q="Maskaneh")["items"]] == ["Maskanah"]
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
    corroborated = [{"bin": "2014-01", "month": "2014-01", "type": "ASSAULT", "events": 1}]
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
    assert tuple(header) == COLUMNS
    plover = client.get("/api/export/plover").json()
    assert isinstance(plover, list) and all("event" in item for item in plover)
    assert client.get("/api/export/passwd").status_code == 404


def test_writes_need_the_operator_token(kb: Path, client: TestClient) -> None:
    body = {"text": "Rebels withdrew from Maskanah on Monday.", "id": "w1"}
    assert client.post("/api/documents", json=body).status_code == 403  # read-only server
    stub = AnalysisService(analyse=_fake_analyzer, processes=False)
    writable = TestClient(create_app(str(kb), write_token=TOKEN, analysis=stub))
    assert writable.post("/api/documents", json=body).status_code == 401
    wrong = writable.post("/api/documents", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    added = writable.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert added.status_code == 201 and added.json() == {"doc_id": "w1", "added": True}


def _fake_analyzer(fields: Any) -> tuple[Document, Record]:
    document = Document(id=fields["id"], text=fields["text"])
    return document, Record(id=fields["id"])


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


# --- hostile requests --------------------------------------------------------------------------


def test_a_nul_character_in_the_query_or_path_is_a_400_with_a_message(client: TestClient) -> None:
    for url in ("/api/documents?q=Aleppo%00", "/api/actors?q=%00", "/api/documents/a%00b", "/api/outlets/x%00"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "NUL" in response.json()["detail"]


def test_a_lone_surrogate_in_a_json_body_is_a_422_with_a_message(client: TestClient) -> None:
    response = client.post(
        "/api/analyze",
        content=b'{"text": "Rebels shelled \\ud800 Maskanah."}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert "unicode" in response.text and "\\ud800" in response.text  # the input echoed as an escape


def test_only_the_hosts_the_server_was_started_for_are_answered(kb: Path) -> None:
    hosts = allowed_hosts("127.0.0.1", ["kb.example.org"])
    guarded = TestClient(create_app(str(kb), allowed_hosts=hosts), base_url="http://127.0.0.1:8000")
    assert guarded.get("/api/stats").status_code == 200
    for host in ("localhost:8000", "[::1]:8000", "kb.example.org"):
        assert guarded.get("/api/stats", headers={"host": host}).status_code == 200, host
    rebound = guarded.get("/api/stats", headers={"host": "evil.example:8000"})
    assert rebound.status_code == 400 and "x-content-type-options" in rebound.headers
    assert "evil.example" not in allowed_hosts("0.0.0.0")


def test_the_write_token_comes_from_a_file_or_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    assert read_token(None) is None
    monkeypatch.setenv(TOKEN_VARIABLE, "from-env")
    assert read_token(None) == "from-env"
    (tmp_path / "token").write_text("from-file\n")
    assert read_token(tmp_path / "token") == "from-file"
    with pytest.raises(ValueError, match="cannot read"):
        read_token(tmp_path / "missing")


def test_the_token_is_checked_before_the_body_is_read(kb: Path, client: TestClient) -> None:
    json_type = {"content-type": "application/json"}
    assert client.post("/api/documents", content=b"{not json", headers=json_type).status_code == 403  # read-only
    writable = TestClient(create_app(str(kb), write_token=TOKEN))
    assert writable.post("/api/documents", content=b"{not json", headers=json_type).status_code == 401
    wrong = {"content-type": "application/json", "authorization": "Bearer wrong"}
    assert writable.post("/api/documents", content=b"{not json", headers=wrong).status_code == 401


def test_the_api_docs_are_served_from_packaged_assets(client: TestClient) -> None:
    for page, script in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        response = client.get(page)
        assert response.status_code == 200 and "script-src 'self'" in response.headers["content-security-policy"]
        sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
        assert sources and all(source.startswith("/") for source in sources), sources  # no CDN
        assert not re.search(r"<script>", response.text)  # no inline script for the policy to block
        assert f"/docs-assets/{script}" in sources
        for source in sources:
            assert client.get(source).status_code == 200, source


# --- analysis limits -----------------------------------------------------------------------------


class _Gate:
    """A stand-in analysis that waits until released, so requests can be held in flight."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self, fields: Any) -> tuple[Document, Record]:
        self.entered.set()
        self.release.wait(timeout=30)
        return Document(id=fields["id"], text=fields["text"]), Record(id=fields["id"])


def _gated_client(kb: Path, gate: _Gate, limits: AnalysisLimits) -> TestClient:
    return TestClient(create_app(str(kb), analysis=AnalysisService(limits, gate, processes=False)))


def test_too_long_a_text_is_a_413(kb: Path) -> None:
    gated = _gated_client(kb, _Gate(), AnalysisLimits(max_chars=20))
    response = gated.post("/api/analyze", json={"text": "Rebels shelled Maskanah on Monday."})
    assert response.status_code == 413 and "limit 20" in response.json()["detail"]


def test_when_every_worker_is_busy_a_request_is_a_429_and_reads_are_answered(kb: Path) -> None:
    gate = _Gate()
    gated = _gated_client(kb, gate, AnalysisLimits(workers=1, waiting=0))
    with ThreadPoolExecutor(max_workers=1) as pool:
        first = pool.submit(gated.post, "/api/analyze", json={"text": "Rebels shelled Maskanah.", "id": "p1"})
        assert gate.entered.wait(timeout=10)
        busy = gated.post("/api/analyze", json={"text": "Another article."})
        assert busy.status_code == 429 and busy.headers["retry-after"]
        assert gated.get("/api/stats").status_code == 200  # reads do not wait for the analysis
        gate.release.set()
        assert first.result(timeout=10).json()["id"] == "p1"


def test_an_analysis_over_the_time_limit_is_a_503(kb: Path) -> None:
    gate = _Gate()
    gated = _gated_client(kb, gate, AnalysisLimits(seconds=0.5))
    response = gated.post("/api/analyze", json={"text": "Rebels shelled Maskanah."})
    gate.release.set()
    assert response.status_code == 503 and "0.5 s" in response.json()["detail"]


def sleep_and_report(fields: dict[str, str]) -> tuple[Document, Record]:
    """Run in a worker process: answer a warm-up at once; else write the worker's pid and take far too long."""
    if fields["text"] == "warm up":
        return Document(id="w", text="warm up"), Record(id="w")
    Path(fields["text"]).write_text(str(os.getpid()))
    time.sleep(120)
    raise AssertionError("the worker should have been stopped")


def test_a_worker_over_the_time_limit_is_stopped(kb: Path, tmp_path: Path) -> None:
    service = AnalysisService(AnalysisLimits(seconds=60), sleep_and_report)
    with TestClient(create_app(str(kb), analysis=service)) as slow:
        assert slow.post("/api/analyze", json={"text": "warm up"}).status_code == 200  # the worker has started
        service.limits = AnalysisLimits(seconds=2)
        pid_file = tmp_path / "pid"
        response = slow.post("/api/analyze", json={"text": str(pid_file)})
        assert response.status_code == 503
        pid = int(pid_file.read_text())
        deadline = time.monotonic() + 10
        while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
            assert time.monotonic() < deadline, "the worker still runs"
            time.sleep(0.1)
