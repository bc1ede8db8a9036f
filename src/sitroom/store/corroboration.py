"""Corroboration: each event report joins the cluster of reports of the same real-world event.

A report joins a cluster only when every field agrees within these stated tolerances (``join_reasons``
states them for each cluster page):

- **type**: the same PLOVER event type;
- **actors**: the same source and the same target actor identities; a report naming none (a collective
  such as "civilians" has no identity) joins only reports naming none, on the same day
  (``UNNAMED_WINDOW_DAYS``) and with the same known mode (air strike, explosives …);
- **mode**: the same when both reports state it;
- **place**: the same place identity, known and finer than a province (``COARSE_FEATURES``: two reports
  "in Syria" are not one event);
- **date**: both dated to the day (the event's own date, else its document's), and the whole cluster,
  with the report, spans at most ``DATE_WINDOW_DAYS`` days (no chaining: a report a day after one
  that was a day after the first does not join);
- **document**: one report per document (the pipeline already merged a document's mentions of one event;
  two of its reports are two events).

A report that cannot meet them stays an event of its own. A cluster counts its reports, its independent
sources (outlets), its statuses (contested when one report denies what another affirms) and its date range.
"""

from __future__ import annotations

import calendar
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import ARRAY, BigInteger, cast, delete, func, select, update
from sqlalchemy.orm import Session

from sitroom.store.schema import DocumentRow, EventActorRow, EventClusterRow, EventRow, PlaceIdentityRow
from sitroom.store.statements import insert_returning_ids

DATE_WINDOW_DAYS = 1  # publication a day later, time zones; two days apart is often the next strike
UNNAMED_WINDOW_DAYS = 0  # reports naming no actor: the same day only
COARSE_FEATURES = frozenset({"country", "admin1", "region", "continent"})
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
    """True when two dates, each known to the day, are at most ``DATE_WINDOW_DAYS`` apart."""
    return within_window(first, second)


def within_window(cluster: DateRange | None, report: DateRange | None, window: int = DATE_WINDOW_DAYS) -> bool:
    """True when the report is dated to the day and the cluster's days with it span at most ``window`` days."""
    if cluster is None or report is None or not is_day(report):
        return False
    span = max(cluster[1], report[1]) - min(cluster[0], report[0])
    return span <= timedelta(days=window)


def is_day(days: DateRange | None) -> bool:
    """True for a date known to the day."""
    return days is not None and days[0] == days[1]


def event_signature(event_type: str, sources: Sequence[int], targets: Sequence[int], place: int | None) -> str:
    """What two reports of one event share: type, source and target identities, place."""
    return f"{event_type}|{','.join(map(str, sorted(set(sources))))}|{','.join(map(str, sorted(set(targets))))}|{place}"


def shared_signature(event_type: str, sources: Sequence[int], targets: Sequence[int], place: int | None) -> str | None:
    """The signature of a report other reports can corroborate; None without a place."""
    if place is not None:
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
    document_pk: int | None = None  # the document reporting it (one report per document in a cluster)
    coarse_place: bool = False  # a country or province: too wide to tell two events apart

    @property
    def names_an_actor(self) -> bool:
        return bool(self.sources or self.targets)

    @property
    def signature(self) -> str:
        shared = shared_signature(self.type, self.sources, self.targets, self.place_identity_id)
        unnamed_without_mode = not self.names_an_actor and not self.mode
        if shared is None or self.coarse_place or not is_day(self.days) or unnamed_without_mode:
            return f"single:{self.event_pk}"  # nothing to corroborate on: the report stays an event of its own
        return shared


@dataclass
class _Cluster:
    pk: int | None  # None until a new cluster is inserted
    days: DateRange | None
    founder: Report | None = None  # the report that opened a new cluster
    mode: str | None = None
    documents: set[int] = field(default_factory=set)  # the documents already reporting it

    def admits(self, report: Report) -> bool:
        """True when the report agrees with the cluster within the tolerances (its signature already does)."""
        window = DATE_WINDOW_DAYS if report.names_an_actor else UNNAMED_WINDOW_DAYS
        modes_agree = self.mode is None or report.mode is None or self.mode == report.mode
        return (
            report.document_pk not in self.documents and modes_agree and within_window(self.days, report.days, window)
        )

    def take(self, report: Report) -> None:
        days = report.days
        if days is not None:
            self.days = days if self.days is None else (min(self.days[0], days[0]), max(self.days[1], days[1]))
        self.mode = self.mode or report.mode
        if report.document_pk is not None:
            self.documents.add(report.document_pk)


def _existing_clusters(session: Session, signatures: Sequence[str]) -> dict[str, list[_Cluster]]:
    clusters: dict[str, list[_Cluster]] = defaultdict(list)
    columns = (
        EventClusterRow.id,
        EventClusterRow.signature,
        EventClusterRow.date_start,
        EventClusterRow.date_end,
        EventClusterRow.mode,
    )
    shared = [signature for signature in signatures if not signature.startswith("single:")]
    by_pk: dict[int, _Cluster] = {}
    for start in range(0, len(shared), _LOOKUP_CHUNK):
        chunk = shared[start : start + _LOOKUP_CHUNK]
        query = select(*columns).where(EventClusterRow.signature.in_(chunk)).order_by(EventClusterRow.id)
        for pk, signature, first, last, mode in session.execute(query):
            days = (date.fromisoformat(first), date.fromisoformat(last)) if first and last else None
            by_pk[pk] = _Cluster(pk, days, mode=mode)
            clusters[signature].append(by_pk[pk])
    pks = sorted(by_pk)
    for start in range(0, len(pks), _LOOKUP_CHUNK):
        members = select(EventRow.cluster_id, EventRow.document_id).where(
            EventRow.cluster_id.in_(pks[start : start + _LOOKUP_CHUNK])
        )
        for cluster_pk, document_pk in session.execute(members):
            if cluster_pk is not None:  # selected by cluster
                by_pk[cluster_pk].documents.add(document_pk)
    return clusters


