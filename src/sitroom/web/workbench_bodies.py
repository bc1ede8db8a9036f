"""The shapes of the workbench's pre-serialised bodies, for the OpenAPI document: those endpoints return JSON
built once per filter and knowledge-base version, so FastAPI cannot infer their schema from a return type;
these models document it."""

from __future__ import annotations

from typing import Any, Literal

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from sitroom.web.api import BAD_REQUEST, Responses


class Body(BaseModel):
    """A part of a body: no field beyond those documented."""

    model_config = ConfigDict(extra="forbid")


class PointGeometry(Body):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="Longitude, latitude.")


class EventPointProperties(Body):
    id: int = Field(description="The event (cluster) id.")
    type: str
    date_start: str | None
    date_end: str | None
    place: str
    place_id: int
    located_by: str | None = Field(description='"parent" when the point is that of a place containing it.')
    source_count: int
    report_count: int
    contested: bool


class EventPoint(Body):
    type: Literal["Feature"]
    geometry: PointGeometry
    properties: EventPointProperties


class EventPoints(Body):
    """Events at places more precise than a province, newest first."""

    type: Literal["FeatureCollection"]
    features: list[EventPoint]
    truncated: bool = Field(description="True when the cap on points cut the list.")


class PlaceCountProperties(Body):
    place_id: int
    place: str
    located_by: str | None
    types: dict[str, int] = Field(description="Events at the place per event type.")
    events: int
    contested: int
    max_sources: int = Field(description="The most sources of one event there.")
    latest: str | None = Field(description="The newest event's start date.")


class PlaceCount(Body):
    type: Literal["Feature"]
    geometry: PointGeometry
    properties: PlaceCountProperties


class PlaceCounts(Body):
    """Events counted per place (every event, never capped), most first."""

    type: Literal["FeatureCollection"]
    features: list[PlaceCount]
    events: int = Field(description="The events of all features.")


class AreaCount(Body):
    """Events known only to a country, province or region."""

    id: int
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    located_by: str | None
    feature: str | None
    events: int
    latest: str | None


class TimeBin(Body):
    month: str = Field(description="The start month, YYYY-MM.")
    type: str
    precision: str = Field(description="day, days, month, year or longer.")
    events: int


class DenseWindow(Body):
    from_: str = Field(alias="from", description="The first month of the dense window.")
    to: str = Field(description="Its last month.")
    outside: int = Field(description="Dated events outside the window.")


class TimeBins(Body):
    bins: list[TimeBin]
    window: DenseWindow | None


class GraphNode(Body):
    id: int
    name: str
    kind: str
    degree: int


class GraphEdge(Body):
    source: int
    target: int
    type: str
    weight: int = Field(description="Events on the link.")


class ActorGraph(Body):
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool
    total_actors: int = Field(description="Actors of the whole filtered network.")
    total_links: int = Field(description="Links of the whole filtered network.")


class SerialisedJson(JSONResponse):
    """A JSON body serialised beforehand (cached): sent as it is, documented like any JSON response."""

    def render(self, content: Any) -> bytes:
        return content.encode("utf-8") if isinstance(content, str) else super().render(content)


class SerialisedGeoJson(SerialisedJson):
    media_type = "application/geo+json"


def body(model: type[BaseModel] | Any) -> Responses:
    """A route's ``responses`` entry: a 200 body of this model, in the route's response class's media type."""
    return {200: {"model": model}}


def geojson_body(model: type[BaseModel]) -> Responses:
    """``body`` for a GeoJSON route: its errors stay JSON problems (a model response would be documented in the
    route's media type)."""
    problem = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return body(model) | {400: {"description": BAD_REQUEST[400]["description"], "content": problem}}
