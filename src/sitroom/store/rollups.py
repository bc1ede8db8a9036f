"""Pre-aggregated events and network edges, kept exactly in step with the event clusters.

Every event (cluster) adds one to its row of ``event_rollups`` (type, place, point, start and end month,
date precision), of ``month_rollups`` (the same with the place's country instead of the place and point:
the timeline when no place is asked for), of ``day_rollups`` (type, country, first day and end month: the
timeline's days and weeks), of ``point_rollups`` (the same without dates: the map when no
dates are asked for), of ``location_rollups`` (the same without the type: the map when neither is asked
for) and of each of its ``edge_rollups`` rows (a source and a target actor of one of its
reports, type, place, months; in ``network_rollups`` the same without place and months: the network when
no place, country or dates are asked for; in ``actor_edge_rollups`` also per actor the event names, without
place and months: the network of an actor's events). The map's cells, the timeline's bins and the
network's edges add these up instead of reading every event, when a request's filters are ones the keys
cover (``browse.aggregates.covers``). ``actor_events`` holds one row per actor identity and event it is named in
(any role, any report), with the event's first day: what an actor filter reads, so that an actor's newest
events come by index.

Writers call :func:`touch` before changing a cluster (its row, its reports or their actors), or
:func:`touch_new` for a cluster they create; when the session commits, the rollups take the difference
between what the touched clusters count now and what they counted when first touched: in the same
transaction as the change, so they never drift and a crash leaves both or neither (the touched clusters'
``actor_events`` rows are written again). Increments are upserts,
so concurrent writers (PostgreSQL) add up rather than overwrite each other.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, event, func, inspect, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, SessionTransaction

from sitroom.store.schema import (
    ActorEdgeRollupRow,
    ActorEventRow,
    DayRollupRow,
    EdgeRollupRow,
    EventActorRow,
    EventClusterRow,
    EventRollupRow,
    EventRow,
    LocationRollupRow,
    MonthRollupRow,
    NetworkRollupRow,
    PlaceIdentityRow,
    PointRollupRow,
)
from sitroom.store.statements import insert_ignoring_conflicts, table_of

EventKey = tuple[str, int | None, float | None, float | None, str | None, str | None, str, str | None, str | None]
EdgeKey = tuple[int, int, str, int | None, str | None, str | None]
ActorEdgeKey = tuple[int, int, int, str]
# An event's key: the event rollups' columns, its place's country (a place identity's country never changes)
# and its first day.
KEY_COLUMNS = (
    *("type", "place_identity_id", "latitude", "longitude", "month_start", "month_end", "precision"),
    *("country", "day_start"),
)
# Each rollup keeps some of the key's columns (the event rollups' place tells the country).
EVENT_COLUMNS = KEY_COLUMNS[:7]
MONTH_COLUMNS = ("type", "country", "month_start", "month_end", "precision")
DAY_COLUMNS = ("type", "country", "day_start", "month_end")
POINT_COLUMNS = ("type", "place_identity_id", "latitude", "longitude")
LOCATION_COLUMNS = POINT_COLUMNS[1:]
EDGE_COLUMNS = ("source_id", "target_id", "type", "place_identity_id", "month_start", "month_end")
NETWORK_COLUMNS = EDGE_COLUMNS[:3]  # the network rollups are a projection of the edge key
ACTOR_EDGE_COLUMNS = ("actor_id", "source_id", "target_id", "type")
ROLLUPS = (
    *(EventRollupRow, MonthRollupRow, DayRollupRow, PointRollupRow, LocationRollupRow),
    *(EdgeRollupRow, NetworkRollupRow, ActorEdgeRollupRow),
)
_TRACKED = "sitroom.rollups.tracked"  # session.info: the touched clusters' ids and what they counted then
_REBUILD = "sitroom.rollups.rebuild"  # session.info: every cluster changed; rebuild at commit
_CHUNK = 500
Row = dict[str, Any]


@dataclass
class Counts:
    """What some clusters add to the rollups: events (and the sum of their ids) per event key (the month, day,
    point and location rollups are projections of it), per edge key and per edge and actor named in the event."""

    events: Counter[EventKey] = field(default_factory=Counter)
    ids: Counter[EventKey] = field(default_factory=Counter)
    edges: Counter[EdgeKey] = field(default_factory=Counter)
    actor_edges: Counter[ActorEdgeKey] = field(default_factory=Counter)

    def add(self, other: Counts) -> None:
        self.events.update(other.events)
        self.ids.update(other.ids)
        self.edges.update(other.edges)
        self.actor_edges.update(other.actor_edges)


@dataclass
class _Tracked:
    """The clusters touched in a transaction and what they counted when first touched."""

    ids: set[int] = field(default_factory=set)
    before: Counts = field(default_factory=Counts)


def precision(start: str | None, end: str | None) -> str:
    """How precisely an event's dates are known: one ``day``, ``days`` within a month, a whole ``month``, a
    whole ``year``, or ``longer`` (the timeline's date precision; ``browse.time_bins`` states the same rule in
    SQL for the events the rollups do not cover, and the rollup tests compare the two)."""
    if end is None or start == end or start is None:
        return "day"
    if start[:7] == end[:7]:
        return "month" if start[8:10] == "01" and end[8:10] >= "28" else "days"
    return "year" if start[:4] == end[:4] and start[5:10] == "01-01" and end[5:10] == "12-31" else "longer"


def _month(day: str | None) -> str | None:
    return day[:7] if day is not None else None


def _counts(session: Session, cluster_ids: Sequence[int]) -> Counts:
    """What the clusters ``cluster_ids`` count now (those no longer stored count nothing)."""
    counts = Counts()
    for start in range(0, len(cluster_ids), _CHUNK):
        chunk = cluster_ids[start : start + _CHUNK]
        _add_clusters(session, counts, EventClusterRow.id.in_(chunk))
    return counts


def _add_clusters(session: Session, counts: Counts, where: ColumnElement[bool]) -> None:
    """Add what the clusters ``where`` selects count now."""
    cluster = EventClusterRow
    columns = (cluster.id, cluster.type, cluster.place_identity_id, cluster.latitude, cluster.longitude)
    kinds: dict[int, tuple[str, int | None, str | None, str | None]] = {}
    located = select(*columns, cluster.date_start, cluster.date_end, PlaceIdentityRow.country)
    located = located.outerjoin(PlaceIdentityRow, PlaceIdentityRow.id == cluster.place_identity_id)
    for pk, kind, place, lat, lon, start, end, country in session.execute(located.where(where)):
        how = precision(start, end)
        key: EventKey = (kind, place, lat, lon, _month(start), _month(end), how, country, start)
        counts.events[key] += 1
        counts.ids[key] += pk
        kinds[pk] = (kind, place, _month(start), _month(end))
    source, target = EventActorRow.__table__.alias("s"), EventActorRow.__table__.alias("t")
    pairs = (
        select(EventRow.cluster_id, source.c.identity_id, target.c.identity_id)
        .join(source, and_(source.c.event_id == EventRow.id, source.c.role == "source"))
        .join(target, and_(target.c.event_id == EventRow.id, target.c.role == "target"))
        .join(EventClusterRow, EventClusterRow.id == EventRow.cluster_id)
        .where(where, source.c.identity_id != target.c.identity_id)
        .distinct()
    )
    edges: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, source_id, target_id in session.execute(pairs):
        kind, place, first, last = kinds[pk]
        counts.edges[(source_id, target_id, kind, place, first, last)] += 1
        edges[pk].append((source_id, target_id))
    named = (
        select(EventClusterRow.id, EventActorRow.identity_id)
        .join(EventRow, EventRow.cluster_id == EventClusterRow.id)
        .join(EventActorRow, EventActorRow.event_id == EventRow.id)
        .where(EventClusterRow.id.in_(sorted(edges)))
        .distinct()
    )
    for cluster_id, actor in session.execute(named) if edges else ():
        for source_id, target_id in edges[cluster_id]:
            counts.actor_edges[(actor, source_id, target_id, kinds[cluster_id][0])] += 1


def touch(session: Session, cluster_ids: Iterable[int]) -> None:
    """Remember what these clusters count before the session changes them (once per transaction)."""
    if session.info.get(_REBUILD):
        return
    tracked: _Tracked = session.info.setdefault(_TRACKED, _Tracked())
    fresh = sorted(set(cluster_ids) - tracked.ids)
    tracked.ids.update(fresh)
    tracked.before.add(_counts(session, fresh))


def touch_new(session: Session, cluster_ids: Iterable[int]) -> None:
    """Clusters the session has just created: they counted nothing before."""
    if not session.info.get(_REBUILD):
        session.info.setdefault(_TRACKED, _Tracked()).ids.update(cluster_ids)


def rebuild_at_commit(session: Session) -> None:
    """Every cluster is being replaced (a recluster): rebuild the rollups from scratch when the session commits."""
    session.info[_REBUILD] = True
    session.info.pop(_TRACKED, None)


def rebuild(session: Session) -> None:
    """Fill the rollups and ``actor_events`` from every stored cluster (a migration, a recluster); a migration
    to an earlier revision fills the rollups that revision has."""
    present = set(inspect(session.connection()).get_table_names())
    kept = tuple(model for model in ROLLUPS if model.__tablename__ in present)
    for model in kept:
        session.execute(delete(model))
    session.execute(delete(ActorEventRow))
    counts = Counts()
    for ids in _cluster_chunks(session):
        _add_clusters(session, counts, EventClusterRow.id.in_(ids))
        insert_ignoring_conflicts(session, ActorEventRow, _actor_events(session, ids))
    _apply(session, counts, Counts(), kept)


def fill_network(session: Session) -> None:
    """Fill the network rollups by adding up the edge rollups (a migration)."""
    edge = EdgeRollupRow
    grouped = session.execute(
        select(edge.source_id, edge.target_id, edge.type, func.sum(edge.events)).group_by(
            edge.source_id, edge.target_id, edge.type
        )
    )
    rows = [_row(NETWORK_COLUMNS, (source, target, kind)) | {"events": n} for source, target, kind, n in grouped]
    _add(session, NetworkRollupRow, rows, ("events",))


def fill_locations(session: Session) -> None:
    """Fill the location rollups by adding up the point rollups over types (a migration)."""
    point = PointRollupRow
    grouped = session.execute(
        select(
            point.place_identity_id, point.latitude, point.longitude, func.sum(point.events), func.sum(point.id_sum)
        ).group_by(point.place_identity_id, point.latitude, point.longitude)
    )
    rows = [
        _row(LOCATION_COLUMNS, (place, lat, lon)) | {"events": n, "id_sum": ids} for place, lat, lon, n, ids in grouped
    ]
    _add(session, LocationRollupRow, rows, ("events", "id_sum"))


def _cluster_chunks(session: Session) -> Iterator[list[int]]:
    """Every stored cluster's id, in chunks, in id order."""
    last = 0
    while ids := list(
        session.scalars(select(EventClusterRow.id).where(EventClusterRow.id > last).order_by("id").limit(_CHUNK * 4))
    ):
        yield ids
        last = ids[-1]


