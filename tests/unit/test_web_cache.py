"""The GeoJSON response cache: one build per filter and knowledge-base version, never a stale map."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from sitroom.web import create_app
from sitroom.web.cache import ResponseCache
from tests.kb_fixtures import report_pair


def test_a_body_is_built_once_per_key_and_version() -> None:
    cache = ResponseCache(size=2)
    builds: list[str] = []

    def build(body: str) -> str:
        builds.append(body)
        return body

    assert cache.get("all", (1, 1, 1, 1), lambda: build("v1")) == "v1"
    assert cache.get("all", (1, 1, 1, 1), lambda: build("again")) == "v1"
    assert cache.get("all", (2, 2, 1, 1), lambda: build("v2")) == "v2"
    assert builds == ["v1", "v2"]


def test_the_least_recently_used_key_is_evicted() -> None:
    cache = ResponseCache(size=2)
    version = (1, 1, 1, 1)
    cache.get("a", version, lambda: "a")
    cache.get("b", version, lambda: "b")
    cache.get("a", version, lambda: "a")
    cache.get("c", version, lambda: "c")
    assert cache.get("a", version, lambda: "rebuilt a") == "a"
    assert cache.get("b", version, lambda: "rebuilt b") == "rebuilt b"


def test_the_map_changes_as_soon_as_the_knowledge_base_does(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite"
    engine = open_engine(path)
    store_records(
        engine, [report_pair("r1", "Nusra fighters attacked Ahrar near Maskanah.", outlet="A", date="2014-01-10")]
    )
    client = TestClient(create_app(str(path)))
    first = client.get("/api/events.geojson", params={"min_sources": 0}).json()
    assert client.get("/api/events.geojson", params={"min_sources": 0}).json() == first
    store_records(
        engine,
        [report_pair("r2", "Hezbollah units shelled Ahrar near Maskanah.", outlet="B", date="2015-06-01")],
    )
    second = client.get("/api/events.geojson", params={"min_sources": 0}).json()
    assert len(second["features"]) == len(first["features"]) + 1
