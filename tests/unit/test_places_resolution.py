"""Resolution rules of the places layer that need no parsed text."""

from __future__ import annotations

from sitroom.components.places.resolution import _without_alternate_readings_of_a_country
from sitroom.components.places.toponyms import Toponym, group_toponyms
from sitroom.knowledge.gazetteer import GazetteerEntry


def _entry(id_: int, name: str, feature: str, primary_name: bool, population: int = 0) -> GazetteerEntry:
    return GazetteerEntry(id_, id_, name, feature, "MX", None, 20.0, -100.0, population, primary_name=primary_name)


MEXICO = _entry(1, "Mexico", "country", primary_name=True)
MEXICO_CITY = _entry(2, "Mexico City", "city", primary_name=False, population=12_000_000)
MEXICO_STATE = _entry(3, "Mexico", "admin1", primary_name=True)


def test_an_exact_country_name_drops_places_that_bear_it_only_as_an_alternate_name() -> None:
    assert _without_alternate_readings_of_a_country([MEXICO_CITY, MEXICO, MEXICO_STATE]) == [MEXICO, MEXICO_STATE]


def test_without_an_exact_country_alternate_names_stay() -> None:
    assert _without_alternate_readings_of_a_country([MEXICO_CITY, MEXICO_STATE]) == [MEXICO_CITY, MEXICO_STATE]
    alias = _entry(1, "Mexico", "country", primary_name=False)
    assert _without_alternate_readings_of_a_country([MEXICO_CITY, alias]) == [MEXICO_CITY, alias]


def _toponym(text: str, start: int) -> Toponym:
    return Toponym(start, start + len(text), 0, 1, text, text.lower(), None, "chain", (), False, False)


def test_a_place_said_to_contain_a_quarter_reads_as_a_location() -> None:
    text = "the Bab Amr district of Homs"
    quarter, city = _toponym("Bab Amr", 4), _toponym("Homs", 24)
    groups = group_toponyms([quarter, city], text)
    assert (groups[0].hint, groups[0].hint_contains) == (1, True)
    assert city.locative and city.strictly_locative and not quarter.locative
