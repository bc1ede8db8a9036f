"""The JSON API: documents, actors, events, places, agreements, outlets, exports, analysis."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response, StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitroom.documents import Document
from sitroom.exporting import ExportFormat, export_text
from sitroom.exports.graphml import to_graphml
from sitroom.exports.json_export import filtered_records, json_lines, stored_records
from sitroom.exports.tables import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    csv_lines,
    document_row,
    event_row,
    geojson_lines,
    json_array,
)
from sitroom.record import EventStatus, EventType, Record
from sitroom.store import browse
from sitroom.store.browse import EventFilter, Json, Page
from sitroom.store.browse.search import Sort
from sitroom.store.database import checkpoint
from sitroom.store.search_syntax import SearchSyntaxError
from sitroom.store.writer import StoreCounts, store_documents
from sitroom.web.analysis import AnalysisRefused, AnalysisService
from sitroom.web.cache import ResponseCache, knowledge_version
from sitroom.web.security import TokenFirstRoute, bearer


class Problem(BaseModel):
    """What every error answer carries."""

    detail: str


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "model": Problem}


Responses = dict[int | str, dict[str, Any]]
BAD_REQUEST: Responses = {400: _problem("A NUL character in the path or query string")}
TOKEN_RESPONSES: Responses = {
    401: _problem("Missing or wrong write token"),
    403: _problem("The server is read-only (started without a write token)"),
}
router = APIRouter(prefix="/api", responses=BAD_REQUEST)

Text = Annotated[str | None, Query(max_length=200)]
# Row ids are SQLite/Postgres 64-bit integers: larger values are rejected (422) rather than overflowing.
MAX_ID = 2**63 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
RowRef = Annotated[int | None, Query(ge=1, le=MAX_ID)]
IsoDate = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]


def session(request: Request) -> Iterator[Session]:
    engine: Engine = request.app.state.engine
    with Session(engine) as db:
        yield db


Db = Annotated[Session, Depends(session)]


def page(
    limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0
) -> Page:
    return Page(limit=limit, offset=offset)


Paging = Annotated[Page, Depends(page)]


def event_filter(
    type: EventType | None = None,
    actor: RowRef = None,
    place: RowRef = None,
    country: Annotated[str | None, Query(max_length=3)] = None,
    date_from: IsoDate = None,
    date_to: IsoDate = None,
    status: EventStatus | None = None,
    outlet: Text = None,
    min_sources: Annotated[int, Query(ge=0, le=1000)] = 1,
) -> EventFilter:
    return EventFilter(type, actor, place, country, date_from, date_to, status, outlet, min_sources)


Filter = Annotated[EventFilter, Depends(event_filter)]

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such item"}}


def _found(item: Json | None, what: str) -> Json:
    if item is None:
        raise HTTPException(404, f"no such {what}")
    return item


@router.get("/stats")
def get_stats(db: Db) -> Json:
    return browse.stats(db)


SEARCH_RESPONSES: Responses = {400: _problem("A search query the search language cannot read (says what and where)")}


def document_search(
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description='Words (all must occur), "a phrase", OR, NOT or -word, prefix*, (brackets); an actor\'s '
            "name in any spelling also finds the documents naming that actor.",
        ),
    ] = None,
    outlet: Text = None,
    date_from: IsoDate = None,
    date_to: IsoDate = None,
    actor: RowRef = None,
    place: RowRef = None,
    event_type: EventType | None = None,
    sort: Sort = "relevance",
) -> browse.DocumentSearch:
    return browse.DocumentSearch(q, outlet, date_from, date_to, actor, place, event_type, sort)


Search = Annotated[browse.DocumentSearch, Depends(document_search)]


def _searched(run: Callable[[], Json]) -> Json:
    try:
        return run()
    except SearchSyntaxError as error:
        raise HTTPException(400, f"search syntax: {error}") from error


@router.get("/documents", responses=SEARCH_RESPONSES)
def list_documents(db: Db, paging: Paging, search: Search) -> Json:
    """Documents, newest first, or the search's matches, best first (snippets mark hits with \\u0002…\\u0003),
    with facets over every match: outlet, year, actor, place and event type."""
    return _searched(lambda: browse.search_documents(db, search, paging))


@router.get("/documents/{doc_id:path}", responses=NOT_FOUND)
def get_document(db: Db, doc_id: str) -> Json:
    """One document: text, full analysis record, and the identities and events its items link to."""
    return _found(browse.get_document(db, doc_id), "document")


@router.get("/actors")
def list_actors(db: Db, paging: Paging, q: Text = None, kind: Text = None) -> Json:
    """Actor identities across documents; ``q`` matches any alias, transliteration-aware."""
    return browse.list_actors(db, q, kind, paging)


@router.get("/actors/{identity_id}/documents", responses=NOT_FOUND)
def get_actor_documents(db: Db, paging: Paging, identity_id: RowId) -> Json:
    """The documents naming an actor (any merged spelling), newest first, a page at a time, with the total."""
    return _found(browse.actor_documents(db, identity_id, paging), "actor")


@router.get("/actors/{identity_id}/quotes", responses=NOT_FOUND)
def get_actor_quotes(db: Db, paging: Paging, identity_id: RowId) -> Json:
    """What the actor is quoted as saying, newest document first, a page at a time, with the total."""
    return _found(browse.actor_quotes(db, identity_id, paging), "actor")


@router.get("/actors/{identity_id}", responses=NOT_FOUND)
def get_actor(db: Db, identity_id: RowId) -> Json:
    """Aliases, affiliations, events, co-occurring actors, framing used about the actor, its quotes."""
    return _found(browse.get_actor(db, identity_id), "actor")


EventCursor = Annotated[
    str | None,
    Query(
        max_length=40,
        pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?~\d{1,18}$",  # ids fit a signed 64-bit integer
        description="Keyset paging: the previous page's ``next_cursor`` (the same cost on any page; ``offset`` "
        "is ignored).",
    ),
]


@router.get("/events")
def list_events(db: Db, paging: Paging, selection: Filter, cursor: EventCursor = None) -> Json:
    """Corroborated events, newest first: reports of one event from several documents merged, sources counted.

    ``total`` is exact up to 10,000 events and a lower bound beyond (``total_exact`` false);
    ``next_cursor`` pages on by keyset.
    """
    position = browse.Cursor.decode(cursor) if cursor is not None else None  # the pattern admits only cursors
    return browse.list_events(db, selection, paging, position)


@router.get("/events/map")
def events_map(
    db: Db,
    selection: Filter,
    zoom: Annotated[int, Query(ge=0, le=18, description="Map zoom level (0: the whole world on one tile).")] = 5,
    south: Annotated[float | None, Query(ge=-90, le=90, description="The view's southern edge (degrees).")] = None,
    west: Annotated[float | None, Query(ge=-180, le=180, description="The view's western edge.")] = None,
    north: Annotated[float | None, Query(ge=-90, le=90, description="The view's northern edge.")] = None,
    east: Annotated[float | None, Query(ge=-180, le=180, description="The view's eastern edge.")] = None,
) -> Json:
    """Located events clustered on the server by a grid that follows the zoom (cells of about 32 pixels).

    Each cell has its events' count and mean point (and ``event``, the id, when it holds one event);
    give all four edges to cluster one view only.
    """
    if south is not None and west is not None and north is not None and east is not None:
        return browse.event_map(db, selection, zoom, browse.Bounds(south, west, north, east))
    if (south, west, north, east) != (None, None, None, None):
        message = "give all four edges of the view (south, west, north, east) or none"
        raise RequestValidationError([{"loc": ("query", "south"), "msg": message, "type": "value_error"}])
    return browse.event_map(db, selection, zoom)


@router.get("/events.geojson", response_class=Response, responses={200: {"content": {"application/geo+json": {}}}})
def events_geojson(request: Request, db: Db, selection: Filter) -> Response:
    """Located events as GeoJSON, serialised once per filter and knowledge-base version (map layers are large)."""
    cache: ResponseCache = request.app.state.geojson_cache
    body = cache.get(selection, knowledge_version(db), lambda: _dump(browse.events_geojson(db, selection)))
    return Response(body, media_type="application/geo+json")


@router.get("/events/{cluster_id}", responses=NOT_FOUND)
def get_event(db: Db, cluster_id: RowId) -> Json:
    """One event with every report: document, outlet, status (contradictions kept) and evidence."""
    return _found(browse.get_event(db, cluster_id), "event")


TimeBin = Literal["day", "week", "month", "year"]


@router.get("/timeline")
def timeline(db: Db, selection: Filter, bin: TimeBin = "month") -> list[Json]:
    """Corroborated events per time bin and type, counted on the server; ``bin`` is each bin's first day,
    month or year (weeks start on Monday)."""
    return browse.timeline(db, selection, bin)


@router.get("/network")
def network(db: Db, selection: Filter, limit: Annotated[int, Query(ge=1, le=2000)] = 400) -> Json:
    """Actor network: edges from source to target actor, typed by event type, weighted by events."""
    return browse.network(db, selection, limit)


@router.get("/places")
def list_places(
    db: Db, paging: Paging, q: Text = None, country: Annotated[str | None, Query(max_length=3)] = None
) -> Json:
    return browse.list_places(db, q, country, paging)


@router.get("/places/{identity_id}/documents", responses=NOT_FOUND)
def get_place_documents(db: Db, paging: Paging, identity_id: RowId) -> Json:
    """The documents naming a place, newest first, a page at a time, with the total."""
    return _found(browse.place_documents(db, identity_id, paging), "place")


@router.get("/places/{identity_id}", responses=NOT_FOUND)
def get_place(db: Db, identity_id: RowId) -> Json:
    """A place: names, kind, where it lies and how many documents name it; its documents page by page at
    ``/places/{id}/documents``, its events at ``/events?place={id}``."""
    return _found(browse.get_place(db, identity_id), "place")


@router.get("/agreements")
def list_agreements(db: Db, paging: Paging) -> Json:
    return browse.list_agreements(db, paging)


@router.get("/agreements/{agreement_id}", responses=NOT_FOUND)
def get_agreement(db: Db, agreement_id: RowId) -> Json:
    """An agreement with parties, signatories, implementers and its provisions table."""
    return _found(browse.get_agreement(db, agreement_id), "agreement")


@router.get("/agreement-identities")
def list_agreement_identities(db: Db, paging: Paging) -> Json:
    """Agreements across documents: each with its latest status, dates, reports and sources."""
    return browse.list_agreement_identities(db, paging)


@router.get("/agreement-identities/{identity_id}", responses=NOT_FOUND)
def get_agreement_identity(db: Db, identity_id: RowId) -> Json:
    """One agreement across documents: the timeline of its status reports, actors by role, reports, provisions."""
    return _found(browse.get_agreement_identity(db, identity_id), "agreement")


@router.get("/outlets")
def list_outlets(db: Db) -> list[Json]:
    return browse.list_outlets(db)


@router.get("/outlets/compare")
def compare_outlets(
    db: Db,
    outlet: Annotated[list[str], Query(min_length=1, max_length=10, description="Two to ten outlets to compare.")],
) -> Json:
    """Outlets side by side in their own voice (quoted sources' words left out): framing techniques per 1,000
    words, framing items per target actor, and the share of claims from unnamed sources."""
    if any(len(name) > 256 for name in outlet):
        raise HTTPException(422, "an outlet name is at most 256 characters")
    return browse.compare_outlets(db, outlet)


@router.get("/outlets/{outlet:path}", responses=NOT_FOUND)
def get_outlet(db: Db, outlet: str) -> Json:
    """An outlet's framing profile."""
    return _found(browse.get_outlet(db, outlet), "outlet")


# --- exports ---------------------------------------------------------------------------------

_RECORD_EXPORTS: dict[str, tuple[ExportFormat, str, str]] = {
    "acled": (ExportFormat.acled, "text/csv", "events.acled.csv"),
    "plover": (ExportFormat.plover, "application/json", "events.plover.json"),
}


def _attachment(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"'}


_EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The export, as an attachment",
        "content": {
            media_type: {}
            for media_type in (
                "application/x-ndjson",
                "application/geo+json",
                "application/graphml+xml",
                *(media for _, media, _ in _RECORD_EXPORTS.values()),
            )
        },
    },
    **NOT_FOUND,
}


