"""PLOVER-style JSON events: one object per event, in the shape of the PLOVER gold standard records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sitroom.record import Actor, Event, Place, Record


def _actor_entry(actor: Actor) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "actorText": actor.mentions[0].text if actor.mentions else actor.name,
        "name": actor.name,
        "kind": actor.kind,
    }
    if actor.canonical_id:
        entry["code"] = actor.canonical_id
    return entry


def _place_entry(place: Place) -> dict[str, Any]:
    entry = {
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "geonamesID": place.geonames_id,
        "feature": place.feature,
    }
    return {key: value for key, value in entry.items() if value is not None}


def event_to_plover(event: Event, record: Record) -> dict[str, Any]:
    """One event as a PLOVER record (only non-empty fields, as in the PLOVER gold standard)."""
    actors = {actor.id: actor for actor in record.actors}
    places = {place.id: place for place in record.places}
    entry: dict[str, Any] = {
        "id": f"{record.id}-{event.id}",
        "date": event.date or record.date,
        "event": event.type,
        "mode": event.mode,
        "source": [_actor_entry(actors[a]) for a in event.source if a in actors],
        "target": [_actor_entry(actors[a]) for a in event.target if a in actors],
        "eventLoc": _place_entry(places[event.place]) if event.place in places else None,
        "status": event.status,
        "reportedBy": [actors[a].name for a in event.reported_by if a in actors],
        "eventText": event.evidence.text,
        "textInfo": {"documentId": record.id, "start": event.evidence.start, "end": event.evidence.end},
        "publication": record.outlet,
        "language": record.language,
    }
    return {key: value for key, value in entry.items() if value not in (None, [], "")}


def records_to_plover(records: Iterable[Record]) -> list[dict[str, Any]]:
    """All events of ``records`` as PLOVER-style dictionaries, ready for ``json.dumps``."""
    return [event_to_plover(event, record) for record in records for event in record.events]
