"""GeoJSON export: the resolved places of analysis records as one FeatureCollection (RFC 7946)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sitroom.record import Place, Record


def place_feature(document_id: str, place: Place) -> dict[str, Any]:
    """One GeoJSON Point feature for a resolved place; coordinates are [longitude, latitude]."""
    return {
        "type": "Feature",
        "id": f"{document_id}/{place.id}",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "document_id": document_id,
            "place_id": place.id,
            "name": place.name,
            "feature": place.feature,
            "country": place.country,
            "admin1": place.admin1,
            "geonames_id": place.geonames_id,
            "located_by": place.located_by,
            "mention_count": len(place.mentions),
        },
    }


def records_to_geojson(records: Iterable[Record]) -> dict[str, Any]:
    """A FeatureCollection of every place with a point: its own, or its parent's (``located_by``: "parent");
    places without a point are left out."""
    features = [
        place_feature(record.id, place)
        for record in records
        for place in record.places
        if place.lat is not None and place.lon is not None
    ]
    return {"type": "FeatureCollection", "features": features}
