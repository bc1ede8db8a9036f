"""A SQLite knowledge base copied, table by table, into an empty PostgreSQL knowledge base.

    nice .venv/bin/python bench/copy_to_postgres.py --sqlite .data/kb-1m.sqlite \\
        --postgres postgresql+psycopg://sitroom:sitroom@127.0.0.1:55432/sitroom_kb

For a large PostgreSQL base in minutes rather than hours: the knowledge base's writer stores about 10
documents a second into PostgreSQL on this machine, so ``bench/synthetic_kb.py`` would take most of a day
for 200,000 documents. The target is opened (so migrated to the current schema: tables, indexes, the
full-text index) and must be empty. In one transaction its foreign keys and its indexes other than primary
keys and unique constraints are dropped, every row of every table is copied with ``COPY`` in the order of
the foreign keys, row ids as they are, each id sequence is set past the largest id, and the indexes and
foreign keys are made again (checking every row), so the writer goes on storing into the copy as into a
base it built itself. Both bases must be at the same schema revision.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Iterator
from typing import Any

import psycopg
from sqlalchemy import Boolean, Integer, Table

from sitroom.store.database import open_engine
from sitroom.store.schema import Base

BATCH = 10_000


def _rows(source: sqlite3.Connection, table: Table) -> Iterator[tuple[Any, ...]]:
    """The table's rows from SQLite, booleans (stored as 0 and 1) as booleans."""
    names = [f'"{column.name}"' for column in table.columns]
    flags = [isinstance(column.type, Boolean) for column in table.columns]
    cursor = source.execute(f"SELECT {', '.join(names)} FROM {table.name}")
    while chunk := cursor.fetchmany(BATCH):
        for row in chunk:
            yield tuple(
                bool(value) if flag and value is not None else value for value, flag in zip(row, flags, strict=True)
            )


def copy_table(source: sqlite3.Connection, target: psycopg.Connection[Any], table: Table) -> int:
    """Every row of ``table`` copied; its id sequence set past the largest id. The number of rows."""
    names = [f'"{column.name}"' for column in table.columns]
    count = 0
    with target.cursor() as cursor:
        with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in _rows(source, table):
                copy.write_row(row)
                count += 1
        keys = [column.name for column in table.primary_key.columns if isinstance(column.type, Integer)]
        if len(keys) == 1 and count:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{keys[0]}'), "
                f"(SELECT max({keys[0]}) FROM {table.name}))"
            )
    return count


def _deferred(target: psycopg.Connection[Any], tables: list[str]) -> list[str]:
    """Drop the tables' foreign keys and their indexes that back no constraint (rebuilding each once after the
    copy is several times faster than keeping it up row by row); the statements that make them again."""
    keys = target.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
        (tables,),
    ).fetchall()
    indexes = target.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY(%s) "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
        (tables,),
    ).fetchall()
    for table, name, _ in keys:
        target.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        target.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for table, name, definition in keys
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sqlite", required=True, help="the SQLite knowledge base to copy")
    parser.add_argument("--postgres", required=True, help="an empty PostgreSQL database's URL")
    args = parser.parse_args()
    open_engine(args.sqlite).dispose()  # migrated to the same revision as the target
    open_engine(args.postgres).dispose()
    source = sqlite3.connect(args.sqlite, isolation_level=None)
    source.execute("BEGIN")  # one snapshot of every table, whatever writes the base meanwhile
    url = args.postgres.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as target:
        revisions = [
            source.execute("SELECT version_num FROM alembic_version").fetchall(),
            target.execute("SELECT version_num FROM alembic_version").fetchall(),
        ]
        if revisions[0] != revisions[1]:
            sys.exit(f"schema revisions differ: {revisions[0]} and {revisions[1]}")
        for table in Base.metadata.sorted_tables:
            if target.execute(f"SELECT 1 FROM {table.name} LIMIT 1").fetchone():
                sys.exit(f"{table.name} is not empty: copy into an empty knowledge base")
        again = _deferred(target, [table.name for table in Base.metadata.sorted_tables])
        for table in Base.metadata.sorted_tables:
            started = time.perf_counter()
            count = copy_table(source, target, table)
            print(f"{table.name}: {count:,} rows in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        started = time.perf_counter()
        for statement in again:
            target.execute(statement)
        print(f"{len(again)} indexes and foreign keys in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        target.commit()
        target.execute("ANALYZE")


if __name__ == "__main__":
    main()
