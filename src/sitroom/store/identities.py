"""Cross-document identities of actors and places, resolved for a whole record in a few statements.

An actor is its registry id when registered, else its normalised name (``sitroom.names.name_key``); a
place is its GeoNames id, else its coordinates rounded to 0.01°, else its normalised name and country (a
place located at its parent's point is known by its name: a hospital is not the town it stands in).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.names import name_key
from sitroom.record import Actor, Place
from sitroom.store.schema import ActorAliasRow, ActorIdentityRow, PlaceIdentityRow
from sitroom.store.statements import Row, insert_ignoring_conflicts

MAX_KEY = 300
_LOOKUP_CHUNK = 500
PLACE_FIELDS = frozenset({"name", "country", "admin1", "lat", "lon", "feature", "geonames_id", "located_by"})


def actor_key(actor: Actor) -> str:
    """The cross-document identity key of an actor."""
    if actor.registered and actor.canonical_id:
        return f"id:{actor.canonical_id}"[:MAX_KEY]
    return f"name:{name_key(actor.name) or actor.name.casefold()}"[:MAX_KEY]


def place_key(place: Place) -> str:
    """The cross-document identity key of a place."""
    if place.geonames_id is not None:
        return f"gn:{place.geonames_id}"
    if place.lat is not None and place.lon is not None and place.located_by != "parent":
        return f"ll:{place.lat:.2f},{place.lon:.2f}"
    return f"name:{name_key(place.name) or place.name.casefold()}|{place.country or ''}"[:MAX_KEY]


IdentityModel = type[ActorIdentityRow] | type[PlaceIdentityRow]


def _ids_by_key(session: Session, model: IdentityModel, keys: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(keys), _LOOKUP_CHUNK):
        chunk = keys[start : start + _LOOKUP_CHUNK]
        found.update((key, pk) for pk, key in session.execute(select(model.id, model.key).where(model.key.in_(chunk))))
    return found


def _identity_ids(session: Session, model: IdentityModel, rows: dict[str, Row]) -> dict[str, int]:
    """Ids of identities by key, creating the missing ones from ``rows`` (key → column values)."""
    found = _ids_by_key(session, model, list(rows))
    # In key order, so that concurrent writers (PostgreSQL) take unique-index locks in one order, not a deadlock.
    missing = sorted(key for key in rows if key not in found)
    if missing:
        insert_ignoring_conflicts(session, model, [{"key": key, **rows[key]} for key in missing])
        found.update(_ids_by_key(session, model, missing))
    return found


def actor_aliases(actor: Actor) -> Iterable[str]:
    """Every name an actor goes by in a record, whitespace-normalised."""
    for text in dict.fromkeys([actor.name, *(mention.text for mention in actor.mentions)]):
        if alias := " ".join(text.split())[:MAX_KEY]:
            yield alias


def link_actors(session: Session, actors: Sequence[Actor]) -> dict[str, int]:
    """Identity ids of a record's actors (local id → identity), with every name they go by stored as an alias."""
    return link_actor_groups(session, [actors])[0]


def link_actor_groups(session: Session, groups: Sequence[Sequence[Actor]]) -> list[dict[str, int]]:
    """:func:`link_actors` for the actors of several records at once (one group per record). Unnamed groups
    ("rebels", "six civilians") have no identity across documents.

    Identities and aliases of the whole batch are inserted in one statement each, in key order, so that
    writers storing batches concurrently (PostgreSQL) wait for each other's unique keys in one order.
    """
    groups = [[actor for actor in actors if actor.collective is None] for actors in groups]
    rows: dict[str, Row] = {}
    for actor in (actor for actors in groups for actor in actors):
        values = {"canonical_id": actor.canonical_id, "name": actor.name, "kind": actor.kind}
        rows.setdefault(actor_key(actor), values)
    by_key = _identity_ids(session, ActorIdentityRow, rows)
    linked = [{actor.id: by_key[actor_key(actor)] for actor in actors} for actors in groups]
    aliases = {
        (identities[actor.id], alias): {
            "identity_id": identities[actor.id],
            "alias": alias,
            "alias_key": name_key(alias)[:MAX_KEY],
        }
        for actors, identities in zip(groups, linked, strict=True)
        for actor in actors
        for alias in actor_aliases(actor)
    }
    insert_ignoring_conflicts(session, ActorAliasRow, [aliases[pair] for pair in sorted(aliases)])
    return linked


def link_places(session: Session, places: Sequence[Place]) -> dict[str, int]:
    """Identity ids of a record's places (local id → identity)."""
    return link_place_groups(session, [places])[0]


def link_place_groups(session: Session, groups: Sequence[Sequence[Place]]) -> list[dict[str, int]]:
    """:func:`link_places` for the places of several records at once, in key order (see above)."""
    rows: dict[str, Row] = {}
    for place in (place for places in groups for place in places):
        rows.setdefault(place_key(place), place.model_dump(include=set(PLACE_FIELDS)))
    by_key = _identity_ids(session, PlaceIdentityRow, rows)
    return [{place.id: by_key[place_key(place)] for place in places} for places in groups]
