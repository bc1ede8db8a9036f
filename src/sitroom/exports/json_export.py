"""JSON Lines export: the stored analysis record of every document, one per line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import Engine, Select, select
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


def filtered_records(engine: Engine, reports: Select[int, str]) -> Iterator[Record]:
    """The stored records holding the given (document row id, event local id) reports, each with only those
    events: what an events filter shows, as records."""
    with Session(engine) as session:
        wanted: dict[int, set[str]] = defaultdict(set)
        for document_pk, local_id in session.execute(reports):
            wanted[document_pk].add(local_id)
    keys = sorted(wanted)
    for start in range(0, len(keys), _BATCH):
        with Session(engine) as session:
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.record)
                .where(DocumentRow.id.in_(keys[start : start + _BATCH]))
                .order_by(DocumentRow.id)
            ).all()
        for document_pk, record_json in rows:
            record = Record.model_validate_json(record_json)
            kept = [event for event in record.events if event.id in wanted[document_pk]]
            yield record.model_copy(update={"events": kept})
