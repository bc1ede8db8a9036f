"""Corroborated events: filters, listing, one event with its reports, map, timeline and network."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from sitroom.store.browse.common import Json, Page, count_rows, paged, place_json
from sitroom.store.corroboration import date_range
from sitroom.store.schema import (
    ActorIdentityRow,
    DocumentRow,
    EventActorRow,
    EventClusterRow,
    EventRow,
    PlaceIdentityRow,
)


@dataclass(frozen=True)
class EventFilter:
    """Filters on corroborated events; every field is optional."""

    type: str | None = None
    actor: int | None = None
    place: int | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    status: str | None = None
    outlet: str | None = None
    min_sources: int = 1


# Reports in filter subqueries are an alias, so that queries already selecting from events (the network)
# do not correlate the subquery with their own events.
_Report = aliased(EventRow, name="report")


def _has_report(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """The cluster has a report meeting the conditions (written against ``_Report``).

    An uncorrelated ``IN`` rather than ``EXISTS``: the database finds the few matching reports by index
    once instead of probing every cluster.
    """
    return EventClusterRow.id.in_(select(_Report.cluster_id).where(*conditions))


def _event_conditions(selection: EventFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [EventClusterRow.source_count >= selection.min_sources]
    if selection.type:
        conditions.append(EventClusterRow.type == selection.type)
    if selection.actor is not None:
        in_event = select(EventActorRow.event_id).where(EventActorRow.identity_id == selection.actor)
        conditions.append(_has_report(_Report.id.in_(in_event)))
    if selection.place is not None:
        conditions.append(EventClusterRow.place_identity_id == selection.place)
    if selection.country:
        conditions.append(PlaceIdentityRow.country == selection.country.upper())
    if (start := date_range(selection.date_from)) is not None:
        conditions.append(EventClusterRow.date_end >= start[0].isoformat())
    if (end := date_range(selection.date_to)) is not None:
        conditions.append(EventClusterRow.date_start <= end[1].isoformat())
    if selection.status:
        conditions.append(_has_report(_Report.status == selection.status))
    if selection.outlet:
        from_outlet = select(DocumentRow.id).where(DocumentRow.outlet == selection.outlet)
        conditions.append(_has_report(_Report.document_id.in_(from_outlet)))
    return conditions


def _event_query(selection: EventFilter) -> Select[*tuple[Any, ...]]:
    return (
        select(EventClusterRow, PlaceIdentityRow)
        .outerjoin(PlaceIdentityRow, PlaceIdentityRow.id == EventClusterRow.place_identity_id)
        .where(and_(*_event_conditions(selection)))
    )


def _no_actors() -> dict[str, list[Json]]:
    return {"source": [], "target": [], "reporter": []}


def _cluster_actors(session: Session, cluster_ids: Sequence[int]) -> dict[int, dict[str, list[Json]]]:
    rows = session.execute(
        select(EventRow.cluster_id, EventActorRow.role, ActorIdentityRow.id, ActorIdentityRow.name)
        .join(EventActorRow, EventActorRow.event_id == EventRow.id)
        .join(ActorIdentityRow, ActorIdentityRow.id == EventActorRow.identity_id)
        .where(EventRow.cluster_id.in_(cluster_ids))
        .distinct()
    )
    actors: dict[int, dict[str, list[Json]]] = defaultdict(_no_actors)
    for cluster_id, role, identity, name in rows:
        if cluster_id is not None:
            actors[cluster_id][role].append({"id": identity, "name": name})
    return actors


def _cluster_json(cluster: EventClusterRow, place: PlaceIdentityRow | None, actors: dict[str, list[Json]]) -> Json:
    return {
        "id": cluster.id,
        "type": cluster.type,
        "mode": cluster.mode,
        "date_start": cluster.date_start,
        "date_end": cluster.date_end,
        "place": place_json(place),
        "sources": actors["source"],
        "targets": actors["target"],
        "reporters": actors["reporter"],
        "report_count": cluster.report_count,
        "source_count": cluster.source_count,
        "statuses": cluster.statuses.split(",") if cluster.statuses else [],
        "contested": cluster.contested,
    }


def _clusters(session: Session, query: Select[*tuple[Any, ...]], page: Page) -> list[Json]:
    """One page of a clusters-and-places query as event items, newest first."""
    rows = session.execute(
        query.order_by(EventClusterRow.date_start.desc(), EventClusterRow.id).limit(page.limit).offset(page.offset)
    ).all()
    actors = _cluster_actors(session, [cluster.id for cluster, _ in rows])
    return [_cluster_json(cluster, place, actors.get(cluster.id) or _no_actors()) for cluster, place in rows]


def list_events(session: Session, selection: EventFilter, page: Page) -> Json:
    """Corroborated events (clusters of reports), newest first."""
    query = _event_query(selection)
    return paged(count_rows(session, query), page, _clusters(session, query, page))


def get_event(session: Session, cluster_id: int) -> Json | None:
    """One corroborated event with every report of it: document, outlet, status and evidence."""
    row = session.execute(_event_query(EventFilter(min_sources=0)).where(EventClusterRow.id == cluster_id)).first()
    if row is None:
        return None
    cluster, place = row
    actors = _cluster_actors(session, [cluster_id]).get(cluster_id, _no_actors())
    event = _cluster_json(cluster, place, actors)
    reports = session.execute(
        select(
            EventRow,
            DocumentRow.doc_id,
            DocumentRow.title,
            DocumentRow.outlet,
            DocumentRow.date.label("doc_date"),
        )
        .join(DocumentRow, DocumentRow.id == EventRow.document_id)
        .where(EventRow.cluster_id == cluster_id)
        .order_by(DocumentRow.date, EventRow.id)
    )
    event["reports"] = [
        {
            "doc_id": report.doc_id,
            "title": report.title,
            "outlet": report.outlet,
            "date": report.EventRow.date or report.doc_date,
            "status": report.EventRow.status,
            "evidence": report.EventRow.evidence,
            "start": report.EventRow.evidence_start,
            "end": report.EventRow.evidence_end,
        }
        for report in reports
    ]
    return event


def events_geojson(session: Session, selection: EventFilter, limit: int = 5000) -> Json:
    """Located corroborated events as a GeoJSON FeatureCollection (one point per event)."""
    located = _event_query(selection).where(PlaceIdentityRow.lat.is_not(None), PlaceIdentityRow.lon.is_not(None))
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [item["place"]["lon"], item["place"]["lat"]]},
            "properties": {key: value for key, value in item.items() if key != "place"}
            | {"place": item["place"]["name"], "located_by": item["place"]["located_by"]},
        }
        for item in _clusters(session, located, Page(limit=limit))
    ]
    return {"type": "FeatureCollection", "features": features}


def timeline(session: Session, selection: EventFilter) -> list[Json]:
    """Corroborated events per month and type."""
    month = func.substr(EventClusterRow.date_start, 1, 7).label("month")
    rows = session.execute(
        select(month, EventClusterRow.type, func.count().label("events"))
        .select_from(EventClusterRow)
        .outerjoin(PlaceIdentityRow, PlaceIdentityRow.id == EventClusterRow.place_identity_id)
        .where(EventClusterRow.date_start.is_not(None), *_event_conditions(selection))
        .group_by(month, EventClusterRow.type)
        .order_by(month)
    )
    return [{"month": row.month, "type": row.type, "events": row.events} for row in rows]


def network(session: Session, selection: EventFilter, limit: int = 400) -> Json:
    """Actors as nodes and source→target edges typed by event type, weighted by events."""
    source, target = EventActorRow.__table__.alias("s"), EventActorRow.__table__.alias("t")
    weight = func.count(func.distinct(EventClusterRow.id)).label("weight")
    rows = session.execute(
        select(
            source.c.identity_id.label("source"),
            target.c.identity_id.label("target"),
            EventClusterRow.type,
            weight,
        )
        .select_from(EventRow)
        .join(EventClusterRow, EventClusterRow.id == EventRow.cluster_id)
        .outerjoin(PlaceIdentityRow, PlaceIdentityRow.id == EventClusterRow.place_identity_id)
        .join(source, and_(source.c.event_id == EventRow.id, source.c.role == "source"))
        .join(target, and_(target.c.event_id == EventRow.id, target.c.role == "target"))
        .where(source.c.identity_id != target.c.identity_id, *_event_conditions(selection))
        .group_by(source.c.identity_id, target.c.identity_id, EventClusterRow.type)
        .order_by(weight.desc())
        .limit(limit)
    ).all()
    ids = {row.source for row in rows} | {row.target for row in rows}
    nodes = session.execute(
        select(ActorIdentityRow.id, ActorIdentityRow.name, ActorIdentityRow.kind).where(ActorIdentityRow.id.in_(ids))
    )
    return {
        "nodes": [{"id": row.id, "name": row.name, "kind": row.kind} for row in nodes],
        "edges": [{"source": r.source, "target": r.target, "type": r.type, "weight": r.weight} for r in rows],
    }
