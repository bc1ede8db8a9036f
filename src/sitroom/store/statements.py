"""Batched INSERT helpers shared by the store's writers: one statement per table and record.

They insert into the models' tables with Core statements: the ORM's bulk INSERT splits a batch into one
statement per pattern of NULL values, several per record, which costs more than the rows themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sitroom.store.schema import Base

Row = dict[str, Any]


def table_of(model: type[Base]) -> Table:
    """The table a model maps."""
    return cast(Table, model.__table__)


def insert_rows(session: Session, model: type[Base], rows: Sequence[Row]) -> None:
    """Insert ``rows`` into ``model``'s table in one executemany (nothing when there are none)."""
    if rows:
        session.execute(insert(table_of(model)), list(rows))


def insert_returning_ids(session: Session, model: type[Base], rows: Sequence[Row], key: Sequence[str]) -> list[int]:
    """Insert ``rows`` and return their new primary keys, in the order of ``rows``.

    ``key``: columns whose values tell the rows apart. The ids come back with them, in one batched
    statement: asking the database for RETURNING rows in parameter order instead makes SQLite insert one
    row per statement.
    """
    if not rows:
        return []
    table = table_of(model)
    statement = insert(table).returning(table.c.id, *(table.c[column] for column in key))
    ids = {tuple(values): pk for pk, *values in session.execute(statement, list(rows))}
    if len(ids) != len(rows):
        raise ValueError(f"rows of {table.name} are not told apart by {', '.join(key)}")
    return [ids[tuple(row[column] for column in key)] for row in rows]


def insert_ignoring_conflicts(session: Session, model: type[Base], rows: Sequence[Row]) -> None:
    """Insert ``rows``, skipping any that would break a unique constraint (safe under concurrent writers)."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(pg_insert(table_of(model)).on_conflict_do_nothing(), list(rows))
    else:
        session.execute(sqlite_insert(table_of(model)).on_conflict_do_nothing(), list(rows))