def _actor_events(session: Session, cluster_ids: Sequence[int]) -> list[Row]:
    """The ``actor_events`` rows of the clusters ``cluster_ids`` as they are now, in key order."""
    query = (
        select(EventActorRow.identity_id, EventRow.cluster_id, EventClusterRow.date_start)
        .join(EventRow, EventRow.id == EventActorRow.event_id)
        .join(EventClusterRow, EventClusterRow.id == EventRow.cluster_id)
        .where(EventClusterRow.id.in_(cluster_ids))
        .distinct()
    )
    rows = sorted(tuple(row) for row in session.execute(query))
    return [{"identity_id": actor, "cluster_id": cluster, "date_key": day or ""} for actor, cluster, day in rows]


def _rewrite_actor_events(session: Session, cluster_ids: Sequence[int]) -> None:
    """Write the ``actor_events`` rows of the clusters ``cluster_ids`` again (none for clusters gone)."""
    for start in range(0, len(cluster_ids), _CHUNK):
        chunk = cluster_ids[start : start + _CHUNK]
        session.execute(delete(ActorEventRow).where(ActorEventRow.cluster_id.in_(chunk)))
        insert_ignoring_conflicts(session, ActorEventRow, _actor_events(session, chunk))


def _settle(session: Session) -> None:
    """Add to the rollups what the touched clusters count now less what they counted before."""
    if session.info.pop(_REBUILD, False):
        rebuild(session)
    elif (tracked := session.info.pop(_TRACKED, None)) is not None:
        touched = sorted(tracked.ids)
        _apply(session, _counts(session, touched), tracked.before)
        _rewrite_actor_events(session, touched)


