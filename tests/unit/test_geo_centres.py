"""Representative points of areas (countries, US states and counties) computed from polygon data."""

from __future__ import annotations

import pytest

from sitroom.knowledge.gazetteer import distance_km
from sitroom.knowledge.geo_centres import (
    conventional_country_points,
    country_centres,
    country_point,
    median_point,
    us_county_centre,
    us_state_centres,
)


def test_median_of_two_points_is_their_midpoint_across_the_antimeridian_too() -> None:
    lat, lon = median_point([(0.0, 10.0), (0.0, 20.0)])
    assert lat == pytest.approx(0.0, abs=1e-9) and lon == pytest.approx(15.0)
    _, across = median_point([(0.0, 179.0), (0.0, -179.0)])
    assert abs(across) == pytest.approx(180.0)


def test_median_follows_the_points_that_agree() -> None:
    assert median_point([(10.0, 20.0), (10.0, 20.0), (0.0, 0.0)]) == pytest.approx((10.0, 20.0))
    # One outlier 2,000 km away moves the median far less than it moves the mean (about 500 km).
    median = median_point([(50.0, 10.0), (50.2, 10.3), (50.1, 9.8), (32.0, 10.0)])
    assert distance_km(*median, 50.1, 10.0) < 100


def test_median_of_a_triangle_lies_inside_it() -> None:
    lat, lon = median_point([(0.0, 0.0), (0.0, 2.0), (2.0, 1.0)])
    assert 0.0 < lat < 2.0 and 0.0 < lon < 2.0


def test_country_centres_lie_inside_the_main_landmass() -> None:
    centres = country_centres()
    # Metropolitan France, not dragged towards French Guiana; Australia's mainland, not Ashmore Reef.
    assert distance_km(*centres["FR"], 46.6, 2.4) < 150
    assert distance_km(*centres["AU"], -25.6, 134.3) < 150
    # Russia and Fiji straddle the antimeridian.
    assert 55 < centres["RU"][0] < 70 and 60 < centres["RU"][1] < 120
    assert distance_km(*centres["FJ"], -17.7, 178.1) < 150


def test_conventional_country_points_cover_the_world() -> None:
    points = conventional_country_points()
    assert len(points) >= 240
    assert points["CA"] == pytest.approx((60.0, -95.0))
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())


def test_country_point_is_the_median_of_three_conventions_and_falls_back() -> None:
    gazetteer_point = (62.4, -96.5)
    conventions = [country_centres()["CA"], gazetteer_point, conventional_country_points()["CA"]]
    consensus = country_point("CA", gazetteer_point)
    assert consensus == pytest.approx(median_point(conventions))
    assert all(distance_km(*consensus, *p) < distance_km(*conventions[0], *conventions[1]) for p in conventions)
    assert country_point("ZZ", (1.0, 2.0)) == pytest.approx((1.0, 2.0))
    assert country_point("ZZ", None) is None


def test_us_states_and_counties() -> None:
    assert distance_km(*us_state_centres()["Georgia"], 32.7, -83.4) < 60
    henry = us_county_centre("Georgia", "Henry")
    assert henry is not None and distance_km(*henry, 33.45, -84.15) < 30
    assert us_county_centre("Georgia", "DEKALB") == us_county_centre("Georgia", "DeKalb")
    assert us_county_centre("Georgia", "Nowhere") is None
