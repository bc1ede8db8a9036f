"""Opening a knowledge base: URL handling, SQLite pragmas and automatic migrations."""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from sitroom.store.linking import relink_pending

_MIGRATIONS = Path(__file__).parent / "migrations"
log = logging.getLogger("sitroom.store")
SQLITE_BUSY_TIMEOUT_MS = 60_000
SQLITE_CACHE_KIB = 32_768


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a URL or a file path (a path means a SQLite file)."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # SQLite's default page cache (2 MB) is a fraction of a large knowledge base's indexes: every insert
    # then reads index pages back from the OS. 32 MB per connection keeps the hot ones in memory.
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """Serialise migrations of one SQLite file across processes (SQLite runs DDL outside transactions)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent, safe when several processes open one file)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    sqlite = engine.dialect.name == "sqlite"
    with _migration_lock(engine), engine.connect() as connection:
        if sqlite:
            # Rebuilding a table (how SQLite adds a foreign key) must not cascade the old table's deletion:
            # SQLite's table-rebuild procedure turns enforcement off, outside the transaction.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            # pysqlite runs DDL outside transactions; an explicit one makes a killed migration roll back.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
            connection.commit()
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def open_engine(target: str | Path) -> Engine:
    """An engine on the knowledge base at ``target``, migrated to the current schema and fully linked."""
    url = database_url(target)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    with Session(engine) as session, session.begin():
        relink_pending(session)
    return engine


def checkpoint(engine: Engine) -> None:
    """Copy every commit from SQLite's write-ahead log into the database file, and empty the log.

    Called at the end of every command that writes, so the ``.sqlite`` file alone (copied, mailed,
    opened read-only) holds the whole knowledge base. A no-op on PostgreSQL.
    """
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        busy, _log_frames, _copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        log.warning("checkpoint incomplete: another connection is using the knowledge base")