def _mark_coarse_places(session: Session, reports: Sequence[Report]) -> None:
    """Flag the reports whose place is a country or a province (``COARSE_FEATURES``)."""
    places = sorted({report.place_identity_id for report in reports if report.place_identity_id is not None})
    coarse: set[int] = set()
    for start in range(0, len(places), _LOOKUP_CHUNK):
        query = select(PlaceIdentityRow.id).where(
            PlaceIdentityRow.id.in_(places[start : start + _LOOKUP_CHUNK]),
            PlaceIdentityRow.feature.in_(sorted(COARSE_FEATURES)),
        )
        coarse.update(session.scalars(query))
    for report in reports:
        report.coarse_place = report.place_identity_id in coarse


def assign_clusters(session: Session, reports: Sequence[Report]) -> None:
    """Put each report (in order) in the first cluster of its signature it agrees with, else in a new one."""
    if not reports:
        return
    _mark_coarse_places(session, reports)
    candidates = _existing_clusters(session, list(dict.fromkeys(report.signature for report in reports)))
    chosen: list[_Cluster] = []
    for report in reports:
        options = candidates[report.signature]
        cluster = next((c for c in options if c.admits(report)), None)
        if cluster is None:
            cluster = _Cluster(None, report.days, founder=report)
            options.append(cluster)
        cluster.take(report)
        chosen.append(cluster)
    new = list({id(cluster): cluster for cluster in chosen if cluster.pk is None}.values())
    for round_ in _told_apart(new):
        rows = [_new_row(cluster) for cluster in round_]
        for cluster, pk in zip(
            round_, insert_returning_ids(session, EventClusterRow, rows, key=_NEW_CLUSTER_KEY), strict=True
        ):
            cluster.pk = pk
    pairs = [{"id": report.event_pk, "cluster_id": cluster.pk} for report, cluster in zip(reports, chosen, strict=True)]
    session.execute(update(EventRow), pairs)
    refresh_clusters(session, {cluster.pk for cluster in chosen if cluster.pk is not None})


# New clusters are told apart by signature and first day; two of one document's reports can open two
# clusters with both the same, so those go in separate insert statements (``_told_apart``).
_NEW_CLUSTER_KEY = ("signature", "date_start")


def _told_apart(clusters: list[_Cluster]) -> list[list[_Cluster]]:
    """The new clusters in rounds whose (signature, first day) keys are unique within each round."""
    rounds: list[list[_Cluster]] = []
    seen: dict[tuple[str, object], int] = defaultdict(int)
    for cluster in clusters:
        row = _new_row(cluster)
        key = (str(row["signature"]), row["date_start"])
        if seen[key] == len(rounds):
            rounds.append([])
        rounds[seen[key]].append(cluster)
        seen[key] += 1
    return rounds


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


def recluster(session: Session, batch: int = 1000) -> int:
    """Cluster every stored report again under the current tolerances (a knowledge base built by an older
    sitroom); returns the number of clusters. Reports are taken in storage order, as ingestion took them."""
    session.execute(update(EventRow).values(cluster_id=None))
    session.execute(delete(EventClusterRow))
    last = 0
    while True:
        rows = session.execute(
            select(
                EventRow.id,
                EventRow.type,
                EventRow.mode,
                EventRow.place_identity_id,
                EventRow.latitude,
                EventRow.longitude,
                EventRow.date,
                DocumentRow.date,
                EventRow.document_id,
            )
            .join(DocumentRow, DocumentRow.id == EventRow.document_id)
            .where(EventRow.id > last)
            .order_by(EventRow.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        roles = _event_roles(session, [row[0] for row in rows])
        reports = [
            Report(
                event_pk=pk,
                type=kind,
                mode=mode,
                sources=roles[pk]["source"],
                targets=roles[pk]["target"],
                place_identity_id=place,
                days=date_range(own or fallback),
                point=(lat, lon),
                document_pk=document_pk,
            )
            for pk, kind, mode, place, lat, lon, own, fallback, document_pk in rows
        ]
        assign_clusters(session, reports)
        last = rows[-1][0]
    return session.scalar(select(func.count()).select_from(EventClusterRow)) or 0


def _event_roles(session: Session, event_pks: list[int]) -> dict[int, dict[str, list[int]]]:
    roles: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"source": [], "target": []})
    query = select(EventActorRow.event_id, EventActorRow.role, EventActorRow.identity_id).where(
        EventActorRow.event_id.in_(event_pks), EventActorRow.role.in_(("source", "target"))
    )
    for event_pk, role, identity in session.execute(query.order_by(EventActorRow.id)):
        roles[event_pk][role].append(identity)
    return roles
