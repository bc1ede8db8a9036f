"""An actor's events, network and timeline answered through ``actor_events`` (an actor's events by index)
are those of the events whose reports name the actor, in the unfiltered list's order, a page at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from sitroom.store.database import open_engine
from sitroom.store.writer import store_documents
from sitroom.web import create_app
from tests.kb_fixtures import report_pair
from tests.unit.test_kb_rollups import REPORTS

UNDATED = [
    report_pair("u1", "Nusra gunmen attacked Ahrar checkpoints.", outlet="AFP", date=None),
    report_pair("u2", "Kurds gunmen shelled Nusra bases.", outlet="AP", date=None, place=None),
]
# Every event and its actors (any role, any report), independently of ``actor_events``.
NAMED = """
SELECT DISTINCT e.cluster_id, a.identity_id FROM events e JOIN event_actors a ON a.event_id = e.id"""


@pytest.fixture
def kb(tmp_path: Path) -> tuple[str, Engine]:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_documents(engine, REPORTS + UNDATED)
    return str(tmp_path / "kb.sqlite"), engine


def _named(engine: Engine) -> dict[int, set[int]]:
    actors: dict[int, set[int]] = {}
    with engine.connect() as connection:
        for cluster, identity in connection.execute(text(NAMED)):
            actors.setdefault(identity, set()).add(cluster)
    return actors


def _pages(client: TestClient, params: dict[str, Any]) -> list[int]:
    ids, cursor = [], None
    while True:
        page = client.get("/api/events", params=params | {"limit": 1} | ({"cursor": cursor} if cursor else {})).json()
        ids += [item["id"] for item in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            return ids


def test_an_actors_events_are_the_events_naming_it_newest_first_page_by_page(kb: tuple[str, Engine]) -> None:
    path, engine = kb
    named = _named(engine)
    with TestClient(create_app(path)) as client:
        everything = client.get("/api/events", params={"limit": 100}).json()["items"]
        assert [item["date_start"] for item in everything][-2:] == [None, None]
        for actor, clusters in named.items():
            listed = client.get("/api/events", params={"actor": actor, "limit": 100}).json()
            assert listed["items"] == [item for item in everything if item["id"] in clusters]
            assert listed["total"] == len(clusters)
            assert _pages(client, {"actor": actor}) == [item["id"] for item in listed["items"]]
            assert _pages(client, {"actor": actor, "type": "ASSAULT"}) == [
                item["id"] for item in listed["items"] if item["type"] == "ASSAULT"
            ]
            edges = client.get("/api/network", params={"actor": actor}).json()["edges"]
            assert sum(edge["weight"] for edge in edges) == len(
                {item["id"] for item in listed["items"] if item["sources"] and item["targets"]}
            )
            days = client.get("/api/timeline", params={"actor": actor, "bin": "day"}).json()
            assert sum(day["events"] for day in days) == len([i for i in listed["items"] if i["date_start"]])
    assert max(len(clusters) for clusters in named.values()) > 3  # an actor with dated and undated events


def test_an_actors_events_are_read_through_actor_events(kb: tuple[str, Engine]) -> None:
    path, engine = kb
    nusra = max((len(clusters), actor) for actor, clusters in _named(engine).items())[1]
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM actor_events WHERE identity_id = :actor"), {"actor": nusra})
    with TestClient(create_app(path)) as client:
        assert client.get("/api/events", params={"actor": nusra}).json()["items"] == []
        # with a filter the actor edge rollups do not keep, the network reads the events (an actor's by index)
        assert client.get("/api/network", params={"actor": nusra, "status": "occurred"}).json()["edges"] == []
        assert client.get("/api/network", params={"actor": nusra}).json()["edges"]  # actor edge rollups
