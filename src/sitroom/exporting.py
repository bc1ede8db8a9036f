"""``sitroom export``: records from a knowledge base or a records file, written in an analyst's format."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

from sitroom.record import Record


class ExportFormat(StrEnum):
    json = "json"
    acled = "acled"
    plover = "plover"
    geojson = "geojson"
    graphml = "graphml"
    pax = "pax"


def records_from_file(path: Path) -> Iterator[Record]:
    """Records written by ``sitroom analyze --format json`` (one) or ``--format jsonl`` (many)."""
    content = path.read_text(encoding="utf-8")
    try:
        whole = json.loads(content)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        yield Record.model_validate(whole)
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield Record.model_validate_json(line)
        except ValueError as error:
            raise ValueError(f"{path}:{number}: not an analysis record: {error}") from error


def records_from_db(db: str) -> Iterator[Record]:
    """Every record stored in the knowledge base, in ingestion order."""
    from sitroom.exports.json_export import stored_records
    from sitroom.store.database import open_engine

    yield from stored_records(open_engine(db, create=False))


def _graphml_from_db(db: str) -> str:
    from sqlalchemy.orm import Session

    from sitroom.exports.graphml import to_graphml
    from sitroom.store.browse import EventFilter, network
    from sitroom.store.database import open_engine

    with Session(open_engine(db, create=False)) as session:
        graph = network(session, EventFilter(), limit=1_000_000)
    return to_graphml(graph["nodes"], graph["edges"])


def _pax_from_db(db: str) -> str:
    from sqlalchemy.orm import Session

    from sitroom.exports.pax import identity_rows, pax_csv
    from sitroom.store.database import open_engine

    with Session(open_engine(db)) as session:
        return pax_csv(identity_rows(session))


def export_text(export_format: ExportFormat, records: Iterator[Record], db: str | None) -> str:
    """The whole export as text (GraphML needs the knowledge base's cross-document network; PA-X takes its
    agreement identities when there is one, else each record's agreements)."""
    if export_format is ExportFormat.json:
        return "".join(record.to_json() + "\n" for record in records)
    if export_format is ExportFormat.acled:
        from sitroom.exports.acled import write_acled_csv

        buffer = io.StringIO()
        write_acled_csv(records, buffer)
        return buffer.getvalue()
    if export_format is ExportFormat.plover:
        from sitroom.exports.plover import records_to_plover

        return json.dumps(records_to_plover(records), indent=2, ensure_ascii=False) + "\n"
    if export_format is ExportFormat.geojson:
        from sitroom.exports.geojson import records_to_geojson

        return json.dumps(records_to_geojson(records), ensure_ascii=False) + "\n"
    if export_format is ExportFormat.pax:
        from sitroom.exports.pax import pax_csv, record_rows

        return _pax_from_db(db) if db is not None else pax_csv(record_rows(records))
    if db is None:
        raise ValueError("the graphml export needs --db (it is the knowledge base's actor network)")
    return _graphml_from_db(db)
