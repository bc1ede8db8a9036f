"""Place names for the offline basemap, from the gazetteer (GeoNames cities, ISO 3166 countries and provinces).

The map asks for the labels of its view; the more it is zoomed in, the smaller the towns it names.
Candidates are read from the gazetteer once and kept in memory (a few thousand rows).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitroom.knowledge.gazetteer import ensure_gazetteer

MIN_POPULATION = 15_000
# The smallest population a town needs to be named at a zoom level (zooms beyond the last use the last).
POPULATION_BY_ZOOM = (10**9, 10**9, 10**9, 5_000_000, 1_000_000, 300_000, 100_000, 50_000, 25_000, MIN_POPULATION)


@dataclass(frozen=True)
class Label:
    name: str
    feature: str
    lat: float
    lon: float
    population: int


@lru_cache(maxsize=2)
def _candidates(path: Path) -> tuple[Label, ...]:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with sqlite3.connect(uri, uri=True) as connection:
        rows = connection.execute(
            "SELECT name, feature, lat, lon, population FROM places"
            " WHERE feature = 'country' OR (feature IN ('city', 'town') AND population >= ?)"
            " ORDER BY feature = 'country' DESC, population DESC",
            (MIN_POPULATION,),
        ).fetchall()
    return tuple(Label(*row) for row in rows)


def labels_in_view(
    south: float, west: float, north: float, east: float, zoom: int, limit: int = 80, gazetteer: Path | None = None
) -> list[Label]:
    """Countries (up to zoom 6) and the largest towns inside the view, largest first."""
    least = POPULATION_BY_ZOOM[min(zoom, len(POPULATION_BY_ZOOM) - 1)]
    found: list[Label] = []
    for label in _candidates(ensure_gazetteer(gazetteer)):
        if not (south <= label.lat <= north and west <= label.lon <= east):
            continue
        named = zoom <= 6 if label.feature == "country" else label.population >= least
        if named:
            found.append(label)
            if len(found) >= limit:
                break
    return found
