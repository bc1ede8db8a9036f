"""Build ``src/sitroom/knowledge/data/country_points.json``: a third convention for placing countries.

The ``latlng`` of each country in the ``world-countries`` npm package (mledoze/countries, ODbL-1.0), the
rounded "geographic coordinates" that the CIA World Factbook and Wikipedia give for a country. The gazetteer
places a country at the geometric median of it, the country's area centre and its GeoNames point
(``geo_centres.country_point``). The file is a derivative database of world-countries and so stays under
the ODbL. Usage (the package comes with ``npm pack world-countries@5.1.0``)::

    python scripts/build_country_points.py WORLD_COUNTRIES_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "knowledge" / "data" / "country_points.json"
ATTRIBUTION = (
    "Country points (latlng) from the npm package world-countries 5.1.0 (https://github.com/mledoze/countries), "
    "Copyright Mohammed Le Doze, made available under the Open Database License (ODbL) 1.0: "
    "https://opendatacommons.org/licenses/odbl/1.0/; this file is a derivative database under the same licence"
)


def country_points(world_countries: Path) -> dict[str, list[float]]:
    """ISO 3166-1 alpha-2 code → [lat, lon] rounded to 0.01°."""
    countries = json.loads((world_countries / "countries.json").read_text(encoding="utf-8"))
    points = {c["cca2"]: [round(float(c["latlng"][0]), 2), round(float(c["latlng"][1]), 2)] for c in countries}
    return dict(sorted(points.items()))


def main(world_countries: Path) -> None:
    data = {"attribution": ATTRIBUTION, "countries": country_points(world_countries)}
    OUTPUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(data['countries'])} countries")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
