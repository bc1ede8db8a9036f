"""Batched inserts: ids come back in the order of the rows, told apart by key columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.store.database import open_engine
from sitroom.store.schema import ActorIdentityRow
from sitroom.store.statements import insert_returning_ids


def _identity(key: str, name: str) -> dict[str, object]:
    return {"key": key, "canonical_id": None, "name": name, "kind": "person"}


def test_ids_follow_the_order_of_the_rows(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    rows = [_identity(f"name:{name}", name) for name in ("zed", "amy", "kim", "bob")]
    with Session(engine) as session, session.begin():
        ids = insert_returning_ids(session, ActorIdentityRow, rows, key=["key"])
        stored = {pk: name for pk, name in session.execute(select(ActorIdentityRow.id, ActorIdentityRow.name))}
    assert [stored[pk] for pk in ids] == ["zed", "amy", "kim", "bob"]


def test_rows_the_key_does_not_tell_apart_are_refused(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    rows = [_identity("name:a", "same"), _identity("name:b", "same")]
    with Session(engine) as session, session.begin(), pytest.raises(ValueError, match="not told apart"):
        insert_returning_ids(session, ActorIdentityRow, rows, key=["name"])
