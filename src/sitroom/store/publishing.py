"""Making a SQLite knowledge base ready for Datasette: full-text indexes on the layer tables, metadata
(titles, sources and licences of every corpus and reference dataset, table and column descriptions,
canned queries) and a checkpointed write-ahead log, so the one file holds everything.

Each step can be killed and run again: the indexes are rebuilt in one transaction, the metadata file is
written aside and renamed into place, and checkpointing is idempotent.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sitroom import __version__
from sitroom.store.database import checkpoint
from sitroom.store.datasette_metadata import QUERIES, REFERENCE_DATA, TABLES
from sitroom.store.schema import CorpusRow, DocumentRow
from sitroom.store.writer import write_session

Json = dict[str, Any]

# Full-text indexes (SQLite FTS5, external content: the text stays once, in its table) → indexed columns.
FULL_TEXT: dict[str, tuple[str, ...]] = {
    "actors": ("name",),
    "places": ("name", "admin1"),
    "quotes": ("speaker", "text"),
    "claims": ("text", "source_chain"),
    "events": ("evidence",),
}
NOT_STATED = "not stated"
# The column Datasette shows for a row where another row links to it.
LABELS = {
    "documents": "title",
    "actor_identities": "name",
    "place_identities": "name",
    "event_clusters": "type",
    "agreements": "kind",
}


def record_corpus(engine: Engine, path: Path, title: str | None, licence: str | None, source_url: str | None) -> None:
    """Remember an ingested corpus; a title, licence or source given now replaces the one kept."""
    key = str(path.expanduser().resolve())
    with write_session(engine) as session:
        corpus = session.scalar(select(CorpusRow).where(CorpusRow.path == key))
        if corpus is None:
            corpus = CorpusRow(path=key, ingested_at=datetime.now(UTC).isoformat(timespec="seconds"))
            session.add(corpus)
        corpus.title = title or corpus.title or path.name
        corpus.licence = licence or corpus.licence
        corpus.source_url = source_url or corpus.source_url


def build_full_text(engine: Engine) -> None:
    """(Re)build the FTS5 indexes of the layer tables in one transaction; Datasette finds them by itself."""
    with write_session(engine) as session:
        connection = session.connection()
        for table, columns in FULL_TEXT.items():
            fts = f"{table}_fts"
            connection.exec_driver_sql(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({', '.join(columns)}, "
                f"content='{table}', content_rowid='id')"
            )
            connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _corpora(engine: Engine) -> list[Json]:
    with Session(engine) as session:
        corpora = session.scalars(select(CorpusRow).order_by(CorpusRow.id)).all()
        documents = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
    return [
        {
            "title": corpus.title or Path(corpus.path).name,
            "license": corpus.licence or NOT_STATED,
            "source_url": corpus.source_url,
            "path": corpus.path,
        }
        for corpus in corpora
    ] or [{"title": f"{documents} documents from unrecorded corpora", "license": NOT_STATED, "source_url": None}]


def _tables(corpora: list[Json]) -> Json:
    tables: Json = {}
    corpus_line = "; ".join(f"{corpus['title']} ({corpus['license']})" for corpus in corpora)
    for table, (description, columns) in TABLES.items():
        entry: Json = {"description": description, "columns": dict(columns)}
        if table in LABELS:
            entry["label_column"] = LABELS[table]
        if table in FULL_TEXT:
            entry |= {"fts_table": f"{table}_fts", "fts_pk": "id"}
        entry |= REFERENCE_DATA.get(table, {})
        if table == "documents":
            entry |= {"source": corpus_line, "license": "; ".join(sorted({c["license"] for c in corpora}))}
        tables[table] = entry
    return tables


def datasette_metadata(engine: Engine, name: str, title: str | None = None) -> Json:
    """Datasette metadata for the knowledge base served under the database name ``name``."""
    corpora = _corpora(engine)
    lines = [
        f"- {c['title']}: licence {c['license']}" + (f", {c['source_url']}" if c["source_url"] else "") for c in corpora
    ]
    reference = {(entry["source"], entry["license"]) for entry in REFERENCE_DATA.values()}
    lines += [f"- reference data: {source} ({licence})" for source, licence in sorted(reference)]
    metadata: Json = {
        "title": title or "sitroom knowledge base",
        "description": "Conflict reporting as structured, evidence-linked knowledge, built by sitroom "
        f"{__version__}. Corpora and reference data:\n" + "\n".join(lines),
        "about": "sitroom",
        "databases": {name: {"tables": _tables(corpora), "queries": QUERIES}},
    }
    if len(corpora) == 1:
        metadata["license"] = corpora[0]["license"]
        if corpora[0]["source_url"]:
            metadata |= {"source": corpora[0]["title"], "source_url": corpora[0]["source_url"]}
    return metadata


def publish(engine: Engine, metadata_path: Path, title: str | None = None) -> Path:
    """Full-text indexes, Datasette metadata at ``metadata_path`` (YAML or JSON by suffix), checkpointed log."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database:
        raise ValueError("Datasette serves SQLite files: publish a SQLite knowledge base")
    build_full_text(engine)
    metadata = datasette_metadata(engine, Path(database).stem, title)
    for stale in metadata_path.parent.glob(f".{metadata_path.name}.*.tmp"):  # left by a killed run
        stale.unlink(missing_ok=True)
    temporary = metadata_path.with_name(f".{metadata_path.name}.{os.getpid()}.tmp")
    if metadata_path.suffix == ".json":
        body = json.dumps(metadata, indent=2, ensure_ascii=False)
    else:
        body = yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True)
    temporary.write_text(body, encoding="utf-8")
    os.replace(temporary, metadata_path)
    checkpoint(engine, truncate=True)
    return metadata_path