@router.get("/export/{name}", response_class=Response, responses=_EXPORT_RESPONSES)
def export(request: Request, db: Db, name: str, selection: Filter) -> Response:
    """Exports: ``json`` (records, JSON Lines), ``geojson`` (events), ``graphml`` (network), ``acled``, ``plover``,
    ``pax`` (agreements and provisions, PA-X-like CSV).

    The events filters apply to the event exports: with any filter, records keep only the events it selects.
    """
    engine: Engine = request.app.state.engine
    filtered = selection != EventFilter()
    records = (lambda: filtered_records(engine, browse.matching_reports(selection))) if filtered else None
    if name == "json":
        lines = (record.to_json() + "\n" for record in records()) if records else json_lines(engine)
        return StreamingResponse(lines, media_type="application/x-ndjson", headers=_attachment("records.jsonl"))
    if name == "geojson":
        collection = browse.events_geojson(db, selection, limit=1_000_000)
        return Response(_dump(collection), media_type="application/geo+json", headers=_attachment("events.geojson"))
    if name == "graphml":
        graph = browse.network(db, selection, limit=1_000_000)
        return PlainTextResponse(
            to_graphml(graph["nodes"], graph["edges"]),
            media_type="application/graphml+xml",
            headers=_attachment("network.graphml"),
        )
    if name == "pax":
        from sitroom.exports.pax import identity_rows, pax_csv

        body = pax_csv(identity_rows(db))
        return Response(body, media_type="text/csv", headers=_attachment("agreements.pax.csv"))
    if name in _RECORD_EXPORTS:
        export_format, media_type, file_name = _RECORD_EXPORTS[name]
        body = export_text(export_format, records() if records else stored_records(engine), db=None)
        return Response(body, media_type=media_type, headers=_attachment(file_name))
    raise HTTPException(404, "unknown export (json, geojson, graphml, acled, plover, pax)")


