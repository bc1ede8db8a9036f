"""The rollups (events per type, place, point and months, per type and months, per type and point; network
edges per actor pair, type, place and months, and per actor pair and type) equal what the events count,
after storing, revising, deleting, reanalysing and reclustering, and after the migration fills them in an
existing base; the map, timeline and network answer the same from them as from the events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from sitroom.store.browse import aggregates, time_bins
from sitroom.store.corroboration import recluster
from sitroom.store.database import open_engine
from sitroom.store.writer import delete_document, store_documents
from sitroom.web import create_app
from tests.kb_fixtures import report_pair

LIVE_EVENTS = """
SELECT type, place_identity_id, latitude, longitude, substr(date_start, 1, 7), substr(date_end, 1, 7),
       count(*), sum(id)
FROM event_clusters GROUP BY 1, 2, 3, 4, 5, 6"""
ROLLUP_EVENTS = """
SELECT type, place_identity_id, latitude, longitude, month_start, month_end, sum(events), sum(id_sum)
FROM event_rollups GROUP BY 1, 2, 3, 4, 5, 6"""
LIVE_EDGES = """
SELECT s.identity_id, t.identity_id, c.type, c.place_identity_id, substr(c.date_start, 1, 7),
       substr(c.date_end, 1, 7), count(DISTINCT c.id)
