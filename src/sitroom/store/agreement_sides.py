"""The side an agreement's actor stands for: a state, its government and its forces are one side.

Reports of one agreement name the government side as "Syria", "the Syrian government", "the Syrian army"
or "Damascus forces": several actor identities. An actor identity stands for its state's side when
- it is the state (a registry entry of kind state);
- it is a registry entry of the state's government (``XXX_GOV``) or affiliated with it, directly or
  through other entries ("Syrian Arab Army" → "Government of Syria"), whose country is that state;
- it is an unregistered government body or institution whose name names one state and nothing else by
  the state's name, demonym or capital ("the Syrian regime army", "Damascus forces", "Syria's military",
  its apostrophe stripped); a name coordinating two groups ("Damascus and opposition forces") names no
  side.
Every other actor is its own side, once spelling variants are merged (``merged_into``). A side is the
actor identity of its state when the knowledge base holds one.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.knowledge.registry import Registry, load_registry
from sitroom.names import name_tokens
from sitroom.store.schema import ActorIdentityRow

BODY_KINDS = frozenset({"government", "institution"})
COORDINATORS = frozenset({"and", "or"})
CHUNK = 500


def actor_sides(session: Session, actor_ids: Iterable[int]) -> dict[int, int]:
    """The side (an actor identity id) of each of ``actor_ids`` that stands for another: the state's
    identity, else the first of ``actor_ids`` standing for the state."""
    wanted = sorted(set(actor_ids))
    if not wanted:
        return {}
    registry = load_registry()
    columns = (
        ActorIdentityRow.id,
        ActorIdentityRow.canonical_id,
        ActorIdentityRow.name,
        ActorIdentityRow.kind,
        ActorIdentityRow.merged_into,
    )
    found_rows = [
        row
        for start in range(0, len(wanted), CHUNK)
        for row in session.execute(select(*columns).where(ActorIdentityRow.id.in_(wanted[start : start + CHUNK])))
    ]
    states: dict[int, str] = {}
    merged: dict[int, int] = {}
    for pk, canonical, name, kind, into in found_rows:
        state = _registered_state(registry, canonical) if canonical else _named_state(registry, name, kind)
        if state is not None:
            states[pk] = state
        elif into is not None and into != pk:
            merged[pk] = into
    rows = select(ActorIdentityRow.id, ActorIdentityRow.canonical_id).where(
        ActorIdentityRow.canonical_id.in_(sorted(set(states.values())))
    )
    found: dict[str, int] = {}
    for pk, code in session.execute(rows.order_by(ActorIdentityRow.id)):
        if code is not None:
            found.setdefault(code, pk)
    for pk, code in sorted(states.items()):
        found.setdefault(code, pk)  # no identity of the state itself: its first actor stands for its side
    sides = {pk: found[code] for pk, code in states.items() if found[code] != pk}
    return sides | merged


def _registered_state(registry: Registry, canonical: str) -> str | None:
    """The state a registry entry stands for: itself, or the state whose government it belongs to."""
    entry = registry.get(canonical)
    if entry is None:
        return None
    if entry.kind == "state":
        return entry.id
    if entry.country is None:
        return None
    government = f"{entry.country}_GOV"
    seen: set[str] = set()
    todo = [entry.id]
    while todo:
        current = todo.pop()
        if current == government:
            return entry.country
        if current in seen:
            continue
        seen.add(current)
        found = registry.get(current)
        todo += list(found.affiliations) if found else []
    return None


def _named_state(registry: Registry, name: str, kind: str) -> str | None:
    """The one state an unregistered government body's name names, by name, demonym or capital."""
    if kind not in BODY_KINDS:
        return None
    tokens = name_tokens(name)
    if COORDINATORS & set(tokens):
        return None
    named: set[str] = set()
    for token in tokens:
        for key in {(token,), (token.removesuffix("s"),)}:  # "Syrias": a possessive, its apostrophe stripped
            for index in (registry.by_name, registry.by_demonym, registry.by_metonym):
                named |= {found for found in index.get(key, ()) if _is_state(registry, found)}
    return named.pop() if len(named) == 1 else None


def _is_state(registry: Registry, actor_id: str) -> bool:
    entry = registry.get(actor_id)
    return entry is not None and entry.kind == "state"
