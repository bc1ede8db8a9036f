from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from sitroom.record import Actor, Event, Record, Span, record_json_schema


def _record() -> Record:
    text = "Debka claims that ISIL attacked."
    isil = Actor(id="a1", name="ISIL", kind="armed_group", mentions=[Span(text="ISIL", start=18, end=22)])
    event = Event(id="e1", type="ASSAULT", source=["a1"], evidence=Span(text=text[18:31], start=18, end=31))
    return Record(id="d1", date="2014-01-15", actors=[isil], events=[event])


def test_record_round_trips_through_json() -> None:
    record = _record()
    assert Record.model_validate_json(record.to_json()) == record


def test_record_rejects_unknown_vocabulary() -> None:
    with pytest.raises(ValidationError):
        Event(id="e1", type="EXPLODE", evidence=Span(text="x", start=0, end=1))  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Actor(id="a1", name="x", kind="alien", mentions=[])  # type: ignore[arg-type]


def test_schema_lists_the_contract_sections() -> None:
    schema = json.loads(record_json_schema())
    sections = {"actors", "places", "events", "quotes", "claims", "agreements", "framing"}
    assert sections <= set(schema["properties"])
    assert "ASSAULT" in json.dumps(schema["$defs"]["Event"])
