"""Corroboration: each event report joins the cluster of reports of the same real-world event.

A report joins a cluster only when every field agrees within these stated tolerances (``join_reasons``
states them for each cluster page):

- **type**: the same PLOVER event type;
- **actors**: the same source and the same target actor identities; a report naming none (a collective
  such as "civilians" has no identity) joins only reports naming none, on the same day
  (``UNNAMED_WINDOW_DAYS``) and with the same known mode (air strike, explosives …), and only when it
  names some participant as written (a collective source or target): a report with no participant at all
  (a monitor's method, a denial, "the plane crashed") cannot be told from another incident that day;
- **mode**: the same when both reports state it;
- **place**: the same place identity, known and finer than a province (``COARSE_FEATURES``: two reports
  "in Syria" are not one event);
- **date**: both dated to the day (the event's own date, else its document's), and the whole cluster,
  with the report, spans at most ``DATE_WINDOW_DAYS`` days (no chaining: a report a day after one
  that was a day after the first does not join); reports a day apart may be the next day's strike, so
  across days only reports that state the same mode join (a report stating none joins the same day only);
- **document**: one report per document (the pipeline already merged a document's mentions of one event;
  two of its reports are two events).

A report that cannot meet them stays an event of its own. The events do not depend on the order of
ingest: a signature's reports around a new one's day are partitioned again whenever one arrives
(``partition``; reports further apart than the window from any between them cannot be one event). A cluster counts
its reports, its independent sources (outlets), its statuses (contested when one report denies what
another affirms) and its date range.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import ARRAY, BigInteger, and_, cast, delete, func, or_, select, update
from sqlalchemy.orm import Session

from sitroom.store.rollups import rebuild_at_commit, touch, touch_new
from sitroom.store.schema import DocumentRow, EventActorRow, EventClusterRow, EventRow, PlaceIdentityRow
from sitroom.store.statements import insert_returning_ids

DATE_WINDOW_DAYS = 1  # publication a day later, time zones; two days apart is often the next strike
UNNAMED_WINDOW_DAYS = 0  # reports naming no actor: the same day only
WINDOW_DAYS = max(DATE_WINDOW_DAYS, UNNAMED_WINDOW_DAYS)
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
    names_participant: bool = True  # some source or target as written, even a collective ("civilians")

    @property
    def names_an_actor(self) -> bool:
        return bool(self.sources or self.targets)

    @property
    def signature(self) -> str:
        shared = shared_signature(self.type, self.sources, self.targets, self.place_identity_id)
        unnamed_and_vague = not self.names_an_actor and not (self.mode and self.names_participant)
        if shared is None or self.coarse_place or not is_day(self.days) or unnamed_and_vague:
            return f"single:{self.event_pk}"  # nothing to corroborate on: the report stays an event of its own
        return shared


@dataclass
class _Member:
    """A report of a signature, stored or new, as the partition sees it."""

    event_pk: int
    key: tuple[str, str]  # (document id, event id): the same whatever the order of ingest
    day: date | None
    document_pk: int | None
    mode: str | None
    cluster_pk: int | None  # its stored cluster; None for a new report


@dataclass
class _Group:
    """One event being formed: the members whose reports agree within the tolerances."""

    members: list[_Member] = field(default_factory=list)
    documents: set[int | None] = field(default_factory=set)
    mode: str | None = None
    pk: int | None = None

    def admits(self, member: _Member, window: int) -> bool:
        first = self.members[0].day
        assert first is not None and member.day is not None  # only reports dated to the day are grouped
        modes_agree = self.mode is None or member.mode is None or self.mode == member.mode
        same_document = member.document_pk is not None and member.document_pk in self.documents
        across_days = any(other.day != member.day for other in self.members)
        modes_stated = member.mode is not None and all(other.mode is not None for other in self.members)
        in_window = member.day - first <= timedelta(days=window) and (modes_stated or not across_days)
        return in_window and modes_agree and not same_document

    def add(self, member: _Member) -> None:
        self.members.append(member)
        self.documents.add(member.document_pk)
        self.mode = self.mode or member.mode


def _names_an_actor(signature: str) -> bool:
    _, sources, targets, _ = signature.split("|")
    return bool(sources or targets)


def partition(members: Sequence[_Member], signature: str) -> list[_Group]:
    """The events a signature's reports form: taken by day and then by (document id, event id), each report
    joins the first event it agrees with (the window counted from the event's first day, one report per
    document, modes agreeing), else opens one. The order of ingest never enters, so neither does it change
    the events."""
    undated = [member for member in members if member.day is None]  # stored by an older sitroom's rules
    if signature.startswith("single:") or undated:
        return [_Group(members=[member], documents={member.document_pk}) for member in undated or members] + (
            partition([member for member in members if member.day is not None], signature) if undated else []
        )
    window = DATE_WINDOW_DAYS if _names_an_actor(signature) else UNNAMED_WINDOW_DAYS
    groups: list[_Group] = []
    open_groups: list[_Group] = []
    for member in sorted(members, key=lambda item: (item.day or date.min, item.key)):
        assert member.day is not None
        open_groups = [g for g in open_groups if member.day - g.members[0].day <= timedelta(days=window)]  # type: ignore[operator]
        group = next((g for g in open_groups if g.admits(member, window)), None)
        if group is None:
            group = _Group()
            groups.append(group)
            open_groups.append(group)
        group.add(member)
    return groups


_NEAR_CHUNK = 100  # signatures per lookup of stored reports (three parameters each)


def _stored_members(session: Session, fresh: dict[str, list[_Member]]) -> dict[str, list[_Member]]:
    """The stored reports of each (shared) signature that the partition with its new reports ``fresh`` can
    change: those of the signature's run of reports around the new ones' days, read by an index on
    (signature, first day).

    The partition takes reports by day and closes an event ``WINDOW_DAYS`` after its first day, so the
    events of reports more than that apart from every report between them and the new ones are as stored.
    The run is widened until the reports within the window of its ends are in it: each round reads the
    clusters whose first day (at most the window before any of their reports' days) falls within reach.
    """
    window = timedelta(days=WINDOW_DAYS)
    spans = {
        signature: (min(days), max(days))
        for signature, members in fresh.items()
        if not signature.startswith("single:") and (days := [m.day for m in members if m.day is not None])
    }
    members: dict[str, dict[int, _Member]] = defaultdict(dict)
    pending = sorted(spans)
    while pending:
        widened: list[str] = []
        for start in range(0, len(pending), _NEAR_CHUNK):
            chunk = pending[start : start + _NEAR_CHUNK]
            reach = [
                (signature, (spans[signature][0] - 2 * window).isoformat(), (spans[signature][1] + window).isoformat())
                for signature in chunk
            ]
            for signature, member in _members_within(session, reach):
                members[signature][member.event_pk] = member
            for signature in chunk:
                days = [m.day for m in members[signature].values() if m.day is not None] + list(spans[signature])
                if (min(days), max(days)) != spans[signature]:
                    spans[signature] = (min(days), max(days))
                    widened.append(signature)
        pending = widened
    return {signature: list(found.values()) for signature, found in members.items()}


def _members_within(session: Session, reach: Sequence[tuple[str, str, str]]) -> Iterable[tuple[str, _Member]]:
    """The stored reports of the clusters of each (signature, first day from, first day to)."""
    clusters = or_(
        *(
            and_(EventClusterRow.signature == signature, EventClusterRow.date_start.between(low, high))
            for signature, low, high in reach
        )
    )
    query = (
        select(
            EventClusterRow.signature,
            EventRow.id,
            DocumentRow.doc_id,
            EventRow.local_id,
            EventRow.date,
            DocumentRow.date,
            EventRow.document_id,
            EventRow.mode,
            EventRow.cluster_id,
        )
        .join(EventRow, EventRow.cluster_id == EventClusterRow.id)
        .join(DocumentRow, DocumentRow.id == EventRow.document_id)
        .where(clusters)
    )
    for signature, pk, doc_id, local_id, own, fallback, document_pk, mode, cluster_pk in session.execute(query):
        days = date_range(own or fallback)
        day = days[0] if days is not None and is_day(days) else None
        yield signature, _Member(pk, (doc_id, local_id), day, document_pk, mode, cluster_pk)


def _new_members(session: Session, reports: Sequence[Report]) -> list[_Member]:
    document_pks = sorted({report.document_pk for report in reports if report.document_pk is not None})
    doc_ids: dict[int, str] = {}
    for start in range(0, len(document_pks), _LOOKUP_CHUNK):
        chunk = document_pks[start : start + _LOOKUP_CHUNK]
        query = select(DocumentRow.id, DocumentRow.doc_id).where(DocumentRow.id.in_(chunk))
        doc_ids.update((pk, doc_id) for pk, doc_id in session.execute(query))
    events = select(EventRow.id, EventRow.local_id).where(EventRow.id.in_([report.event_pk for report in reports]))
    local_ids = {pk: local_id for pk, local_id in session.execute(events)}
    return [
        _Member(
            report.event_pk,
            (doc_ids.get(report.document_pk or 0, ""), local_ids.get(report.event_pk, str(report.event_pk))),
            report.days[0] if report.days is not None and is_day(report.days) else None,
            report.document_pk,
            report.mode,
            None,
        )
        for report in reports
    ]


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
    """Cluster new reports with the stored reports of their signatures near their days (``_stored_members``):
    they are partitioned again (``partition``), stored clusters keep their ids where they keep reports, clusters
    left empty go, and those whose reports changed are recounted."""
    if not reports:
        return
    _mark_coarse_places(session, reports)
    by_signature: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_signature[report.signature].append(report)
    new_members = dict(zip((r.event_pk for r in reports), _new_members(session, reports), strict=True))
    fresh = {signature: [new_members[r.event_pk] for r in found] for signature, found in by_signature.items()}
    stored = _stored_members(session, fresh)
    founders: list[tuple[_Group, Report]] = []
    every_group: list[_Group] = []
    dropped: set[int] = set()
    for signature, reported in by_signature.items():
        old = stored.get(signature, [])
        groups = partition([*old, *fresh[signature]], signature)
        dropped |= _keep_ids(groups, {member.cluster_pk for member in old if member.cluster_pk is not None})
        template = reported[0]
        every_group += groups
        for group in groups:
            if group.pk is None:
                founders.append((group, template))
    # The stored clusters whose reports change: those losing one, those gaining one, those left empty.
    changed = {m.cluster_pk for g in every_group for m in g.members if m.cluster_pk not in (g.pk, None)} | dropped
    changed |= {g.pk for g in every_group if g.pk is not None and any(m.cluster_pk != g.pk for m in g.members)}
    touch(session, changed)
    for round_ in _told_apart(founders):
        rows = [_new_row(group, template) for group, template in round_]
        for (group, _), pk in zip(
            round_, insert_returning_ids(session, EventClusterRow, rows, key=_NEW_CLUSTER_KEY), strict=True
        ):
            group.pk = pk
        touch_new(session, [group.pk for group, _ in round_ if group.pk is not None])
    moves = [{"id": m.event_pk, "cluster_id": g.pk} for g in every_group for m in g.members if m.cluster_pk != g.pk]
    if moves:
        session.execute(update(EventRow), moves)
    if dropped:
        session.execute(delete(EventClusterRow).where(EventClusterRow.id.in_(sorted(dropped))))
    refresh_clusters(session, (changed - dropped) | {group.pk for group, _ in founders if group.pk is not None})


def _keep_ids(groups: list[_Group], stored: set[int]) -> set[int]:
    """Give each group the stored cluster holding most of its reports (each id once); the stored clusters
    no group keeps are returned, to be dropped."""
    kept: set[int] = set()
    for group in sorted(groups, key=lambda g: -len(g.members)):
        counts: dict[int, int] = defaultdict(int)
        for member in group.members:
            if member.cluster_pk is not None and member.cluster_pk not in kept:
                counts[member.cluster_pk] += 1
        if counts:
            group.pk = min(counts, key=lambda pk: (-counts[pk], pk))
            kept.add(group.pk)
    return stored - kept


# New clusters are told apart by signature and first day; one document's reports, or a partition that
# splits, can open two clusters with both the same, so those go in separate insert statements.
_NEW_CLUSTER_KEY = ("signature", "date_start")


def _told_apart(founders: list[tuple[_Group, Report]]) -> list[list[tuple[_Group, Report]]]:
    """The new clusters in rounds whose (signature, first day) keys are unique within each round."""
    rounds: list[list[tuple[_Group, Report]]] = []
    seen: dict[tuple[str, object], int] = defaultdict(int)
    for group, template in founders:
        row = _new_row(group, template)
        key = (str(row["signature"]), row["date_start"])
        if seen[key] == len(rounds):
            rounds.append([])
        rounds[seen[key]].append((group, template))
        seen[key] += 1
    return rounds


def _new_row(group: _Group, template: Report) -> dict[str, object]:
    """A cluster row as a group opens it (``refresh_clusters`` then counts its reports); type, place and
    point are the signature's, the same for every report of it."""
    first = min((m.day for m in group.members if m.day is not None), default=None)
    single = template.signature.startswith("single:")
    days = template.days if single else ((first, first) if first else None)
    return {
        "signature": template.signature,
        "date_start": days[0].isoformat() if days else None,
        "date_end": days[1].isoformat() if days else None,
        "type": template.type,
        "mode": group.mode,
        "place_identity_id": template.place_identity_id,
        "latitude": template.point[0],
        "longitude": template.point[1],
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
    rebuild_at_commit(session)
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
                EventRow.source_actors,
                EventRow.target_actors,
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
                names_participant=bool(json.loads(written_sources or "[]") or json.loads(written_targets or "[]")),
            )
            for pk, kind, mode, place, lat, lon, own, fallback, document_pk, written_sources, written_targets in rows
        ]
        assign_clusters(session, reports)
        last = rows[-1][0]
    return session.scalar(select(func.count()).select_from(EventClusterRow)) or 0


def cluster_partition(session: Session) -> set[frozenset[tuple[str, str]]]:
    """Every event cluster as the set of its reports, each named by document id and event id: names that do
    not depend on the order documents were stored in, so two knowledge bases can be compared."""
    rows = session.execute(
        select(EventRow.cluster_id, DocumentRow.doc_id, EventRow.local_id).join(
            DocumentRow, DocumentRow.id == EventRow.document_id
        )
    )
    groups: dict[int | None, set[tuple[str, str]]] = defaultdict(set)
    for cluster, document, event in rows:
        groups[cluster].add((document, event))
    return {frozenset(group) for group in groups.values()}


def _event_roles(session: Session, event_pks: list[int]) -> dict[int, dict[str, list[int]]]:
    roles: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"source": [], "target": []})
    query = select(EventActorRow.event_id, EventActorRow.role, EventActorRow.identity_id).where(
        EventActorRow.event_id.in_(event_pks), EventActorRow.role.in_(("source", "target"))
    )
    for event_pk, role, identity in session.execute(query.order_by(EventActorRow.id)):
        roles[event_pk][role].append(identity)
    return roles
