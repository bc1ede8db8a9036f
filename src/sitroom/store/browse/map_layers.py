"""The map's layers: events at a point, events known only to an area, and the actors at a place.

An event whose place is a country, a province (admin1) or a named region is known only to that area: a
point at the area's centre would claim a precision the reports do not give, so the map lists such events
by area instead of drawing them as points.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from sitroom.store.browse.actor_graph import NOT_ACTORS
from sitroom.store.browse.common import Json, Page, paged, place_json
from sitroom.store.browse.events import _NEWEST_FIRST, EventFilter, _event_conditions
from sitroom.store.schema import ActorIdentityRow, EventActorRow, EventClusterRow, EventRow, PlaceIdentityRow

AREA_FEATURES = ("country", "admin1", "region")
POINT_LIMIT = 20_000


def point_events(session: Session, selection: EventFilter, limit: int = POINT_LIMIT) -> Json:
    """Events at a place more precise than a province, as GeoJSON points (newest first, at most ``limit``)."""
    cluster, place = EventClusterRow, PlaceIdentityRow
    columns: list[Any] = [cluster.id, cluster.type, cluster.date_start, cluster.date_end, cluster.source_count]
    columns += [cluster.report_count, cluster.contested, place.id.label("place_id"), place.name, place.lat, place.lon]
    columns += [place.located_by]
    query = (
        select(*columns)
        .join(place, place.id == cluster.place_identity_id)
        .where(
            place.lat.is_not(None),
            place.lon.is_not(None),
            func.coalesce(place.feature, "").not_in(AREA_FEATURES),
            *_event_conditions(selection),
        )
        .order_by(*_NEWEST_FIRST)
        .limit(limit)
    )
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
            "properties": {
                "id": row.id,
                "type": row.type,
                "date_start": row.date_start,
                "date_end": row.date_end,
                "place": row.name,
                "place_id": row.place_id,
                "located_by": row.located_by,
                "source_count": row.source_count,
                "report_count": row.report_count,
                "contested": row.contested,
            },
        }
        for row in session.execute(query)
    ]
    return {"type": "FeatureCollection", "features": features, "truncated": len(features) == limit}


def place_events(session: Session, selection: EventFilter) -> Json:
    """Events at places more precise than a province, counted per place (every event, no cap): each place's
    point, its events by type, how many are contested, the most sources of one event and the newest date.

    Events sit on places, so a knowledge base of any size gives at most one feature per place: the map
    draws these when there are too many events to draw one marker each.
    """
    cluster, place = EventClusterRow, PlaceIdentityRow
    events = func.count(cluster.id).label("events")
    query = (
        select(
            place.id,
            place.name,
            place.lat,
            place.lon,
            place.located_by,
            cluster.type,
            events,
            func.sum(case((cluster.contested, 1), else_=0)).label("contested"),
            func.max(cluster.source_count).label("sources"),
            func.max(cluster.date_start).label("latest"),
        )
        .join(place, place.id == cluster.place_identity_id)
        .where(
            place.lat.is_not(None),
            place.lon.is_not(None),
            func.coalesce(place.feature, "").not_in(AREA_FEATURES),
            *_event_conditions(selection),
        )
        .group_by(place.id, cluster.type)  # the place's other columns depend on its id
    )
    places: dict[int, Json] = {}
    for row in session.execute(query):
        found = places.setdefault(row.id, _place_feature(row))
        properties = found["properties"]
        properties["types"][row.type] = row.events
        properties["events"] += row.events
        properties["contested"] += int(row.contested or 0)
        properties["max_sources"] = max(properties["max_sources"], row.sources or 0)
        if row.latest and (properties["latest"] is None or row.latest > properties["latest"]):
            properties["latest"] = row.latest
    features = sorted(places.values(), key=lambda item: -int(item["properties"]["events"]))
    total = sum(int(item["properties"]["events"]) for item in features)
    return {"type": "FeatureCollection", "features": features, "events": total}


def _place_feature(row: Any) -> Json:
    properties = {"place_id": row.id, "place": row.name, "located_by": row.located_by, "types": {}, "events": 0}
    properties |= {"contested": 0, "max_sources": 0, "latest": None}
    point = {"type": "Point", "coordinates": [row.lon, row.lat]}
    return {"type": "Feature", "geometry": point, "properties": properties}


def area_events(session: Session, selection: EventFilter) -> list[Json]:
    """Events known only to a country, province or region: one row per area with its count, most first."""
    events = func.count(EventClusterRow.id).label("events")
    query = (
        select(PlaceIdentityRow, events, func.max(EventClusterRow.date_start).label("latest"))
        .select_from(EventClusterRow)
        .join(PlaceIdentityRow, PlaceIdentityRow.id == EventClusterRow.place_identity_id)
        .where(PlaceIdentityRow.feature.in_(AREA_FEATURES), *_event_conditions(selection))
        .group_by(PlaceIdentityRow.id)
        .order_by(events.desc(), PlaceIdentityRow.name)
    )
    return [
        (place_json(place) or {}) | {"feature": place.feature, "events": count, "latest": latest}
        for place, count, latest in session.execute(query)
    ]


def place_actors(session: Session, place_id: int, page: Page) -> Json:
    """The (real) actors in events at a place, by number of events there (most first)."""
    events = func.count(func.distinct(EventRow.cluster_id)).label("events")
    base = (
        select(ActorIdentityRow.id, ActorIdentityRow.name, ActorIdentityRow.kind, events)
        .select_from(EventActorRow)
        .join(EventRow, EventRow.id == EventActorRow.event_id)
        .join(EventClusterRow, EventClusterRow.id == EventRow.cluster_id)
        .join(ActorIdentityRow, ActorIdentityRow.id == EventActorRow.identity_id)
        .where(EventClusterRow.place_identity_id == place_id, ActorIdentityRow.kind.not_in(NOT_ACTORS))
        .group_by(ActorIdentityRow.id, ActorIdentityRow.name, ActorIdentityRow.kind)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(base.order_by(events.desc(), ActorIdentityRow.name).limit(page.limit).offset(page.offset))
    items = [{"id": row.id, "name": row.name, "kind": row.kind, "events": row.events} for row in rows]
    return paged(total, page, items)
