"""JSON Lines export: the stored analysis record of every document, one per line."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sitroom.record import Record
from sitroom.store.schema import DocumentRow

_BATCH = 200


def stored_records(engine: Engine) -> Iterator[Record]:
    """Every stored record, in insertion order, read in batches."""
    last = 0
    while True:
        with Session(engine) as session:
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.record)
                .where(DocumentRow.id > last)
                .order_by(DocumentRow.id)
                .limit(_BATCH)
            ).all()
        if not rows:
            return
        for _, record_json in rows:
            yield Record.model_validate_json(record_json)
        last = rows[-1][0]


def json_lines(engine: Engine) -> Iterator[str]:
    """The stored records as JSON Lines."""
    for record in stored_records(engine):
        yield record.to_json() + "\n"
