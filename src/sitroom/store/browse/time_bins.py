"""The timeline's bins: events per month, type and date precision, and a default window from their density.

An event's dates are the days its reports cover (``date_start`` to ``date_end``); their span tells how
precisely it is dated: one ``day``, a few ``days`` within a month, a whole ``month``, a whole ``year``, or
``longer`` (reports that agree only on a period).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from itertools import pairwise

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from sitroom.store.browse.aggregates import covers, month_rollup, rollup_conditions
from sitroom.store.browse.common import Json
from sitroom.store.browse.events import EventFilter, _event_conditions, _with_places
from sitroom.store.schema import EventClusterRow

PRECISIONS = ("day", "days", "month", "year", "longer")
# A run of months with events is cut where no event falls for this many months: the default window is the
# run holding the most events, so a few events dated decades early do not stretch the axis.
GAP_MONTHS = 24
TRIM_SHARE = 0.005  # and the sparsest half percent at each end of that run is left out


def _precision() -> ColumnElement[str]:
    """:func:`sitroom.store.rollups.precision` in SQL, for the live query."""
    start, end = EventClusterRow.date_start, EventClusterRow.date_end
    same_month = func.substr(start, 1, 7) == func.substr(end, 1, 7)
    whole_month = and_(same_month, func.substr(start, 9, 2) == "01", func.substr(end, 9, 2) >= "28")
    whole_year = and_(func.substr(start, 1, 4) == func.substr(end, 1, 4), func.substr(start, 6, 5) == "01-01")
    return case(
        (end.is_(None), "day"),
        (start == end, "day"),
        (whole_month, "month"),
        (same_month, "days"),
        (and_(whole_year, func.substr(end, 6, 5) == "12-31"), "year"),
        else_="longer",
    ).label("precision")


def time_bins(session: Session, selection: EventFilter) -> Json:
    """Dated events per start month, type and date precision, with the default window (``window``)."""
    month: ColumnElement[str | None]
    precision: ColumnElement[str]
    if covers(selection):
        rollup = month_rollup(selection)
        month, precision = rollup.month_start.label("month"), rollup.precision.label("precision")
        query = (
            select(month, rollup.type, precision, func.sum(rollup.events).label("events"))
            .where(rollup.month_start.is_not(None), *rollup_conditions(rollup, selection))
            .group_by(rollup.month_start, rollup.type, rollup.precision)
        )
    else:
        month, precision = func.substr(EventClusterRow.date_start, 1, 7).label("month"), _precision()
        query = _with_places(
            select(month, EventClusterRow.type, precision, func.count().label("events"))
            .where(EventClusterRow.date_start.is_not(None), *_event_conditions(selection))
            .group_by(month, EventClusterRow.type, precision),
            selection,
        )
    bins = [
        {"month": row.month, "type": row.type, "precision": row.precision, "events": row.events}
        for row in session.execute(query)
    ]
    bins.sort(key=lambda item: (item["month"], item["type"], item["precision"]))
    per_month: dict[str, int] = defaultdict(int)
    for item in bins:
        per_month[item["month"]] += item["events"]
    window = density_window(per_month)
    outside = sum(count for key, count in per_month.items() if window and not window[0] <= key <= window[1])
    return {
        "bins": bins,
        "window": {"from": window[0], "to": window[1], "outside": outside} if window else None,
    }


def _index(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def density_window(per_month: Mapping[str, int]) -> tuple[str, str] | None:
    """The months (``YYYY-MM``, first and last) where the events are dense.

    Months with events are cut into runs wherever ``GAP_MONTHS`` or more months pass without one; the run
    holding the most events is kept and its sparsest ``TRIM_SHARE`` at either end trimmed off.
    """
    months = sorted(key for key, count in per_month.items() if count > 0)
    if not months:
        return None
    runs: list[list[str]] = [[months[0]]]
    for previous, current in pairwise(months):
        if _index(current) - _index(previous) > GAP_MONTHS:
            runs.append([])
        runs[-1].append(current)
    run = max(runs, key=lambda items: sum(per_month[item] for item in items))
    total = sum(per_month[item] for item in run)
    cut = total * TRIM_SHARE
    first, last, seen = 0, len(run) - 1, 0
    while first < last and seen + per_month[run[first]] <= cut:
        seen += per_month[run[first]]
        first += 1
    seen = 0
    while last > first and seen + per_month[run[last]] <= cut:
        seen += per_month[run[last]]
        last -= 1
    return run[first], run[last]
