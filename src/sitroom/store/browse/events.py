"""Corroborated events: filters, listing, one event with its reports, map, timeline and network."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select, true
from sqlalchemy.orm import Session, aliased

from sitroom.store.browse.common import Json, Page, count_rows, paged, place_json
from sitroom.store.corroboration import DATE_WINDOW_DAYS, UNNAMED_WINDOW_DAYS, date_range
from sitroom.store.schema import (
    ActorEventRow,
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
    conditions: list[ColumnElement[bool]] = []
    if selection.min_sources > 1:  # every cluster has a source: a condition of 0 or 1 would only cost a lookup
        conditions.append(EventClusterRow.source_count >= selection.min_sources)
    if selection.type:
        conditions.append(EventClusterRow.type == selection.type)
    if selection.actor is not None:
        named = select(ActorEventRow.cluster_id).where(ActorEventRow.identity_id == selection.actor)
        conditions.append(EventClusterRow.id.in_(named))
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
    """Clusters and their places; an actor's through its ``actor_events`` rows, which ``_newest_first`` orders
    by index."""
    query = select(EventClusterRow, PlaceIdentityRow)
    if selection.actor is not None:
        named = and_(ActorEventRow.cluster_id == EventClusterRow.id, ActorEventRow.identity_id == selection.actor)
        query = query.join(ActorEventRow, named)
    return query.outerjoin(PlaceIdentityRow, PlaceIdentityRow.id == EventClusterRow.place_identity_id).where(
        and_(true(), *_event_conditions(replace(selection, actor=None)))
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


# Newest first: dated events by date then id, both descending, then undated ones by id (NULLS LAST on both
# databases, which order NULLs differently by default). An actor's events in the same order from its
# ``actor_events`` rows, whose date is "" when undated.
_NEWEST_FIRST = (EventClusterRow.date_start.desc().nulls_last(), EventClusterRow.id.desc())
_ACTORS_NEWEST_FIRST = (ActorEventRow.date_key.desc(), ActorEventRow.cluster_id.desc())


def _newest_first(selection: EventFilter) -> tuple[ColumnElement[Any], ...]:
    return _ACTORS_NEWEST_FIRST if selection.actor is not None else _NEWEST_FIRST


def _items(session: Session, rows: Sequence[Any]) -> list[Json]:
    actors = _cluster_actors(session, [cluster.id for cluster, _ in rows])
    return [_cluster_json(cluster, place, actors.get(cluster.id) or _no_actors()) for cluster, place in rows]


def _clusters(session: Session, selection: EventFilter, query: Select[*tuple[Any, ...]], page: Page) -> list[Json]:
    """One page of a clusters-and-places query (of ``_event_query(selection)``) as event items, newest first."""
    ordered = query.order_by(*_newest_first(selection)).limit(page.limit).offset(page.offset)
    return _items(session, session.execute(ordered).all())


def list_events(session: Session, selection: EventFilter, page: Page, cursor: Cursor | None = None) -> Json:
    """Corroborated events (clusters of reports), newest first.

    Paged by ``cursor`` (keyset: the position after the last event of the previous page, ``next_cursor``),
    which costs the same on any page, or by offset. ``total`` is exact up to ``COUNT_LIMIT``, a lower bound
    beyond (``total_exact``): counting a million events would cost more than the page; pages after a
    cursor do not count again (``total`` null).
    """
    query = _event_query(selection)
    if cursor is None:
        items = _clusters(session, selection, query, page)
        matching = _with_places(select(EventClusterRow.id).where(*_event_conditions(selection)), selection)
        if selection.date_from or selection.date_to:
            # counted in the page's order, by the date index from the range's end back: up to the cap, no
            # further than the range reaches, rather than from the first event on
            matching = matching.order_by(EventClusterRow.date_start.desc())
        if selection.actor is not None and not _event_conditions(replace(selection, actor=None)):
            matching = select(ActorEventRow.cluster_id).where(ActorEventRow.identity_id == selection.actor)
        total: int | None = count_rows(session, matching.limit(COUNT_LIMIT + 1), ordered=True)
    else:
        items, total = _items(session, _after(session, selection, query, cursor, page.limit)), None
    exact = total is not None and total <= COUNT_LIMIT
    result = paged(min(total, COUNT_LIMIT) if total is not None else None, page, items) | {"total_exact": exact}
    last = items[-1] if len(items) == page.limit else None
    return result | {"next_cursor": Cursor(last["date_start"], last["id"]).encode() if last else None}


COUNT_LIMIT = 10_000


@dataclass(frozen=True)
class Cursor:
    """A position in the newest-first order of events: after the event ``id`` dated ``date``."""

    date: str | None
    id: int

    def encode(self) -> str:
        return f"{self.date or ''}~{self.id}"

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """A cursor from ``next_cursor`` (``DATE~ID``, the date possibly empty); ValueError when it is not one.

        The date is only compared with stored dates, as text: a made-up one pages from wherever it falls.
        """
        date, separator, number = text.rpartition("~")
        if not separator or not number.isdigit():
            raise ValueError(f"not an event cursor: {text!r}")
        return cls(date or None, int(number))


def _after(
    session: Session, selection: EventFilter, query: Select[*tuple[Any, ...]], cursor: Cursor, limit: int
) -> list[Any]:
    """The ``limit`` events after ``cursor``: dated ones by an index range, then the undated ones (an actor's
    by one range of its ``actor_events`` rows)."""
    if selection.actor is not None:
        day, pk = ActorEventRow.date_key, ActorEventRow.cluster_id
        later = or_(day < (cursor.date or ""), and_(day == (cursor.date or ""), pk < cursor.id))
        return list(session.execute(query.where(later).order_by(*_ACTORS_NEWEST_FIRST).limit(limit)).all())
    date, pk = EventClusterRow.date_start, EventClusterRow.id
    rows: list[Any] = []
    if cursor.date is not None:
        later = or_(date < cursor.date, and_(date == cursor.date, pk < cursor.id))
        dated = query.where(date.is_not(None), later).order_by(date.desc(), pk.desc()).limit(limit)
        rows = list(session.execute(dated).all())
    if len(rows) < limit:
        after = pk < cursor.id if cursor.date is None else true()
        undated = query.where(date.is_(None), after).order_by(pk.desc()).limit(limit - len(rows))
        rows += session.execute(undated).all()
    return rows


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
            "date_from": "event" if report.EventRow.date else "document",
            "status": report.EventRow.status,
            "mode": report.EventRow.mode,
            "sources_as_written": json.loads(report.EventRow.source_actors or "[]"),
            "targets_as_written": json.loads(report.EventRow.target_actors or "[]"),
            "place_as_written": report.EventRow.place,
            "evidence": report.EventRow.evidence,
            "start": report.EventRow.evidence_start,
            "end": report.EventRow.evidence_end,
        }
        for report in reports
    ]
    return event | join_explanation(event, place)


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
        for item in _clusters(session, selection, located, Page(limit=limit))
    ]
    return {"type": "FeatureCollection", "features": features}


def _with_places(query: Select[*tuple[Any, ...]], selection: EventFilter) -> Select[*tuple[Any, ...]]:
    """The query joined to place identities, when the filter needs them (by country)."""
    if not selection.country:
        return query
    return query.outerjoin(PlaceIdentityRow, PlaceIdentityRow.id == EventClusterRow.place_identity_id)


def iter_events(session: Session, selection: EventFilter, batch: int = 1000) -> Iterator[Json]:
    """Every event the filter selects, newest first, paged by keyset (for exports: no cap)."""
    query = _event_query(selection)
    chunk = _clusters(session, selection, query, Page(limit=batch))
    while chunk:
        yield from chunk
        if len(chunk) < batch:
            return
        last = chunk[-1]
        chunk = _items(session, _after(session, selection, query, Cursor(last["date_start"], last["id"]), batch))


def matching_reports(selection: EventFilter) -> Select[int, str]:
    """(document row id, event local id) of every report in an event the filter selects."""
    clusters = _with_places(select(EventClusterRow.id).where(*_event_conditions(selection)), selection)
    return select(EventRow.document_id, EventRow.local_id).where(EventRow.cluster_id.in_(clusters))


COMPARED_FIELDS = ("status", "date", "mode", "sources_as_written", "targets_as_written", "place_as_written")


def join_explanation(event: Json, place: PlaceIdentityRow | None) -> Json:
    """Why the event's reports are one event (each tolerance and what met it) and which of their fields
    disagree (shown side by side for contested events)."""
    named = bool(event["sources"] or event["targets"])
    window = DATE_WINDOW_DAYS if named else UNNAMED_WINDOW_DAYS
    unnamed = "no actor identity in any report, each naming a participant as written"
    actors = unnamed if not named else "the same source and target identities"
    place_text = f"{place.name} ({place.feature or 'unresolved name'})" if place is not None else "none"
    reasons = [
        {"field": "type", "rule": "the same event type", "value": event["type"]},
        {"field": "actors", "rule": actors, "value": _names(event["sources"]) + " → " + _names(event["targets"])},
        {"field": "place", "rule": "the same place, finer than a province", "value": place_text},
        {
            "field": "date",
            "rule": f"dated to the day, all within {window} day(s); across days only with the same stated mode",
            "value": f"{event['date_start']} to {event['date_end']}",
        },
        {"field": "mode", "rule": "the same when both state it", "value": event["mode"] or "not stated"},
        {"field": "documents", "rule": "one report per document", "value": str(len(event["reports"]))},
    ]
    reports = event["reports"]
    disagreeing = [field for field in COMPARED_FIELDS if len({json.dumps(report[field]) for report in reports}) > 1]
    return {"joined_because": reasons if len(reports) > 1 else [], "disagreeing_fields": disagreeing}


def _names(actors: list[Json]) -> str:
    return ", ".join(actor["name"] for actor in actors) or "none"
