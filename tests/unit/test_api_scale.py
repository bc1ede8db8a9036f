"""The API at scale: keyset paging of events, map clusters by zoom, timeline bins (over a small base)."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from sitroom.web import create_app
from tests.kb_fixtures import report_pair
from tests.unit.test_api import _get

# 24 events a week apart at four places (two pairs 1° apart), plus 2 undated ones without a place.
PLACES = [("Maskanah", 35.96, 38.04), ("Deir Hafer", 36.16, 37.71)]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("api-scale") / "kb.sqlite"
    pairs = [
        report_pair(
            f"r{n}",
            f"Nusra fighters attacked Ahrar positions, report {n}.",
            outlet="Reuters",
            date=f"2014-{1 + n // 4:02d}-{1 + 7 * (n % 4):02d}",
            place=PLACES[n % 2] if n % 3 else (PLACES[n % 2][0], PLACES[n % 2][1] + 1.0, PLACES[n % 2][2] + 1.0),
        )
        for n in range(24)
    ]
    undated = ["Jaysh attacked Fatah, undated.", "Liwa attacked Suqur, undated."]
    pairs += [report_pair(f"u{n}", text, outlet="SANA", date=None, place=None) for n, text in enumerate(undated)]
    store_records(open_engine(path), pairs)
    return TestClient(create_app(str(path)))


def test_keyset_pages_cover_every_event_once_in_offset_order(client: TestClient) -> None:
    everything = _get(client, "/api/events", limit=100)
    assert everything["total"] == 26 and everything["total_exact"] and everything["next_cursor"] is None
    seen: list[int] = []
    page = _get(client, "/api/events", limit=5)
    while True:
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        page = _get(client, "/api/events", limit=5, cursor=page["next_cursor"])
    assert seen == [item["id"] for item in everything["items"]]
    dates = [item["date_start"] for item in everything["items"]]
    assert dates[-2:] == [None, None] and dates[:-2] == sorted(dates[:-2], reverse=True)


def test_a_malformed_cursor_is_refused(client: TestClient) -> None:
    assert client.get("/api/events", params={"cursor": "2014-13~"}).status_code == 422
    assert client.get("/api/events", params={"cursor": "drop table"}).status_code == 422
    # an id past the 64-bit integers the databases store (schemathesis found a 500 there)
    assert client.get("/api/events", params={"cursor": "~9300000000000000000"}).status_code == 422


def test_map_cells_merge_at_low_zoom_and_split_at_high_zoom(client: TestClient) -> None:
    world = _get(client, "/api/events/map", zoom=2)
    assert world["events"] == 24 and len(world["cells"]) == 1
    near = _get(client, "/api/events/map", zoom=9)
    assert sorted(cell["events"] for cell in near["cells"]) == [4, 4, 8, 8]
    view = _get(client, "/api/events/map", zoom=9, south=35.5, west=37.5, north=36.5, east=38.5)
    assert sorted(cell["events"] for cell in view["cells"]) == [8, 8]
    one = _get(client, "/api/events/map", zoom=9, date_from="2014-01-08", date_to="2014-01-08")
    assert [(cell["events"], cell["event"] is not None) for cell in one["cells"]] == [(1, True)]
    assert client.get("/api/events/map", params={"zoom": 3, "south": 1}).status_code == 422


def test_timeline_bins_by_day_week_month_and_year(client: TestClient) -> None:
    def counts(bin: str) -> dict[str, int]:
        return {item["bin"]: item["events"] for item in _get(client, "/api/timeline", bin=bin)}

    assert counts("year") == {"2014": 24}
    assert counts("month") == {f"2014-{month:02d}": 4 for month in range(1, 7)}
    assert sum(counts("day").values()) == 24 and len(counts("day")) == 24
    weeks = counts("week")
    assert sum(weeks.values()) == 24 and all(date.fromisoformat(week).weekday() == 0 for week in weeks)