def _apply(session: Session, after: Counts, before: Counts, kept: Sequence[type[Any]] = ROLLUPS) -> None:
    """Add ``after`` less ``before`` to the rollup tables (those in ``kept``)."""
    events, ids = Counter(after.events), Counter(after.ids)
    events.subtract(before.events)
    ids.subtract(before.ids)
    for model, columns in (
        (EventRollupRow, EVENT_COLUMNS),
        (MonthRollupRow, MONTH_COLUMNS),
        (DayRollupRow, DAY_COLUMNS),
        (PointRollupRow, POINT_COLUMNS),
        (LocationRollupRow, LOCATION_COLUMNS),
    ):
        if model not in kept:
            continue
        picked = [KEY_COLUMNS.index(column) for column in columns]
        changes: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0])
        for key in set(events) | set(ids):
            change = changes[tuple(key[index] for index in picked)]
            change[0] += events[key]
            change[1] += ids[key]
        rows = [
            _row(columns, key) | {"events": n, "id_sum": total} for key, (n, total) in changes.items() if n or total
        ]
        _add(session, model, rows, ("events", "id_sum"))
    edges: Counter[Any] = Counter(after.edges)
    edges.subtract(before.edges)
    network: Counter[Any] = Counter()
    for key, n in edges.items():
        network[key[: len(NETWORK_COLUMNS)]] += n
    actor_edges: Counter[Any] = Counter(after.actor_edges)
    actor_edges.subtract(before.actor_edges)
    for edge_model, edge_columns, delta in (
        (EdgeRollupRow, EDGE_COLUMNS, edges),
        (NetworkRollupRow, NETWORK_COLUMNS, network),
        (ActorEdgeRollupRow, ACTOR_EDGE_COLUMNS, actor_edges),
    ):
        if edge_model not in kept:
            continue
        rows = [_row(edge_columns, key) | {"events": n} for key, n in delta.items() if n]
        _add(session, edge_model, rows, ("events",))