ListFormat = Literal["csv", "json", "geojson"]
_LIST_MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json", "geojson": "application/geo+json"}
_LIST_RESPONSES: Responses = {
    200: {"description": "The list, as an attachment", "content": {media: {} for media in _LIST_MEDIA.values()}},
    **SEARCH_RESPONSES,
}


def _list_file(lines: Iterator[str], name: str, format: str) -> StreamingResponse:
    return StreamingResponse(lines, media_type=_LIST_MEDIA[format], headers=_attachment(f"{name}.{format}"))


@router.get("/exports/events", response_class=Response, responses=_LIST_RESPONSES)
def export_events(db: Db, selection: Filter, format: ListFormat = "csv") -> StreamingResponse:
    """Exactly the events list the filters show, every page of it: CSV (cells a spreadsheet would run as
    formulas neutralised), JSON (the list's items) or GeoJSON (the located ones)."""
    items = browse.iter_events(db, selection)
    if format == "csv":
        return _list_file(csv_lines(map(event_row, items), EVENT_COLUMNS), "events", format)
    return _list_file(geojson_lines(items) if format == "geojson" else json_array(items), "events", format)


@router.get("/exports/documents", response_class=Response, responses=_LIST_RESPONSES)
def export_documents(db: Db, search: Search, format: Literal["csv", "json"] = "csv") -> StreamingResponse:
    """Exactly the documents a search (with its filters and sort) finds, every page of it, as CSV or JSON."""
    _searched(lambda: browse.search_documents(db, search, Page(limit=1)))  # a bad query: 400 before streaming
    items = browse.iter_documents(db, search)
    if format == "csv":
        return _list_file(csv_lines(map(document_row, items), DOCUMENT_COLUMNS), "documents", format)
    return _list_file(json_array(items), "documents", format)


