"""The actor network with its own filters: actor kinds, minimum events per edge, minimum degree, ego network.

Only real actors take part: identities of kind ``other`` (things or words the pipeline could not type as a
state, group, person…) are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session, aliased

from sitroom.store.browse.aggregates import Edges, edges
from sitroom.store.browse.common import Json
from sitroom.store.browse.events import EventFilter
from sitroom.store.schema import ActorIdentityRow, EventActorRow, EventRow

NOT_ACTORS = ("other",)


@dataclass(frozen=True)
class GraphOptions:
    """What the network keeps: actor kinds (all real ones when empty), edges with at least ``min_events``
    events, actors with at least ``min_degree`` neighbours, and when ``ego`` is set only that actor, its
    neighbours and the edges among them; at most ``limit`` edges, heaviest first, and of their actors the
    ``max_actors`` most connected (all when None)."""

    kinds: Collection[str] = field(default_factory=tuple)
    min_events: int = 1
    min_degree: int = 1
    ego: int | None = None
    limit: int = 400
    max_actors: int | None = None


def _edges(selection: EventFilter, options: GraphOptions) -> Edges:
    """The network's edges between real actors (of the wanted kinds), heaviest first."""
    found = edges(selection)
    source_actor, target_actor = aliased(ActorIdentityRow, name="sa"), aliased(ActorIdentityRow, name="ta")
    kinds: list[ColumnElement[bool]] = [
        source_actor.kind.not_in(NOT_ACTORS),
        target_actor.kind.not_in(NOT_ACTORS),
    ]
    if options.kinds:
        kinds += [source_actor.kind.in_(options.kinds), target_actor.kind.in_(options.kinds)]
    weight = found.query.selected_columns.weight
    query = (
        found.query.join(source_actor, source_actor.id == found.source)
        .join(target_actor, target_actor.id == found.target)
        .where(*kinds)
        .having(weight >= options.min_events)
        .order_by(weight.desc(), found.source, found.target, "type")
    )
    return replace(found, query=query)


def _among(found: Edges, actors: Collection[int]) -> Select[Any]:
    """The edges' query kept, when it reads the events, to the events these actors take part in (through the
    index on event actors, not a scan of every event)."""
    if not found.live:
        return found.query
    return found.query.where(
        EventRow.id.in_(select(EventActorRow.event_id).where(EventActorRow.identity_id.in_(actors)))
    )


def actor_graph(session: Session, selection: EventFilter, options: GraphOptions) -> Json:
    """Nodes (actors with their degree) and typed, weighted source→target edges; ``truncated`` when the edge
    limit or the actor limit cut the graph, and ``total_actors`` and ``total_links`` of the whole filtered
    graph (before either limit), so that a view can say what it leaves out."""
    found = _edges(selection, options)
    query = found.query
    if options.ego is not None:
        ego = [options.ego]
        touching = session.execute(
            _among(found, ego).where(or_(found.source == options.ego, found.target == options.ego)).limit(options.limit)
        ).all()
        circle = {options.ego} | {row.source for row in touching} | {row.target for row in touching}
        query = _among(found, circle).where(found.source.in_(circle), found.target.in_(circle))
    every = session.execute(query).all()  # the database groups every link to order them: counting is free
    rows = every[: options.limit]
    neighbours = _neighbours(rows)
    wanted = {actor for actor, others in neighbours.items() if len(others) >= options.min_degree}
    cut = options.max_actors is not None and len(wanted) > options.max_actors
    if options.max_actors is not None and cut:
        ranked = sorted(wanted, key=lambda actor: (actor != options.ego, -len(neighbours[actor]), actor))
        wanted = set(ranked[: options.max_actors])
    edges = [row for row in rows if {row.source, row.target} <= wanted | {options.ego}]
    whole = _neighbours(every)
    total_actors = sum(1 for others in whole.values() if len(others) >= options.min_degree)
    kept = {row.source for row in edges} | {row.target for row in edges}
    names = session.execute(
        select(ActorIdentityRow.id, ActorIdentityRow.name, ActorIdentityRow.kind).where(ActorIdentityRow.id.in_(kept))
    )
    return {
        "nodes": [
            {"id": row.id, "name": row.name, "kind": row.kind, "degree": len(neighbours[row.id])}
            for row in sorted(names, key=lambda item: item.id)
        ],
        "edges": [{"source": r.source, "target": r.target, "type": r.type, "weight": r.weight} for r in edges],
        "truncated": len(every) > options.limit or cut,
        "total_actors": total_actors,
        "total_links": len(every),
    }


def _neighbours(rows: Collection[Any]) -> dict[int, set[int]]:
    """Each actor's neighbours along the given links."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        neighbours[row.source].add(row.target)
        neighbours[row.target].add(row.source)
    return neighbours
