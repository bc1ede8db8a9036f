"""Representative points of areas: the centres of countries, US states and US counties.

Computed from polygon data by ``scripts/build_geo_centroids.py`` into ``data/geo_centroids.json`` (see the
data README for sources and licences): the area-weighted centre of each area's main landmass, where readers
and maps place a country or a province, unlike a capital or an arbitrary point of the gazetteer.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from sitroom.names import name_key

Point = tuple[float, float]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = resources.files("sitroom.knowledge").joinpath("data/geo_centroids.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _points(section: str) -> dict[str, Point]:
    return {name: (float(lat), float(lon)) for name, (lat, lon) in _data()[section].items()}


@lru_cache(maxsize=1)
def country_centres() -> dict[str, Point]:
    """ISO 3166-1 alpha-2 code → (lat, lon) of the country's main landmass."""
    return _points("countries")


@lru_cache(maxsize=1)
def us_state_centres() -> dict[str, Point]:
    """US state name ("Georgia", "District of Columbia") → (lat, lon)."""
    return _points("us_states")


@lru_cache(maxsize=1)
def us_county_centres() -> dict[tuple[str, str], Point]:
    """(state, name key of the county without "County" or "Parish") → (lat, lon)."""
    result = {}
    for label, point in _points("us_counties").items():
        state, county = label.split("|", 1)
        result[(state, name_key(county))] = point
    return result


def us_county_centre(state: str, county: str) -> Point | None:
    """The centre of a US county (``county`` without "County": "Henry", "DeKalb"), or None when unknown."""
    return us_county_centres().get((state, name_key(county)))


def mean_point(points: list[Point]) -> Point:
    """The spherical mean of points (the centre of their unit vectors), as (lat, lon)."""
    x = sum(math.cos(math.radians(lat)) * math.cos(math.radians(lon)) for lat, lon in points)
    y = sum(math.cos(math.radians(lat)) * math.sin(math.radians(lon)) for lat, lon in points)
    z = sum(math.sin(math.radians(lat)) for lat, _ in points)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def country_point(code: str, gazetteer_point: Point | None) -> Point | None:
    """A consensus representative point of a country: the mean of its area centre and the gazetteer's own
    point, each where known. Conventions disagree by a few hundred kilometres for large countries (area
    centres, GeoNames and atlas points); their mean stays close to both."""
    points = [p for p in (country_centres().get(code), gazetteer_point) if p]
    return mean_point(points) if points else None