def _row(columns: Sequence[str], key: tuple[Any, ...]) -> Row:
    """A rollup row's key columns, and ``key``: a 64-bit digest of them (unique, unlike columns that may be NULL)."""
    digest = hashlib.blake2b(repr(key).encode(), digest_size=8).digest()
    return dict(zip(columns, key, strict=True)) | {"key": int.from_bytes(digest, "big", signed=True)}


def _add(
    session: Session,
    model: type[EventRollupRow | MonthRollupRow | DayRollupRow | PointRollupRow | LocationRollupRow]
    | type[EdgeRollupRow | NetworkRollupRow | ActorEdgeRollupRow],
    rows: list[Row],
    sums: Sequence[str],
) -> None:
    """Add the rows' counts to the stored rows of the same keys (inserting new keys, in key order so that
    concurrent writers lock rows in one order); drop rows left at 0."""
    table = table_of(model)
    upsert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = upsert(table)
    statement = statement.on_conflict_do_update(
        index_elements=["key"], set_={name: table.c[name] + statement.excluded[name] for name in sums}
    )
    rows.sort(key=lambda row: row["key"])
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        session.execute(statement, chunk)
        session.execute(delete(table).where(table.c.key.in_([row["key"] for row in chunk]), table.c.events == 0))


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if not session.in_nested_transaction():  # a savepoint's release is not the transaction's end
        _settle(session)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # committed (rollups settled) or rolled back (snapshots void)
        session.info.pop(_TRACKED, None)
        session.info.pop(_REBUILD, None)
