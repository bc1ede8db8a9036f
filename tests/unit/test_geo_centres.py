"""Representative points of areas (countries, US states and counties) computed from polygon data."""

from __future__ import annotations

import pytest

from sitroom.knowledge.gazetteer import distance_km
from sitroom.knowledge.geo_centres import (
    country_centres,
    country_point,
    mean_point,
    us_county_centre,
    us_state_centres,
)


def test_mean_point_lies_between_its_points_and_handles_the_antimeridian() -> None:
    lat, lon = mean_point([(0.0, 10.0), (0.0, 20.0)])
    assert lat == pytest.approx(0.0, abs=1e-9) and lon == pytest.approx(15.0)
    _, across = mean_point([(0.0, 179.0), (0.0, -179.0)])
    assert abs(across) == pytest.approx(180.0)


def test_country_centres_lie_inside_the_main_landmass() -> None:
    centres = country_centres()
    # Metropolitan France, not dragged towards French Guiana; Australia's mainland, not Ashmore Reef.
    assert distance_km(*centres["FR"], 46.6, 2.4) < 150
    assert distance_km(*centres["AU"], -25.6, 134.3) < 150
    # Russia and Fiji straddle the antimeridian.
    assert 55 < centres["RU"][0] < 70 and 60 < centres["RU"][1] < 120
    assert distance_km(*centres["FJ"], -17.7, 178.1) < 150


def test_country_point_is_a_consensus_and_falls_back() -> None:
    consensus = country_point("CA", (62.4, -96.5))
    assert consensus is not None
    assert distance_km(*consensus, *country_centres()["CA"]) < distance_km(*country_centres()["CA"], 62.4, -96.5)
    assert country_point("ZZ", (1.0, 2.0)) == pytest.approx((1.0, 2.0))
    assert country_point("ZZ", None) is None


def test_us_states_and_counties() -> None:
    assert distance_km(*us_state_centres()["Georgia"], 32.7, -83.4) < 60
    henry = us_county_centre("Georgia", "Henry")
    assert henry is not None and distance_km(*henry, 33.45, -84.15) < 30
    assert us_county_centre("Georgia", "DEKALB") == us_county_centre("Georgia", "DeKalb")
    assert us_county_centre("Georgia", "Nowhere") is None
