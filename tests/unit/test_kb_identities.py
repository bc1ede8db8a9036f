"""Cross-document identities of actors and places, the layer tables and the Datasette views."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text

from sitroom.documents import Document
from sitroom.record import Actor, Place, Record, Span
from sitroom.store.database import _MIGRATIONS, open_engine
from sitroom.store.writer import store_records
from tests.kb_fixtures import seed_pair


def _actor_doc(doc_id: str, body: str, *actors: Actor, places: tuple[Place, ...] = ()) -> tuple[Document, Record]:
    return Document(id=doc_id, text=body), Record(id=doc_id, actors=list(actors), places=list(places))


def _actor(name: str, *, canonical_id: str | None = None) -> Actor:
    return Actor(
        id="a1",
        name=name,
        kind="armed_group",
        mentions=[Span(text=name, start=0, end=len(name))],
        registered=canonical_id is not None,
        canonical_id=canonical_id,
    )


def _rows(engine: Engine, sql: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_transliterations_of_an_unregistered_actor_share_one_identity(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [
            _actor_doc("d1", "Ahrar ash-Sham fighters", _actor("Ahrar ash-Sham")),
            _actor_doc("d2", "Ahrar al-Sham said", _actor("Ahrar al-Sham")),
            _actor_doc("d3", "Jaish al-Islam said", _actor("Jaish al-Islam")),
        ],
    )
    identities = _rows(engine, "SELECT aliases, documents FROM actors_view ORDER BY documents DESC, name")
    assert len(identities) == 2
    aliases, documents = identities[0]
    assert documents == 2
    assert set(str(aliases).split(", ")) == {"Ahrar ash-Sham", "Ahrar al-Sham"}


def test_registered_actors_merge_by_registry_id_whatever_their_name(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [
            _actor_doc("d1", "ISIL advanced", _actor("ISIL", canonical_id="IMGISI")),
            _actor_doc("d2", "Daesh advanced", _actor("Daesh", canonical_id="IMGISI")),
            _actor_doc("d3", "Daesh, a local band", _actor("Daesh")),  # unregistered: only its name
        ],
    )
    rows = _rows(engine, "SELECT canonical_id, documents FROM actors_view ORDER BY documents DESC")
    assert rows == [("IMGISI", 2), (None, 1)]


def test_places_merge_by_geonames_id_then_coordinates(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    aleppo = Place(id="p1", name="Aleppo", country="SY", geonames_id=170063, lat=36.2, lon=37.16, mentions=[])
    halab = Place(id="p1", name="Halab", country="SY", geonames_id=170063, mentions=[])
    jarrah = Place(id="p1", name="Jarrah airbase", country="SY", lat=36.0901, lon=37.9401, mentions=[])
    jirah = Place(id="p1", name="Jirah", country="SY", lat=36.0899, lon=37.9399, mentions=[])
    store_records(
        engine,
        [
            _actor_doc("d1", "one", places=(aleppo,)),
            _actor_doc("d2", "two", places=(halab,)),
            _actor_doc("d3", "three", places=(jarrah,)),
            _actor_doc("d4", "four", places=(jirah,)),
        ],
    )
    assert _rows(engine, "SELECT documents FROM places_view ORDER BY identity_id") == [(2,), (2,)]


def test_seed_layers_are_tables_linked_to_identities(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(engine, [seed_pair()])
    aliases = _rows(engine, "SELECT aliases FROM actors_view WHERE name = 'Islamic State of Iraq and the Levant'")
    assert {"ISIL", "Islamic State of Iraq and Levant"} <= set(str(aliases[0][0]).split(", "))
    provisions = _rows(engine, "SELECT n, type, obligors FROM provisions ORDER BY n")
    assert [(n, kind) for n, kind, _ in provisions][:2] == [(1, "ceasefire"), (2, "non_attack")]
    assert json.loads(str(provisions[0][2])) == ["Ahrar al-Sham"]
    framed = _rows(
        engine,
        "SELECT ai.name FROM framing f JOIN actor_identities ai ON ai.id = f.target_identity_id "
        "WHERE f.text LIKE '%thug Lavrov'",
    )
    assert ("Sergey Lavrov",) in framed
    affiliations = _rows(
        engine,
        "SELECT a.name, b.name FROM actor_affiliations f JOIN actor_identities a ON a.id = f.identity_id "
        "JOIN actor_identities b ON b.id = f.affiliated_id",
    )
    assert ("Abu Bakr al-Baghdadi", "Islamic State of Iraq and the Levant") in affiliations
    reports = _rows(engine, "SELECT doc_id, type, place, lat FROM event_reports_view WHERE type = 'ASSAULT'")
    assert reports == [("000_1c0d675042cec979", "ASSAULT", "Al Anbar Governorate", 33.4)]


def test_a_knowledge_base_from_revision_0001_is_linked_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        document, record = seed_pair()
        connection.execute(
            text(
                "INSERT INTO documents (doc_id, content_hash, source, title, date, outlet, language, text, record, "
                "analyzed_at) VALUES (:id, :hash, 's', :title, :date, :outlet, 'en', :text, :record, 'now')"
            ),
            {
                "id": document.id,
                "hash": document.content_hash,
                "title": record.title,
                "date": record.date,
                "outlet": record.outlet,
                "text": document.text,
                "record": record.to_json(),
            },
        )
    engine = open_engine(path)
    assert _rows(engine, "SELECT count(*) FROM actor_identities") == [(len(record.actors),)]
    assert _rows(engine, "SELECT count(*) FROM event_clusters")[0][0] >= 1
    assert _rows(engine, "SELECT count(*) FROM documents WHERE linked") == [(1,)]


def test_a_place_at_its_parents_point_keeps_its_own_identity(tmp_path: Path) -> None:
    """A hospital placed at its town's point is not the town, and keeps the flag in the knowledge base."""
    town = Place(id="p1", name="Saraqib", country="SY", lat=35.86, lon=36.8, resolved=True, mentions=[],
                 located_by="gazetteer")  # fmt: skip
    hospital = Place(id="p2", name="Saraqib hospital", country="SY", lat=35.86, lon=36.8, mentions=[],
                     located_by="parent", parent="p1")  # fmt: skip
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(engine, [_actor_doc("d1", "text", places=(town, hospital))])
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT name, located_by FROM place_identities ORDER BY name")).all()
    assert [tuple(row) for row in rows] == [("Saraqib", "gazetteer"), ("Saraqib hospital", "parent")]
