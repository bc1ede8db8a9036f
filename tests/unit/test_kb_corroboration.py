"""Event corroboration: reports of one event from several documents merge; contradictions stay visible."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, text

from sitroom.documents import Document
from sitroom.record import Record
from sitroom.store.corroboration import date_range, dates_compatible
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


def test_dates_within_the_window_are_compatible() -> None:
    assert dates_compatible(date_range("2014-01-10"), date_range("2014-01-13"))
    assert not dates_compatible(date_range("2014-01-10"), date_range("2014-01-14"))
    assert dates_compatible(date_range("2014-01"), date_range("2014-02-02"))
    assert not dates_compatible(date_range("2014-01-10"), None)
    assert dates_compatible(None, None)


def test_reports_from_different_outlets_merge_and_count_independent_sources(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [
            report_pair("r1", ATTACK, outlet="Reuters", date="2014-01-10"),
            report_pair("r2", ATTACK + " Dozens died.", outlet="SANA", date="2014-01-12"),
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


def _with_event_dates(pair: tuple[Document, Record], dates: list[str | None]) -> tuple[Document, Record]:
    """The report with its one event repeated, once per date."""
    document, record = pair
    event = record.events[0]
    events = [event.model_copy(update={"id": f"e{n}", "date": day}) for n, day in enumerate(dates, 1)]
    return document, record.model_copy(update={"events": events})


def test_reports_within_one_document_corroborate_in_order_and_widen_the_range(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    # The 16th is within the window of the 13th, which joined the cluster the 10th opened.
    dates: list[str | None] = ["2014-01-10", "2014-01-13", "2014-01-16"]
    store_records(engine, [_with_event_dates(report_pair("r1", ATTACK, outlet="Reuters", date=None), dates)])
    ((reports, sources, *_),) = _clusters(engine)
    assert (reports, sources) == (3, 1)
    later = _with_event_dates(report_pair("r2", ATTACK + " Again.", outlet="SANA", date=None), ["2014-01-19", None])
    store_records(engine, [later])
    clusters = _clusters(engine)
    assert [(row[0], row[1], row[4]) for row in clusters] == [(1, 1, None), (4, 2, "2014-01-10")]


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


def test_a_report_that_bridges_two_clusters_merges_them_whatever_the_order(tmp_path: Path) -> None:
    days = {"early": "2014-01-10", "bridge": "2014-01-13", "late": "2014-01-16"}
    reports = {name: report_pair(name, f"{ATTACK} ({name})", outlet=name, date=day) for name, day in days.items()}
    partitions = []
    for number, order in enumerate((["early", "bridge", "late"], ["early", "late", "bridge"], ["late", "early"])):
        engine = open_engine(tmp_path / f"kb{number}.sqlite")
        for name in order:  # one ingest each: the bridge meets stored clusters
            store_records(engine, [reports[name]])
        partitions.append(_partition(engine))
        if "bridge" in order:
            ((count, sources, *_),) = _clusters(engine)
            assert (count, sources) == (3, 3)
    assert partitions[0] == partitions[1] == {frozenset(days)}
    assert partitions[2] == {frozenset({"early"}), frozenset({"late"})}


def test_clusters_opened_within_one_ingest_merge_when_a_later_report_bridges_them(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    dates: list[str | None] = ["2014-01-10", "2014-01-16", "2014-01-13"]
    store_records(engine, [_with_event_dates(report_pair("r1", ATTACK, outlet="Reuters", date=None), dates)])
    ((reports, _, _, _, start, *_),) = _clusters(engine)
    assert (reports, start) == (3, "2014-01-10")
