"""Event corroboration: reports of one event from several documents merge; contradictions stay visible."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from sitroom.documents import Document
from sitroom.record import Record
from sitroom.store.corroboration import (
    _Member,
    _stored_members,
    date_range,
    dates_compatible,
    recluster,
    within_window,
)
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from tests.kb_fixtures import report_pair

ATTACK = "Nusra fighters attacked Ahrar positions near Maskanah."


def _clusters(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT report_count, source_count, statuses, contested, date_start, sources, targets, place "
                "FROM corroborated_events_view ORDER BY date_start"
            )
        )
        return [tuple(row) for row in rows]


def test_date_ranges_follow_the_precision_of_the_date() -> None:
    assert date_range("2014-01-15") == (date(2014, 1, 15), date(2014, 1, 15))
    assert date_range("2014-02") == (date(2014, 2, 1), date(2014, 2, 28))
    assert date_range("2014") == (date(2014, 1, 1), date(2014, 12, 31))
    assert date_range("soon") is None and date_range(None) is None


def test_dates_known_to_the_day_within_the_window_are_compatible() -> None:
    assert dates_compatible(date_range("2014-01-10"), date_range("2014-01-11"))
    assert not dates_compatible(date_range("2014-01-10"), date_range("2014-01-12"))
    assert not dates_compatible(date_range("2014-01"), date_range("2014-01-02"))  # a month is no day
    assert not dates_compatible(date_range("2014-01-10"), date_range("2014"))
    assert not dates_compatible(date_range("2014-01-10"), None)
    assert not dates_compatible(None, None)


def test_the_window_bounds_the_whole_cluster_not_each_neighbour() -> None:
    cluster = (date(2014, 1, 10), date(2014, 1, 11))
    assert within_window(cluster, date_range("2014-01-10"))
    assert not within_window(cluster, date_range("2014-01-12"))  # a day after the last, two after the first
    assert within_window(cluster, date_range("2014-01-12"), window=3)


def test_reports_from_different_outlets_merge_and_count_independent_sources(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [
            report_pair("r1", ATTACK, outlet="Reuters", date="2014-01-10"),
            report_pair("r2", ATTACK + " Dozens died.", outlet="SANA", date="2014-01-11"),
            report_pair("r3", ATTACK + " Witnesses confirmed.", outlet="Reuters", date="2014-01-11"),
            report_pair("r4", ATTACK + " A month later.", outlet="SANA", date="2014-02-20"),
        ],
    )
    merged, later = _clusters(engine)
    assert merged[:5] == (3, 2, "occurred", False, "2014-01-10")
    assert merged[5:] == ("Nusra", "Ahrar", "Maskanah")
    assert later[:2] == (1, 1)


def test_a_denial_is_kept_and_marks_the_event_contested(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(engine, [report_pair("r1", ATTACK, outlet="Reuters", date="2014-01-10")])
    denial = report_pair("r2", "Nusra denied attacking Ahrar.", outlet="TASS", date="2014-01-11", status="denied")
    store_records(engine, [denial])
    ((reports, sources, statuses, contested, *_),) = _clusters(engine)
    assert (reports, sources, statuses, bool(contested)) == (2, 2, "occurred,denied", True)


def test_different_places_types_or_undated_reports_stay_apart(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [
            report_pair("r1", ATTACK, outlet="Reuters", date="2014-01-10"),
            report_pair("r2", ATTACK + " In Jarrah.", outlet="SANA", date="2014-01-10", place=("Jarrah", 36.09, 37.94)),
            report_pair("r3", ATTACK + " Threats.", outlet="SANA", date="2014-01-10", event_type="THREATEN"),
            report_pair("r4", ATTACK + " Undated.", outlet="SANA", date=None),
        ],
    )
    assert [row[0] for row in _clusters(engine)] == [1, 1, 1, 1]


def _with_place_feature(pair: tuple[Document, Record], feature: str) -> tuple[Document, Record]:
    document, record = pair
    return document, record.model_copy(update={"places": [record.places[0].model_copy(update={"feature": feature})]})


def _with_event_dates(pair: tuple[Document, Record], dates: list[str | None]) -> tuple[Document, Record]:
    """The report with its one event repeated, once per date."""
    document, record = pair
    event = record.events[0]
    events = [event.model_copy(update={"id": f"e{n}", "date": day}) for n, day in enumerate(dates, 1)]
    return document, record.model_copy(update={"events": events})


def test_reports_of_one_document_are_separate_events_and_the_window_does_not_chain(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [_with_event_dates(report_pair("r1", ATTACK, outlet="Reuters", date=None), ["2014-01-10", "2014-01-11"])],
    )
    assert [row[0] for row in _clusters(engine)] == [1, 1]  # one document, two events: the pipeline said so
    chained = [
        report_pair(f"c{day}", ATTACK + f" Day {day}.", outlet=f"Outlet {day}", date=f"2014-02-{day:02}")
        for day in (10, 11, 12, 13)
    ]
    store_records(engine, chained)
    february = [(row[0], row[4]) for row in _clusters(engine) if row[4] and row[4] >= "2014-02"]
    assert february == [(2, "2014-02-10"), (2, "2014-02-12")]  # each cluster spans at most 1 day


def _without_actors(pair: tuple[Document, Record]) -> tuple[Document, Record]:
    document, record = pair
    event = record.events[0].model_copy(update={"source": [], "target": []})
    return document, record.model_copy(update={"events": [event]})


def test_reports_without_a_named_actor_a_fine_place_or_a_day_stay_apart(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    country = ("Syria", 35.0, 38.0)
    pairs = [
        *[report_pair(f"m{n}", f"{ATTACK} Month {n}.", outlet=f"M{n}", date="2014-03") for n in (1, 2)],
        *[
            report_pair(f"u{n}", f"{ATTACK} Nowhere {n}.", outlet=f"U{n}", date="2014-04-02", place=None)
            for n in (1, 2)
        ],
        *[
            _without_actors(report_pair(f"a{n}", f"{ATTACK} By whom {n}.", outlet=f"A{n}", date="2014-06-02"))
            for n in (1, 2)
        ],
    ]
    wide = [
        report_pair(f"s{n}", f"{ATTACK} Wide {n}.", outlet=f"S{n}", date="2014-05-02", place=country) for n in (1, 2)
    ]
    store_records(engine, [*pairs, *(_with_place_feature(pair, "country") for pair in wide)])
    assert [row[0] for row in _clusters(engine)] == [1] * 8
    fine = [report_pair(f"f{n}", f"{ATTACK} Fine {n}.", outlet=f"F{n}", date="2014-05-02") for n in (1, 2)]
    store_records(engine, fine)
    assert sorted(row[0] for row in _clusters(engine)) == [1] * 8 + [2]  # the same, with every field known


def _unnamed(doc_id: str, day: str, mode: str | None, victims: list[str] | None = None) -> tuple[Document, Record]:
    """A report naming no actor identity; ``victims`` are its targets as written (collectives, no actor)."""
    document, record = _without_actors(report_pair(doc_id, f"{ATTACK} {doc_id}.", outlet=doc_id.upper(), date=day))
    update = {"mode": mode, "target": ["civilians"] if victims is None else victims}
    return document, record.model_copy(update={"events": [record.events[0].model_copy(update=update)]})


def test_reports_naming_no_actor_join_on_the_same_day_and_mode_only(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [
            _unnamed("a1", "2014-07-01", "aerial"),
            _unnamed("a2", "2014-07-01", "aerial"),  # joins a1
            _unnamed("a3", "2014-07-02", "aerial"),  # a day later: named actors would join, unnamed do not
            _unnamed("a4", "2014-07-01", "explosives"),  # another mode
        ],
    )
    assert sorted(row[0] for row in _clusters(engine)) == [1, 1, 2]


def test_reports_naming_no_participant_at_all_stay_apart(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(engine, [_unnamed(name, "2014-07-01", "aerial", victims=[]) for name in ("b1", "b2")])
    assert [row[0] for row in _clusters(engine)] == [1, 1]  # "the plane crashed": nothing to tell two apart


def test_reports_a_day_apart_join_only_when_both_state_the_same_mode(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [
            report_pair("d1", ATTACK, outlet="Reuters", date="2014-08-10", mode=None),
            report_pair("d2", ATTACK + " Later.", outlet="SANA", date="2014-08-11"),  # a mode, the first none
            report_pair("d3", ATTACK + " Same day.", outlet="TASS", date="2014-08-10"),  # the same day: joins d1
            report_pair("d4", ATTACK + " Next.", outlet="AFP", date="2014-09-10"),
            report_pair("d5", ATTACK + " Next day.", outlet="AP", date="2014-09-11"),  # both firearms: joins d4
        ],
    )
    assert [row[0] for row in _clusters(engine)] == [2, 1, 2]


def test_recluster_rebuilds_what_ingestion_built(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [
            report_pair("r1", ATTACK, outlet="Reuters", date="2014-01-10"),
            report_pair("r2", ATTACK + " Dozens died.", outlet="SANA", date="2014-01-11"),
            _unnamed("a1", "2014-07-01", "aerial"),
            _unnamed("a2", "2014-07-01", "aerial"),
        ],
    )
    before = _clusters(engine)
    with Session(engine) as session, session.begin():
        session.execute(text("UPDATE events SET cluster_id = NULL"))
        session.execute(text("DELETE FROM event_clusters"))
        session.execute(
            text(
                "INSERT INTO event_clusters (signature, type, report_count, source_count, statuses, contested) "
                "VALUES ('x', 'ASSAULT', 0, 0, '', false)"
            )
        )
        session.execute(text("UPDATE events SET cluster_id = (SELECT id FROM event_clusters)"))  # one wrong cluster
    with Session(engine) as session, session.begin():
        assert recluster(session) == 2
    assert _clusters(engine) == before


def _partition(engine: Engine) -> set[frozenset[str]]:
    """The groups of documents whose reports share a cluster (cluster ids differ with the order)."""
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT e.cluster_id, d.doc_id FROM events e JOIN documents d ON d.id = e.document_id")
        )
        groups: dict[int, set[str]] = {}
        for cluster, document in rows:
            groups.setdefault(cluster, set()).add(document)
    return {frozenset(group) for group in groups.values()}


def test_the_events_do_not_depend_on_the_order_of_ingest(tmp_path: Path) -> None:
    days = {"early": "2014-01-10", "bridge": "2014-01-11", "late": "2014-01-12"}
    reports = {name: report_pair(name, f"{ATTACK} ({name})", outlet=name, date=day) for name, day in days.items()}
    orders = (["early", "bridge", "late"], ["late", "bridge", "early"], ["bridge", "late", "early"])
    partitions = []
    for number, order in enumerate(orders):
        engine = open_engine(tmp_path / f"kb{number}.sqlite")
        for name in order:  # one ingest each: later reports meet stored clusters, which may split
            store_records(engine, [reports[name]])
        partitions.append(_partition(engine))
        assert sorted(row[0] for row in _clusters(engine)) == [1, 2]  # counts refreshed after every move
    # Taken by day, the first event spans the 10th and 11th; the 12th is a day too far from its first day.
    assert partitions[0] == partitions[1] == partitions[2] == {frozenset({"early", "bridge"}), frozenset({"late"})}


def test_a_new_report_regroups_the_run_of_reports_it_falls_in(tmp_path: Path) -> None:
    days = {"first": "2014-01-10", "second": "2014-01-11", "third": "2014-01-12", "earlier": "2014-01-09"}
    reports = {name: report_pair(name, f"{ATTACK} ({name})", outlet=name, date=day) for name, day in days.items()}
    partitions = []
    together, apart = [["first", "second", "third", "earlier"]], [["first", "second", "third"], ["earlier"]]
    for number, batches in enumerate((together, apart)):
        engine = open_engine(tmp_path / f"kb{number}.sqlite")
        for batch in batches:
            store_records(engine, [reports[name] for name in batch])
        partitions.append(_partition(engine))
    # The report of the 9th takes the 10th from the stored event of the 10th and 11th, which then joins the 12th.
    assert partitions[0] == partitions[1] == {frozenset({"earlier", "first"}), frozenset({"second", "third"})}


def test_a_new_report_reads_the_stored_reports_of_its_run_of_days_only(tmp_path: Path) -> None:
    days = ["2014-01-01", "2014-01-02", "2014-03-01", "2014-03-02", "2014-03-03", "2014-06-01"]
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(engine, [report_pair(f"r{n}", f"{ATTACK} ({n})", outlet=f"o{n}", date=d) for n, d in enumerate(days)])
    with Session(engine) as session:
        signature = session.scalars(text("SELECT signature FROM event_clusters")).first()
        assert signature is not None
        new = _Member(0, ("new", "e1"), date(2014, 3, 4), None, "firearms", None)
        read = _stored_members(session, {signature: [new]})[signature]
    assert sorted(str(member.day) for member in read) == ["2014-03-01", "2014-03-02", "2014-03-03"]
