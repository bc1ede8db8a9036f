"""Batched INSERT helpers shared by the store's writers: one statement per table and record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sitroom.store.schema import Base

Row = dict[str, Any]


def insert_rows(session: Session, model: type[Base], rows: Sequence[Row]) -> None:
    """Insert ``rows`` into ``model``'s table in one executemany (nothing when there are none)."""
    if rows:
        session.execute(insert(model), list(rows))


def insert_returning_ids(session: Session, model: type[Base], rows: Sequence[Row]) -> list[int]:
    """Insert ``rows`` and return their new primary keys, in the order of ``rows``."""
    if not rows:
        return []
    primary_key = model.__table__.c.id
    statement = insert(model).returning(primary_key, sort_by_parameter_order=True)
    return list(session.scalars(statement, list(rows)))


def insert_ignoring_conflicts(session: Session, model: type[Base], rows: Sequence[Row]) -> None:
    """Insert ``rows``, skipping any that would break a unique constraint (safe under concurrent writers)."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(pg_insert(model).on_conflict_do_nothing(), list(rows))
    else:
        session.execute(sqlite_insert(model).on_conflict_do_nothing(), list(rows))