def _dump(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False)


# --- analysis --------------------------------------------------------------------------------


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, description="The article; longer than the server's limit: 413")
    title: str | None = Field(default=None, max_length=1000)
    date: str | None = Field(default=None, max_length=32)
    outlet: str | None = Field(default=None, max_length=256)
    id: str = Field(default="pasted", max_length=200)


ANALYSIS_RESPONSES: Responses = {
    413: _problem("Text longer than the server analyses"),
    422: _problem("Invalid request, or a text the pipeline could not analyse"),
    429: _problem("Every analysis worker is busy (see Retry-After)"),
    503: _problem("The analysis took longer than the server's time limit and was stopped"),
}


async def _analysed(request: Request, body: AnalyzeRequest) -> tuple[Document, Record]:
    """The document and record for ``body``, from the app's analysis service (never on this loop)."""
    service: AnalysisService = request.app.state.analysis
    try:
        return await service.analyse(body.model_dump())
    except AnalysisRefused as refused:
        headers = {"retry-after": str(refused.retry_after)} if refused.retry_after else None
        raise HTTPException(refused.status, str(refused), headers=headers) from refused


@router.post("/analyze", responses=ANALYSIS_RESPONSES)
async def analyze(request: Request, body: AnalyzeRequest) -> Json:
    """Analyse a pasted document and return its record (nothing is stored)."""
    _, record = await _analysed(request, body)
    result: Json = record.model_dump(mode="json")
    return result


write_router = APIRouter(
    prefix="/api", route_class=TokenFirstRoute, dependencies=[Security(bearer)], responses=BAD_REQUEST
)


@write_router.post("/documents", status_code=201, responses={**ANALYSIS_RESPONSES, **TOKEN_RESPONSES})
async def add_document(request: Request, body: AnalyzeRequest) -> Json:
    """Analyse a document and store it in the knowledge base (needs the operator's write token)."""
    document, record = await _analysed(request, body)
    engine: Engine = request.app.state.engine
    stored = await run_in_threadpool(_store_and_checkpoint, engine, document, record)
    if stored.refused:
        raise HTTPException(422, stored.refused[0][1])
    return {"doc_id": document.id, "added": bool(stored.added)}


def _store_and_checkpoint(engine: Engine, document: Document, record: Record) -> StoreCounts:
    stored = store_documents(engine, [(document, record)])
    checkpoint(engine)
    return stored
