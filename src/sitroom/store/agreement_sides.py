"""The side an agreement's actor stands for: a state, its government and its forces are one side.

Reports of one agreement name the government side as "Syria", "the Syrian government", "the Syrian army"
or "Damascus forces": several actor identities. An actor identity stands for its state's side when
- it is the state (a registry entry of kind state);
- it is a registry entry of the state's government (``XXX_GOV``) or affiliated with it, directly or
  through other entries ("Syrian Arab Army" → "Government of Syria"), whose country is that state;
- it is an unregistered government body or institution whose name names one state and nothing else by
  the state's name, demonym or capital ("the Syrian regime army", "Damascus forces", "Syria's military",
  its apostrophe stripped); a name coordinating two states' bodies ("Damascus and Ankara troops") names
  neither.
An unnamed group has no actor identity of its own across documents ("rebels", "Kurdish fighters"), but it
stands for a *collective side* (``collective_sides``, a negative number): the armed opposition ("rebels",
"insurgents", "militants", "the opposition", or "fighters", "groups", "factions", "forces" said to be of the
opposition, rebels, insurgents or militants, whatever else qualifies them: "non-jihadist rebels",
"US-backed opposition groups"), or Kurdish armed groups ("Kurdish fighters", "Kurdish militias"). A bare
"fighters" or "groups", or forces qualified by a state ("Turkish forces"), stand for none; a bare
"groups" or "fighters" names no side at all (``names_a_side``: "the groups that joined the agreement"). A name
coordinating a state's body with such a group ("Damascus and opposition forces") stands for both sides.
Every other actor is its own side, once spelling variants are merged (``merged_into``). A side is the
actor identity of its state when the knowledge base holds one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.knowledge.registry import Registry, load_registry
from sitroom.names import name_tokens
from sitroom.store.schema import ActorIdentityRow

BODY_KINDS = frozenset({"government", "institution"})
COORDINATORS = frozenset({"and", "or"})
CHUNK = 500
COLLECTIVE_SIDES = {"opposition": -1, "kurdish": -2}  # the codes of collective sides
OPPOSITION_WORDS = frozenset({"rebel", "insurgent", "militant", "opposition"})  # singular
GROUP_HEADS = frozenset({"fighter", "militia", "faction", "group", "force", "troop", "brigade", "unit"})
KURDISH_WORDS = frozenset({"kurdish", "kurd"})
GENERIC_WORDS = frozenset({"the", "armed", "some", "other", "several", "many", "all"})  # "armed groups": no side


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
    collective = {pk: code for pk, _c, name, _k, _m in found_rows if pk not in states for code in _one(name)}
    return merged | collective | sides


def collective_sides(names: Iterable[str]) -> set[int]:
    """The collective sides (``COLLECTIVE_SIDES``) the groups of ``names`` stand for."""
    return {side for name in names for side in _sides_of(name)}


def names_a_side(name: str) -> bool:
    """Does an actor's name tell a side, known or not ("residents", "rebels", "Syria"), rather than any
    group at all (a bare "groups", "armed factions", "the fighters")?"""
    words = [word.removesuffix("s") if len(word) > 3 else word for word in re.findall(r"[a-z]+", name.lower())]
    return not words or words[-1] not in GROUP_HEADS or not set(words[:-1]) <= GENERIC_WORDS


def _one(name: str) -> set[int]:
    """The collective side a name stands for when it stands for one side only."""
    found = _sides_of(name)
    return found if len(found) == 1 and len(_conjuncts(name)) == 1 else set()


def _sides_of(name: str) -> set[int]:
    found: set[int] = set()
    for part in _conjuncts(name):
        words = [word.removesuffix("s") if len(word) > 3 else word for word in part]  # singular
        if words[-1] not in OPPOSITION_WORDS | GROUP_HEADS | KURDISH_WORDS:
            continue
        if KURDISH_WORDS & set(words):  # "Kurdish fighters", "the Kurds"
            found.add(COLLECTIVE_SIDES["kurdish"])
        elif words[-1] in OPPOSITION_WORDS or OPPOSITION_WORDS & set(words[:-1]):
            found.add(COLLECTIVE_SIDES["opposition"])
    return found


def _conjuncts(name: str) -> list[list[str]]:
    """The groups a name coordinates, each with the shared head ("Damascus and opposition forces": "Damascus
    forces", "opposition forces"), as lower-case words."""
    words = re.findall(r"[a-z]+", name.lower())
    parts: list[list[str]] = [[]]
    for word in words:
        if word in COORDINATORS:
            parts.append([])
        else:
            parts[-1].append(word)
    parts = [part for part in parts if part]
    head = parts[-1][-1:] if parts else []
    return [
        part if part[-1:] == head or index == len(parts) - 1 else [*part, *head] for index, part in enumerate(parts)
    ]


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
        parts = _conjuncts(name)
        named_parts = [part for part in parts if not _sides_of(" ".join(part))]
        if len(parts) < 2 or len(named_parts) != 1:
            return None  # "Damascus and rebel troops": the state and the opposition; two bodies: neither
        tokens = name_tokens(" ".join(named_parts[0]))
    named: set[str] = set()
    for token in tokens:
        for key in {(token,), (token.removesuffix("s"),)}:  # "Syrias": a possessive, its apostrophe stripped
            for index in (registry.by_name, registry.by_demonym, registry.by_metonym):
                named |= {found for found in index.get(key, ()) if _is_state(registry, found)}
    return named.pop() if len(named) == 1 else None


def _is_state(registry: Registry, actor_id: str) -> bool:
    entry = registry.get(actor_id)
    return entry is not None and entry.kind == "state"
