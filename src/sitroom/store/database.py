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
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from sitroom.store.linking import relink_pending

_MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 60_000
SQLITE_CACHE_KIB = 32_768
_MIGRATION_LOCK_KEY = 73_012_014  # any constant: the advisory lock that serialises migrations on PostgreSQL
log = logging.getLogger("sitroom.store")


class KnowledgeBaseError(Exception):
    """A knowledge base that cannot be opened: the message says which and why, in one line."""


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
        elif engine.dialect.name == "postgresql":
            # Processes creating one knowledge base at once take turns (held until this transaction ends).
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_KEY})")
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
            connection.commit()
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def open_engine(target: str | Path, *, create: bool = True) -> Engine:
    """An engine on the knowledge base at ``target``, migrated to the current schema and fully linked.

    With ``create=False`` a knowledge base that does not exist yet is an error, not a new empty one.
    Raises :class:`KnowledgeBaseError` when ``target`` cannot be opened as a knowledge base.
    """
    url = database_url(target)
    shown = _shown(url)
    _check_sqlite_file(url, create)
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        if not create and not _exists(engine):
            engine.dispose()
            raise KnowledgeBaseError(f"{shown}: no knowledge base there yet (`sitroom ingest` creates one)")
        migrate(engine)
        with Session(engine) as session, session.begin():
            relink_pending(session)
    except (SQLAlchemyError, OSError, ImportError) as error:
        raise KnowledgeBaseError(f"{shown}: cannot open the knowledge base: {_reason(error)}") from error
    return engine


def checkpoint(engine: Engine, *, truncate: bool = False) -> None:
    """Copy every commit from SQLite's write-ahead log into the database file.

    Called at the end of every command that writes, so the ``.sqlite`` file alone (copied, mailed,
    opened read-only) holds the whole knowledge base. A no-op on PostgreSQL. By default (PASSIVE) it never
    waits for another process reading or writing; ``truncate`` (before publishing) waits for them and
    empties the log.
    """
    if engine.dialect.name != "sqlite":
        return
    mode = "TRUNCATE" if truncate else "PASSIVE"
    with engine.connect() as connection:
        busy, log_frames, copied = connection.exec_driver_sql(f"PRAGMA wal_checkpoint({mode})").one()
    if busy or copied < log_frames:
        log.warning("checkpoint incomplete: another connection is using the knowledge base")


def _shown(url: str) -> str:
    """The URL as it may be shown: a SQLite file's path, a server URL without its password."""
    parsed = make_url(url) if "://" in url else None
    if parsed is None or parsed.get_backend_name() == "sqlite":
        return str(parsed.database if parsed is not None else url)
    return parsed.render_as_string(hide_password=True)


def _check_sqlite_file(url: str, create: bool) -> None:
    """Clear errors for the usual mistakes with a SQLite path, before SQLite's own terse ones."""
    try:
        parsed = make_url(url)
    except SQLAlchemyError as error:
        raise KnowledgeBaseError(f"{url}: not a database URL ({error})") from error
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database)
    if path.is_dir():
        raise KnowledgeBaseError(f"{path}: a folder, not a knowledge base file")
    if not path.exists() and not create:
        raise KnowledgeBaseError(f"{path}: no knowledge base there (`sitroom ingest` creates one)")
    if not path.parent.is_dir():
        raise KnowledgeBaseError(f"{path}: the folder {path.parent} does not exist")


def _exists(engine: Engine) -> bool:
    """Does the database already hold a sitroom knowledge base (at any schema version)?"""
    with engine.connect() as connection:
        return inspect(connection).has_table("alembic_version")


def _reason(error: BaseException) -> str:
    """The driver's own first line for database errors, else the error itself."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
