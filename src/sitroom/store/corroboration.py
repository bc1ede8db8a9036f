"""Corroboration: each event report joins the cluster of reports of the same real-world event.

Reports with the same type, source and target identities and place, whose dates fall within
``DATE_WINDOW_DAYS`` of each other, are one event: a cluster is a connected group of such reports, so a
report that fits two clusters joins them, and the clusters do not depend on the order of ingest. A cluster
counts its reports, its independent sources (outlets), its statuses (contested when one report denies what
another affirms) and its date range.
"""

from __future__ import annotations

import calendar
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ARRAY, BigInteger, cast, delete, func, select, update
from sqlalchemy.orm import Session

from sitroom.store.schema import DocumentRow, EventClusterRow, EventRow
from sitroom.store.statements import insert_returning_ids

DATE_WINDOW_DAYS = 3
STATUS_ORDER = ("occurred", "claimed", "promised", "planned", "denied", "hypothetical")
_AFFIRMING = frozenset({"occurred", "claimed"})
_LOOKUP_CHUNK = 500

DateRange = tuple[date, date]


def date_range(text: str | None) -> DateRange | None:
    """The days an ISO date of any precision (``2014``, ``2014-01``, ``2014-01-15``) covers."""
    if not text:
        return None
    parts = text.split("-")
    try:
        numbers = [int(part) for part in parts[:3]]
        if len(numbers) == 1:
            return date(numbers[0], 1, 1), date(numbers[0], 12, 31)
        if len(numbers) == 2:
            last = calendar.monthrange(numbers[0], numbers[1])[1]
            return date(numbers[0], numbers[1], 1), date(numbers[0], numbers[1], last)
        day = date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        return None
    return day, day


def dates_compatible(first: DateRange | None, second: DateRange | None) -> bool:
    """True when two date ranges lie within the corroboration window (two undated reports match)."""
    if first is None or second is None:
        return first is None and second is None
    window = timedelta(days=DATE_WINDOW_DAYS)
    return first[0] - window <= second[1] and second[0] <= first[1] + window


def event_signature(event_type: str, sources: Sequence[int], targets: Sequence[int], place: int | None) -> str:
    """What two reports of one event share: type, source and target identities, place."""
    return f"{event_type}|{','.join(map(str, sorted(set(sources))))}|{','.join(map(str, sorted(set(targets))))}|{place}"


def shared_signature(event_type: str, sources: Sequence[int], targets: Sequence[int], place: int | None) -> str | None:
    """The signature of a report other reports can corroborate; None when it names no actor and no place."""
    if sources or targets or place is not None:
        return event_signature(event_type, sources, targets, place)
    return None


def lock_signatures(session: Session, signatures: Iterable[str]) -> None:
    """On PostgreSQL, wait until no other transaction is clustering reports of these signatures.

    Writers storing concurrently would otherwise each open a cluster for one event, or recount one
    cluster from what each alone sees. Transaction-scoped advisory locks, taken in one order by every
    writer (so never a deadlock), serialise only the writers that share a signature. SQLite has one
    writer at a time and needs none.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = sorted({int.from_bytes(hashlib.sha256(s.encode()).digest()[:8], "big", signed=True) for s in signatures})
    if keys:  # one round trip, the locks taken in key order
        ordered = select(func.unnest(cast(keys, ARRAY(BigInteger))).label("key")).order_by("key").subquery()
        session.execute(select(func.count(func.pg_advisory_xact_lock(ordered.c.key))))


@dataclass
class Report:
    """An event report just stored (row ``event_pk``), waiting for its cluster."""

    event_pk: int
    type: str
    mode: str | None
    sources: list[int]
    targets: list[int]
    place_identity_id: int | None
    days: DateRange | None
    point: tuple[float | None, float | None] = (None, None)  # the place's latitude and longitude

    @property
    def signature(self) -> str:
        shared = shared_signature(self.type, self.sources, self.targets, self.place_identity_id)
        return shared or f"single:{self.event_pk}"  # nothing to corroborate on: the report stays an event of its own


@dataclass
class _Cluster:
    pk: int | None  # None until a new cluster is inserted
    days: DateRange | None
    founder: Report | None = None  # the report that opened a new cluster
    joined: _Cluster | None = None  # the cluster this one was merged into

    def take(self, days: DateRange | None) -> None:
        if days is not None:
            self.days = days if self.days is None else (min(self.days[0], days[0]), max(self.days[1], days[1]))

    def root(self) -> _Cluster:
        """The cluster that holds this one's reports after every merge."""
        cluster = self
        while cluster.joined is not None:
            cluster = cluster.joined
        return cluster


def _existing_clusters(session: Session, signatures: Sequence[str]) -> dict[str, list[_Cluster]]:
    clusters: dict[str, list[_Cluster]] = defaultdict(list)
    columns = (EventClusterRow.id, EventClusterRow.signature, EventClusterRow.date_start, EventClusterRow.date_end)
    for start in range(0, len(signatures), _LOOKUP_CHUNK):
        chunk = signatures[start : start + _LOOKUP_CHUNK]
        query = select(*columns).where(EventClusterRow.signature.in_(chunk)).order_by(EventClusterRow.id)
        for pk, signature, first, last in session.execute(query):
            days = (date.fromisoformat(first), date.fromisoformat(last)) if first and last else None
            clusters[signature].append(_Cluster(pk, days))
    return clusters


