"""Representative points of areas: the centres of countries, US states and US counties.

Computed from polygon data by ``scripts/build_geo_centroids.py`` into ``data/geo_centroids.json`` (see the
data README for sources and licences): the area-weighted centre of each area's main landmass, where readers
and maps place a country or a province, unlike a capital or an arbitrary point of the gazetteer. Countries
also have a conventional point (``data/country_points.json``, by ``scripts/build_country_points.py``).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from sitroom.names import name_key

Point = tuple[float, float]
Vector = tuple[float, float, float]
MEDIAN_ITERATIONS = 100
COINCIDENT = 1e-12  # chord length under which two unit vectors are one point


@lru_cache(maxsize=2)
def _data(filename: str = "geo_centroids.json") -> dict[str, Any]:
    text = resources.files("sitroom.knowledge").joinpath(f"data/{filename}").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _points(section: str, filename: str = "geo_centroids.json") -> dict[str, Point]:
    return {name: (float(lat), float(lon)) for name, (lat, lon) in _data(filename)[section].items()}


@lru_cache(maxsize=1)
def country_centres() -> dict[str, Point]:
    """ISO 3166-1 alpha-2 code → (lat, lon) of the country's main landmass."""
    return _points("countries")


@lru_cache(maxsize=1)
def conventional_country_points() -> dict[str, Point]:
    """ISO 3166-1 alpha-2 code → (lat, lon) of the country in the world-countries dataset (Factbook style)."""
    return _points("countries", "country_points.json")


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


def _unit_vector(point: Point) -> Vector:
    lat, lon = math.radians(point[0]), math.radians(point[1])
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def _lat_lon(vector: Vector | list[float]) -> Point:
    x, y, z = vector
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def median_point(points: list[Point]) -> Point:
    """The geometric median of points (Weiszfeld's iteration on their unit vectors), as (lat, lon).

    Unlike the mean, one outlying point does not pull it away from points that agree: the median of three
    points two of which coincide is that shared point.
    """
    vectors = [_unit_vector(point) for point in points]
    estimate = [sum(axis) / len(vectors) for axis in zip(*vectors, strict=True)]
    for _ in range(MEDIAN_ITERATIONS):
        distances = [math.dist(estimate, vector) for vector in vectors]
        if min(distances) < COINCIDENT:
            return _lat_lon(vectors[distances.index(min(distances))])
        weights = [1 / distance for distance in distances]
        total = sum(weights)
        estimate = [sum(w * v[axis] for w, v in zip(weights, vectors, strict=True)) / total for axis in range(3)]
    return _lat_lon(estimate)


def country_point(code: str, gazetteer_point: Point | None) -> Point | None:
    """A consensus representative point of a country: the geometric median of its area centre, the gazetteer's
    own point and its conventional (Factbook-style) point, each where known. Conventions disagree by a few
    hundred kilometres for large countries; the median follows those that agree."""
    candidates = (country_centres().get(code), gazetteer_point, conventional_country_points().get(code))
    points = [p for p in candidates if p]
    return median_point(points) if points else None
