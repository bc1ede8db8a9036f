"""A published knowledge base served by real Datasette: metadata, links between rows, search, canned queries."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store.database import open_engine
from sitroom.store.publishing import record_corpus
from sitroom.store.writer import store_records
from tests.kb_fixtures import report_pair, seed_pair

DATASETTE = Path(sys.executable).parent / "datasette"
ATTACK = "Nusra fighters attacked Ahrar positions near Maskanah."
DENIAL = "Nusra fighters attacked Ahrar positions near Maskanah, the group denied."


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("datasette")
    db, metadata = folder / "kb.sqlite", folder / "metadata.yml"
    engine = open_engine(db)
    store_records(
        engine,
        [
            seed_pair(),
            report_pair("r1", ATTACK, outlet="Reuters", date="2014-01-10"),
            report_pair("r2", DENIAL, outlet="SANA", date="2014-01-11", status="denied"),
        ],
    )
    record_corpus(engine, folder / "corpus.jsonl", "Test corpus", "CC BY 4.0", "https://example.org/corpus")
    result = CliRunner().invoke(app, ["publish", str(db), "--metadata", str(metadata), "--title", "Test KB"])
    assert result.exit_code == 0, result.output
    return db, metadata


@pytest.fixture(scope="module")
def datasette(published: tuple[Path, Path]) -> Iterator[httpx.Client]:
    db, metadata = published
    port = _free_port()
    command = [str(DATASETTE), "serve", str(db), "--metadata", str(metadata), "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if client.get("/-/versions.json").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "datasette did not start"
            time.sleep(0.2)
        yield client
    finally:
        server.terminate()
        server.wait(timeout=20)
        client.close()


def test_publish_writes_metadata_and_checkpoints(published: tuple[Path, Path]) -> None:
    db, metadata = published
    written = yaml.safe_load(metadata.read_text(encoding="utf-8"))
    assert written["title"] == "Test KB"
    assert written["license"] == "CC BY 4.0" and written["source_url"] == "https://example.org/corpus"
    tables = written["databases"]["kb"]["tables"]
    assert tables["places"]["license"].startswith("CC BY 4.0 (GeoNames)")
    assert tables["events"]["fts_table"] == "events_fts"
    assert tables["events"]["columns"]["cluster_id"].startswith("the corroborated event")
    assert tables["agreements"]["columns"]["identity_id"].startswith("the agreement across documents")
    assert "agreement_identities" in tables and "agreement_status_reports" in tables
    assert set(written["databases"]["kb"]["queries"]) == {
        "actor_events",
        "place_events",
        "contested_events",
        "agreement_history",
    }
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_table_page_shows_descriptions_and_points(datasette: httpx.Client) -> None:
    page = datasette.get("/kb/events")
    assert page.status_code == 200
    assert "as one document reports it" in page.text
    rows = datasette.get("/kb/events.json", params={"_shape": "array"}).json()
    assert {"latitude", "longitude"} <= set(rows[0])
    assert any(row["latitude"] == 35.96 for row in rows)


def test_a_row_page_links_to_the_rows_it_points_at_and_from(datasette: httpx.Client) -> None:
    actor = datasette.get("/kb/actors.json", params={"_shape": "array", "name": "Nusra"}).json()[0]
    identity = actor["identity_id"]
    row = datasette.get(f"/kb/actor_identities/{identity}")
    assert row.status_code == 200 and "Links from other tables" in row.text
    for table, column in (("actors", "identity_id"), ("event_actors", "identity_id")):
        assert f'href="/kb/{table}?{column}={identity}"' in row.text
    # Rows that point at the identity link to it, labelled with its name.
    pointing = datasette.get("/kb/actors", params={"id": actor["id"]})
    assert f'<a href="/kb/actor_identities/{identity}">Nusra</a>' in pointing.text
    event = datasette.get("/kb/events.json", params={"_shape": "array", "evidence": ATTACK}).json()[0]
    listed = datasette.get("/kb/events", params={"id": event["id"]}).text
    assert f'<a href="/kb/event_clusters/{event["cluster_id"]}">ASSAULT</a>' in listed
    assert f'<a href="/kb/place_identities/{event["place_identity_id"]}">Maskanah</a>' in listed


def test_full_text_search_on_event_evidence_and_quotes(datasette: httpx.Client) -> None:
    found = datasette.get("/kb/events.json", params={"_search": "denied", "_shape": "array"}).json()
    assert [row["evidence"] for row in found] == [DENIAL]
    quotes = datasette.get("/kb/quotes.json", params={"_search": "realistic", "_shape": "array"}).json()
    assert len(quotes) == 2 and all("realistic" in row["text"] for row in quotes)
    claims = datasette.get("/kb/claims.json", params={"_search": "rapprochement", "_shape": "array"}).json()
    assert [row["text"].split()[:3] for row in claims] == [["a", "significant", "rapprochement"]]


def test_canned_queries_answer(datasette: httpx.Client) -> None:
    contested = datasette.get("/kb/contested_events.json", params={"_shape": "array"}).json()
    assert [(row["sources"], row["targets"], row["report_count"]) for row in contested] == [("Nusra", "Ahrar", 2)]
    events = datasette.get("/kb/actor_events.json", params={"actor": "nusra", "_shape": "array"}).json()
    assert [row["event"] for row in events] == [contested[0]["event"]]
    at_place = datasette.get("/kb/place_events.json", params={"place": "Maskanah", "_shape": "array"}).json()
    assert [row["event"] for row in at_place] == [contested[0]["event"]]
