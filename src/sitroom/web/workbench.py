"""The analyst's workbench endpoints: map layers and labels, timeline bins, the filtered actor network and
the actors at a place (the views' own queries, beside the general API in :mod:`sitroom.web.api`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from sitroom.exports.graphml import to_graphml
from sitroom.knowledge.map_labels import labels_in_view
from sitroom.record import ActorKind
from sitroom.store.browse.actor_graph import GraphOptions, actor_graph
from sitroom.store.browse.common import Json
from sitroom.store.browse.map_layers import area_events, place_actors, place_events, point_events
from sitroom.store.browse.time_bins import time_bins
from sitroom.web.api import BAD_REQUEST, MAX_ID, Db, Filter, Paging, RowId
from sitroom.web.cache import ResponseCache, knowledge_version
from sitroom.web.workbench_bodies import (
    ActorGraph,
    AreaCount,
    EventPoints,
    PlaceCounts,
    SerialisedGeoJson,
    SerialisedJson,
    TimeBins,
    body,
    geojson_body,
)

router = APIRouter(prefix="/api", responses=BAD_REQUEST)

Latitude = Annotated[float, Query(ge=-90, le=90)]
Longitude = Annotated[float, Query(ge=-180, le=180)]


@router.get("/map/points", response_class=SerialisedGeoJson, responses=geojson_body(EventPoints))
def map_points(request: Request, db: Db, selection: Filter) -> Response:
    """Events at places more precise than a province, as GeoJSON points (``truncated`` when capped);
    serialised once per filter and knowledge-base version."""
    cache: ResponseCache = request.app.state.geojson_cache
    key = ("map/points", selection)
    serialised = cache.get(
        key, knowledge_version(db), lambda: json.dumps(point_events(db, selection), separators=(",", ":"))
    )
    return SerialisedGeoJson(serialised)


@router.get("/map/places", response_class=SerialisedGeoJson, responses=geojson_body(PlaceCounts))
def map_places(request: Request, db: Db, selection: Filter) -> Response:
    """Events at places more precise than a province counted per place (every event, never capped: one
    point per place with its events by type), for maps of more events than one marker each can show;
    ``events`` is their total. Serialised once per filter and knowledge-base version."""
    cache: ResponseCache = request.app.state.geojson_cache
    key = ("map/places", selection)
    serialised = cache.get(
        key, knowledge_version(db), lambda: json.dumps(place_events(db, selection), separators=(",", ":"))
    )
    return SerialisedGeoJson(serialised)


def _cached_json(request: Request, db: Db, key: Hashable, build: Callable[[], object]) -> Response:
    """``build()`` as JSON, built once per key and knowledge-base version (a view opened again, or by a second
    reader, costs no query)."""
    cache: ResponseCache = request.app.state.geojson_cache
    serialised = cache.get(key, knowledge_version(db), lambda: json.dumps(build(), separators=(",", ":")))
    return SerialisedJson(serialised)


@router.get("/map/areas", response_class=SerialisedJson, responses=body(list[AreaCount]))
def map_areas(request: Request, db: Db, selection: Filter) -> Response:
    """Events known only to a country, province or region, counted per area (never drawn as points)."""
    return _cached_json(request, db, ("map/areas", selection), lambda: area_events(db, selection))


@router.get("/map/labels")
async def map_labels(
    south: Latitude, west: Longitude, north: Latitude, east: Longitude, zoom: Annotated[int, Query(ge=0, le=18)]
) -> list[Json]:
    """Basemap place names in a view from the offline gazetteer: countries, then towns by population."""
    found = await run_in_threadpool(labels_in_view, south, west, north, east, zoom)
    return [{"name": label.name, "feature": label.feature, "lat": label.lat, "lon": label.lon} for label in found]


@router.get("/timeline/bins", response_class=SerialisedJson, responses=body(TimeBins))
def timeline_bins(request: Request, db: Db, selection: Filter) -> Response:
    """Dated events per start month, type and date precision (day, days, month, year, longer), and the
    default window where they are dense (``window``: first and last month, events outside it)."""
    return _cached_json(request, db, ("timeline/bins", selection), lambda: time_bins(db, selection))


def graph_options(
    kind: Annotated[list[ActorKind] | None, Query(description="Actor kinds to keep (repeatable); all if none.")] = None,
    min_events: Annotated[int, Query(ge=1, le=10_000, description="Least events on an edge.")] = 1,
    min_degree: Annotated[int, Query(ge=1, le=1000, description="Least neighbours an actor needs.")] = 1,
    ego: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this actor and its neighbours.")] = None,
    limit: Annotated[int, Query(ge=1, le=2000, description="Most edges, heaviest first.")] = 300,
    max_actors: Annotated[
        int | None, Query(ge=1, le=2000, description="Of the edges' actors, the most connected only.")
    ] = None,
) -> GraphOptions:
    return GraphOptions(tuple(kind or ()), min_events, min_degree, ego, limit, max_actors)


Graph = Annotated[GraphOptions, Depends(graph_options)]


@router.get("/network/graph", response_class=SerialisedJson, responses=body(ActorGraph))
def network_graph(request: Request, db: Db, selection: Filter, options: Graph) -> Response:
    """The actor network (real actors only) filtered by kind, edge weight, degree and ego actor; at most
    ``limit`` links and ``max_actors`` actors, with ``total_actors`` and ``total_links`` of the whole
    filtered network and ``truncated`` when a limit cut it."""
    return _cached_json(request, db, ("network/graph", selection, options), lambda: actor_graph(db, selection, options))


@router.get(
    "/exports/network",
    response_class=Response,
    responses={200: {"content": {"application/graphml+xml": {}, "application/json": {}}}},
)
def export_network(
    db: Db, selection: Filter, options: Graph, format: Literal["graphml", "json"] = "graphml"
) -> Response:
    """Exactly the network ``/network/graph`` draws with the same parameters, as GraphML (Gephi, yEd,
    Cytoscape desktop) or JSON (nodes and edges)."""
    graph = actor_graph(db, selection, options)
    headers = {"content-disposition": f'attachment; filename="network.{format}"'}
    if format == "json":
        return Response(json.dumps(graph, ensure_ascii=False), media_type="application/json", headers=headers)
    return Response(to_graphml(graph["nodes"], graph["edges"]), media_type="application/graphml+xml", headers=headers)


@router.get("/places/{identity_id}/actors")
def actors_at_place(db: Db, identity_id: RowId, paging: Paging) -> Json:
    """Actors in the events at a place, with how many events each (most first)."""
    return place_actors(db, identity_id, paging)
