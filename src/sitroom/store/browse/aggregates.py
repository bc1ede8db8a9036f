"""Events aggregated: map cells, timeline bins and network edges, added up from the rollups
(``sitroom.store.rollups``) or counted from the events.

A request is answered from the rollups when its filters are on keys they keep: type, place, country and a
date range of whole months (``date_from`` the first of a month or a month or year, ``date_to`` the last
of one); the network with at most a type from the network rollups, of an actor (and a type) from the actor
edge rollups. Any other actor, status, outlet
or least-sources filter, or a range cutting a month, reads the events.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Select, and_, case, cast, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sitroom.store.browse.common import Json
from sitroom.store.browse.events import EventFilter, _event_conditions, _with_places
from sitroom.store.browse.week_start import week_start
from sitroom.store.corroboration import date_range
from sitroom.store.schema import (
    ActorEdgeRollupRow,
    ActorIdentityRow,
    DayRollupRow,
    EdgeRollupRow,
    EventActorRow,
    EventClusterRow,
    EventRollupRow,
    EventRow,
    LocationRollupRow,
    MonthRollupRow,
    NetworkRollupRow,
    PlaceIdentityRow,
    PointRollupRow,
)


def covers(selection: EventFilter) -> bool:
    """Whether the rollups answer a request with these filters exactly."""
    if selection.actor is not None or selection.status or selection.outlet or selection.min_sources > 1:
        return False
    start, end = date_range(selection.date_from), date_range(selection.date_to)
    starts_a_month = start is None or start[0].day == 1
    ends_a_month = end is None or (end[1] + timedelta(days=1)).day == 1
    return starts_a_month and ends_a_month


def covers_actor_edges(selection: EventFilter) -> bool:
    """Whether the actor edge rollups answer a network with these filters: an actor and at most a type."""
    return selection.actor is not None and not _event_conditions(replace(selection, actor=None, type=None))


Rollup = (
    type[EventRollupRow | MonthRollupRow | DayRollupRow | PointRollupRow | LocationRollupRow]
    | type[EdgeRollupRow | NetworkRollupRow]
)


def rollup_conditions(model: Rollup, selection: EventFilter) -> list[ColumnElement[bool]]:
    """The conditions on rollup rows that select what ``selection`` selects (when it ``covers``; month
    rollups keep no place, only its country, point rollups no dates and location rollups no type either, so
    only when it asks for none)."""
    conditions: list[ColumnElement[bool]] = []
    if selection.type:
        conditions.append(model.type == selection.type)  # type: ignore[union-attr]  # never location rollups
    place: Any = getattr(model, "place_identity_id", None)  # None on month rollups
    if selection.place is not None:
        conditions.append(place == selection.place)
    if selection.country and (model is MonthRollupRow or model is DayRollupRow):
        conditions.append(model.country == selection.country.upper())
    elif selection.country:
        country = select(PlaceIdentityRow.id).where(PlaceIdentityRow.country == selection.country.upper())
        conditions.append(place.in_(country))
    if (start := date_range(selection.date_from)) is not None:
        conditions.append(model.month_end >= start[0].isoformat()[:7])  # type: ignore[union-attr]
        if model is EventRollupRow:
            conditions.append(model.month_start >= _earliest_start(start[0].isoformat()[:7]))
    if (end := date_range(selection.date_to)) is not None and model is DayRollupRow:
        conditions.append(model.day_start <= end[1].isoformat())
    elif end is not None:
        conditions.append(model.month_start <= end[1].isoformat()[:7])  # type: ignore[union-attr]
    return conditions


def _earliest_start(month: str) -> ColumnElement[str]:
    """The earliest start month of the event rollups ending in ``month`` or later: the start of that year, as
    an event dated to a day, days, a month or a year starts in the year it ends in, unless one dated over
    longer (a few) starts earlier. A bound that lets the range be read by index from there, not from the
    first event on."""
    year = f"{month[:4]}-01"
    longer = (
        select(func.min(EventRollupRow.month_start))
        .where(EventRollupRow.precision == "longer", EventRollupRow.month_end >= month)
        .scalar_subquery()
    )
    return case((longer < year, longer), else_=year)


def month_rollup(selection: EventFilter) -> type[EventRollupRow | MonthRollupRow]:
    """The rollup that answers a timeline: per month (and country) unless a place is asked for."""
    return EventRollupRow if selection.place is not None else MonthRollupRow


def map_rollup(selection: EventFilter) -> type[EventRollupRow | PointRollupRow | LocationRollupRow] | None:
    """The rollup that answers a map (per point alone unless dates are asked for, and then per type only
    when a type is), if one does."""
    if not covers(selection):
        return None
    if selection.date_from or selection.date_to:
        return EventRollupRow
    return PointRollupRow if selection.type else LocationRollupRow


@dataclass(frozen=True)
class Edges:
    """A query of (source, target, type, weight) grouped by edge, with its source and target actor columns;
    ``live`` when it reads the events."""

    query: Select[*tuple[Any, ...]]
    source: InstrumentedAttribute[int] | ColumnElement[int]
    target: InstrumentedAttribute[int] | ColumnElement[int]
    live: bool


def edges(selection: EventFilter) -> Edges:
    """Source→target edges typed by event type and weighted by events (unordered, unlimited): from the network
    rollups when at most a type is asked for, from the edge rollups when they cover the filters, from the
    actor edge rollups for an actor (and a type) alone."""
    if covers(selection):
        whole = not (selection.place is not None or selection.country or selection.date_from or selection.date_to)
        rollup = NetworkRollupRow if whole else EdgeRollupRow
        weight = func.sum(rollup.events).label("weight")
        query = (
            select(rollup.source_id.label("source"), rollup.target_id.label("target"), rollup.type, weight)
            .where(*rollup_conditions(rollup, selection))
            .group_by(rollup.source_id, rollup.target_id, rollup.type)
        )
        return Edges(query, rollup.source_id, rollup.target_id, live=False)
    if covers_actor_edges(selection):
        named = ActorEdgeRollupRow
        weight = func.sum(named.events).label("weight")
        kind = [named.type == selection.type] if selection.type else []
        query = (
            select(named.source_id.label("source"), named.target_id.label("target"), named.type, weight)
            .where(named.actor_id == selection.actor, *kind)
            .group_by(named.source_id, named.target_id, named.type)
        )
        return Edges(query, named.source_id, named.target_id, live=False)
    source, target = EventActorRow.__table__.alias("s"), EventActorRow.__table__.alias("t")
    weight = func.count(func.distinct(EventClusterRow.id)).label("weight")
    query = (
        select(source.c.identity_id.label("source"), target.c.identity_id.label("target"), EventClusterRow.type, weight)
        .select_from(EventRow)
        .join(EventClusterRow, EventClusterRow.id == EventRow.cluster_id)
        .outerjoin(PlaceIdentityRow, PlaceIdentityRow.id == EventClusterRow.place_identity_id)
        .join(source, and_(source.c.event_id == EventRow.id, source.c.role == "source"))
        .join(target, and_(target.c.event_id == EventRow.id, target.c.role == "target"))
        .where(source.c.identity_id != target.c.identity_id, *_event_conditions(selection))
        .group_by(source.c.identity_id, target.c.identity_id, EventClusterRow.type)
    )
    return Edges(query, source.c.identity_id, target.c.identity_id, live=True)


def network(session: Session, selection: EventFilter, limit: int = 400) -> Json:
    """Actors as nodes and source→target edges typed by event type, weighted by events (heaviest first)."""
    found = edges(selection)
    weight = found.query.selected_columns.weight
    rows = session.execute(found.query.order_by(weight.desc(), found.source, found.target, "type").limit(limit)).all()
    ids = {row.source for row in rows} | {row.target for row in rows}
    nodes = session.execute(
        select(ActorIdentityRow.id, ActorIdentityRow.name, ActorIdentityRow.kind)
        .where(ActorIdentityRow.id.in_(ids))
        .order_by(ActorIdentityRow.id)
    )
    return {
        "nodes": [{"id": row.id, "name": row.name, "kind": row.kind} for row in nodes],
        "edges": [{"source": r.source, "target": r.target, "type": r.type, "weight": r.weight} for r in rows],
    }


WIDTHS = {"day": 10, "week": 10, "month": 7, "year": 4}  # characters of an ISO date a bin keeps


def timeline(session: Session, selection: EventFilter, bin: str = "month") -> list[Json]:
    """Corroborated events per time bin (``day``, ``week``, ``month`` or ``year``) and type.

    Each item has ``bin`` (the bin's first day, month or year) and, for months, ``month`` as before.
    """
    if bin in ("month", "year") and covers(selection):
        rollup = month_rollup(selection)
        start = (rollup.month_start if bin == "month" else func.substr(rollup.month_start, 1, 4)).label("start")
        query = (
            select(start, rollup.type, func.sum(rollup.events).label("events"))
            .where(rollup.month_start.is_not(None), *rollup_conditions(rollup, selection))
            .group_by(start, rollup.type)
        )
    elif covers(selection) and selection.place is None:  # days and weeks
        start = DayRollupRow.day_start.label("start")
        query = (
            select(start, DayRollupRow.type, func.sum(DayRollupRow.events).label("events"))
            .where(start.is_not(None), *rollup_conditions(DayRollupRow, selection))
            .group_by(start, DayRollupRow.type)
        )
        query = _by_week(query) if bin == "week" else query
    else:
        day = EventClusterRow.date_start  # a full date, as every cluster's
        start = (week_start(day) if bin == "week" else func.substr(day, 1, WIDTHS[bin])).label("start")
        query = _with_places(
            select(start, EventClusterRow.type, func.count().label("events"))
            .where(day.is_not(None), *_event_conditions(selection))
            .group_by(start, EventClusterRow.type),
            selection,
        )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in session.execute(query):
        counts[(row.start, row.type)] += row.events
    return [
        {"bin": start, "type": kind, "events": events} | ({"month": start} if bin == "month" else {})
        for (start, kind), events in sorted(counts.items())
    ]


def _by_week(days: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    """Events per (start, type, events) day added up per week by the database (the days in index order first,
    so the week of each day is taken once)."""
    found = days.subquery()
    week = week_start(found.c.start).label("start")
    events = cast(func.sum(found.c.events), BigInteger).label("events")  # PostgreSQL's sum of sums is numeric
    return select(week, found.c.type, events).group_by(week, found.c.type)


@dataclass(frozen=True)
class Bounds:
    """A map view: south-west and north-east corners in degrees."""

    south: float
    west: float
    north: float
    east: float


CELLS_PER_TILE = 8  # a 256-pixel map tile is cut into cells of 32 by 32 pixels
MAX_CELLS = 5000


def event_map(session: Session, selection: EventFilter, zoom: int, bounds: Bounds | None = None) -> Json:
    """Located corroborated events clustered on a grid that follows the map's zoom level.

    A cell is ``360 / 2**zoom / CELLS_PER_TILE`` degrees on each side, about 32 pixels on screen at that
    zoom; each cell gives its events' count and mean point, and its one event's id when it holds one
    (most events first, then south to north and west to east).
    """
    size = 360 / 2**zoom / CELLS_PER_TILE
    rollup = map_rollup(selection)
    lat, lon = (rollup or EventClusterRow).latitude, (rollup or EventClusterRow).longitude
    row, column = func.floor((lat + 90) / size).label("row"), func.floor((lon + 180) / size).label("col")
    conditions: list[ColumnElement[bool]] = [lat.is_not(None), lon.is_not(None)]
    conditions += rollup_conditions(rollup, selection) if rollup else _event_conditions(selection)
    if bounds is not None:
        conditions += [lat.between(bounds.south, bounds.north), lon.between(bounds.west, bounds.east)]
    if rollup is not None:
        count = func.sum(rollup.events).label("events")
        columns = [count, func.sum(rollup.events * lat) / count, func.sum(rollup.events * lon) / count]
        columns.append(func.sum(rollup.id_sum))
    else:
        count = func.count().label("events")
        columns = [count, func.avg(lat), func.avg(lon), func.min(EventClusterRow.id)]
    query = (
        select(row, column, *columns)
        .where(*conditions)
        .group_by(row, column)
        .order_by(count.desc(), row, column)
        .limit(MAX_CELLS)
    )
    cells = [
        {
            "lat": round(mean_lat, 5),
            "lon": round(mean_lon, 5),
            "events": events,
            "event": int(first) if events == 1 else None,
        }
        for _, _, events, mean_lat, mean_lon, first in session.execute(
            query if rollup else _with_places(query, selection)
        )
    ]
    return {"zoom": zoom, "cell_degrees": size, "events": sum(cell["events"] for cell in cells), "cells": cells}