FROM events e JOIN event_clusters c ON c.id = e.cluster_id
JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'
JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'
WHERE s.identity_id <> t.identity_id GROUP BY 1, 2, 3, 4, 5, 6"""
LIVE_POINTS = (
    "SELECT type, place_identity_id, latitude, longitude, count(*), sum(id) FROM event_clusters GROUP BY 1, 2, 3, 4"
)
ROLLUP_POINTS = "SELECT type, place_identity_id, latitude, longitude, events, id_sum FROM point_rollups"
LIVE_LOCATIONS = "SELECT place_identity_id, latitude, longitude, count(*), sum(id) FROM event_clusters GROUP BY 1, 2, 3"
ROLLUP_LOCATIONS = "SELECT place_identity_id, latitude, longitude, events, id_sum FROM location_rollups"
LIVE_MONTHS = """
SELECT c.type, p.country, substr(c.date_start, 1, 7), substr(c.date_end, 1, 7), count(*)
FROM event_clusters c LEFT JOIN place_identities p ON p.id = c.place_identity_id GROUP BY 1, 2, 3, 4"""
ROLLUP_MONTHS = "SELECT type, country, month_start, month_end, sum(events) FROM month_rollups GROUP BY 1, 2, 3, 4"
LIVE_DAYS = """
SELECT c.type, p.country, c.date_start, substr(c.date_end, 1, 7), count(*), sum(c.id)
FROM event_clusters c LEFT JOIN place_identities p ON p.id = c.place_identity_id GROUP BY 1, 2, 3, 4"""
ROLLUP_DAYS = "SELECT type, country, day_start, month_end, events, id_sum FROM day_rollups"
ROLLUP_EDGES = """
SELECT source_id, target_id, type, place_identity_id, month_start, month_end, events FROM edge_rollups"""
LIVE_NETWORK = f"""
SELECT s.identity_id, t.identity_id, c.type, count(DISTINCT c.id)
{LIVE_EDGES[LIVE_EDGES.index("FROM") : LIVE_EDGES.index("GROUP BY")]}GROUP BY 1, 2, 3"""
ROLLUP_NETWORK = "SELECT source_id, target_id, type, events FROM network_rollups"
LIVE_ACTOR_EDGES = """
SELECT a.identity_id, s.identity_id, t.identity_id, c.type, count(DISTINCT c.id)
FROM events e JOIN event_clusters c ON c.id = e.cluster_id
JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'
JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'
JOIN events named ON named.cluster_id = c.id JOIN event_actors a ON a.event_id = named.id
WHERE s.identity_id <> t.identity_id GROUP BY 1, 2, 3, 4"""
ROLLUP_ACTOR_EDGES = "SELECT actor_id, source_id, target_id, type, events FROM actor_edge_rollups"
LIVE_ACTOR_EVENTS = """
SELECT DISTINCT a.identity_id, e.cluster_id, coalesce(c.date_start, '')
FROM events e JOIN event_clusters c ON c.id = e.cluster_id JOIN event_actors a ON a.event_id = e.id"""
ROLLUP_ACTOR_EVENTS = "SELECT identity_id, cluster_id, date_key FROM actor_events"

ROLLUPS = (
    *("event_rollups", "month_rollups", "day_rollups", "point_rollups", "location_rollups"),
    *("edge_rollups", "network_rollups", "actor_edge_rollups"),
)
ALEPPO = ("Aleppo", 36.2, 37.16)
REPORTS = [
    report_pair("d1", "Nusra fighters attacked Ahrar positions.", outlet="Reuters", date="2014-01-10"),
    report_pair("d2", "Nusra fighters attacked Ahrar again.", outlet="SANA", date="2014-01-11"),
    report_pair("d3", "Nusra units shelled Jabha posts.", outlet="AFP", date="2014-01-31", place=ALEPPO),
    report_pair("d4", "Army troops shelled Daraa.", outlet="AP", date="2014-02", event_type="COERCE"),
    report_pair("d5", "Kurds fighters attacked Nusra posts.", outlet="AP", date="2015", place=None),
    report_pair("d6", "Nusra raiders attacked Kurds.", outlet="AP", date="2014-03-02", place=ALEPPO),
    # joins d3's stored event, which then ends a month later
    report_pair("d7", "Nusra units shelled Jabha again.", outlet="SANA", date="2014-02-01", place=ALEPPO),
]


def _rows(engine: Engine, sql: str) -> set[tuple[Any, ...]]:
    with engine.connect() as connection:
        return {tuple(row) for row in connection.execute(text(sql))}


def assert_rollups_match(engine: Engine) -> None:
    """The rollups hold exactly what the events count now (no empty rows)."""
    assert _rows(engine, ROLLUP_EVENTS) == _rows(engine, LIVE_EVENTS)
    assert _rows(engine, ROLLUP_MONTHS) == _rows(engine, LIVE_MONTHS)
    assert _rows(engine, ROLLUP_DAYS) == _rows(engine, LIVE_DAYS)
    assert _rows(engine, ROLLUP_POINTS) == _rows(engine, LIVE_POINTS)
    assert _rows(engine, ROLLUP_LOCATIONS) == _rows(engine, LIVE_LOCATIONS)
    assert _rows(engine, ROLLUP_EDGES) == _rows(engine, LIVE_EDGES)
    assert _rows(engine, ROLLUP_NETWORK) == _rows(engine, LIVE_NETWORK)
    assert _rows(engine, ROLLUP_ACTOR_EVENTS) == _rows(engine, LIVE_ACTOR_EVENTS)
    assert _rows(engine, ROLLUP_ACTOR_EDGES) == _rows(engine, LIVE_ACTOR_EDGES)
    assert _rows(engine, "SELECT count(*) FROM actor_events") == _rows(
        engine, f"SELECT count(*) FROM ({LIVE_ACTOR_EVENTS}) AS live"
    )
    for table in ROLLUPS:
        assert _rows(engine, f"SELECT count(*) FROM {table} WHERE events <= 0") == {(0,)}


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    kb = open_engine(tmp_path / "kb.sqlite")
    store_documents(kb, REPORTS[:4])
    store_documents(kb, REPORTS[4:])
    return kb


def test_rollups_follow_storing_revising_deleting_and_reclustering(engine: Engine) -> None:
    assert _rows(engine, "SELECT sum(events) FROM event_rollups") == {(5,)}  # d1 and d2, d3 and d7 are one
    assert _rows(engine, "SELECT month_start, month_end FROM event_rollups WHERE place_identity_id = 2") == {
        ("2014-01", "2014-02"),
        ("2014-03", "2014-03"),
    }
    assert_rollups_match(engine)

    revised = report_pair("d1", "Nusra fighters attacked Jaysh positions.", outlet="Reuters", date="2014-01-10")
    assert store_documents(engine, [revised]).revised == 1  # d2's event loses a report, d1 opens another
    assert_rollups_match(engine)
    assert _rows(engine, "SELECT sum(events) FROM event_rollups") == {(6,)}

    assert delete_document(engine, "d3") == 1
    assert_rollups_match(engine)
    assert store_documents(engine, REPORTS[1:2], reanalysis=True).revised == 1
    assert_rollups_match(engine)

    with Session(engine) as session, session.begin():
        recluster(session)
    assert_rollups_match(engine)
    assert _rows(engine, "SELECT sum(events) FROM event_rollups") == {(6,)}


def test_deleting_a_document_whose_events_were_its_own_drops_each_of_them(engine: Engine) -> None:
    document, record = report_pair("d8", "Nusra fighters attacked Ahrar posts.", outlet="AFP", date="2014-05-05")
    other = record.events[0].model_copy(update={"id": "e2", "type": "COERCE"})
    store_documents(engine, [(document, record.model_copy(update={"events": [*record.events, other]}))])
    assert_rollups_match(engine)

    assert delete_document(engine, "d8") == 1  # two events, each removed in a savepoint of its own

    assert_rollups_match(engine)
    assert _rows(engine, "SELECT sum(events) FROM event_rollups") == {(5,)}


def test_a_failed_transaction_leaves_the_rollups_as_they_were(engine: Engine) -> None:
    before = _rows(engine, ROLLUP_EVENTS)
    with pytest.raises(RuntimeError), Session(engine) as session, session.begin():
        recluster(session)
        raise RuntimeError("killed")
    assert _rows(engine, ROLLUP_EVENTS) == before
    store_documents(engine, [report_pair("d7", "Nusra fighters attacked Ahrar.", outlet="AFP", date="2014-01-11")])
    assert_rollups_match(engine)


def test_the_migration_fills_the_rollups_of_an_existing_base(tmp_path: Path, engine: Engine) -> None:
    with engine.begin() as connection:  # the base as the previous schema left it
        for table in (*ROLLUPS, "actor_events"):
            connection.execute(text(f"DROP TABLE {table}"))
        connection.execute(text("DROP INDEX ix_event_actors_identity_event"))
        for statement in BACK_TO_NETWORK_ROLLUPS[:4]:
            connection.execute(text(statement))
        connection.execute(text("UPDATE alembic_version SET version_num = 'workbench_scale'"))

    assert_rollups_match(open_engine(tmp_path / "kb.sqlite"))


BACK_TO_NETWORK_ROLLUPS = (  # back to revision network_rollups
    "DROP INDEX ix_agreement_identities_date_end",
    "ALTER TABLE agreement_identities DROP COLUMN settled",
    "DROP INDEX ix_event_clusters_signature_date_start",
    "CREATE INDEX ix_event_clusters_signature ON event_clusters (signature)",
    "DROP TABLE location_rollups",
    "DROP INDEX ix_event_rollups_precision_month_end",
    "DROP INDEX ix_month_rollups_month_type_events",
    "DROP INDEX ix_month_rollups_country_month_type_events",
)


def _migrated_from(path: Path, engine: Engine, revision: str, *statements: str) -> Engine:
    """The base taken back to ``revision`` by ``statements``, then opened (so migrated) again."""
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
        connection.execute(text(f"UPDATE alembic_version SET version_num = '{revision}'"))
    migrated = open_engine(path)
    assert_rollups_match(migrated)
    return migrated


def test_the_migration_fills_the_network_rollups_from_the_edge_rollups(tmp_path: Path, engine: Engine) -> None:
    migrated = _migrated_from(
        tmp_path / "kb.sqlite",
        engine,
        "actor_country_rollups",
        "DROP TABLE network_rollups",
        "DROP INDEX ix_day_rollups_type_day_events",
        "CREATE INDEX ix_day_rollups_type_day_start ON day_rollups (type, day_start)",
        *BACK_TO_NETWORK_ROLLUPS,
    )

    assert _rows(migrated, "SELECT count(*) FROM network_rollups") == {(5,)}
    store_documents(migrated, [report_pair("d8", "Nusra fighters attacked Ahrar.", outlet="AFP", date="2016-01-01")])
    assert_rollups_match(migrated)  # the writer's keys are the migration's


def test_the_migration_fills_the_location_rollups_from_the_point_rollups(tmp_path: Path, engine: Engine) -> None:
    migrated = _migrated_from(
        tmp_path / "kb.sqlite",
        engine,
        "network_rollups",
        *BACK_TO_NETWORK_ROLLUPS,
    )

    assert _rows(migrated, "SELECT sum(events) FROM location_rollups WHERE latitude IS NOT NULL") == {(4,)}
    store_documents(migrated, [report_pair("d8", "Nusra fighters attacked Ahrar.", outlet="AFP", date="2016-01-01")])
    assert_rollups_match(migrated)  # the writer's keys are the migration's


def test_the_migration_fills_actor_events_and_countries_in_a_base_with_rollups(tmp_path: Path, engine: Engine) -> None:
    tables = ("actor_events", "day_rollups", "actor_edge_rollups", "network_rollups")
    dropped = [f"DROP TABLE {table}" for table in tables]
    migrated = _migrated_from(
        tmp_path / "kb.sqlite",
        engine,
        "rollups",
        *BACK_TO_NETWORK_ROLLUPS,
        *dropped,
        "ALTER TABLE month_rollups DROP COLUMN country",
        "DROP INDEX ix_event_rollups_months_point",
    )

    assert _rows(migrated, "SELECT count(DISTINCT identity_id) FROM actor_events") == {(8,)}
    assert _rows(migrated, "SELECT DISTINCT country FROM month_rollups") == {("SY",), (None,)}


REQUESTS = [
    ("/api/events/map", {"zoom": 3}),
    ("/api/events/map", {"zoom": 9, "type": "ASSAULT", "south": 35, "west": 36, "north": 37, "east": 39}),
    ("/api/events/map", {"zoom": 6, "country": "sy", "date_from": "2014-01", "date_to": "2014-02-28"}),
    ("/api/events/map", {"zoom": 5, "date_from": "2014-02"}),
    ("/api/timeline", {}),
    ("/api/timeline", {"bin": "year", "date_from": "2014"}),
    ("/api/timeline/bins", {"type": "ASSAULT"}),
    ("/api/timeline/bins", {"country": "SY"}),
    ("/api/timeline", {"country": "sy", "bin": "year"}),
    ("/api/timeline", {"country": "SY", "type": "ASSAULT", "date_from": "2014-01", "date_to": "2014-02"}),
    ("/api/timeline", {"bin": "week", "type": "ASSAULT"}),
    ("/api/timeline", {"bin": "day", "country": "SY", "date_to": "2014-01"}),
    ("/api/timeline", {"bin": "week", "date_from": "2014-02"}),
    ("/api/network", {}),
    ("/api/network", {"type": "ASSAULT"}),
    ("/api/network", {"date_to": "2014-01-31"}),
    ("/api/network", {"actor": 1}),
    ("/api/network", {"actor": 1, "type": "ASSAULT"}),
    ("/api/network/graph", {"actor": 1, "min_events": 1}),
    ("/api/network/graph", {"min_events": 1}),
    ("/api/network/graph", {"ego": 1, "kind": "armed_group"}),
]


def test_endpoints_answer_the_same_from_the_rollups_as_from_the_events(
    tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(tmp_path / "kb.sqlite")
    with TestClient(create_app(path)) as client:
        from_rollups = [client.get(url, params=params).json() for url, params in REQUESTS]
    with engine.begin() as connection:
        for table in ROLLUPS:
            connection.execute(text(f"DELETE FROM {table}"))
    with TestClient(create_app(path)) as client:  # they came from the rollups
        assert client.get("/api/timeline", params={"bin": "week"}).json() == []
        assert client.get("/api/network", params={"actor": 1}).json()["edges"] == []
        assert client.get("/api/events/map", params={"zoom": 3}).json()["events"] == 0
        assert client.get("/api/network").json()["edges"] == []
        assert client.get("/api/timeline").json() == []
    monkeypatch.setattr(aggregates, "covers", lambda selection: False)
    monkeypatch.setattr(aggregates, "covers_actor_edges", lambda selection: False)
    monkeypatch.setattr(time_bins, "covers", lambda selection: False)
    with TestClient(create_app(path)) as client:
        live = [client.get(url, params=params).json() for url, params in REQUESTS]
    assert from_rollups == live
    assert [answer for answer in from_rollups if not answer] == []  # every request found something
    assert from_rollups[0]["events"] == 4  # located events
    assert from_rollups[-2]["edges"]
    assert from_rollups[REQUESTS.index(("/api/network", {"actor": 1}))]["edges"]


def test_a_map_over_dates_counts_an_event_begun_the_year_before(tmp_path: Path) -> None:
    kb = open_engine(tmp_path / "kb.sqlite")
    across_new_year = [  # one event from 31 December to 1 January, and one a year and a half before
        report_pair("n1", "Nusra fighters attacked Ahrar positions.", outlet="Reuters", date="2013-12-31"),
        report_pair("n2", "Nusra fighters attacked Ahrar again.", outlet="SANA", date="2014-01-01"),
        report_pair("n3", "Army troops shelled Daraa.", outlet="AP", date="2012-06-01", event_type="COERCE"),
    ]
    store_documents(kb, across_new_year)
    assert _rows(kb, "SELECT month_start, month_end, precision FROM event_rollups WHERE type = 'ASSAULT'") == {
        ("2013-12", "2014-01", "longer")
    }
    with TestClient(create_app(str(tmp_path / "kb.sqlite"))) as client:
        for since, events in (("2014-01", 1), ("2013", 1), ("2014-02", 0), ("2012-06", 2)):
            assert client.get("/api/events/map", params={"zoom": 5, "date_from": since}).json()["events"] == events


def test_filters_the_rollups_do_not_keep_read_the_events() -> None:
    covered = aggregates.EventFilter(type="ASSAULT", country="SY", date_from="2014-01-01", date_to="2014")
    assert aggregates.covers(covered)
    assert not aggregates.covers(aggregates.EventFilter(actor=3))
    assert not aggregates.covers(aggregates.EventFilter(date_from="2014-01-02"))
    assert not aggregates.covers(aggregates.EventFilter(date_to="2014-02-27"))
    assert aggregates.covers(aggregates.EventFilter(date_to="2016-02-29"))
    assert not aggregates.covers(aggregates.EventFilter(min_sources=2))
