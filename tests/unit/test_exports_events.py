"""PLOVER JSON and ACLED CSV exports, and the PLOVER → ACLED category mapping."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sitroom.exports.acled import COLUMNS, write_acled_csv
from sitroom.exports.plover import records_to_plover
from sitroom.knowledge.acled import AcledCategory, acled_categories, to_acled
from sitroom.record import AcledCoding, Actor, Event, Place, Record, Span

TEXT = "Government jets bombed Saraqib on 3 May. Rebels may attack Idlib."


def _record() -> Record:
    def span(text: str) -> Span:
        start = TEXT.index(text)
        return Span(text=text, start=start, end=start + len(text))

    return Record(
        id="doc1",
        date="2017-05-04",
        outlet="Reuters",
        actors=[
            Actor(
                id="a1",
                name="Government of Syria",
                kind="government",
                mentions=[span("Government")],
                canonical_id="SYR_GOV",
            ),
            Actor(id="a2", name="Rebels", kind="armed_group", mentions=[span("Rebels")]),
            Actor(id="a3", name="Free Army", kind="armed_group", mentions=[span("Rebels")]),
        ],
        places=[
            Place(
                id="p1",
                name="Saraqib",
                country="SY",
                admin1="Idlib",
                lat=35.86,
                lon=36.8,
                feature="town",
                resolved=True,
                mentions=[span("Saraqib")],
            ),
        ],
        events=[
            Event(
                id="e1",
                type="ASSAULT",
                mode="aerial",
                source=["a1"],
                target=["a2", "a3"],
                place="p1",
                date="2017-05-03",
                evidence=span("Government jets bombed Saraqib on 3 May."),
            ),
            Event(
                id="e2", type="ASSAULT", source=["a2"], status="hypothetical", evidence=span("Rebels may attack Idlib.")
            ),
        ],
    )


def test_plover_export_keeps_types_actors_places_and_evidence() -> None:
    [first, second] = records_to_plover([_record()])
    assert (first["id"], first["event"], first["mode"], first["date"]) == ("doc1-e1", "ASSAULT", "aerial", "2017-05-03")
    assert [a["name"] for a in first["source"]] == ["Government of Syria"]
    assert first["source"][0]["code"] == "SYR_GOV"
    assert [a["actorText"] for a in first["target"]] == ["Rebels", "Rebels"]
    assert first["eventLoc"]["name"] == "Saraqib" and first["eventLoc"]["country"] == "SY"
    assert first["eventText"] == "Government jets bombed Saraqib on 3 May."
    assert (second["status"], second["date"]) == ("hypothetical", "2017-05-04")
    assert "target" not in second and "eventLoc" not in second
    json.dumps([first, second])


def test_acled_csv_has_acled_columns_and_only_real_events() -> None:
    stream = io.StringIO()
    assert write_acled_csv([_record()], stream) == 1
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert tuple(rows[0]) == COLUMNS
    row = rows[0]
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"], row["assoc_actor_2"]) == (
        "Government of Syria",
        "",
        "Rebels",
        "Free Army",
    )
    assert (row["country"], row["admin1"], row["location"]) == ("Syria", "Idlib", "Saraqib")
    assert (row["latitude"], row["geo_precision"], row["time_precision"], row["source"]) == (
        "35.8600",
        "1",
        "1",
        "Reuters",
    )


def test_acled_csv_carries_the_events_acled_coding() -> None:
    record = _record()
    coding = AcledCoding(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        disorder_type="Political violence",
        inter1=1,
        inter2=7,
        interaction=17,
        civilian_targeting=True,
        fatalities=12,
        geo_precision=1,
        time_precision=1,
    )
    record.events[0] = record.events[0].model_copy(update={"acled": coding})
    stream = io.StringIO()
    write_acled_csv([record], stream)
    row = next(csv.DictReader(io.StringIO(stream.getvalue())))
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "7", "17")
    assert (row["fatalities"], row["civilian_targeting"], row["disorder_type"]) == (
        "12",
        "Civilian targeting",
        "Political violence",
    )
    assert row["event_id_cnty"].startswith("SYR") and row["iso"] == "760"
    again = io.StringIO()
    write_acled_csv([record], again)
    assert next(csv.DictReader(io.StringIO(again.getvalue())))["event_id_cnty"] == row["event_id_cnty"]


def test_acled_fatalities_are_zero_when_no_toll_is_stated() -> None:
    stream = io.StringIO()
    write_acled_csv([_record()], stream)
    assert next(csv.DictReader(io.StringIO(stream.getvalue())))["fatalities"] == "0"


@pytest.mark.parametrize(
    ("event_type", "mode", "sources", "targets", "expected"),
    [
        ("ASSAULT", None, set(), {"armed_group"}, ("Battles", "Armed clash")),
        ("ASSAULT", None, set(), {"person"}, ("Violence against civilians", "Attack")),
        ("ASSAULT", "heavy-weapons", set(), set(), ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("COERCE", "seize", {"armed_group"}, set(), ("Battles", "Non-state actor overtakes territory")),
        ("COERCE", "seize", {"government"}, set(), ("Battles", "Government regains territory")),
        ("COERCE", "arrest", set(), set(), ("Strategic developments", "Arrests")),
        ("PROTEST", "riot", set(), set(), ("Riots", "Violent demonstration")),
        ("AGREE", "ceasefire", set(), set(), ("Strategic developments", "Agreement")),
        ("CONSULT", None, set(), set(), ("Strategic developments", "Other")),
    ],
)
def test_plover_to_acled(
    event_type: str, mode: str | None, sources: set[str], targets: set[str], expected: tuple[str, str]
) -> None:
    category = to_acled(event_type, mode, source_kinds=frozenset(sources), target_kinds=frozenset(targets))
    assert (category.event_type, category.sub_event_type) == expected
    assert category in acled_categories()


def test_acled_table_has_six_types_and_twenty_five_sub_types() -> None:
    categories = acled_categories()
    assert len(categories) == 25
    assert len({c.event_type for c in categories}) == 6
    assert AcledCategory("Battles", "Armed clash") in categories


def test_a_place_at_its_parents_point_is_exported_as_near_its_town() -> None:
    record = _record()
    town = record.places[0]
    bakery = Place(
        id="p9",
        name="Saraqib bakery",
        country="SY",
        admin1="Idlib",
        lat=town.lat,
        lon=town.lon,
        feature="bakery",
        mentions=town.mentions,
        located_by="parent",
        parent=town.id,
    )
    record.places.append(bakery)
    for event in record.events:
        event.place = bakery.id
    stream = io.StringIO()
    write_acled_csv([record], stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert rows and {row["geo_precision"] for row in rows} == {"2"}
    assert {row["location"] for row in rows} == {"Saraqib bakery"}


@pytest.mark.parametrize(
    ("date", "written", "precision"),
    [("2017-05-03", "2017-05-03", "1"), ("2017-04", "2017-04-01", "3"), ("2017", "2017-01-01", "3")],
)
def test_acled_event_date_is_always_a_day_with_its_precision(date: str, written: str, precision: str) -> None:
    record = _record()
    record.events[0].date = date
    stream = io.StringIO()
    write_acled_csv([record], stream)
    (row,) = csv.DictReader(io.StringIO(stream.getvalue()))
    assert (row["event_date"], row["time_precision"]) == (written, precision)
