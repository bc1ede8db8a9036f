"""The knowledge base on PostgreSQL: migrations, identities, corroboration, views, full-text search, API.

Runs against SITROOM_TEST_POSTGRES_URL (scripts/ensure_postgres.sh prints one); skipped when it is unset,
unless CI is set, where a missing server is a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language
from sqlalchemy import Engine, create_engine, inspect, text

from sitroom.corpus import read_documents
from sitroom.ingest import ingest
from sitroom.store import agreement_identities
from sitroom.store.agreement_identities import AgreementReport, Identity
from sitroom.store.database import open_engine
from sitroom.store.queries import count_documents, search_documents
from sitroom.store.writer import delete_document, store_documents, store_records
from sitroom.web import create_app
from tests.kb_fixtures import contested_reports, report_pair, seed_pair
from tests.unit.test_agreement_settling import agreement_history, far_truce
from tests.unit.test_kb_rollups import assert_rollups_match

URL = os.environ.get("SITROOM_TEST_POSTGRES_URL")

if not URL:
    if os.environ.get("CI"):
        pytest.fail("SITROOM_TEST_POSTGRES_URL is unset under CI (see scripts/ensure_postgres.sh)", pytrace=False)
    pytest.skip("SITROOM_TEST_POSTGRES_URL is unset", allow_module_level=True)


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    assert URL is not None
    with create_engine(URL).begin() as connection:  # a clean schema for every run
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    kb = open_engine(URL)
    pairs = [
        seed_pair(),
        *contested_reports(),
    ]
    assert store_records(kb, pairs) == 4
    assert store_records(kb, pairs) == 0
    yield kb
    kb.dispose()


def test_migrations_build_tables_and_views(engine: Engine) -> None:
    inspector = inspect(engine)
    assert {"documents", "actor_identities", "event_clusters", "provisions"} <= set(inspector.get_table_names())
    assert {"corroborated_events_view", "actors_view"} <= set(inspector.get_view_names())
    open_engine(URL or "")  # re-opening is a no-op upgrade
    assert count_documents(engine) == 4


def test_the_newest_events_come_by_index_nulls_last(engine: Engine) -> None:
    newest = "SELECT id FROM event_clusters {} ORDER BY date_start DESC NULLS LAST, id DESC LIMIT 50"
    with engine.begin() as connection:
        for method in ("seqscan", "bitmapscan", "sort"):  # what a small table would take instead
            connection.execute(text(f"SET LOCAL enable_{method} = off"))
        for where, index in (
            ("", "ix_event_clusters_newest"),
            ("WHERE type = 'ASSAULT'", "ix_event_clusters_type_newest"),
        ):
            plan = "\n".join(row[0] for row in connection.execute(text("EXPLAIN " + newest.format(where))))
            assert f"Scan using {index}" in plan and "Sort" not in plan, plan


def test_full_text_search_uses_postgres_text_search(engine: Engine) -> None:
    assert [hit.doc_id for hit in search_documents(engine, "truce")] == ["000_1c0d675042cec979"]
    assert search_documents(engine, "zzzq'); DROP TABLE documents; --") == []
    assert count_documents(engine) == 4


def test_views_report_corroboration_and_aliases(engine: Engine) -> None:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT report_count, source_count, statuses, contested FROM corroborated_events_view "
                "WHERE source_count > 1"
            )
        ).all()
        aliases = connection.execute(
            text("SELECT aliases FROM actors_view WHERE name = 'Islamic State of Iraq and the Levant'")
        ).scalar_one()
    assert [tuple(row) for row in rows] == [(3, 3, "occurred,denied", True)]
    assert {"ISIL", "Islamic State of Iraq and Levant"} <= set(aliases.split(", "))


def test_the_api_serves_a_postgres_knowledge_base(engine: Engine) -> None:
    client = TestClient(create_app(URL or ""))
    hits = client.get("/api/documents", params={"q": "Aleppo truce"}).json()
    assert hits["total"] == 1 and "\u0002" in hits["items"][0]["snippet"]
    ahrar = client.get("/api/actors", params={"q": "Ahrar al-Sham"}).json()["items"]
    assert any(item["name"] == "Ahrar al-Sham" for item in ahrar)
    events = client.get("/api/events", params={"min_sources": 2, "status": "denied"}).json()
    assert events["total"] == 1 and events["items"][0]["contested"] is True
    assert client.get("/api/network").json()["edges"]
    assert client.get("/api/timeline").json()
    for url in ("/api/documents?q=Aleppo%00", "/api/actors?q=%00", "/api/places?q=%00", "/api/documents/x%00"):
        assert client.get(url).status_code == 400, url  # PostgreSQL cannot take a NUL: a clear 400, not a 500


def test_concurrent_writers_open_one_cluster_per_event_and_count_every_report(engine: Engine) -> None:
    raid = "Jaysh fighters raided Fatah positions near Maskanah."
    batches = [
        [
            report_pair(f"w{writer}-{n}", f"{raid} Report {writer}.{n}.", outlet=f"Outlet {n % 5}", date="2014-03-02")
            for n in range(10)
        ]
        for writer in range(6)
    ]
    with ThreadPoolExecutor(max_workers=6) as pool:  # each writer its own connection and transaction
        stored = list(pool.map(lambda batch: store_records(engine, batch), batches))

    assert stored == [10] * 6
    with engine.connect() as connection:
        clusters = connection.execute(
            text("SELECT report_count, source_count FROM corroborated_events_view WHERE sources = 'Jaysh'")
        ).all()
        identities = connection.execute(text("SELECT count(*) FROM actor_identities WHERE name = 'Jaysh'")).scalar()
    assert [tuple(row) for row in clusters] == [(60, 5)]
    assert identities == 1


def test_rollups_match_the_events_after_concurrent_writers_a_revision_and_a_delete(engine: Engine) -> None:
    assert_rollups_match(engine)
    raid = "Jaysh fighters raided Kurds positions near Maskanah. Report 0.1."
    assert store_documents(engine, [report_pair("w0-1", raid, outlet="Outlet 1", date="2014-03-31")]).revised == 1
    assert_rollups_match(engine)
    assert delete_document(engine, "w0-2") == 1
    assert_rollups_match(engine)
    client = TestClient(create_app(URL or ""))
    cells = client.get("/api/events/map", params={"zoom": 12}).json()["cells"]
    assert {cell["event"] for cell in cells if cell["events"] == 1} <= {item["id"] for item in _events(client)}
    assert client.get("/api/timeline/bins").json()["bins"]
    weeks = client.get("/api/timeline", params={"bin": "week"}).json()  # added up by the database, Mondays
    mondays: Counter[tuple[str, object]] = Counter()
    for item in _events(client):
        if item["date_start"]:
            day = date.fromisoformat(str(item["date_start"]))
            mondays[((day - timedelta(days=day.weekday())).isoformat(), item["type"])] += 1
    assert {(week["bin"], week["type"]): week["events"] for week in weeks} == mondays
    assert all(type(week["events"]) is int for week in weeks)
    assert client.get("/api/network/graph").json()["edges"]
    actor = client.get("/api/network").json()["edges"][0]["source"]  # its events by ``actor_events``' index
    named = client.get("/api/events", params={"actor": actor, "limit": 500}).json()["items"]
    roles = ("sources", "targets", "reporters")
    expected = [item for item in _events(client) if actor in {a["id"] for role in roles for a in item[role]}]
    assert [_sorted_actors(item) for item in named] == [_sorted_actors(item) for item in expected]


def _sorted_actors(item: dict[str, Any]) -> dict[str, Any]:
    """An event item with its actors in id order (PostgreSQL returns them in whatever order its plan gives)."""
    return item | {
        role: sorted(item[role], key=lambda actor: actor["id"]) for role in ("sources", "targets", "reporters")
    }


def _events(client: TestClient) -> list[dict[str, object]]:
    items: list[dict[str, object]] = client.get("/api/events", params={"limit": 500}).json()["items"]
    return items


@pytest.fixture
def bad_input_url() -> str:
    """A fresh schema of its own, so this test's documents meet no other test's."""
    assert URL is not None
    with create_engine(URL).begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS bad_input CASCADE"))
        connection.execute(text("CREATE SCHEMA bad_input"))
    separator = "&" if "?" in URL else "?"
    return f"{URL}{separator}options=-csearch_path%3Dbad_input"


def test_what_sqlite_stores_postgres_stores_and_a_refused_document_fails_alone(
    bad_input_url: str, tmp_path: Path, nlp: Language
) -> None:
    rows = [
        {"id": "nul", "text": "Rebels shelled Maskanah.\u0000 Five died."},
        {"id": "long-outlet", "text": "Government forces retook Douma.", "outlet": "O" * 300},
        {"id": "i" * 600, "text": "A truce held in Idlib.", "language": "english-us"},
        {"id": "after", "text": "Turkish troops entered Jarabulus."},
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    kb = open_engine(bad_input_url)
    for _ in range(2):  # a rerun neither crashes nor stores anything twice
        summary = ingest(kb, nlp, read_documents(corpus))
        assert summary.errors == 0 and summary.added + summary.already_stored == 4
    assert count_documents(kb) == 4
    document, record = report_pair("refused", "ISIL attacked Homs.", outlet="Blog", date="2015-03-01")
    record.actors[0].name = "ISIL" + "\u0000"  # past the reader: the database itself refuses it
    kept = report_pair("kept", "Rebels withdrew from Homs.", outlet=None, date=None)
    outcome = store_documents(kb, [(document, record), kept])
    assert outcome.added == 1 and [refused.id for refused, _ in outcome.refused] == ["refused"]
    with kb.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM ingest_errors")).scalar() == 1
    kb.dispose()


def test_processes_creating_one_knowledge_base_at_once_take_turns(bad_input_url: str) -> None:
    script = "import sys; from sitroom.store.database import open_engine; open_engine(sys.argv[1]).dispose()"
    runs = [subprocess.Popen([sys.executable, "-c", script, bad_input_url], stderr=subprocess.PIPE) for _ in range(4)]
    outcomes = [(run.wait(timeout=120), run.stderr.read() if run.stderr else b"") for run in runs]
    assert [code for code, _ in outcomes] == [0] * 4, outcomes
    assert count_documents(open_engine(bad_input_url, create=False)) == 0


def test_the_search_language_runs_on_postgres_text_search(engine: Engine) -> None:
    client = TestClient(create_app(URL or ""))

    def found(**params: str) -> set[str]:
        response = client.get("/api/documents", params={**params, "limit": "500"})
        assert response.status_code == 200, response.text
        return {item["doc_id"] for item in response.json()["items"]}

    # Other tests add documents to this base: each query is checked on the four it starts with.
    first = {"000_1c0d675042cec979", "r1", "r2", "r3"}
    assert found(q='"Many died"') & first == {"r2"}
    assert found(q="died OR denied") & first == {"r2", "r3"}
    assert found(q="Maskanah -died") & first == {"r1"}
    assert found(q="deni*", sort="oldest") & first == {"r3"}
    assert found(q="(truce OR died) Aleppo") & first == {"000_1c0d675042cec979"}
    facets = client.get("/api/documents", params={"q": "Ahrar"}).json()["facets"]
    assert {"value": "SANA", "documents": 1} in facets["outlet"]
    assert client.get("/api/documents", params={"q": "(x"}).status_code == 400


def test_on_postgres_every_agreement_loner_is_compared_in_every_batch(
    bad_input_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writers store concurrently on PostgreSQL, so a loner one settled may fit what another changed: the
    loners a far-off report cannot concern are compared all the same (on SQLite none is)."""
    kb = open_engine(bad_input_url)
    agreement_history(kb, 1)
    store_records(kb, [far_truce(date(2030, 1, 1).isoformat(), "far-1")])
    compared: list[str] = []
    sole_fit = agreement_identities._sole_fit

    def counted(report: AgreementReport, founded: list[Identity]) -> Identity | None:
        compared.append(report.kind)
        return sole_fit(report, founded)

    monkeypatch.setattr(agreement_identities, "_sole_fit", counted)
    store_records(kb, [far_truce(date(2030, 1, 2).isoformat(), "far-2")])
    assert compared
    kb.dispose()