def assign_clusters(session: Session, reports: Sequence[Report]) -> None:
    """Put each report in the cluster of its signature whose dates fit, merging the clusters it bridges.

    A report that fits none opens a new cluster. One that fits several shows they are one event: they
    merge into the oldest (existing clusters before new ones, lowest id first), so every order of ingest
    ends with the same groups of reports.
    """
    if not reports:
        return
    candidates = _existing_clusters(session, list(dict.fromkeys(report.signature for report in reports)))
    chosen: list[_Cluster] = []
    absorbed: list[_Cluster] = []
    for report in reports:
        options = candidates[report.signature]
        fitting = [cluster for cluster in options if dates_compatible(cluster.days, report.days)]
        if not fitting:
            fitting = [_Cluster(None, report.days, founder=report)]
            options.append(fitting[0])
        cluster = fitting[0]
        for other in fitting[1:]:
            other.joined = cluster
            cluster.take(other.days)
            options.remove(other)
            absorbed.append(other)
        cluster.take(report.days)
        chosen.append(cluster)
    chosen = [cluster.root() for cluster in chosen]
    new = list({id(cluster): cluster for cluster in chosen if cluster.pk is None}.values())
    for cluster, pk in zip(
        new,
        insert_returning_ids(session, EventClusterRow, [_new_row(c) for c in new], key=_NEW_CLUSTER_KEY),
        strict=True,
    ):
        cluster.pk = pk
    _merge_stored(session, [cluster for cluster in absorbed if cluster.pk is not None])
    pairs = [{"id": report.event_pk, "cluster_id": cluster.pk} for report, cluster in zip(reports, chosen, strict=True)]
    session.execute(update(EventRow), pairs)
    refresh_clusters(session, {cluster.pk for cluster in chosen if cluster.pk is not None})


def _merge_stored(session: Session, absorbed: Sequence[_Cluster]) -> None:
    """Move the reports of stored clusters that merged into another to that cluster; drop their rows."""
    for cluster in absorbed:
        survivor = cluster.root().pk
        assert survivor is not None  # the root of a stored cluster is stored (or was just inserted)
        session.execute(update(EventRow).where(EventRow.cluster_id == cluster.pk).values(cluster_id=survivor))
    if absorbed:
        session.execute(delete(EventClusterRow).where(EventClusterRow.id.in_([cluster.pk for cluster in absorbed])))


# New clusters of one signature have incompatible founding dates, so never the same first day.
_NEW_CLUSTER_KEY = ("signature", "date_start")


def _new_row(cluster: _Cluster) -> dict[str, object]:
    """A cluster row as its founding report opens it (``refresh_clusters`` then counts its reports)."""
    report = cluster.founder
    assert report is not None
    return {
        "signature": report.signature,
        "date_start": report.days[0].isoformat() if report.days else None,
        "date_end": report.days[1].isoformat() if report.days else None,
        "type": report.type,
        "mode": report.mode,
        "place_identity_id": report.place_identity_id,
        "latitude": report.point[0],
        "longitude": report.point[1],
        "report_count": 0,
        "source_count": 0,
        "statuses": "",
        "contested": False,
    }


def refresh_clusters(session: Session, cluster_ids: Iterable[int]) -> None:
    """Recount clusters' reports, independent sources (outlets), statuses and date ranges."""
    wanted = sorted(cluster_ids)
    reports: dict[int, list[tuple[str, DateRange | None, str]]] = {pk: [] for pk in wanted}
    columns = (
        EventRow.cluster_id,
        EventRow.status,
        EventRow.date,
        DocumentRow.date,
        DocumentRow.outlet,
        DocumentRow.id,
    )
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        query = (
            select(*columns)
            .join(DocumentRow, DocumentRow.id == EventRow.document_id)
            .where(EventRow.cluster_id.in_(wanted[start : start + _LOOKUP_CHUNK]))
        )
        for cluster_id, status, own, fallback, outlet, document_pk in session.execute(query):
            assert cluster_id is not None  # selected by cluster
            reports[cluster_id].append((status, date_range(own or fallback), outlet or f"document:{document_pk}"))
    if wanted:
        session.execute(update(EventClusterRow), [_counts(pk, reports[pk]) for pk in wanted])


def _counts(cluster_pk: int, reports: list[tuple[str, DateRange | None, str]]) -> dict[str, object]:
    statuses = {status for status, _, _ in reports}
    ranges = [days for _, days, _ in reports if days]
    return {
        "id": cluster_pk,
        "report_count": len(reports),
        "source_count": len({source for _, _, source in reports}),
        "statuses": ",".join(status for status in STATUS_ORDER if status in statuses),
        "contested": "denied" in statuses and bool(statuses & _AFFIRMING),
        "date_start": min(start for start, _ in ranges).isoformat() if ranges else None,
        "date_end": max(end for _, end in ranges).isoformat() if ranges else None,
    }
