"""Whether a system place is resolved to the same point or area as a gold place."""

from __future__ import annotations

import math

from sitroom.evaluation.gold import GoldPlace
from sitroom.names import fold, name_key
from sitroom.record import Place

RESOLUTION_KM = 25.0
EARTH_RADIUS_KM = 6371.0
AREA_FEATURES = frozenset({"country", "admin1"})
ADMIN1_GENERIC_WORDS = frozenset({"governorate", "province", "region", "state", "district", "muhafazah"})


def is_resolvable(gold: GoldPlace) -> bool:
    """The gold place has a point, or is a country or province with its country."""
    has_point = gold.lat is not None and gold.lon is not None
    return has_point or (gold.feature in AREA_FEATURES and gold.country is not None)


def is_resolved(place: Place, gold: GoldPlace) -> bool:
    """Within 25 km of the gold point or, for countries and provinces, the same country/admin1."""
    return _within_tolerance(place, gold) or _same_area(place, gold)


def _within_tolerance(place: Place, gold: GoldPlace) -> bool:
    if place.lat is None or place.lon is None or gold.lat is None or gold.lon is None:
        return False
    return distance_km(place.lat, place.lon, gold.lat, gold.lon) <= RESOLUTION_KM


def _same_area(place: Place, gold: GoldPlace) -> bool:
    if gold.feature not in AREA_FEATURES or not place.country or not gold.country:
        return False
    same_country = place.country.upper() == gold.country.upper()
    if gold.feature == "country":
        return same_country
    return same_country and _admin1_key(place.admin1 or "") == _admin1_key(gold.admin1 or "")


def _admin1_key(name: str) -> str:
    return name_key(" ".join(word for word in fold(name).split() if word not in ADMIN1_GENERIC_WORDS))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_chord = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(half_chord))
