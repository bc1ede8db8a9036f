"""List views as files: the rows a filtered list shows, as CSV (formula-safe) or JSON."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sitroom.exports.csv_safety import SafeDictWriter

Json = dict[str, Any]

EVENT_COLUMNS = (
    "id",
    "type",
    "mode",
    "date_start",
    "date_end",
    "place",
    "country",
    "latitude",
    "longitude",
    "sources",
    "targets",
    "reporters",
    "report_count",
    "source_count",
    "statuses",
    "contested",
)
DOCUMENT_COLUMNS = ("doc_id", "title", "date", "outlet")


def _names(actors: list[Json]) -> str:
    return "; ".join(actor["name"] for actor in actors)


def event_row(item: Json) -> Json:
    """A corroborated event (``browse.list_events`` item) as one flat row."""
    place = item.get("place") or {}
    return {
        "id": item["id"],
        "type": item["type"],
        "mode": item["mode"],
        "date_start": item["date_start"],
        "date_end": item["date_end"],
        "place": place.get("name"),
        "country": place.get("country"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "sources": _names(item["sources"]),
        "targets": _names(item["targets"]),
        "reporters": _names(item["reporters"]),
        "report_count": item["report_count"],
        "source_count": item["source_count"],
        "statuses": "; ".join(item["statuses"]),
        "contested": item["contested"],
    }


def document_row(item: Json) -> Json:
    """A document summary (search hit) as one flat row (the snippet is left out: it is markup)."""
    return {column: item.get(column) for column in DOCUMENT_COLUMNS}


def csv_lines(rows: Iterable[Json], columns: tuple[str, ...]) -> Iterator[str]:
    """The rows as CSV, header first, streamed a row at a time; cells neutralised against formulas."""
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, columns)
    writer.writeheader()
    for row in rows:
        yield _drain(buffer)
        writer.writerow(row)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def json_array(items: Iterable[Json]) -> Iterator[str]:
    """The items as one JSON array, streamed an item at a time."""
    yield "["
    for number, item in enumerate(items):
        yield ("," if number else "") + json.dumps(item, ensure_ascii=False)
    yield "]\n"


def event_feature(item: Json) -> Json | None:
    """A located event as a GeoJSON Point feature (None when its place has no coordinates)."""
    place = item.get("place") or {}
    if place.get("lat") is None or place.get("lon") is None:
        return None
    properties = {key: value for key, value in item.items() if key != "place"} | {"place": place.get("name")}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        "properties": properties,
    }


def geojson_lines(items: Iterable[Json]) -> Iterator[str]:
    """Located events as a GeoJSON FeatureCollection, streamed."""
    yield '{"type":"FeatureCollection","features":'
    yield from json_array(feature for item in items if (feature := event_feature(item)) is not None)
    yield "}\n"
