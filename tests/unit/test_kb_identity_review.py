"""Reviewable identities: spelling variants across documents merged, decisions honoured and exchanged."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.documents import Document
from sitroom.record import Actor, ActorKind, Record, Span
from sitroom.store.database import open_engine
from sitroom.store.identity_review import candidates, decide, export_decisions, import_decisions
from sitroom.store.queries import search_documents
from sitroom.store.schema import ActorIdentityRow, ActorRow
from sitroom.store.writer import store_records


def _pair(doc_id: str, *names: tuple[str, ActorKind], collective: bool = False) -> tuple[Document, Record]:
    body = ". ".join(f"{name} spoke" for name, _ in names) + "."
    actors = []
    for number, (name, kind) in enumerate(names, start=1):
        start = body.index(name)
        actors.append(
            Actor(
                id=f"a{number}",
                name=name,
                kind=kind,
                mentions=[Span(text=name, start=start, end=start + len(name))],
                collective="fighters" if collective else None,
            )
        )
    return Document(id=doc_id, text=body), Record(id=doc_id, actors=actors)


def _identities(engine: Engine) -> dict[str, int | None]:
    with Session(engine) as session:
        return {
            name: merged
            for name, merged in session.execute(select(ActorIdentityRow.name, ActorIdentityRow.merged_into))
        }


def test_spellings_of_one_name_merge_and_search_finds_every_spelling(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(engine, [_pair("d1", ("Hafez al-Assad", "person")), _pair("d2", ("Hafiz al-Asad", "person"))])
    merged = _identities(engine)
    assert merged["Hafez al-Assad"] is not None and merged["Hafez al-Assad"] == merged["Hafiz al-Asad"]
    with Session(engine) as session:
        (link,) = candidates(session)
    assert {link.name, link.other_name} == {"Hafez al-Assad", "Hafiz al-Asad"} and link.status == "proposed"
    assert {hit.doc_id for hit in search_documents(engine, "Hafiz al-Asad")} == {"d1", "d2"}


def test_short_forms_namesakes_and_unnamed_groups_stay_apart(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [
            _pair("d1", ("Bashar al-Assad", "person"), ("Maher al-Assad", "person")),
            _pair("d2", ("Assad", "person")),
            _pair("d3", ("rebels", "armed_group"), collective=True),
        ],
    )
    assert set(_identities(engine).values()) == {None}
    with Session(engine) as session:
        assert session.scalar(select(ActorRow.identity_id).where(ActorRow.name == "rebels")) is None


def test_a_rejection_splits_and_holds_for_later_ingests(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine, [_pair("d1", ("Abu Omar al-Shishani", "person")), _pair("d2", ("Abou Omar al-Chechen", "person"))]
    )
    with Session(engine) as session, session.begin():
        (link,) = candidates(session)
        decide(session, link.identity_id, link.other_id, "different", by="analyst@example.org", note="two commanders")
    assert set(_identities(engine).values()) == {None}
    store_records(engine, [_pair("d3", ("Abu Omar al-Shishani", "person"), ("Abou Omar al-Chechen", "person"))])
    assert set(_identities(engine).values()) == {None}
    with Session(engine) as session:
        lines = list(export_decisions(session))
    assert len(lines) == 1 and '"different"' in lines[0] and "analyst@example.org" in lines[0]


def test_decisions_travel_to_another_knowledge_base(tmp_path: Path) -> None:
    first = open_engine(tmp_path / "first.sqlite")
    records = [_pair("d1", ("Hafez al-Assad", "person")), _pair("d2", ("Hafiz al-Asad", "person"))]
    store_records(first, records)
    with Session(first) as session, session.begin():
        (link,) = candidates(session)
        decide(session, link.identity_id, link.other_id, "different", by="a")
        exported = list(export_decisions(session))
    second = open_engine(tmp_path / "second.sqlite")
    with Session(second) as session, session.begin():
        assert import_decisions(session, exported) == 1  # waits for the identities
    store_records(second, records)
    assert set(_identities(second).values()) == {None}


def test_the_command_line_lists_and_decides(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    store_records(
        open_engine(db), [_pair("d1", ("Hafez al-Assad", "person")), _pair("d2", ("Hafiz al-Asad", "person"))]
    )
    runner = CliRunner()
    listed = runner.invoke(app, ["identities", "list", "--db", db])
    assert listed.exit_code == 0 and "Hafiz al-Asad" in listed.stdout
    first, second = (int(part) for part in listed.stdout.split() if part.isdigit())
    accepted = runner.invoke(app, ["identities", "accept", str(first), str(second), "--db", db, "--by", "me"])
    assert accepted.exit_code == 0
    assert "accepted" in runner.invoke(app, ["identities", "list", "--db", db, "--status", "accepted"]).stdout
    bad = runner.invoke(app, ["identities", "accept", "999", "998", "--db", db, "--by", "me"])
    assert bad.exit_code == 2


def test_the_api_lists_links_and_takes_a_decision_with_the_token(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from sitroom.web import create_app

    db = str(tmp_path / "kb.sqlite")
    store_records(
        open_engine(db), [_pair("d1", ("Hafez al-Assad", "person")), _pair("d2", ("Hafiz al-Asad", "person"))]
    )
    client = TestClient(create_app(db, write_token="secret"))
    listed = client.get("/api/identities/links").json()
    (item,) = listed["items"]
    assert listed["writable"] and item["status"] == "proposed"
    body = {"identity": item["identity_id"], "other": item["other_id"], "verdict": "different", "by": "me"}
    assert client.post("/api/identities/decisions", json=body).status_code == 401
    answer = client.post("/api/identities/decisions", json=body, headers={"Authorization": "Bearer secret"})
    assert answer.status_code == 200
    assert client.get("/api/identities/links", params={"status": "rejected"}).json()["items"]
    missing = {**body, "identity": 999_999}
    assert (
        client.post("/api/identities/decisions", json=missing, headers={"Authorization": "Bearer secret"}).status_code
        == 404
    )


def test_an_actor_page_gathers_its_merged_spellings(tmp_path: Path) -> None:
    from sitroom.store.browse.actors import get_actor

    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(engine, [_pair("d1", ("Hafez al-Assad", "person")), _pair("d2", ("Hafiz al-Asad", "person"))])
    with Session(engine) as session:
        first = session.scalar(select(ActorIdentityRow.id).where(ActorIdentityRow.name == "Hafez al-Assad"))
        assert first is not None
        actor = get_actor(session, first)
    assert actor is not None
    assert {"Hafez al-Assad", "Hafiz al-Asad"} <= set(actor["aliases"]) and actor["documents_total"] == 2
    assert [other["name"] for other in actor["merged_with"]] == ["Hafiz al-Asad"]


def test_deleting_a_document_unmerges_the_spelling_it_brought(tmp_path: Path) -> None:
    from sitroom.store.revisions import delete_documents

    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(engine, [_pair("d1", ("Hafez al-Assad", "person")), _pair("d2", ("Hafiz al-Asad", "person"))])
    with Session(engine) as session, session.begin():
        assert delete_documents(session, "d2") == 1
    assert _identities(engine) == {"Hafez al-Assad": None}
